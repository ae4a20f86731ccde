/**
 * The secrets an identity keeps for redaction stay bounded while a warm client refreshes its System
 * Credentials for as long as it lives: the ones in use and the ones just before them. A local
 * container credentials endpoint (what ECS and EKS Pod Identity run) hands out new keys at every
 * request, each already expired, so every call of the provider is a refresh.
 */
import { createServer, type Server } from 'node:http';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { acquire, closeClients, DYNAMODB } from '../../nodes/DynamoDb/transport/client';
import { identityOf, RecentSecrets, SYSTEM_CREDENTIALS_GATE } from '../../nodes/DynamoDb/transport/credentials';
import { listen } from '../helpers/http';

const secretOf = (n: number) => `rotating/secret/key/${String(n).padStart(4, '0')}`;
const tokenOf = (n: number) => `rotating+session+token+${String(n).padStart(4, '0')}==`;
const VARIABLES = [SYSTEM_CREDENTIALS_GATE, 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];

describe('System Credentials refreshed many times', () => {
	let server: Server;
	let handedOut = 0;
	let saved: Record<string, string | undefined>;
	beforeAll(async () => {
		server = createServer((_req, res) => {
			handedOut++;
			res.writeHead(200, { 'content-type': 'application/json' });
			// Already expired when the next call comes: the SDK asks again then, waiting for the answer
			// (with time left it would refresh in the background and hand out the old keys meanwhile).
			res.end(JSON.stringify({ AccessKeyId: `ASIAROTATING${String(handedOut).padStart(8, '0')}`, SecretAccessKey: secretOf(handedOut), Token: tokenOf(handedOut), Expiration: new Date(Date.now() - 1000).toISOString() }));
		});
		const url = await listen(server);
		saved = Object.fromEntries(VARIABLES.map((k) => [k, process.env[k]]));
		for (const k of VARIABLES) delete process.env[k];
		Object.assign(process.env, {
			[SYSTEM_CREDENTIALS_GATE]: 'true',
			AWS_CONTAINER_CREDENTIALS_FULL_URI: `${url}/v2/credentials/n8n-task`,
			AWS_CONFIG_FILE: '/nonexistent/aws-config',
			AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
			AWS_EC2_METADATA_DISABLED: 'true',
		});
	});
	afterAll(async () => {
		closeClients();
		for (const [k, v] of Object.entries(saved)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});
	beforeEach(() => (handedOut = 0));

	const fields = { authentication: 'systemCredentials' as const, accessKeyId: '', secretAccessKey: '' };

	it('keeps the secrets in use and the ones before them, however many refreshes', async () => {
		const identity = identityOf(fields, { region: 'eu-west-1' });
		const provider = identity.credentials as AwsCredentialIdentityProvider;
		for (let n = 1; n <= 200; n++) expect((await provider()).secretAccessKey).toBe(secretOf(n));
		expect(handedOut).toBe(200);
		expect(identity.secrets()).toEqual([secretOf(200), tokenOf(200), secretOf(199), tokenOf(199)]);
		identity.destroy();
	});

	it('the same keys handed out again (two clients of one identity asking) keep the ones before them', () => {
		const recent = new RecentSecrets();
		recent.add(secretOf(1), tokenOf(1));
		recent.add(secretOf(2), tokenOf(2));
		recent.add(secretOf(2), tokenOf(2));
		expect(recent.list()).toEqual([secretOf(2), tokenOf(2), secretOf(1), tokenOf(1)]);
	});

	it('a warm client that refreshed many times still redacts the keys in use and the ones before', async () => {
		const credentials = { region: 'eu-west-1', endpoint: 'http://127.0.0.1:9', ...fields };
		const lease = acquire(DYNAMODB, credentials);
		try {
			let inUse;
			for (let n = 1; n <= 50; n++) inUse = await lease.client.config.credentials();
			expect(handedOut).toBeGreaterThanOrEqual(50);
			expect(inUse!.secretAccessKey).toBe(secretOf(handedOut));
			const text = `echo ${secretOf(handedOut)} ${tokenOf(handedOut)} ${secretOf(handedOut - 1)} ${tokenOf(handedOut - 1)} ${secretOf(1)}`;
			// The keys of the first refresh expired 49 refreshes ago: no longer kept, so no longer looked for.
			expect(lease.redact(text)).toBe(`echo *** *** *** *** ${secretOf(1)}`);
		} finally {
			lease.release();
		}
	});
});
