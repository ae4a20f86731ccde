import { createServer } from 'node:net';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { DynamoDbTrigger } from '../../nodes/DynamoDbTrigger/DynamoDbTrigger.node';
import type { ICredentialTestFunctions, ICredentialsDecrypted } from 'n8n-workflow';
import { localCredentials } from '../helpers/local';
import { recordForScan } from '../helpers/secrets';
import { awsError, WireServer } from '../helpers/wire';

/** The credential test exactly as n8n's credential dialog calls it: the node's `testedBy` method. */
async function testInDialog(data: Record<string, unknown>) {
	const node = new DynamoDb();
	const testedBy = node.description.credentials![0].testedBy as string;
	const test = node.methods.credentialTest[testedBy as 'dynamoDbApiTest'];
	const credential = { id: 'c', name: 'DynamoDB', type: 'dynamoDbApi', data } as ICredentialsDecrypted;
	const result = await test.call({} as ICredentialTestFunctions, credential);
	recordForScan('credential test', result);
	return result;
}

async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('credential test (n8n credential dialog)', () => {
	let wire: WireServer;
	beforeAll(async () => (wire = await WireServer.start()));
	afterAll(async () => await wire.close());

	it('passes against a real DynamoDB (Local) with ListTables, Limit 1', async () => {
		expect(await testInDialog(localCredentials())).toEqual({ status: 'OK', message: expect.stringContaining('ListTables') });
	});

	it('is the DynamoDB Trigger\'s test too: its testedBy names a method of its own that sends the same ListTables', async () => {
		const trigger = new DynamoDbTrigger();
		const testedBy = trigger.description.credentials![0].testedBy as string;
		const test = trigger.methods.credentialTest[testedBy as 'dynamoDbApiTest'];
		wire.answer({ body: { TableNames: [] } });
		const credential = { id: 'c', name: 'DynamoDB', type: 'dynamoDbApi', data: wire.credentials() } as unknown as ICredentialsDecrypted;
		expect(await test.call({} as ICredentialTestFunctions, credential)).toEqual({ status: 'OK', message: expect.stringContaining('ListTables') });
		expect(wire.requests.map((r) => r.action)).toEqual(['ListTables']);
	});

	it('sends a signed ListTables with Limit 1', async () => {
		wire.answer({ body: { TableNames: [] } });
		expect((await testInDialog(wire.credentials())).status).toBe('OK');
		expect(wire.requests).toHaveLength(1);
		expect(wire.requests[0].action).toBe('ListTables');
		expect(wire.requests[0].json).toEqual({ Limit: 1 });
		expect(wire.requests[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIATESTLOCAL0000001\/\d{8}\/us-east-1\/dynamodb\/aws4_request/);
	});

	it('says "Keys rejected" when AWS does not know the keys', async () => {
		wire.answer(awsError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.'));
		expect(await testInDialog(wire.credentials())).toEqual({ status: 'Error', message: expect.stringMatching(/^Keys rejected: UnrecognizedClientException/) });
	});

	it('says "Region wrong" when the signature is scoped to a region AWS refuses', async () => {
		wire.answer(awsError(400, 'InvalidSignatureException', "Credential should be scoped to a valid region, not 'us-east-9'."));
		const result = await testInDialog({ ...wire.credentials(), region: 'custom', customRegion: 'us-east-9' });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^Region wrong: "us-east-9" was refused/) });
	});

	it('says "Endpoint unreachable" when nothing listens at the Endpoint URL', async () => {
		const endpoint = `http://127.0.0.1:${await closedPort()}`;
		const result = await testInDialog(localCredentials(endpoint));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`Endpoint unreachable: could not connect to ${endpoint}`);
	});

	it('refuses an Endpoint URL that is not http(s)', async () => {
		const result = await testInDialog(localCredentials('localhost:8000'));
		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('must start with http:// or https://') });
	});
});
