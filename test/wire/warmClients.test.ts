/**
 * Warm clients (transport/client.ts): executions of one credential and settings share one client
 * and its connections; two credentials never share anything, even with executions interleaved.
 * Checked at the wire: which keys signed each request, which connection carried it, what each
 * execution's errors show.
 */
import { closeClients, openClients } from '../../nodes/DynamoDb/transport/client';
import { DynamoDbTrigger } from '../../nodes/DynamoDbTrigger/DynamoDbTrigger.node';
import { LocalSts } from '../../scripts/localSts';
import { activate } from '../../scripts/poller';
import { runNode } from '../helpers/n8n';
import { recordForScan, TEST_ROLE_ACCESS_KEY_ID, TEST_ROLE_SECRET_ACCESS_KEY, TEST_ROLE_SESSION_TOKEN } from '../helpers/secrets';
import { FakeStream } from '../helpers/streams';
import { awsError, WireServer } from '../helpers/wire';

// Two credentials of their own (not the suite's test keys: this file checks them itself).
const ALICE = { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice/secret/key/0001', sessionToken: 'alice+session+token+0001==' };
const BOB = { accessKeyId: 'AKIABOB0000000000002', secretAccessKey: 'bob/secret/key/0002', sessionToken: 'bob+session+token+0002==' };

describe('warm clients', () => {
	let wire: WireServer;
	beforeAll(async () => (wire = await WireServer.start()));
	afterAll(async () => await wire.close());
	beforeEach(() => {
		closeClients();
		wire.connections = 0;
	});

	const credentials = (keys: typeof ALICE) => ({ region: 'eu-west-1', endpoint: wire.endpoint, ...keys });
	const getItem = (keys: typeof ALICE, who: string, options = {}) =>
		runNode({
			input: [{ id: `${who}-1` }, { id: `${who}-2` }],
			credentials: credentials(keys),
			parameters: { operation: 'GetItem', body: `={ "TableName": "${who}", "Key": { "id": {{ $json.id }} } }`, options },
			continueOnFail: true,
		});

	it('one client and one connection for many sequential executions of one credential', async () => {
		wire.answer({ body: { Item: { id: { S: 'x' } } } });
		for (let n = 0; n < 20; n++) expect((await getItem(ALICE, 'alice')).items).toHaveLength(2);
		expect(wire.requests).toHaveLength(40);
		expect(wire.connections).toBe(1);
		expect(openClients()).toEqual({ open: 1, leased: 0 });

		// The server closes the idle connection (as AWS does after a while): the next execution opens another.
		wire.closeIdleConnections();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect((await getItem(ALICE, 'alice')).items.map((i) => i.json.error)).toEqual([undefined, undefined]);
		expect(wire.connections).toBe(2);
	});

	it('interleaved executions of two credentials: each request signed with its own keys, each error redacted with its own secrets', async () => {
		// The answer echoes what signed the request, as a careless proxy or service might: the key id and the session token.
		wire.answer((request) => {
			const table = (request.json as { TableName: string }).TableName;
			return awsError(400, 'ValidationException', `${table}: signed ${String(request.headers.authorization)} token ${String(request.headers['x-amz-security-token'])}`);
		});
		const runs = await Promise.all(Array.from({ length: 16 }, (_, n) => (n % 2 ? getItem(BOB, 'bob') : getItem(ALICE, 'alice'))));
		expect(wire.requests).toHaveLength(32);
		for (const request of wire.requests) {
			const table = (request.json as { TableName: string }).TableName;
			const keys = table === 'alice' ? ALICE : BOB;
			expect(request.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${keys.accessKeyId}/\\d{8}/eu-west-1/dynamodb/aws4_request`));
			expect(request.headers['x-amz-security-token']).toBe(keys.sessionToken);
		}
		runs.forEach((run, n) => {
			const [own, other] = n % 2 ? [BOB, ALICE] : [ALICE, BOB];
			const text = JSON.stringify(run.items);
			expect(run.items).toHaveLength(2);
			// Signed with its own key id (no secret: it stays readable); its own token was in the echo and is gone.
			expect(text).toContain(`${n % 2 ? 'bob' : 'alice'}: signed AWS4-HMAC-SHA256 Credential=${own.accessKeyId}/`);
			expect(text).toContain('token ***');
			expect(text).not.toContain(own.secretAccessKey);
			expect(text).not.toContain(own.sessionToken);
			// Nothing of the other credential, not even its key id.
			for (const value of Object.values(other)) expect(text).not.toContain(value);
		});
		expect(openClients()).toEqual({ open: 2, leased: 0 });
		expect(wire.connections).toBeLessThanOrEqual(16); // at most one per execution in flight, shared afterwards
		recordForScan('warm clients: interleaved', runs.map((r) => r.items));
	});

	it('the trigger\'s polls share one DynamoDB and one Streams client: one connection each, one AssumeRole for both', async () => {
		const sts = await LocalSts.start({ accessKeyId: TEST_ROLE_ACCESS_KEY_ID, secretAccessKey: TEST_ROLE_SECRET_ACCESS_KEY, sessionToken: TEST_ROLE_SESSION_TOKEN });
		try {
			const stream = new FakeStream();
			stream.addShard('s');
			wire.answer(stream.respond);
			const credentials = { ...ALICE, region: 'eu-west-1', endpoint: wire.endpoint, roleArn: 'arn:aws:iam::123456789012:role/n8n-dynamodb', stsEndpoint: sts.endpoint };
			const trigger = await activate({ nodeType: DynamoDbTrigger, parameters: { table: { __rl: true, mode: 'name', value: 'users' }, startFrom: 'oldest' }, credentials });
			const polls = 12;
			for (let n = 0; n < polls; n++) {
				stream.write('s', 'INSERT', `item-${n}`);
				expect(await trigger.tick()).toBeUndefined();
			}
			expect(trigger.emitted.flat()).toHaveLength(polls);
			const streamsCalls = wire.requests.filter((r) => r.headers['x-amz-target']?.toString().startsWith('DynamoDBStreams_'));
			const tableCalls = wire.requests.filter((r) => r.headers['x-amz-target']?.toString().startsWith('DynamoDB_'));
			expect(streamsCalls.filter((r) => r.action === 'GetRecords').length).toBeGreaterThanOrEqual(polls);
			expect(tableCalls.map((r) => r.action)).toContain('DescribeTable');
			// Every Streams request of every poll on one connection, every DynamoDB request on one other.
			expect(new Set(streamsCalls.map((r) => r.connection)).size).toBe(1);
			expect(new Set(tableCalls.map((r) => r.connection)).size).toBe(1);
			expect(wire.connections).toBe(2);
			// One AssumeRole: both clients signed every request with its temporary keys.
			expect(sts.assumeRoleCalls()).toBe(1);
			for (const request of wire.requests) expect(request.headers['x-amz-security-token']).toBe(TEST_ROLE_SESSION_TOKEN);
			expect(openClients()).toEqual({ open: 2, leased: 0 });
		} finally {
			await sts.close();
		}
	});

	it('a changed credential or other client settings get a client of their own; the old one is not used again', async () => {
		wire.answer({ body: { Item: { id: { S: 'x' } } } });
		await getItem(ALICE, 'alice');
		await getItem({ ...ALICE, secretAccessKey: 'alice/rotated/secret/0003' }, 'alice');
		expect(openClients().open).toBe(2);
		await getItem({ ...ALICE, accessKeyId: 'AKIAALICE00000000009' }, 'alice');
		expect(wire.requests.at(-1)!.headers.authorization).toContain('Credential=AKIAALICE00000000009/');
		await getItem(ALICE, 'alice', { maxAttempts: 2 });
		expect(openClients()).toEqual({ open: 4, leased: 0 });
		await getItem(ALICE, 'alice');
		expect(openClients().open).toBe(4);
	});
});
