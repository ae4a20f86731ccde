/**
 * Key From Input (GetItem, DeleteItem): the Key from the input item's key attributes, one item at a
 * time, with Parallel Requests and in Bulk Mode (BatchGetItem / BatchWriteItem deletes), on DynamoDB
 * Local with the requests recorded as they went over the wire.
 */
import { BatchWriteItemCommand, CreateTableCommand, DeleteTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { IDataObject } from 'n8n-workflow';
import { createTable, rawClient, uniqueTable } from '../helpers/local';
import { startRecorder, type Recorder } from '../helpers/recorder';
import { countItems, exampleBody, jsonOf, run } from './support';

const client = rawClient();
let recorder: Recorder;
beforeAll(async () => (recorder = await startRecorder()));
afterAll(async () => {
	client.destroy();
	await recorder.close();
});

/** The operation's example as the editor prefills it, untouched (the Table option names the table). */
const untouched = (action: string, table: string) => exampleBody(action, table).replace(/^=\{\n {2}"TableName": "[^"]+",/, '={');
const byKey = (action: string, table: string, input: IDataObject[], options: IDataObject = {}, extra: { continueOnFail?: boolean; body?: string } = {}) =>
	run(action, extra.body ?? untouched(action, table), { table: { __rl: true, mode: 'name', value: table }, keyFromInput: true, ...options }, input, {
		continueOnFail: extra.continueOnFail,
		endpoint: recorder.endpoint,
	});
const actions = () => recorder.requests.map((r) => r.target.replace(/^.*\./, ''));

/** A table keyed by id (string) and sk (number), with `n` records `{ id: r<i>, sk: i, name: name<i> }`. */
async function filled(n: number): Promise<string> {
	const table = await createTable(client, uniqueTable('kfi'), true);
	for (let i = 0; i < n; i += 25) {
		const slice = Array.from({ length: Math.min(25, n - i) }, (_, k) => i + k);
		await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: slice.map((k) => ({ PutRequest: { Item: { id: { S: `r${k}` }, sk: { N: String(k) }, name: { S: `name${k}` } } } })) } }));
	}
	return table;
}

describe('Key From Input', () => {
	it("GetItem reads the record the input item's key attributes name; its other fields are ignored", async () => {
		const table = await filled(3);
		recorder.requests.length = 0;
		const result = await byKey('GetItem', table, [{ id: 'r1', sk: 1, name: 'ignored', extra: { a: 1 } }, { id: 'r2', sk: 2 }]);
		expect(jsonOf(result)).toEqual([
			{ id: 'r1', sk: 1, name: 'name1' },
			{ id: 'r2', sk: 2, name: 'name2' },
		]);
		expect(actions()).toEqual(['DescribeTable', 'GetItem', 'GetItem']);
		// The example's ConsistentRead and sample key are not the user's: only the table and the input's key go out.
		expect(recorder.requests[1].body).toEqual({ TableName: table, Key: { id: { S: 'r1' }, sk: { N: '1' } } });
	});

	it("DeleteItem deletes the record the input item's key names, with Parallel Requests", async () => {
		const table = await filled(40);
		const input = Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, sk: i }));
		const result = await byKey('DeleteItem', table, input, { parallelRequests: 8 });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual(input.map((_, i) => ({ item: i })));
		expect(await countItems(client, table)).toBe(10);
	});

	it.each([
		['GetItem', 'BatchGetItem'],
		['DeleteItem', 'BatchWriteItem'],
	])('%s in Bulk Mode: one output item per input item, sent as %s calls', async (action, into) => {
		const table = await filled(250);
		recorder.requests.length = 0;
		const input = Array.from({ length: 250 }, (_, i) => ({ id: `r${i}`, sk: i, note: 'not part of the key' }));
		const result = await byKey(action, table, input, { bulkMode: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		expect(result.items.map((i) => i.pairedItem)).toEqual(input.map((_, i) => ({ item: i })));
		if (action === 'GetItem') expect(result.items.map((i) => i.json)).toEqual(input.map((_, i) => ({ id: `r${i}`, sk: i, name: `name${i}` })));
		else expect(await countItems(client, table)).toBe(0);
		expect(new Set(actions())).toEqual(new Set(['DescribeTable', into]));
		expect(actions().filter((a) => a === 'DescribeTable')).toHaveLength(1);
	});

	it('a key attribute missing from the input fails that item, naming it and the key schema; with Continue On Fail only that item', async () => {
		const table = await filled(2);
		const failed = await byKey('GetItem', table, [{ id: 'r0' }]);
		expect(failed.error?.message).toBe(`Key: the input item has no field "sk", a key attribute of table "${table}" (its key: "id" (partition key) and "sk" (sort key))`);
		const bulk = await byKey('GetItem', table, [{ id: 'r0', sk: 0 }, { id: 'r1' }, { id: 'r1', sk: 1 }], { bulkMode: true }, { continueOnFail: true });
		expect(bulk.items.map((i) => i.json)).toEqual([
			{ id: 'r0', sk: 0, name: 'name0' },
			{ error: expect.objectContaining({ message: expect.stringContaining('Key: the input item has no field "sk"') }) },
			{ id: 'r1', sk: 1, name: 'name1' },
		]);
	});

	it('a body with its own Key and Key From Input on is an error saying to remove one', async () => {
		const table = await filled(1);
		const result = await byKey('GetItem', table, [{ id: 'r0', sk: 0 }], {}, { body: `={ "TableName": "${table}", "Key": { "id": "r0", "sk": 0 } }` });
		expect(result.error?.message).toBe('Key: the body has a Key, but Key From Input takes the Key from the input item');
	});

	it('notices a table created again with other keys: the cached key schema is asked again when an item lacks its attributes', async () => {
		const table = await filled(1);
		expect(jsonOf(await byKey('GetItem', table, [{ id: 'r0', sk: 0 }]))).toEqual([{ id: 'r0', sk: 0, name: 'name0' }]);
		await client.send(new DeleteTableCommand({ TableName: table }));
		await client.send(
			new CreateTableCommand({ TableName: table, AttributeDefinitions: [{ AttributeName: 'code', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'code', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
		);
		await client.send(new PutItemCommand({ TableName: table, Item: { code: { S: 'c1' }, name: { S: 'new' } } }));
		recorder.requests.length = 0;
		expect(jsonOf(await byKey('GetItem', table, [{ code: 'c1' }]))).toEqual([{ code: 'c1', name: 'new' }]);
		expect(actions()).toEqual(['DescribeTable', 'GetItem']);
	});

	it("a body you edit keeps its other members (ProjectionExpression, ReturnValues)", async () => {
		const table = await filled(2);
		const get = await byKey('GetItem', table, [{ id: 'r1', sk: 1 }], {}, { body: `={ "TableName": "${table}", "ProjectionExpression": "#n", "ExpressionAttributeNames": { "#n": "name" } }` });
		expect(jsonOf(get)).toEqual([{ name: 'name1' }]);
		const del = await byKey('DeleteItem', table, [{ id: 'r1', sk: 1 }], {}, { body: `={ "TableName": "${table}", "ReturnValues": "ALL_OLD" }` });
		expect(jsonOf(del)).toEqual([{ Attributes: { id: 'r1', sk: 1, name: 'name1' } }]);
	});
});
