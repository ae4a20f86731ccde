import { createTable, rawClient, uniqueTable } from '../helpers/local';
import { jsonOf, run, storedItem } from './support';

/** What a flow receives from operations that may or may not return records: it must always be able to go on. */
describe('output items of record operations', () => {
	const client = rawClient();
	let table: string;
	beforeAll(async () => {
		table = await createTable(client, uniqueTable('rec'));
	});
	afterAll(() => client.destroy());

	it('a PartiQL INSERT gives one output item (so the next node runs), a SELECT one item per record', async () => {
		const insert = jsonOf(await run('ExecuteStatement', `{ "Statement": "INSERT INTO \\"${table}\\" VALUE {'id': ?, 'n': ?}", "Parameters": ["s1", 1] }`));
		expect(insert).toEqual([{ Items: [] }]); // the response as DynamoDB answers a write
		expect(await storedItem(client, table, { id: { S: 's1' } })).toEqual({ id: { S: 's1' }, n: { N: '1' } });
		const select = jsonOf(await run('ExecuteStatement', `{ "Statement": "SELECT * FROM \\"${table}\\" WHERE id = ?", "Parameters": ["s1"] }`));
		expect(select).toEqual([{ id: 's1', n: 1 }]);
		const none = jsonOf(await run('ExecuteStatement', `{ "Statement": "  select * FROM \\"${table}\\" WHERE id = ?", "Parameters": ["nope"] }`));
		expect(none).toEqual([]);
	});

	it('BatchExecuteStatement and ExecuteTransaction give one item per statement, in order: record, {} or error', async () => {
		const batch = jsonOf(
			await run(
				'BatchExecuteStatement',
				`{ "Statements": [
					{ "Statement": "INSERT INTO \\"${table}\\" VALUE {'id': 'b1'}" },
					{ "Statement": "INSERT INTO \\"${table}\\" VALUE {'id': 's1'}" }
				] }`,
			),
		);
		expect(batch).toHaveLength(2);
		expect(batch[0]).toEqual({});
		expect(batch[1]).toEqual({ error: expect.objectContaining({ Code: 'DuplicateItem' }) });
		const reads = jsonOf(
			await run(
				'BatchExecuteStatement',
				`{ "Statements": [
					{ "Statement": "SELECT * FROM \\"${table}\\" WHERE id = ?", "Parameters": ["nope"] },
					{ "Statement": "SELECT * FROM \\"${table}\\" WHERE id = ?", "Parameters": ["b1"] }
				] }`,
			),
		);
		expect(reads).toEqual([{}, { id: 'b1' }]);
		const transaction = jsonOf(await run('ExecuteTransaction', `{ "TransactStatements": [{ "Statement": "UPDATE \\"${table}\\" SET n = 2 WHERE id = 's1'" }] }`));
		// A write transaction answers no records: its response (DynamoDB Local: {"Responses": []}) is the one item.
		expect(transaction).toHaveLength(1);
		expect(transaction[0]).not.toHaveProperty('error');
		expect((await storedItem(client, table, { id: { S: 's1' } }))?.n).toEqual({ N: '2' });
	});

	it('TransactGetItems keeps one item per Get, {} where nothing has the key', async () => {
		const out = jsonOf(
			await run('TransactGetItems', `{ "TransactItems": [{ "Get": { "TableName": "${table}", "Key": { "id": "nope" } } }, { "Get": { "TableName": "${table}", "Key": { "id": "s1" } } }] }`),
		);
		expect(out).toEqual([{}, { id: 's1', n: 2 }]);
	});

	it('If Item Not Found applies with Simplify off too', async () => {
		const body = `{ "TableName": "${table}", "Key": { "id": "nope" } }`;
		expect(jsonOf(await run('GetItem', body, { simplify: false }))).toEqual([]);
		expect(jsonOf(await run('GetItem', body, { simplify: false, notFound: 'empty' }))).toEqual([{}]);
		const failed = await run('GetItem', body, { simplify: false, notFound: 'error' });
		expect(failed.error?.message).toContain('No item has this key');
		expect(jsonOf(await run('GetItem', `{ "TableName": "${table}", "Key": { "id": "s1" } }`, { simplify: false }))).toEqual([{ Item: { id: { S: 's1' }, n: { N: '2' } } }]);
	});
});
