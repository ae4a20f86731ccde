/**
 * System Credentials: the AWS SDK's default provider chain, behind n8n's
 * N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED gate. The sources are served on this machine: keys in
 * environment variables, a container credentials endpoint (what ECS and EKS Pod Identity run) and
 * an instance metadata endpoint (IMDSv2, what EC2 runs); DynamoDB is the wire server, so the test
 * sees which keys signed each request.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { closeClients } from '../../nodes/DynamoDb/transport/client';
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { listen } from '../helpers/http';
import { TEST_ACCESS_KEY_ID } from '../helpers/local';
import { runNode } from '../helpers/n8n';
import {
	recordForScan,
	TEST_CONTAINER_SECRET_ACCESS_KEY,
	TEST_CONTAINER_SESSION_TOKEN,
	TEST_SYSTEM_SECRET_ACCESS_KEY,
	TEST_SYSTEM_SESSION_TOKEN,
} from '../helpers/secrets';
import { awsError, WireServer } from '../helpers/wire';

const ENV_KEY_ID = 'ASIATESTSYSTEMENV001';
const CONTAINER_KEY_ID = 'ASIATESTCONTAINER001';
const IMDS_KEY_ID = 'ASIATESTINSTANCE0001';
const GATE = 'N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED';
const OFF =
	'SystemCredentialsDisabled: System Credentials are turned off on this n8n: the instance owner must set N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED=true ' +
	'on the n8n process that runs the node (every worker in queue mode). No AWS credential provider was tried. Or choose Authentication: Access Keys.';

/** A local credentials endpoint: the container one (one path) or instance metadata (token, role list, role). */
class LocalCredentialsEndpoint {
	readonly requests: Array<{ method: string; path: string; headers: IncomingHttpHeaders }> = [];
	private constructor(
		private readonly server: Server,
		readonly url: string,
	) {}

	static async start(kind: 'container' | 'imds'): Promise<LocalCredentialsEndpoint> {
		let endpoint: LocalCredentialsEndpoint | undefined;
		const expiration = () => new Date(Date.now() + 3600_000).toISOString();
		const server = createServer((req, res) => {
			endpoint!.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
			const send = (status: number, body: string) => {
				res.writeHead(status, { 'content-type': body.startsWith('{') ? 'application/json' : 'text/plain' });
				res.end(body);
			};
			if (kind === 'container') {
				if (req.headers.authorization !== 'test-container-authorization') return send(403, '{"message":"bad token"}');
				return send(200, JSON.stringify({ AccessKeyId: CONTAINER_KEY_ID, SecretAccessKey: TEST_CONTAINER_SECRET_ACCESS_KEY, Token: TEST_CONTAINER_SESSION_TOKEN, Expiration: expiration() }));
			}
			if (req.method === 'PUT' && req.url === '/latest/api/token') return send(200, 'imds-session-token');
			if (req.headers['x-aws-ec2-metadata-token'] !== 'imds-session-token') return send(401, '');
			if (req.url === '/latest/meta-data/iam/security-credentials/') return send(200, 'n8n-instance-role');
			if (req.url === '/latest/meta-data/iam/security-credentials/n8n-instance-role') {
				return send(
					200,
					JSON.stringify({ Code: 'Success', Type: 'AWS-HMAC', AccessKeyId: IMDS_KEY_ID, SecretAccessKey: TEST_CONTAINER_SECRET_ACCESS_KEY, Token: TEST_CONTAINER_SESSION_TOKEN, Expiration: expiration() }),
				);
			}
			return send(404, '');
		});
		endpoint = new LocalCredentialsEndpoint(server, await listen(server));
		return endpoint;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

/** The credential test exactly as n8n's credential dialog calls it. */
async function testInDialog(data: Record<string, unknown>) {
	const result = await new DynamoDb().methods.credentialTest.dynamoDbApiTest.call({} as ICredentialTestFunctions, {
		id: 'c',
		name: 'DynamoDB',
		type: 'dynamoDbApi',
		data,
	} as unknown as ICredentialsDecrypted);
	recordForScan('credential test', result);
	return result;
}

/** Every variable the default provider chain reads, so each test sets exactly the source it means. */
const SOURCES = [
	GATE,
	'AWS_ACCESS_KEY_ID',
	'AWS_SECRET_ACCESS_KEY',
	'AWS_SESSION_TOKEN',
	'AWS_PROFILE',
	'AWS_CONFIG_FILE',
	'AWS_SHARED_CREDENTIALS_FILE',
	'AWS_WEB_IDENTITY_TOKEN_FILE',
	'AWS_ROLE_ARN',
	'AWS_CONTAINER_CREDENTIALS_FULL_URI',
	'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
	'AWS_CONTAINER_AUTHORIZATION_TOKEN',
	'AWS_EC2_METADATA_SERVICE_ENDPOINT',
	'AWS_EC2_METADATA_DISABLED',
];

describe('System Credentials (the SDK default provider chain behind n8n’s gate)', () => {
	let saved: Record<string, string | undefined>;
	let wire: WireServer;
	beforeEach(async () => {
		saved = Object.fromEntries(SOURCES.map((k) => [k, process.env[k]]));
		for (const k of SOURCES) delete process.env[k];
		// No shared config files from the machine, and no instance metadata unless a test serves one.
		process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
		process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
		process.env.AWS_EC2_METADATA_DISABLED = 'true';
		// A new endpoint per test: a client kept for one credential is never reused by the next test.
		wire = await WireServer.start();
		wire.answer({ body: { TableNames: ['users'] } });
	});
	afterEach(async () => {
		for (const [k, v] of Object.entries(saved)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
		await wire.close();
	});

	const system = () => ({ ...wire.credentials(), authentication: 'systemCredentials', accessKeyId: '', secretAccessKey: '' });
	const listTables = (credentials: ICredentialDataDecryptedObject, continueOnFail = false) =>
		runNode({ input: [{}], credentials, continueOnFail, parameters: { operation: 'ListTables', body: '{}' } });
	const signer = (i = 0) => /Credential=([A-Z0-9]+)\//.exec(String(wire.requests[i]?.headers.authorization))?.[1];
	const envKeys = () => Object.assign(process.env, { AWS_ACCESS_KEY_ID: ENV_KEY_ID, AWS_SECRET_ACCESS_KEY: TEST_SYSTEM_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: TEST_SYSTEM_SESSION_TOKEN });

	it('gate on, keys in environment variables: the node and the credential test sign with them', async () => {
		process.env[GATE] = 'true';
		envKeys();
		const result = await listTables(system());
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ TableNames: ['users'] }]);
		expect(signer()).toBe(ENV_KEY_ID);
		expect(wire.requests[0].headers['x-amz-security-token']).toBe(TEST_SYSTEM_SESSION_TOKEN);
		expect(await testInDialog(system())).toEqual({ status: 'OK', message: expect.stringContaining('ListTables') });
	});

	it('gate on, a container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI): asked with its authorization token, its keys sign', async () => {
		process.env[GATE] = '1'; // n8n reads the gate as a boolean: "true" or "1"
		const container = await LocalCredentialsEndpoint.start('container');
		try {
			process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${container.url}/v2/credentials/n8n-task`;
			process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = 'test-container-authorization';
			const result = await listTables(system());
			expect(result.error).toBeUndefined();
			expect(container.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/credentials/n8n-task']);
			expect(signer()).toBe(CONTAINER_KEY_ID);
			expect(wire.requests[0].headers['x-amz-security-token']).toBe(TEST_CONTAINER_SESSION_TOKEN);
		} finally {
			await container.close();
		}
	});

	it('gate on, EC2 instance metadata (IMDSv2) served locally: token, role, keys', async () => {
		process.env[GATE] = 'true';
		const imds = await LocalCredentialsEndpoint.start('imds');
		try {
			delete process.env.AWS_EC2_METADATA_DISABLED;
			process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imds.url;
			const result = await listTables(system());
			expect(result.error).toBeUndefined();
			expect(imds.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
				'PUT /latest/api/token',
				'GET /latest/meta-data/iam/security-credentials/',
				'GET /latest/meta-data/iam/security-credentials/n8n-instance-role',
			]);
			expect(signer()).toBe(IMDS_KEY_ID);
		} finally {
			await imds.close();
		}
	});

	it.each([[undefined], ['false'], ['yes']])('gate %s: the node and the credential test say so, and no provider is even tried', async (gate) => {
		if (gate !== undefined) process.env[GATE] = gate;
		envKeys();
		const container = await LocalCredentialsEndpoint.start('container');
		try {
			process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${container.url}/v2/credentials/n8n-task`;
			process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = 'test-container-authorization';
			const result = await listTables(system());
			expect(result.error?.message).toBe(OFF.replace(/^SystemCredentialsDisabled: /, ''));
			expect(await testInDialog(system())).toEqual({ status: 'Error', message: OFF });
			expect(container.requests).toHaveLength(0);
			expect(wire.requests).toHaveLength(0);
		} finally {
			await container.close();
		}
	});

	it('saved credentials without the Authentication field, and Access Keys, use the typed keys (gate and host keys notwithstanding)', async () => {
		process.env[GATE] = 'true';
		envKeys();
		const saved = wire.credentials();
		expect('authentication' in saved).toBe(false);
		expect((await listTables(saved)).error).toBeUndefined();
		expect(signer()).toBe(TEST_ACCESS_KEY_ID);
		process.env[GATE] = 'false';
		expect((await listTables({ ...saved, authentication: 'accessKeys' })).error).toBeUndefined();
		expect(signer(1)).toBe(TEST_ACCESS_KEY_ID);
	});

	it('gate on but no source has credentials: the SDK’s own message, after trying them on this machine only', async () => {
		process.env[GATE] = 'true';
		const result = await listTables(system());
		expect(result.error?.message).toMatch(/Could not load credentials from any providers/);
		expect((await testInDialog(system())).message).toMatch(/Could not load credentials from any providers/);
		expect(wire.requests).toHaveLength(0);
	});

	it('a Role ARN is assumed with the System Credentials: STS is signed with the host keys, DynamoDB with the role’s', async () => {
		process.env[GATE] = 'true';
		envKeys();
		const signedBy: string[] = [];
		const sts = createServer((req, res) => {
			signedBy.push(/Credential=([A-Z0-9]+)\//.exec(String(req.headers.authorization))?.[1] ?? '');
			const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
			res.writeHead(200, { 'content-type': 'text/xml' });
			res.end(
				`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>${IMDS_KEY_ID}</AccessKeyId>` +
					`<SecretAccessKey>${TEST_CONTAINER_SECRET_ACCESS_KEY}</SecretAccessKey><SessionToken>${TEST_CONTAINER_SESSION_TOKEN}</SessionToken><Expiration>${expiration}</Expiration>` +
					'</Credentials></AssumeRoleResult></AssumeRoleResponse>',
			);
		});
		const stsEndpoint = await listen(sts);
		try {
			const result = await listTables({ ...system(), roleArn: 'arn:aws:iam::123456789012:role/n8n-dynamodb', stsEndpoint });
			expect(result.error).toBeUndefined();
			expect(signedBy).toEqual([ENV_KEY_ID]);
			expect(signer()).toBe(IMDS_KEY_ID);
		} finally {
			sts.closeAllConnections();
			await new Promise((resolve) => sts.close(resolve));
		}
	});

	it('keys from any source are redacted like typed ones', async () => {
		process.env[GATE] = 'true';
		for (const source of ['environment', 'container'] as const) {
			closeClients(); // a changed environment is a new process for the warm clients (a process's own environment does not change)
			const container = await LocalCredentialsEndpoint.start('container');
			try {
				if (source === 'environment') envKeys();
				else {
					for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[k];
					process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${container.url}/v2/credentials/n8n-task`;
					process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = 'test-container-authorization';
				}
				const secrets = source === 'environment' ? [TEST_SYSTEM_SECRET_ACCESS_KEY, TEST_SYSTEM_SESSION_TOKEN] : [TEST_CONTAINER_SECRET_ACCESS_KEY, TEST_CONTAINER_SESSION_TOKEN];
				// An endpoint that echoes the request's token and a secret back (as a misbehaving proxy might).
				wire.answer((request) => awsError(400, 'ValidationException', `echo ${String(request.headers['x-amz-security-token'])} ${secrets[0]}`));
				const failed = await listTables(system());
				const kept = await listTables(system(), true);
				const shown = JSON.stringify([failed.error?.message, failed.error?.description, kept.items]);
				expect(shown).toContain('echo *** ***');
				for (const secret of secrets) expect(shown).not.toContain(secret);
			} finally {
				await container.close();
			}
		}
	});
});
