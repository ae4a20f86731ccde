/**
 * Update From Input (UpdateItem): the update built from the input item, run through n8n-core's
 * engine against DynamoDB Local, with the requests recorded as they went over the wire.
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { IDataObject } from 'n8n-workflow';
import { createTable, rawClient, uniqueTable } from '../helpers/local';
import { startRecorder, type Recorder } from '../helpers/recorder';
import { exampleBody, jsonOf, run, typedJson } from './support';

const client = rawClient();
let recorder: Recorder;
beforeAll(async () => (recorder = await startRecorder()));
afterAll(async () => {
	client.destroy();
	await recorder.close();
});

/** The UpdateItem example as the editor prefills it, untouched (the Table option names the table). */
const untouched = (table: string) => exampleBody('UpdateItem', table).replace(/^=\{\n {2}"TableName": "[^"]+",/, '={');
const picked = (table: string) => ({ table: { __rl: true, mode: 'name', value: table } });
const update = (table: string, input: IDataObject[], options: IDataObject = {}, body = untouched(table), extra: { continueOnFail?: boolean } = {}) =>
	run('UpdateItem', body, { ...picked(table), updateFromInput: true, ...options }, input, { ...extra, endpoint: recorder.endpoint });
const stored = async (table: string, key: Record<string, string | number>) => {
	const Key = Object.fromEntries(Object.entries(key).map(([k, v]) => [k, typeof v === 'number' ? { N: String(v) } : { S: v }]));
	return typedJson((await client.send(new GetItemCommand({ TableName: table, Key, ConsistentRead: true }))).Item);
};
const sent = (action = 'UpdateItem') => recorder.requests.filter((r) => r.target.endsWith(`.${action}`)).map((r) => r.body);
const seed = (table: string, item: Record<string, unknown>) => client.send(new PutItemCommand({ TableName: table, Item: item as never }));

describe('Update From Input', () => {
	it('sets the input fields on the record, keeps the attributes the input does not carry, and outputs the record as stored', async () => {
		const table = await createTable(client, uniqueTable('ufi'));
		await seed(table, { id: { S: 'r1' }, status: { S: 'new' }, note: { S: 'old' }, createdBy: { S: 'ada' } });
		recorder.requests.length = 0;
		const result = await update(table, [{ id: 'r1', status: 'done', note: 'shipped', 'a.b': 1, 'has space': true, '#x:y': null, 'ñ': { deep: [1, 'two'] } }]);
		expect(jsonOf(result)).toEqual([
			{ Attributes: { id: 'r1', status: 'done', note: 'shipped', createdBy: 'ada', 'a.b': 1, 'has space': true, '#x:y': null, 'ñ': { deep: [1, 'two'] } } },
		]);
		expect(await stored(table, { id: 'r1' })).toEqual({
			id: { S: 'r1' },
			status: { S: 'done' },
			note: { S: 'shipped' },
			createdBy: { S: 'ada' },
			'a.b': { N: '1' },
			'has space': { BOOL: true },
			'#x:y': { NULL: true },
			'ñ': { M: { deep: { L: [{ N: '1' }, { S: 'two' }] } } },
		});
		const [request] = sent();
		// The example's sample key and update are not used; only the table's key schema was asked for.
		expect(request.Key).toEqual({ id: { S: 'r1' } });
		expect(request.UpdateExpression).toBe('SET #f0 = :f0, #f1 = :f1, #f2 = :f2, #f3 = :f3, #f4 = :f4, #f5 = :f5');
		expect(request.ExpressionAttributeNames).toEqual({ '#f0': 'status', '#f1': 'note', '#f2': 'a.b', '#f3': 'has space', '#f4': '#x:y', '#f5': 'ñ' });
		expect(request.ReturnValues).toBe('ALL_NEW');
		expect(request.ConditionExpression).toBeUndefined();
	});

	it('creates the record when no record has the key (Create If Missing, the default)', async () => {
		const table = await createTable(client, uniqueTable('ufi'));
		const result = await update(table, [{ id: 'new1', status: 'open' }]);
		expect(jsonOf(result)).toEqual([{ Attributes: { id: 'new1', status: 'open' } }]);
		expect(await stored(table, { id: 'new1' })).toEqual({ id: { S: 'new1' }, status: { S: 'open' } });
	});

	it('Create If Missing off: an existing record is updated; a missing one is an error naming the key, or an error item with Continue On Fail, and nothing is created', async () => {
		const table = await createTable(client, uniqueTable('ufi'));
		await seed(table, { id: { S: 'here' }, n: { N: '1' } });
		const ok = await update(table, [{ id: 'here', n: 2 }], { createIfMissing: false });
		expect(jsonOf(ok)).toEqual([{ Attributes: { id: 'here', n: 2 } }]);

		const failed = await update(table, [{ id: 'gone', n: 2 }], { createIfMissing: false });
		expect(failed.error?.message).toBe(`No record has the key {"id":"gone"} in table "${table}": Create If Missing is off, so nothing was written`);
		expect(await stored(table, { id: 'gone' })).toBeUndefined();

		recorder.requests.length = 0;
		const items = await update(table, [{ id: 'gone', n: 3 }, { id: 'here', n: 4 }], { createIfMissing: false }, undefined, { continueOnFail: true });
		expect(items.error).toBeUndefined();
		expect(items.items.map((i) => i.json)).toEqual([
			{ error: expect.objectContaining({ message: `No record has the key {"id":"gone"} in table "${table}": Create If Missing is off, so nothing was written` }) },
			{ Attributes: { id: 'here', n: 4 } },
		]);
		expect(items.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(await stored(table, { id: 'gone' })).toBeUndefined();
		expect(sent()[0]).toMatchObject({ ConditionExpression: 'attribute_exists(#f1)', ExpressionAttributeNames: { '#f0': 'n', '#f1': 'id' }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
	});

	it("Create If Missing off with the body's own condition: a failed condition on an existing record stays DynamoDB's error with the record", async () => {
		const table = await createTable(client, uniqueTable('ufi'));
		await seed(table, { id: { S: 'v' }, version: { N: '3' } });
		const body = `={ "TableName": "${table}", "ConditionExpression": "version = :expected", "ExpressionAttributeValues": { ":expected": 2 } }`;
		const result = await update(table, [{ id: 'v', version: 4 }], { createIfMissing: false }, body);
		expect(result.error?.message).toContain('ConditionalCheckFailedException');
		expect(await stored(table, { id: 'v' })).toEqual({ id: { S: 'v' }, version: { N: '3' } });
		const ok = await update(table, [{ id: 'v', version: 4 }], { createIfMissing: false }, body.replace(':expected": 2', ':expected": 3'));
		expect(jsonOf(ok)).toEqual([{ Attributes: { id: 'v', version: 4 } }]);
		expect(sent().at(-1)!.ConditionExpression).toBe('(version = :expected) AND attribute_exists(#f1)');
	});

	it('Remove Fields With Null removes the attribute; without it null is stored as NULL', async () => {
		const table = await createTable(client, uniqueTable('ufi'));
		await seed(table, { id: { S: 'n1' }, a: { S: 'x' }, b: { S: 'y' } });
		await update(table, [{ id: 'n1', a: null, c: 1 }], { removeNullFields: true });
		expect(await stored(table, { id: 'n1' })).toEqual({ id: { S: 'n1' }, b: { S: 'y' }, c: { N: '1' } });
		expect(sent().at(-1)!.UpdateExpression).toBe('SET #f1 = :f0 REMOVE #f0');
		await update(table, [{ id: 'n1', b: null }]);
		expect(await stored(table, { id: 'n1' })).toEqual({ id: { S: 'n1' }, b: { NULL: true }, c: { N: '1' } });
	});

	it('Exclude Fields leaves the listed fields out of the update', async () => {
		const table = await createTable(client, uniqueTable('ufi'));
		await seed(table, { id: { S: 'e1' }, secret: { S: 'kept' } });
		const result = await update(table, [{ id: 'e1', secret: 'leaked', submittedAt: 'now', status: 'ok' }], { excludeFields: 'secret, submittedAt' });
		expect(jsonOf(result)).toEqual([{ Attributes: { id: 'e1', secret: 'kept', status: 'ok' } }]);
	});

	it("joins the body's own clauses in their sections, keeps its ReturnValues, and never reuses its placeholders", async () => {
		const table = await createTable(client, uniqueTable('ufi'));
		await seed(table, { id: { S: 'b1' }, visits: { N: '1' }, tags: { SS: ['a', 'b'] }, old: { S: 'x' } });
		// The body uses #f0 and :f0 itself: the generated ones must take another prefix.
		const body = `={
			"TableName": "${table}",
			"UpdateExpression": "add visits :one delete tags :gone remove #o SET #f0 = :f0",
			"ExpressionAttributeNames": { "#f0": "source", "#o": "old" },
			"ExpressionAttributeValues": { ":one": 1, ":gone": { "$SS": ["a"] }, ":f0": "form" },
			"ReturnValues": "UPDATED_NEW"
		}`;
		recorder.requests.length = 0;
		const result = await update(table, [{ id: 'b1', status: 'ok', f0: 'not a placeholder' }], {}, body);
		expect(jsonOf(result)).toEqual([{ Attributes: { visits: 2, tags: ['b'], source: 'form', status: 'ok', f0: 'not a placeholder' } }]);
		const [request] = sent();
		expect(request.UpdateExpression).toBe('SET #f0 = :f0, #f_0 = :f_0, #f_1 = :f_1 REMOVE #o ADD visits :one DELETE tags :gone');
		expect(request.ExpressionAttributeNames).toEqual({ '#f0': 'source', '#o': 'old', '#f_0': 'status', '#f_1': 'f0' });
		expect(await stored(table, { id: 'b1' })).toEqual({ id: { S: 'b1' }, visits: { N: '2' }, tags: { SS: ['b'] }, source: { S: 'form' }, status: { S: 'ok' }, f0: { S: 'not a placeholder' } });
	});

	it("takes the key from the body's Key when it has one (no DescribeTable), and never sets a key attribute", async () => {
		const table = await createTable(client, uniqueTable('ufi'), true);
		recorder.requests.length = 0;
		const body = `={ "TableName": "${table}", "Key": { "id": "{{ $json.recordId }}", "sk": 7 } }`;
		const result = await update(table, [{ recordId: 'k1', id: 'k1', status: 'ok' }], {}, body);
		expect(jsonOf(result)).toEqual([{ Attributes: { id: 'k1', sk: 7, recordId: 'k1', status: 'ok' } }]);
		expect(sent('DescribeTable')).toEqual([]);
	});

	it('a key attribute missing from the input is an error naming it and the key schema', async () => {
		const table = await createTable(client, uniqueTable('ufi'), true);
		const result = await update(table, [{ id: 'k1', status: 'x' }]);
		expect(result.error?.message).toBe(`Key: the input item has no field "sk", a key attribute of table "${table}" (its key: "id" (partition key) and "sk" (sort key))`);
		const wrongType = await update(table, [{ id: { a: 1 }, sk: 1, status: 'x' }]);
		expect(wrongType.error?.message).toBe('Key.id: the input item\'s "id" is an object, but a key attribute is a string, a number or binary ({"$B": "base64"})');
	});

	it('asks for the key schema once for many items with Parallel Requests', async () => {
		const table = await createTable(client, uniqueTable('ufi'));
		recorder.requests.length = 0;
		const input = Array.from({ length: 60 }, (_, n) => ({ id: `p${n}`, n }));
		const result = await update(table, input, { parallelRequests: 8 });
		expect(jsonOf(result).map((r) => (r.Attributes as IDataObject).id)).toEqual(input.map((i) => i.id));
		expect(sent('DescribeTable')).toHaveLength(1);
		expect(sent()).toHaveLength(60);
		for (const item of input) expect(await stored(table, { id: item.id })).toEqual({ id: { S: item.id }, n: { N: String(item.n) } });
	});

	it('reads the input item by the plain JSON rules whatever the Attribute Values mode; the body keeps its mode (Item From Input too)', async () => {
		const table = await createTable(client, uniqueTable('ufi'));
		const typedBody = `={ "TableName": "${table}", "UpdateExpression": "ADD visits :one", "ExpressionAttributeValues": { ":one": { "N": "1" } } }`;
		const typed = await update(table, [{ id: 'm1', tag: { S: 'a map, not a type' }, n: 1 }], { attributeValues: 'typed' }, typedBody);
		expect(jsonOf(typed)).toEqual([{ Attributes: { id: 'm1', tag: { S: 'a map, not a type' }, n: 1, visits: 1 } }]);
		const plain = await update(table, [{ id: 'm2', n: 2 }], { attributeValues: 'plain' });
		expect(jsonOf(plain)).toEqual([{ Attributes: { id: 'm2', n: 2 } }]);
		// Item From Input (PutItem) the same way: the generated Item is never read again in the body's mode.
		for (const attributeValues of ['plain', 'typed', 'auto']) {
			const put = await run('PutItem', `={ "TableName": "${table}" }`, { itemFromInput: true, attributeValues }, [{ id: `i-${attributeValues}`, tag: { S: 'x' }, n: 3 }]);
			expect(put.error).toBeUndefined();
			expect(await stored(table, { id: `i-${attributeValues}` })).toEqual({ id: { S: `i-${attributeValues}` }, tag: { M: { S: { S: 'x' } } }, n: { N: '3' } });
		}
	});

	it("DynamoDB's limits are errors saying which and how much: an expression over 4 KB, an item over 400 KB", async () => {
		const table = await createTable(client, uniqueTable('ufi'));
		const wide: IDataObject = { id: 'w' };
		for (let n = 0; n < 400; n++) wide[`field${n}`] = n;
		const tooWide = await update(table, [wide]);
		expect(tooWide.error?.message).toMatch(/^UpdateExpression: the UpdateExpression is [\d,]+ bytes with the 400 input fields, more than DynamoDB's 4 KB \(4,096 bytes\) for an expression$/);
		const big = await update(table, [{ id: 'b', blob: 'x'.repeat(401 * 1024) }]);
		expect(big.error?.message).toBe("UpdateExpression: the input item's fields come to at least 401.0 KB, more than a DynamoDB item can hold (400 KB)");
		expect(await stored(table, { id: 'w' })).toBeUndefined();
		expect(await stored(table, { id: 'b' })).toBeUndefined();
	});

	it("an input field the body's own clauses also change is an error naming it; nothing to update is an error", async () => {
		const table = await createTable(client, uniqueTable('ufi'));
		const body = `={ "TableName": "${table}", "UpdateExpression": "SET #v = #v + :one", "ExpressionAttributeNames": { "#v": "visits" }, "ExpressionAttributeValues": { ":one": 1 } }`;
		const overlap = await update(table, [{ id: 'o', visits: 5 }], {}, body);
		expect(overlap.error?.message).toBe(`UpdateExpression: the body's UpdateExpression changes "visits", and so would the input item's field of that name`);
		const nothing = await update(table, [{ id: 'o' }]);
		expect(nothing.error?.message).toBe('UpdateExpression: nothing to update: the input item has no fields besides the key ("id" (partition key))');
	});
});
