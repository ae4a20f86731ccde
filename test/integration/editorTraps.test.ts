/**
 * The traps a newcomer met in n8n's editor (issue 11), run the way n8n runs the node: the prefilled
 * bodies as the editor hands them over, the Table picker, an Operation switched under an edited
 * body, `{{ }}` typed into a Fixed-mode body, and Item From Input with the example left in place.
 */
import { GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { getOperation } from '../../nodes/DynamoDb/operations/registry';
import { prefilledBody } from '../../nodes/DynamoDb/operations/prefilled';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode } from '../helpers/n8n';

const picked = (value: string) => ({ table: { __rl: true, mode: 'list', value } });
/** What n8n hands the node for an untouched body: the parameter's default, the prefilled example. */
const untouched = (action: string) => {
	const { properties } = new DynamoDb().description;
	return properties.find((p) => p.name === 'body' && p.displayOptions?.show?.operation?.includes(action))!.default as string;
};

describe('the editor’s first five minutes, through n8n’s engine', () => {
	const client = rawClient();
	let users: string;
	let orders: string;
	beforeAll(async () => {
		users = await createTable(client, uniqueTable('users'));
		orders = await createTable(client, uniqueTable('orders'));
	});
	afterAll(() => client.destroy());

	it('the prefilled examples name no table of a one-table operation: the picked table is the one written', async () => {
		expect(untouched('PutItem')).toBe(prefilledBody(getOperation('PutItem')));
		expect(untouched('PutItem')).not.toContain('TableName');
		const put = await runNode({ input: [{}], credentials: localCredentials(), parameters: { operation: 'PutItem', body: untouched('PutItem'), options: picked(orders) } });
		expect(put.error).toBeUndefined();
		expect((await client.send(new GetItemCommand({ TableName: orders, Key: { id: { S: 'user_1' } } }))).Item?.name).toEqual({ S: 'Ada Lovelace' });
		expect((await client.send(new ScanCommand({ TableName: users }))).Count).toBe(0);

		const get = await runNode({ input: [{}], credentials: localCredentials(), parameters: { operation: 'GetItem', body: untouched('GetItem'), options: picked(orders) } });
		expect(get.items.map((i) => i.json)).toMatchObject([{ id: 'user_1', name: 'Ada Lovelace' }]);
	});

	it('no table at all is an error that says where to pick one', async () => {
		const result = await runNode({ input: [{}], credentials: localCredentials(), parameters: { operation: 'GetItem', body: untouched('GetItem') } });
		expect(result.error!.message).toBe('TableName: no table given');
		expect(result.error!.description).toBe('At TableName in the request body. Pick the table under Options › Table (Add option), or write "TableName" in the body.');
	});

	it('a body and a picker that disagree write nowhere and name both tables', async () => {
		const body = `={ "TableName": "${users}", "Item": { "id": "x1" } }`;
		const result = await runNode({ input: [{}], credentials: localCredentials(), parameters: { operation: 'PutItem', body, options: picked(orders) } });
		expect(result.error!.message).toBe(`TableName: the body names table "${users}" but Options › Table is "${orders}"`);
		expect(result.error!.description).toContain('Remove "TableName" from the body to use the picked table');
		expect((await client.send(new GetItemCommand({ TableName: users, Key: { id: { S: 'x1' } } }))).Item).toBeUndefined();
		// The same table by name and by ARN agree.
		const arn = `arn:aws:dynamodb:ddblocal:000000000000:table/${orders}`;
		const same = await runNode({ input: [{}], credentials: localCredentials(), parameters: { operation: 'GetItem', body: `{ "TableName": "${orders}", "Key": { "id": "x" } }`, options: picked(arn) } });
		expect(same.error).toBeUndefined();
	});

	it('an edited GetItem body run as Query says the Operation changed, and how to load the Query example', async () => {
		const edited = `={ "TableName": "${users}", "Key": { "id": "{{ $json.id }}" }, "ConsistentRead": true }`;
		const result = await runNode({ input: [{ id: 'a' }], credentials: localCredentials(), parameters: { operation: 'Query', body: edited } });
		expect(result.error!.message).toBe('Key: this looks like a GetItem body: did the Operation change?');
		expect(result.error!.description).toContain("To load Query's example, pick Reset Value in the Request Body's menu");
	});

	it('{{ }} in a Fixed-mode body is an error that says to switch the field to Expression, never sent as text', async () => {
		await client.send(new PutItemCommand({ TableName: users, Item: { id: { S: '{{ $json.id }}' } } }));
		const result = await runNode({
			input: [{ id: 'a' }],
			credentials: localCredentials(),
			parameters: { operation: 'GetItem', body: `{ "TableName": "${users}", "Key": { "id": "{{ $json.id }}" } }` },
		});
		expect(result.items).toEqual([]);
		expect(result.error!.message).toBe('The body holds {{ $json.id }} but the field is in Fixed mode, so it would be sent as text');
		expect(result.error!.description).toMatch(/^Switch the Request Body field to Expression/);
	});

	it('an Operation switched to Expression mode is read as n8n reads it, and an unknown name says so', async () => {
		const asWritten = await runNode({ input: [{ id: 'op1' }], credentials: localCredentials(), parameters: { operation: 'PutItem', body: `={ "TableName": "${users}", "Item": { "id": "{{ $json.id }}" } }` } });
		expect(asWritten.error).toBeUndefined();
		const byExpression = await runNode({ input: [{ id: 'op2', op: 'PutItem' }], credentials: localCredentials(), parameters: { operation: '={{ $json.op }}', body: `={ "TableName": "${users}", "Item": { "id": "{{ $json.id }}" } }` } });
		// n8n hands an expression in this options parameter over unresolved (without its "="): no such action.
		expect(byExpression.error?.message).toBe('Unknown DynamoDB operation "{{ $json.op }}"');
		expect((await client.send(new GetItemCommand({ TableName: users, Key: { id: { S: 'op2' } } }))).Item).toBeUndefined();
	});

	it('Item From Input with the example untouched stores only the input items', async () => {
		const table = await createTable(client, uniqueTable('fromInput'));
		const input = [{ id: 'in1', name: 'Grace' }, { id: 'in2', name: 'Alan' }];
		const result = await runNode({ input, credentials: localCredentials(), parameters: { operation: 'PutItem', body: untouched('PutItem'), options: { ...picked(table), itemFromInput: true } } });
		expect(result.error).toBeUndefined();
		const stored = (await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items!;
		expect(stored.sort((a, b) => a.id.S!.localeCompare(b.id.S!))).toEqual([
			{ id: { S: 'in1' }, name: { S: 'Grace' } },
			{ id: { S: 'in2' }, name: { S: 'Alan' } },
		]);
	});
});
