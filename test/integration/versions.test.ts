/**
 * Where each node version reads the table, against DynamoDB Local through n8n's engine: version 2
 * from the Table under Operation (`table`), version 1 from Options › Table (`options.table`), as
 * workflows saved with it have it. Each version ignores the other's place, so a parameter left over
 * from the other version never picks a table.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode } from '../helpers/n8n';

describe('the table of each node version', () => {
	const client = rawClient();
	afterAll(() => client.destroy());
	const picked = (table: string) => ({ __rl: true, mode: 'list', value: table });
	const stored = async (table: string, id: string) => (await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } } }))).Item;

	it('version 2 reads `table`, version 1 reads `options.table`: each stores the item in its table', async () => {
		const table = await createTable(client, uniqueTable('versions'));
		const body = '={ "Item": { "id": "{{ $json.id }}", "v": {{ $json.v }} } }';
		const v2 = await runNode({ input: [{ id: 'two', v: 2 }], credentials: localCredentials(), typeVersion: 2, parameters: { operation: 'PutItem', table: picked(table), body, options: {} } });
		const v1 = await runNode({ input: [{ id: 'one', v: 1 }], credentials: localCredentials(), typeVersion: 1, parameters: { operation: 'PutItem', body, options: { table: picked(table) } } });
		expect([v2.error, v1.error]).toEqual([undefined, undefined]);
		expect(await stored(table, 'two')).toEqual({ id: { S: 'two' }, v: { N: '2' } });
		expect(await stored(table, 'one')).toEqual({ id: { S: 'one' }, v: { N: '1' } });
	});

	it("each version ignores the other's place: no table given, nothing sent", async () => {
		const table = await createTable(client, uniqueTable('versions'));
		const body = '={ "Item": { "id": "{{ $json.id }}" } }';
		const v2 = await runNode({ input: [{ id: 'a' }], credentials: localCredentials(), typeVersion: 2, parameters: { operation: 'PutItem', body, options: { table: picked(table) } } });
		const v1 = await runNode({ input: [{ id: 'b' }], credentials: localCredentials(), typeVersion: 1, parameters: { operation: 'PutItem', table: picked(table), body, options: {} } });
		expect(v2.error!.message).toBe('TableName: no table given');
		expect(v2.error!.description).toContain('Pick the Table under Operation');
		expect(v1.error!.message).toBe('TableName: no table given');
		expect(v1.error!.description).toContain('Pick the table under Options › Table');
		expect([await stored(table, 'a'), await stored(table, 'b')]).toEqual([undefined, undefined]);
	});

	it('version 2: a table from an expression is read for each item; a body naming another table is an error naming both', async () => {
		const [a, b] = [await createTable(client, uniqueTable('versions')), await createTable(client, uniqueTable('versions'))];
		const each = await runNode({
			input: [{ id: 'x', table: a }, { id: 'y', table: b }],
			credentials: localCredentials(),
			typeVersion: 2,
			parameters: { operation: 'PutItem', table: { __rl: true, mode: 'name', value: '={{ $json.table }}' }, body: '={ "Item": { "id": "{{ $json.id }}" } }', options: {} },
		});
		expect(each.error).toBeUndefined();
		expect([await stored(a, 'x'), await stored(b, 'y'), await stored(a, 'y')]).toEqual([{ id: { S: 'x' } }, { id: { S: 'y' } }, undefined]);
		const wrong = await runNode({
			input: [{ id: 'z' }],
			credentials: localCredentials(),
			typeVersion: 2,
			parameters: { operation: 'GetItem', table: picked(b), body: `{ "TableName": "${a}", "Key": { "id": "x" } }`, options: {} },
		});
		expect(wrong.error!.message).toBe(`TableName: the body names table "${a}" but Table is "${b}"`);
		expect(wrong.items).toEqual([]);
	});
});
