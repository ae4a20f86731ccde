/**
 * Every operation DynamoDB Local implements: the registry row's own example body (table renamed)
 * run through the node in n8n-core's engine, and its real effect checked with a raw SDK client.
 */
import {
	DescribeTableCommand,
	DescribeTimeToLiveCommand,
	ListTablesCommand,
	PutItemCommand,
	UpdateTimeToLiveCommand,
	type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { operations } from '../../nodes/DynamoDb/operations/registry';
import { createTable, rawClient, uniqueTable } from '../helpers/local';
import { integrationActions, type IntegrationAction } from './cases';
import { exampleBody, jsonOf, run, scanAll, storedItem, typedJson } from './support';

const client = rawClient();
afterAll(() => client.destroy());

const S = (s: string): AttributeValue => ({ S: s });
const key = (id: string) => ({ id: S(id) });

async function putRaw(table: string, ...items: Record<string, AttributeValue>[]) {
	for (const Item of items) await client.send(new PutItemCommand({ TableName: table, Item }));
}

/** A fresh `users`-like table (key `id`) holding the given items. */
async function usersTable(...items: Record<string, AttributeValue>[]) {
	const table = await createTable(client, uniqueTable('ops'));
	await putRaw(table, ...items);
	return table;
}

async function stored(table: string, id: string) {
	const item = await storedItem(client, table, key(id));
	return item && typedJson(item);
}

const checks: Record<IntegrationAction, () => Promise<void>> = {
	async CreateTable() {
		const table = uniqueTable('ops');
		const out = jsonOf(await run('CreateTable', exampleBody('CreateTable', table)));
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({ TableDescription: { TableName: table } });
		const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
		expect(Table!.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
		expect(Table!.AttributeDefinitions).toEqual(
			expect.arrayContaining([
				{ AttributeName: 'id', AttributeType: 'S' },
				{ AttributeName: 'email', AttributeType: 'S' },
			]),
		);
		expect(Table!.AttributeDefinitions).toHaveLength(2);
		expect(Table!.GlobalSecondaryIndexes).toHaveLength(1);
		expect(Table!.GlobalSecondaryIndexes![0]).toMatchObject({
			IndexName: 'by_email',
			KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
			Projection: { ProjectionType: 'ALL' },
		});
		expect(Table!.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
	},

	async UpdateTable() {
		// The table the CreateTable example makes (on demand, with the by_email index) → provisioned.
		const table = uniqueTable('ops');
		jsonOf(await run('CreateTable', exampleBody('CreateTable', table)));
		const out = jsonOf(await run('UpdateTable', exampleBody('UpdateTable', table)));
		expect(out[0]).toMatchObject({ TableDescription: { TableName: table } });
		const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
		expect(Table!.BillingModeSummary?.BillingMode).toBe('PROVISIONED');
		expect(Table!.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
		// DynamoDB Local would leave the index at 0/0 capacity; real DynamoDB refuses the switch without it.
		expect(Table!.GlobalSecondaryIndexes?.[0]).toMatchObject({
			IndexName: 'by_email',
			ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
		});
	},

	async DeleteTable() {
		const table = await usersTable(key('user_1'));
		const out = jsonOf(await run('DeleteTable', exampleBody('DeleteTable', table)));
		expect(out[0]).toMatchObject({ TableDescription: { TableName: table } });
		await expect(client.send(new DescribeTableCommand({ TableName: table }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
	},

	async DescribeTable() {
		const table = await usersTable();
		const out = jsonOf(await run('DescribeTable', exampleBody('DescribeTable', table)));
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({
			Table: { TableName: table, TableStatus: 'ACTIVE', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] },
		});
		// Dates become ISO strings.
		expect((out[0].Table as { CreationDateTime: string }).CreationDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
	},

	async ListTables() {
		// "00…" sorts before every other test's tables, so it is within the example's first 100 names.
		const table = await createTable(client, uniqueTable('00ops'));
		const out = jsonOf(await run('ListTables', exampleBody('ListTables', table)));
		expect(out).toHaveLength(1);
		const names = out[0].TableNames as string[];
		expect(names).toContain(table);
		const raw = await client.send(new ListTablesCommand({ Limit: 100 }));
		expect(names).toEqual(raw.TableNames);
	},

	async PutItem() {
		const table = await usersTable();
		const out = jsonOf(await run('PutItem', exampleBody('PutItem', table)));
		expect(out).toEqual([{}]);
		expect(await stored(table, 'user_1')).toEqual({
			id: { S: 'user_1' },
			name: { S: 'Ada Lovelace' },
			age: { N: '36' },
			tags: { SS: ['math', 'poetry'] },
		});
		// The example's condition holds: a second put of the same key is refused and changes nothing.
		const again = await run('PutItem', exampleBody('PutItem', table));
		expect(again.error?.message).toMatch(/ConditionalCheckFailedException/);
		expect((await scanAll(client, table)).length).toBe(1);
	},

	async GetItem() {
		const table = await usersTable(
			{ id: S('user_1'), name: S('Ada Lovelace'), age: { N: '36' }, tags: { SS: ['math', 'poetry'] } },
			{ id: S('user_2'), name: S('Grace Hopper') },
		);
		const out = jsonOf(await run('GetItem', exampleBody('GetItem', table)));
		expect(out).toHaveLength(1);
		expect({ ...out[0], tags: (out[0].tags as string[]).slice().sort() }).toEqual({
			id: 'user_1',
			name: 'Ada Lovelace',
			age: 36,
			tags: ['math', 'poetry'],
		});
	},

	async UpdateItem() {
		const table = await usersTable({ id: S('user_1'), name: S('Ada Lovelace'), age: { N: '36' } });
		const out = jsonOf(await run('UpdateItem', exampleBody('UpdateItem', table)));
		expect(out).toEqual([{ Attributes: { id: 'user_1', name: 'Ada King', age: 36, visits: 1 } }]);
		expect(await stored(table, 'user_1')).toEqual({ id: S('user_1'), name: S('Ada King'), age: { N: '36' }, visits: { N: '1' } });
		// if_not_exists(visits, 0) + 1: a second run counts on.
		jsonOf(await run('UpdateItem', exampleBody('UpdateItem', table)));
		expect(await stored(table, 'user_1')).toMatchObject({ visits: { N: '2' } });
	},

	async DeleteItem() {
		const table = await usersTable({ id: S('user_1'), name: S('Ada Lovelace') }, { id: S('user_2') });
		const out = jsonOf(await run('DeleteItem', exampleBody('DeleteItem', table)));
		expect(out).toEqual([{ Attributes: { id: 'user_1', name: 'Ada Lovelace' } }]);
		expect(await stored(table, 'user_1')).toBeUndefined();
		expect(await stored(table, 'user_2')).toEqual({ id: S('user_2') });
	},

	async Query() {
		const table = await usersTable({ id: S('user_1'), name: S('Ada Lovelace') }, { id: S('user_2'), name: S('Grace Hopper') });
		const result = await run('Query', exampleBody('Query', table));
		expect(jsonOf(result)).toEqual([{ id: 'user_1', name: 'Ada Lovelace' }]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	},

	async Scan() {
		const table = await usersTable(
			{ id: S('user_1'), age: { N: '36' } },
			{ id: S('user_2'), age: { N: '17' } },
			{ id: S('user_3'), age: { N: '18' } },
			{ id: S('user_4') },
		);
		const out = jsonOf(await run('Scan', exampleBody('Scan', table)));
		expect(out.sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual([
			{ id: 'user_1', age: 36 },
			{ id: 'user_3', age: 18 },
		]);
	},

	async BatchGetItem() {
		const table = await usersTable(
			{ id: S('user_1'), name: S('Ada Lovelace'), age: { N: '36' } },
			{ id: S('user_2'), name: S('Grace Hopper'), age: { N: '85' } },
			{ id: S('user_3'), name: S('Alan Turing') },
		);
		const out = jsonOf(await run('BatchGetItem', exampleBody('BatchGetItem', table)));
		// One item per record, with the example's projection (id, name) only.
		expect(out.sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual([
			{ id: 'user_1', name: 'Ada Lovelace' },
			{ id: 'user_2', name: 'Grace Hopper' },
		]);
	},

	async BatchWriteItem() {
		const table = await usersTable({ id: S('user_3'), name: S('Alan Turing') }, { id: S('user_1') });
		const out = jsonOf(await run('BatchWriteItem', exampleBody('BatchWriteItem', table)));
		expect(out).toEqual([{ UnprocessedItems: {} }]);
		expect(await stored(table, 'user_2')).toEqual({ id: S('user_2'), name: S('Grace Hopper') });
		expect(await stored(table, 'user_3')).toBeUndefined();
		expect(await stored(table, 'user_1')).toEqual({ id: S('user_1') });
	},

	async TransactGetItems() {
		const table = await usersTable(
			{ id: S('user_1'), name: S('Ada Lovelace') },
			{ id: S('user_2'), name: S('Grace Hopper') },
			{ id: S('user_3') },
		);
		const out = jsonOf(await run('TransactGetItems', exampleBody('TransactGetItems', table)));
		expect(out).toEqual([
			{ id: 'user_1', name: 'Ada Lovelace' },
			{ id: 'user_2', name: 'Grace Hopper' },
		]);
	},

	async TransactWriteItems() {
		// Applied: all three actions.
		const table = await usersTable({ id: S('user_1'), name: S('Ada Lovelace') }, { id: S('user_3') });
		jsonOf(await run('TransactWriteItems', exampleBody('TransactWriteItems', table)));
		expect(await stored(table, 'user_4')).toEqual({ id: S('user_4'), name: S('Alan Turing') });
		expect(await stored(table, 'user_1')).toEqual({ id: S('user_1'), name: S('Ada Lovelace'), visits: { N: '1' } });
		expect(await stored(table, 'user_3')).toBeUndefined();

		// Atomic: when the put's condition fails (user_4 exists), neither the update nor the delete happens.
		// (The example's ClientRequestToken is swapped: the same token with another request within
		// 10 minutes is an IdempotentParameterMismatchException, by design.)
		const blocked = await usersTable({ id: S('user_1'), name: S('Ada Lovelace') }, { id: S('user_3') }, { id: S('user_4'), name: S('existing') });
		const body = exampleBody('TransactWriteItems', blocked).replace('order-2026-0001', `order-${blocked}`);
		const result = await run('TransactWriteItems', body);
		expect(result.error?.message).toMatch(/TransactionCanceledException/);
		expect(await stored(blocked, 'user_4')).toEqual({ id: S('user_4'), name: S('existing') });
		expect(await stored(blocked, 'user_1')).toEqual({ id: S('user_1'), name: S('Ada Lovelace') });
		expect(await stored(blocked, 'user_3')).toEqual({ id: S('user_3') });
	},

	async DescribeTimeToLive() {
		const table = await usersTable();
		expect(jsonOf(await run('DescribeTimeToLive', exampleBody('DescribeTimeToLive', table)))).toEqual([
			{ TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } },
		]);
		await client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }));
		expect(jsonOf(await run('DescribeTimeToLive', exampleBody('DescribeTimeToLive', table)))).toEqual([
			{ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' } },
		]);
	},

	async UpdateTimeToLive() {
		const table = await usersTable();
		const out = jsonOf(await run('UpdateTimeToLive', exampleBody('UpdateTimeToLive', table)));
		expect(out).toEqual([{ TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires_at' } }]);
		const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
		expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires_at' });
	},

	async DescribeLimits() {
		const out = jsonOf(await run('DescribeLimits', exampleBody('DescribeLimits', 'unused')));
		expect(out).toHaveLength(1);
		for (const member of ['AccountMaxReadCapacityUnits', 'AccountMaxWriteCapacityUnits', 'TableMaxReadCapacityUnits', 'TableMaxWriteCapacityUnits']) {
			expect(typeof out[0][member]).toBe('number');
		}
	},

	async ExecuteStatement() {
		const table = await usersTable({ id: S('user_1'), name: S('Ada Lovelace'), age: { N: '36' } }, { id: S('user_2') });
		const out = jsonOf(await run('ExecuteStatement', exampleBody('ExecuteStatement', table)));
		expect(out).toEqual([{ id: 'user_1', name: 'Ada Lovelace', age: 36 }]);
	},

	async BatchExecuteStatement() {
		const table = await usersTable({ id: S('user_1'), name: S('Ada Lovelace') }, { id: S('user_2'), name: S('Grace Hopper') }, { id: S('user_3') });
		const out = jsonOf(await run('BatchExecuteStatement', exampleBody('BatchExecuteStatement', table)));
		expect(out).toEqual([
			{ id: 'user_1', name: 'Ada Lovelace' },
			{ id: 'user_2', name: 'Grace Hopper' },
		]);
	},

	async ExecuteTransaction() {
		const table = await usersTable({ id: S('user_1'), name: S('Ada Lovelace') });
		jsonOf(await run('ExecuteTransaction', exampleBody('ExecuteTransaction', table)));
		expect(await stored(table, 'user_5')).toEqual({ id: S('user_5'), name: S('Katherine Johnson') });
		expect(await stored(table, 'user_1')).toEqual({ id: S('user_1'), name: S('Ada Lovelace'), visits: { N: '1' } });
		// Atomic: the INSERT of an existing key fails, so the UPDATE is not applied either.
		const blocked = await usersTable({ id: S('user_1'), name: S('Ada Lovelace') }, { id: S('user_5'), name: S('existing') });
		const result = await run('ExecuteTransaction', exampleBody('ExecuteTransaction', blocked));
		expect(result.error?.message).toMatch(/TransactionCanceledException/);
		expect(await stored(blocked, 'user_1')).toEqual({ id: S('user_1'), name: S('Ada Lovelace') });
		expect(await stored(blocked, 'user_5')).toEqual({ id: S('user_5'), name: S('existing') });
	},
};

describe('registry examples against DynamoDB Local, through n8n-core', () => {
	it('covers exactly the integration action list, and each is a registry row', () => {
		expect(Object.keys(checks).sort()).toEqual([...integrationActions].sort());
		const actions = new Set(operations.map((o) => o.action));
		for (const action of integrationActions) expect(actions).toContain(action);
	});

	it('renames the example table everywhere (no "users" left)', () => {
		for (const action of integrationActions) expect(exampleBody(action, 'renamed_table')).not.toMatch(/users/);
	});

	for (const action of integrationActions) {
		it(`${action}: the example does what it says`, () => checks[action as IntegrationAction]());
	}
});
