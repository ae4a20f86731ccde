/**
 * Bulk Mode's key schema look-up (transport/keySchemas.ts): one DescribeTable per table a minute on
 * a warm client, and a table deleted and created again with other keys is noticed, on DynamoDB Local
 * through a recording proxy.
 */
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { KEY_SCHEMA_TTL_MS } from '../../nodes/DynamoDb/transport/keySchemas';
import { rawClient, uniqueTable } from '../helpers/local';
import { startRecorder, type Recorder } from '../helpers/recorder';
import { run, scanAll, typedJson } from './support';

const client = rawClient();
let recorder: Recorder;
beforeAll(async () => (recorder = await startRecorder()));
afterAll(async () => {
	client.destroy();
	await recorder.close();
});

async function createKeyed(table: string, keys: string[]) {
	await client.send(
		new CreateTableCommand({
			TableName: table,
			AttributeDefinitions: keys.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
			KeySchema: keys.map((name, n) => ({ AttributeName: name, KeyType: n ? ('RANGE' as const) : ('HASH' as const) })),
			BillingMode: 'PAY_PER_REQUEST',
		}),
	);
}

const describes = (table: string) => recorder.requests.filter((r) => r.target.endsWith('.DescribeTable') && r.body.TableName === table).length;
const bulkPut = (table: string, input: Array<Record<string, string>>, item: string) =>
	run('PutItem', `={ "TableName": "${table}", "Item": ${item} }`, { bulkMode: true }, input, { endpoint: recorder.endpoint });
const plain = async (table: string) => ((await scanAll(client, table)).map((i) => typedJson(i)) as object[]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('key schemas for Bulk Mode', () => {
	it('are asked once for many executions on the warm client, and again after a minute', async () => {
		const table = uniqueTable('ks');
		await createKeyed(table, ['id']);
		const put = (n: number) => bulkPut(table, [{ id: `a${n}` }, { id: `b${n}` }], '{ "id": "{{ $json.id }}" }');
		for (let n = 0; n < 4; n++) expect((await put(n)).error).toBeUndefined();
		expect(describes(table)).toBe(1);
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now + KEY_SCHEMA_TTL_MS);
		try {
			expect((await put(4)).error).toBeUndefined();
		} finally {
			clock.mockRestore();
		}
		expect(describes(table)).toBe(2);
		expect(await plain(table)).toHaveLength(10);
	});

	it('a table created again with a key the items lack: asked again before the first call', async () => {
		const table = uniqueTable('ks');
		await createKeyed(table, ['id']);
		expect((await bulkPut(table, [{ id: 'a' }], '{ "id": "{{ $json.id }}" }')).error).toBeUndefined();
		await client.send(new DeleteTableCommand({ TableName: table }));
		await createKeyed(table, ['pk']);
		const result = await bulkPut(table, [{ pk: 'p', v: '1' }, { pk: 'p', v: '2' }], '{ "pk": "{{ $json.pk }}", "v": "{{ $json.v }}" }');
		expect(result.error).toBeUndefined();
		expect(describes(table)).toBe(2);
		// Two puts of one key never share a call (DynamoDB refuses that): sent in order, the later one stays.
		expect(await plain(table)).toEqual([{ pk: { S: 'p' }, v: { S: '2' } }]);
	});

	it('a table created again with fewer keys, the old ones still in the items: the refused call loses nothing, and the next execution asks again', async () => {
		const table = uniqueTable('ks');
		await createKeyed(table, ['id', 'sk']);
		const put = (input: Array<Record<string, string>>) => bulkPut(table, input, '{ "id": "{{ $json.id }}", "sk": "{{ $json.sk }}" }');
		expect((await put([{ id: 'a', sk: '1' }])).error).toBeUndefined();
		await client.send(new DeleteTableCommand({ TableName: table }));
		await createKeyed(table, ['id']);
		const actions = (from: number) => recorder.requests.slice(from).map((r) => r.target.replace(/^DynamoDB_20120810\./, ''));

		let from = recorder.requests.length;
		const result = await put([{ id: 'a', sk: '1' }, { id: 'a', sk: '2' }]);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		// Cached [id, sk]: both puts in one call, refused (two puts of one key); then each on its own, in order.
		expect(actions(from)).toEqual(['BatchWriteItem', 'BatchWriteItem', 'BatchWriteItem']);
		expect(await plain(table)).toEqual([{ id: { S: 'a' }, sk: { S: '2' } }]);

		from = recorder.requests.length;
		expect((await put([{ id: 'b', sk: '1' }, { id: 'b', sk: '2' }])).error).toBeUndefined();
		// DescribeTable says [id]: the two puts of one key go in two calls from the start.
		expect(actions(from)).toEqual(['DescribeTable', 'BatchWriteItem', 'BatchWriteItem']);
		expect(await plain(table)).toEqual([{ id: { S: 'a' }, sk: { S: '2' } }, { id: { S: 'b' }, sk: { S: '2' } }]);
	});
});
