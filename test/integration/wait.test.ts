/**
 * Wait Until Done against DynamoDB Local: CreateTable, UpdateTable with a new index (Local builds
 * it for a moment, like AWS's backfill), DeleteTable; and a workflow CreateTable (wait) → PutItem
 * run by n8n's engine, in front of a proxy that makes a new table CREATING for a while, as AWS does.
 */
import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { awsErrorAnswer, startProxy } from '../helpers/proxy';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode } from '../helpers/n8n';
import { exampleBody, jsonOf, run, storedItem } from './support';

const client = rawClient();
afterAll(() => client.destroy());

type Index = { IndexName: string; IndexStatus: string };
const indexesOf = (json: IDataObject) => ((json.TableDescription as IDataObject).GlobalSecondaryIndexes as Index[]).map((i) => `${i.IndexName} ${i.IndexStatus}`);

const newIndexBody = (table: string) =>
	JSON.stringify({
		TableName: table,
		AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }],
		GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'by_email', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
	});

async function tableWithItems(count: number) {
	const table = await createTable(client, uniqueTable('wait'));
	for (let i = 0; i < count; i++) {
		await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: `u${i}` }, email: { S: `u${i}@example.com` } } }));
	}
	return table;
}

describe('Wait Until Done on DynamoDB Local', () => {
	it('CreateTable: outputs the table ACTIVE with its index', async () => {
		const table = uniqueTable('wait');
		const [json] = jsonOf(await run('CreateTable', exampleBody('CreateTable', table), { waitUntilDone: true, maxWait: 30 }));
		expect((json.TableDescription as IDataObject).TableStatus).toBe('ACTIVE');
		expect(indexesOf(json)).toEqual(['by_email ACTIVE']);
		// The settled description is DescribeTable's (it has the table's ARN and item count too).
		expect(json.TableDescription).toMatchObject({ TableName: table, ItemCount: 0, TableArn: expect.stringContaining(table) });
	});

	it('UpdateTable with a new index: without waiting the index is still CREATING; with Wait Until Done it is ACTIVE and can be queried', async () => {
		const early = await tableWithItems(200);
		const [answer] = jsonOf(await run('UpdateTable', newIndexBody(early)));
		expect(indexesOf(answer)).toEqual(['by_email CREATING']);

		const table = await tableWithItems(200);
		const started = Date.now();
		const [json] = jsonOf(await run('UpdateTable', newIndexBody(table), { waitUntilDone: true, maxWait: 60 }));
		const waited = Date.now() - started;
		expect(indexesOf(json)).toEqual(['by_email ACTIVE']);
		const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
		expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexStatus)).toEqual(['ACTIVE']);
		const [found] = jsonOf(await run('Query', JSON.stringify({ TableName: table, IndexName: 'by_email', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': 'u7@example.com' } })));
		expect(found).toEqual({ id: 'u7', email: 'u7@example.com' });
		console.log(`DynamoDB Local built an index over 200 items in ${waited} ms (UpdateTable with Wait Until Done)`);
	});

	it('DeleteTable: outputs once the table is gone', async () => {
		const table = await createTable(client, uniqueTable('wait'));
		const [json] = jsonOf(await run('DeleteTable', JSON.stringify({ TableName: table }), { waitUntilDone: true, maxWait: 30 }));
		expect((json.TableDescription as IDataObject).TableName).toBe(table);
		await expect(client.send(new DescribeTableCommand({ TableName: table }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
	});
});

describe('a workflow CreateTable → PutItem, as AWS behaves (a new table is CREATING for a while)', () => {
	const CREATING_MS = 1500;
	let createdAt = new Map<string, number>();
	/** Per table, what the node asked and what the proxy answered: `DescribeTable CREATING`, `PutItem refused`… */
	const seen = new Map<string, string[]>();
	let proxy: Awaited<ReturnType<typeof startProxy>>;
	beforeAll(async () => {
		proxy = await startProxy({
			hook: ({ action, body }) => {
				const table = body.TableName as string;
				if (action === 'CreateTable') createdAt.set(table, Date.now());
				const creating = createdAt.has(table) && Date.now() - createdAt.get(table)! < CREATING_MS;
				const event = { DescribeTable: creating ? 'CREATING' : 'ACTIVE', PutItem: creating ? 'refused' : 'stored' }[action as 'PutItem'];
				if (event) seen.set(table, [...(seen.get(table) ?? []), `${action} ${event}`]);
				if (!creating) return;
				if (action === 'PutItem') return { answer: awsErrorAnswer(400, 'ResourceNotFoundException', 'Requested resource not found') };
				if (action === 'CreateTable' || action === 'DescribeTable') {
					return {
						rewrite: ({ status, body: reply }) => {
							const json = JSON.parse(reply.toString('utf8'));
							const description = json.TableDescription ?? json.Table;
							if (description) description.TableStatus = 'CREATING';
							return { status, json };
						},
					};
				}
			},
		});
	});
	afterAll(async () => {
		await proxy.close();
		createdAt = new Map();
	});

	const workflow = (table: string, options: IDataObject) =>
		runNode({
			input: [{ id: 'u1', name: 'Ada' }],
			credentials: localCredentials(proxy.endpoint),
			parameters: { operation: 'CreateTable', body: exampleBody('CreateTable', table), options: options as INodeParameters },
			followedBy: [{ operation: 'PutItem', body: `={ "TableName": "${table}", "Item": { "id": {{ $('Source').item.json.id }}, "name": {{ $('Source').item.json.name }} } }` }],
		});

	it('without Wait Until Done, PutItem fails: the table is still CREATING', async () => {
		const result = await workflow(uniqueTable('wf'), {});
		expect(result.error?.message).toContain('ResourceNotFoundException');
	});

	it('with Wait Until Done it passes without a Wait node: the item is stored', async () => {
		const table = uniqueTable('wf');
		const result = await workflow(table, { waitUntilDone: true, maxWait: 30 });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{}]);
		expect(await storedItem(client, table, { id: { S: 'u1' } })).toEqual({ id: { S: 'u1' }, name: { S: 'Ada' } });
		// It wrote once DescribeTable said ACTIVE: one PutItem, never refused as the CREATING table's.
		const events = seen.get(table)!;
		expect(events.slice(-2)).toEqual(['DescribeTable ACTIVE', 'PutItem stored']);
		expect(events.filter((e) => e.startsWith('PutItem'))).toEqual(['PutItem stored']);
	});
});
