/**
 * Assume-role credentials at the wire: a local STS endpoint receives the SDK's real, signed
 * AssumeRole request and answers with AWS's documented XML; the DynamoDB request that follows must
 * be signed with the temporary credentials STS handed out.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { closeClients } from '../../nodes/DynamoDb/transport/client';
import { LocalSts } from '../../scripts/localSts';
import { TEST_ACCESS_KEY_ID } from '../helpers/local';
import { runNode } from '../helpers/n8n';
import { recordForScan, TEST_ROLE_ACCESS_KEY_ID, TEST_ROLE_SECRET_ACCESS_KEY, TEST_ROLE_SESSION_TOKEN } from '../helpers/secrets';
import { awsError, WireServer } from '../helpers/wire';
import { DynamoDbTrigger } from '../../nodes/DynamoDbTrigger/DynamoDbTrigger.node';
import { activate } from '../../scripts/poller';
import { FakeStream } from '../helpers/streams';

const ROLE = 'arn:aws:iam::123456789012:role/n8n-dynamodb';

describe('assume-role credentials (local STS)', () => {
	let sts: LocalSts;
	let wire: WireServer;
	beforeAll(async () => {
		sts = await LocalSts.start({ accessKeyId: TEST_ROLE_ACCESS_KEY_ID, secretAccessKey: TEST_ROLE_SECRET_ACCESS_KEY, sessionToken: TEST_ROLE_SESSION_TOKEN });
		wire = await WireServer.start();
	});
	afterAll(async () => {
		await sts.close();
		await wire.close();
	});
	beforeEach(() => {
		closeClients(); // each case starts as a fresh n8n process would: no warm client, no cached role credentials
		sts.requests.length = 0;
		sts.lifetime = 3600;
		sts.failWith = undefined;
	});

	const credentials = (extra: Record<string, string> = {}) => ({
		...wire.credentials(),
		region: 'eu-west-1',
		roleArn: ROLE,
		externalId: 'ext-7f3a',
		roleSessionName: 'orders-sync',
		stsEndpoint: sts.endpoint,
		...extra,
	});

	it('calls AssumeRole with the role, external ID and session name, then signs DynamoDB requests with the temporary keys', async () => {
		wire.answer({ body: { Item: { id: { S: 'a' } } } });
		const result = await runNode({
			input: [{ id: 'a' }, { id: 'b' }],
			credentials: credentials(),
			parameters: { operation: 'GetItem', body: '={ "TableName": "users", "Key": { "id": {{ $json.id }} } }' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);

		// One AssumeRole for the whole execution (the SDK caches the temporary credentials).
		expect(sts.requests).toHaveLength(1);
		const { form, headers } = sts.requests[0];
		expect(form.get('Action')).toBe('AssumeRole');
		expect(form.get('Version')).toBe('2011-06-15');
		expect(form.get('RoleArn')).toBe(ROLE);
		expect(form.get('ExternalId')).toBe('ext-7f3a');
		expect(form.get('RoleSessionName')).toBe('orders-sync');
		// Signed with the long-term keys, for STS in the credential's region.
		expect(headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${TEST_ACCESS_KEY_ID}/\\d{8}/eu-west-1/sts/aws4_request`));

		expect(wire.requests).toHaveLength(2);
		for (const request of wire.requests) {
			expect(request.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${TEST_ROLE_ACCESS_KEY_ID}/\\d{8}/eu-west-1/dynamodb/aws4_request`));
			expect(request.headers['x-amz-security-token']).toBe(TEST_ROLE_SESSION_TOKEN);
		}
	});

	it('executions share the warm client: one AssumeRole for many executions, renewed once when the credentials near their expiry', async () => {
		wire.answer({ body: { TableNames: [] } });
		const listTables = () => runNode({ input: [{}], credentials: credentials(), parameters: { operation: 'ListTables', body: '{}' } });
		for (let n = 0; n < 5; n++) expect((await listTables()).error).toBeUndefined();
		expect(sts.requests).toHaveLength(1);
		expect(wire.requests).toHaveLength(5);
		for (const request of wire.requests) expect(request.headers.authorization).toContain(`Credential=${TEST_ROLE_ACCESS_KEY_ID}/`);

		// Credentials 4 minutes from expiry (inside the SDK's 5-minute refresh window): the next use renews them, once.
		closeClients();
		sts.requests.length = 0;
		sts.lifetime = 4 * 60;
		await listTables();
		const first = sts.requests.length;
		sts.lifetime = 3600;
		for (let n = 0; n < 4; n++) expect((await listTables()).error).toBeUndefined();
		expect(sts.requests).toHaveLength(first + 1);
	});

	it('leaves out ExternalId when empty and uses the default session name', async () => {
		wire.answer({ body: { TableNames: [] } });
		const result = await runNode({
			input: [{}],
			credentials: credentials({ externalId: '', roleSessionName: '' }),
			parameters: { operation: 'ListTables', body: '{}' },
		});
		expect(result.error).toBeUndefined();
		expect(sts.requests[0].form.has('ExternalId')).toBe(false);
		expect(sts.requests[0].form.get('RoleSessionName')).toBe('n8n-dynamodb');
	});

	it('renews the temporary credentials before they expire', async () => {
		sts.lifetime = 60; // Inside the SDK's 5-minute refresh window: every request asks again.
		wire.answer({ body: { TableNames: [] } });
		const result = await runNode({ input: [{}, {}, {}], credentials: credentials(), parameters: { operation: 'ListTables', body: '{}' } });
		expect(result.error).toBeUndefined();
		expect(sts.requests.length).toBeGreaterThanOrEqual(2);
	});

	it('a refused AssumeRole says which role could not be assumed, without any key', async () => {
		wire.answer({ body: { TableNames: [] } });
		sts.failWith = { status: 403, code: 'AccessDenied', message: `User: arn:aws:iam::123456789012:user/n8n is not authorized to perform: sts:AssumeRole on resource: ${ROLE}` };
		const result = await runNode({ input: [{}], credentials: credentials(), parameters: { operation: 'ListTables', body: '{}' } });
		expect(result.error!.message).toMatch(new RegExp(`^AccessDenied: Could not assume role ${ROLE} \\(STS AssumeRole\\): User: .* is not authorized to perform: sts:AssumeRole`));
		expect(result.error!.httpCode).toBe('AccessDenied');
		expect(result.error!.description).toMatch(/^HTTP 403, /);
		expect(wire.requests).toHaveLength(0);

		// The refusal is not kept with the warm client: once STS agrees, the next execution goes through.
		sts.failWith = undefined;
		expect((await runNode({ input: [{}], credentials: credentials(), parameters: { operation: 'ListTables', body: '{}' } })).error).toBeUndefined();
		expect(sts.requests).toHaveLength(2);
		expect(wire.requests).toHaveLength(1);
	});

	it('redacts the temporary secret and token from what DynamoDB echoes back (the key id is no secret)', async () => {
		wire.answer((request) => awsError(400, 'ValidationException', `echo ${String(request.headers.authorization)} ${String(request.headers['x-amz-security-token'])}`));
		const result = await runNode({ input: [{}], credentials: credentials(), parameters: { operation: 'ListTables', body: '{}' }, continueOnFail: true });
		const text = JSON.stringify(result.items);
		expect(wire.requests[0].headers.authorization).toContain(TEST_ROLE_ACCESS_KEY_ID);
		expect(text).toContain(`echo AWS4-HMAC-SHA256 Credential=${TEST_ROLE_ACCESS_KEY_ID}/`);
		expect(text).toMatch(/Signature=[0-9a-f]{64} \*\*\*"/);
		expect(text).not.toContain(TEST_ROLE_SESSION_TOKEN);
	});

	it('checks the Role ARN, session name and STS endpoint with clear messages', async () => {
		const cases: Array<[Record<string, string>, RegExp]> = [
			[{ roleArn: 'n8n-dynamodb' }, /^Role ARN "n8n-dynamodb" is not an IAM role ARN: expected e.g. arn:aws:iam::123456789012:role\/n8n-dynamodb$/],
			[{ roleArn: 'arn:aws:iam::123456789012:user/bob' }, /is not an IAM role ARN/],
			[{ roleSessionName: 'has space' }, /^Role Session Name "has space" must be 2 to 64 letters, digits or any of _\+=,\.@-$/],
			[{ stsEndpoint: 'sts.local:4566' }, /^STS Endpoint URL "sts.local:4566" must start with http:\/\/ or https:\/\/, e.g. http:\/\/sts.local:4566$/],
		];
		for (const [extra, message] of cases) {
			const result = await runNode({ input: [{}], credentials: credentials(extra), parameters: { operation: 'ListTables', body: '{}' } });
			expect(result.error?.message).toMatch(message);
		}
		expect(sts.requests).toHaveLength(0);
	});

	it('the credential test in n8n goes through the role too', async () => {
		wire.answer({ body: { TableNames: [] } });
		const node = new DynamoDb();
		const test = (data: Record<string, unknown>) =>
			node.methods.credentialTest.dynamoDbApiTest.call({} as ICredentialTestFunctions, { id: 'c', name: 'c', type: 'dynamoDbApi', data } as unknown as ICredentialsDecrypted);
		const ok = await test(credentials());
		expect(ok.status).toBe('OK');
		expect(sts.requests).toHaveLength(1);
		expect(wire.requests[0].headers.authorization).toContain(`Credential=${TEST_ROLE_ACCESS_KEY_ID}/`);

		sts.failWith = { status: 403, code: 'AccessDenied', message: 'not authorized to perform: sts:AssumeRole' };
		const refused = await test(credentials());
		recordForScan('credential test (assume role refused)', refused);
		expect(refused.status).toBe('Error');
		expect(refused.message).toContain(`Could not assume role ${ROLE}`);
	});

	it('reads the stream with the same assumed role as DynamoDB: one AssumeRole per poll, every request signed with the temporary keys, none in errors', async () => {
		const stream = new FakeStream();
		stream.addShard('s');
		stream.write('s', 'INSERT', 'a');
		wire.answer(stream.respond);
		const trigger = await activate({ nodeType: DynamoDbTrigger, parameters: { table: { __rl: true, mode: 'name', value: 'users' }, startFrom: 'oldest' }, credentials: credentials() });
		expect(trigger.emitted.flat()).toHaveLength(1);
		expect(sts.requests).toHaveLength(1);
		expect(new Set(wire.requests.map((r) => r.action))).toEqual(new Set(['DescribeTable', 'DescribeStream', 'GetShardIterator', 'GetRecords']));
		for (const request of wire.requests) {
			expect(request.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${TEST_ROLE_ACCESS_KEY_ID}/\\d{8}/eu-west-1/dynamodb/aws4_request`));
			expect(request.headers['x-amz-security-token']).toBe(TEST_ROLE_SESSION_TOKEN);
		}
		// An error that echoes the request's signature: the temporary secrets are redacted from it.
		stream.faults.push((request) => (request.action === 'GetShardIterator' ? awsError(400, 'AccessDeniedException', `echo ${String(request.headers.authorization)} ${String(request.headers['x-amz-security-token'])}`) : undefined));
		const error = await trigger.tick();
		recordForScan('trigger assume-role error', error);
		// The temporary key id is no secret (AWS prints key ids itself): it stays; the session token goes.
		expect(error?.message).toContain(`echo AWS4-HMAC-SHA256 Credential=${TEST_ROLE_ACCESS_KEY_ID}/`);
		expect(error?.message).not.toContain(TEST_ROLE_SESSION_TOKEN);
	});
});
