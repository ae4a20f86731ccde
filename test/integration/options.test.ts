import { CreateTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { IDataObject, ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';
import { getIndexes } from '../../nodes/DynamoDb/methods/indexes';
import { searchTables } from '../../nodes/DynamoDb/methods/tables';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode } from '../helpers/n8n';

/** The two calls n8n's editor makes available to list-search and load-options methods. */
function editorContext(parameters: Record<string, unknown>, typeVersion = 1): ILoadOptionsFunctions {
	return {
		getCredentials: async () => localCredentials(),
		getNode: () => ({ typeVersion }),
		getCurrentNodeParameter: (name: string) => parameters[name],
	} as unknown as ILoadOptionsFunctions;
}

describe('options that fill in the body', () => {
	const client = rawClient();
	afterAll(() => client.destroy());

	it('Table (by name) supplies TableName when the body has none; a body naming another table is an error naming both', async () => {
		const table = await createTable(client, uniqueTable('pick'));
		const { items, error } = await runNode({
			input: [{ id: 'p1' }],
			credentials: localCredentials(),
			parameters: {
				operation: 'PutItem',
				body: '={ "Item": { "id": "{{ $json.id }}" } }',
				options: { table: { __rl: true, mode: 'name', value: table } },
			},
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect((await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'p1' } } }))).Item).toEqual({ id: { S: 'p1' } });

		const wrong = await runNode({
			input: [{ id: 'p2' }],
			credentials: localCredentials(),
			parameters: { operation: 'GetItem', body: `{ "TableName": "${table}", "Key": { "id": "p1" } }`, options: { table: { __rl: true, mode: 'name', value: 'no_such_table' } } },
		});
		expect(wrong.error!.message).toBe(`TableName: the body names table "${table}" but Options › Table is "no_such_table"`);
		expect(wrong.items).toEqual([]);
	});

	it('options written as expressions are read for each item; options without one are the same for every item', async () => {
		const table = await createTable(client, uniqueTable('peritem'));
		const put = (options: INodeParameters, input: IDataObject[]) =>
			runNode({ input, credentials: localCredentials(), parameters: { operation: 'PutItem', body: '={ "Item": { "id": "{{ $json.id }}" } }', options } });
		const perItem = await put({ table: { __rl: true, mode: 'name', value: table }, excludeFields: '={{ $json.drop }}', itemFromInput: true }, [
			{ id: 'e1', a: 1, b: 2, drop: 'a' },
			{ id: 'e2', a: 1, b: 2, drop: 'b' },
		]);
		expect(perItem.error).toBeUndefined();
		const stored = async (id: string) => (await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } } }))).Item;
		expect(await stored('e1')).toEqual({ id: { S: 'e1' }, b: { N: '2' }, drop: { S: 'a' } });
		expect(await stored('e2')).toEqual({ id: { S: 'e2' }, a: { N: '1' }, drop: { S: 'b' } });
		const fixed = await put({ table: { __rl: true, mode: 'name', value: table }, excludeFields: 'a', itemFromInput: true }, [
			{ id: 'f1', a: 1, b: 2 },
			{ id: 'f2', a: 1, b: 2 },
		]);
		expect(fixed.error).toBeUndefined();
		expect(await stored('f1')).toEqual({ id: { S: 'f1' }, b: { N: '2' } });
		expect(await stored('f2')).toEqual({ id: { S: 'f2' }, b: { N: '2' } });
	});

	it('Item From Input stores the incoming JSON as plain values, minus excluded fields, plus the body Item', async () => {
		const table = await createTable(client, uniqueTable('store'));
		const payload = { id: 'w1', name: 'Ada', age: 36, tags: ['a', 'b'], address: { city: 'London' }, ok: true, none: null, zip: '007', password: 'x' };
		const { error } = await runNode({
			input: [payload],
			credentials: localCredentials(),
			parameters: {
				operation: 'PutItem',
				body: `={ "TableName": "${table}", "Item": { "source": "webhook" } }`,
				options: { itemFromInput: true, excludeFields: 'password, none' },
			},
		});
		expect(error).toBeUndefined();
		const stored = await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'w1' } } }));
		expect(stored.Item).toEqual({
			id: { S: 'w1' },
			name: { S: 'Ada' },
			age: { N: '36' },
			tags: { L: [{ S: 'a' }, { S: 'b' }] },
			address: { M: { city: { S: 'London' } } },
			ok: { BOOL: true },
			zip: { S: '007' },
			source: { S: 'webhook' },
		});
	});

	it('the table picker pages through every ListTables result and filters by name', async () => {
		const prefix = uniqueTable('many');
		const names = Array.from({ length: 130 }, (_, i) => `${prefix}_${String(i).padStart(3, '0')}`);
		for (const name of names) await createTable(client, name);
		const seen: string[] = [];
		let token: string | undefined;
		do {
			const page = await searchTables.call(editorContext({}), undefined, token);
			seen.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken as string | undefined;
		} while (token);
		expect(names.every((n) => seen.includes(n))).toBe(true);
		expect(new Set(seen).size).toBe(seen.length);

		const filtered = await searchTables.call(editorContext({}), `${prefix}_12`.toUpperCase());
		expect(filtered.results.map((r) => r.value)).toEqual(names.filter((n) => n.startsWith(`${prefix}_12`)));
	});

	it('offers the indexes of the picked table', async () => {
		const table = uniqueTable('idx');
		await client.send(
			new CreateTableCommand({
				TableName: table,
				AttributeDefinitions: [
					{ AttributeName: 'id', AttributeType: 'S' },
					{ AttributeName: 'email', AttributeType: 'S' },
				],
				KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
				GlobalSecondaryIndexes: [{ IndexName: 'by_email', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
				BillingMode: 'PAY_PER_REQUEST',
			}),
		);
		// "None" first: Index Name is valid as soon as it is added (n8n marks a value not in the list red).
		const none = { name: 'None (Query or Scan the Table Itself)', value: '' };
		const fromOption = await getIndexes.call(editorContext({ 'options.table': table }));
		expect(fromOption).toEqual([none, { name: 'by_email (global)', value: 'by_email' }]);
		const fromBody = await getIndexes.call(editorContext({ body: `{ "TableName": "${table}" } // comment` }));
		expect(fromBody).toEqual(fromOption);
		// The table actually used: an Expression-mode body's literal TableName, over the picker's.
		const fromExpression = await getIndexes.call(editorContext({ body: `={ "TableName": "${table}", "Key": { "id": "{{ $json.id }}" } }`, 'options.table': 'other' }));
		expect(fromExpression).toEqual(fromOption);
		expect(await getIndexes.call(editorContext({ body: '={{ $json.x }}' }))).toEqual([none]);
		// Version 2: the Table under Operation is the picked table; Options › Table is version 1's only.
		expect(await getIndexes.call(editorContext({ table }, 2))).toEqual(fromOption);
		expect(await getIndexes.call(editorContext({ 'options.table': table }, 2))).toEqual([none]);
		expect(await getIndexes.call(editorContext({ table }, 1))).toEqual([none]);
	});
});
