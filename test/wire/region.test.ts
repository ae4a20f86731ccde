/**
 * Issue 10: a missing region is an error, never us-east-1; a Region Code that is not a region code
 * is refused before anything is sent, unless every request goes to the configured endpoint.
 * Checked at the wire: every TCP connection the process opens during a run is recorded.
 */
import { Socket } from 'node:net';
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, ICredentialTestFunctions, IDataObject } from 'n8n-workflow';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { checkRegion } from '../../nodes/DynamoDb/transport/regions';
import { regions } from '../../nodes/DynamoDb/transport/regions';
import { runNode } from '../helpers/n8n';
import { WireServer } from '../helpers/wire';

const MISSING = 'Region is missing: choose a region or enter a region code';
/** Not AWS region codes; the last two are names the SDK can still sign with at a configured endpoint. */
const HOSTILE = ['us-east-1.example.com', 'evil.example.com/', 'us east 1', 'us-east-1/x', 'evil.example.com#', '-us-east-1', 'us-east-1\u200b', 'ap-southeast-7\nHost: evil', 'US-EAST-1', 'local'];
const SIGNABLE = new Set(['US-EAST-1', 'local']);

/** Every host:port a socket connects to while `run` runs. */
async function connections<T>(run: () => Promise<T>): Promise<{ result: T; hosts: string[] }> {
	const hosts: string[] = [];
	const connect = Socket.prototype.connect;
	Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
		const first = Array.isArray(args[0]) ? args[0][0] : args[0];
		const options = (typeof first === 'object' ? first : { port: first, host: args[1] }) as { host?: string; port?: number; path?: string };
		hosts.push(options.path ?? `${options.host ?? 'localhost'}:${options.port}`);
		return (connect as (...a: unknown[]) => Socket).apply(this, args);
	} as typeof connect;
	try {
		return { result: await run(), hosts };
	} finally {
		Socket.prototype.connect = connect;
	}
}

async function credentialTest(data: IDataObject) {
	const node = new DynamoDb();
	const credential = { id: 'c', name: 'DynamoDB', type: 'dynamoDbApi', data } as ICredentialsDecrypted;
	return await node.methods.credentialTest.dynamoDbApiTest.call({} as ICredentialTestFunctions, credential);
}

describe('region', () => {
	let wire: WireServer;
	beforeAll(async () => (wire = await WireServer.start()));
	afterAll(async () => await wire.close());
	beforeEach(() => wire.answer({ body: { TableNames: [] } }));
	const wireHost = () => new URL(wire.endpoint).host;

	const listTables = (credentials: ICredentialDataDecryptedObject) => runNode({ input: [{}], credentials, parameters: { operation: 'ListTables', body: '{}' } });
	const withoutEndpoint = (region: IDataObject) => ({ ...wire.credentials(), endpoint: '', ...region });

	it.each([
		['Other with an empty Region Code', { region: 'custom', customRegion: '' }],
		['Other with a blank Region Code', { region: 'custom', customRegion: '   ' }],
		['no region at all', { region: '' }],
	])('%s: the node and the credential test say the region is missing, and nothing is sent at all', async (_, region) => {
		for (const credentials of [{ ...wire.credentials(), ...region }, withoutEndpoint(region)]) {
			const node = await connections(() => listTables(credentials));
			expect(node.result.error?.message).toBe(MISSING);
			const dialog = await connections(() => credentialTest(credentials));
			expect(dialog.result).toEqual({ status: 'Error', message: MISSING });
			expect([...node.hosts, ...dialog.hosts]).toEqual([]);
		}
		expect(wire.requests).toHaveLength(0);
	});

	it.each(HOSTILE)('Region Code %j without an endpoint: refused, nothing leaves', async (customRegion) => {
		const credentials = withoutEndpoint({ region: 'custom', customRegion });
		const node = await connections(() => listTables(credentials));
		expect(node.result.error?.message).toMatch(/^Region Code ".*" is not an AWS region code: expected lower-case letters, digits and dashes, e\.g\. ap-southeast-7$/s);
		const dialog = await connections(() => credentialTest(credentials));
		expect(dialog.result).toEqual({ status: 'Error', message: node.result.error?.message });
		expect([...node.hosts, ...dialog.hosts]).toEqual([]);
	});

	it.each(HOSTILE)('Region Code %j with a custom endpoint: requests go to that endpoint, or are refused before anything is sent', async (customRegion) => {
		const credentials = { ...wire.credentials(), region: 'custom', customRegion };
		const node = await connections(() => listTables(credentials));
		const dialog = await connections(() => credentialTest(credentials));
		if (SIGNABLE.has(customRegion)) {
			expect(node.result.error).toBeUndefined();
			expect(dialog.result.status).toBe('OK');
			expect(new Set([...node.hosts, ...dialog.hosts])).toEqual(new Set([wireHost()]));
			expect(wire.requests.map((r) => r.action)).toEqual(['ListTables', 'ListTables']);
		} else {
			expect(node.result.error?.message).toMatch(/^Region Code ".*" cannot be used, even with an Endpoint URL: expected letters, digits and dashes/s);
			expect(dialog.result).toEqual({ status: 'Error', message: node.result.error?.message });
			expect([...node.hosts, ...dialog.hosts]).toEqual([]);
			expect(wire.requests).toHaveLength(0);
		}
	});

	it('Region Code that is not a region code, a custom endpoint but a role assumed at the region’s STS: refused, nothing leaves', async () => {
		const credentials = { ...wire.credentials(), region: 'custom', customRegion: 'local', roleArn: 'arn:aws:iam::123456789012:role/r' };
		const node = await connections(() => listTables(credentials));
		expect(node.result.error?.message).toMatch(/is not an AWS region code/);
		expect(node.hosts).toEqual([]);
		// With an STS endpoint of its own, every request goes to a configured endpoint again.
		const sts = await connections(() => listTables({ ...credentials, stsEndpoint: wire.endpoint }));
		expect(new Set(sts.hosts)).toEqual(new Set([wireHost()]));
	});
});

describe('checkRegion', () => {
	it('accepts every listed region and codes of regions not listed yet', () => {
		for (const [code] of regions) expect(checkRegion(code, false)).toBe(code);
		for (const code of ['ap-southeast-8', 'eusc-de-east-1', 'us-isob-east-1', ' eu-west-1 ']) expect(checkRegion(code, false)).toBe(code.trim());
	});

	it('refuses what is not a region code, unless every request goes to a configured endpoint', () => {
		for (const code of HOSTILE) {
			expect(() => checkRegion(code, false)).toThrow(`Region Code "${code}" is not an AWS region code`);
			if (SIGNABLE.has(code)) expect(checkRegion(code, true)).toBe(code);
			else expect(() => checkRegion(code, true)).toThrow(`Region Code "${code}" cannot be used, even with an Endpoint URL`);
		}
		for (const empty of ['', '  ', undefined]) {
			expect(() => checkRegion(empty, false)).toThrow(MISSING);
			expect(() => checkRegion(empty, true)).toThrow(MISSING);
		}
	});
});
