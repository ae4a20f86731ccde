/**
 * A table picked By ARN (the editor's Table › By ARN), on DynamoDB Local: DynamoDB takes a table's
 * ARN wherever it takes a TableName, and DynamoDB Local does too since 2.6 (1.25.1 refused it, so
 * this was shown at the wire only). DynamoDB Local is more lenient than AWS here: it ignores the
 * ARN's region and account (any `…:table/<name>` reaches its table), so each test also asserts the
 * request as it went over the wire (a recorder in front of Local): the ARN exactly as picked.
 */
import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { IDataObject } from 'n8n-workflow';
import { createTable, rawClient, uniqueTable } from '../helpers/local';
import { startRecorder, type Recorder } from '../helpers/recorder';
import { activateOn, createStreamTable, emittedJson, tick } from '../helpers/trigger';
import { jsonOf, run, storedItem } from './support';

const client = rawClient();
let recorder: Recorder;
beforeAll(async () => {
	recorder = await startRecorder();
});
afterAll(async () => {
	await recorder.close();
	client.destroy();
});

const arnOf = async (table: string) => (await client.send(new DescribeTableCommand({ TableName: table }))).Table!.TableArn!;
const sent = (from: number, action: string) => recorder.requests.slice(from).filter((r) => r.target.endsWith(`.${action}`)).map((r) => r.body);

describe('a table picked By ARN, on DynamoDB Local', () => {
	it('the DynamoDB node: Put Item, Get Item and Query reach the table, each request naming it by the picked ARN', async () => {
		const table = await createTable(client, uniqueTable('arn'));
		const arn = await arnOf(table);
		expect(arn).toMatch(/^arn:aws:dynamodb:[\w-]+:\d{12}:table\//);
		const options = { table: { __rl: true, mode: 'arn', value: arn } };
		const from = recorder.requests.length;
		const local = { endpoint: recorder.endpoint };

		jsonOf(await run('PutItem', '{ "Item": { "id": "a1", "name": "Ada" } }', options, [{}], local));
		expect(await storedItem(client, table, { id: { S: 'a1' } })).toEqual({ id: { S: 'a1' }, name: { S: 'Ada' } });
		expect(jsonOf(await run('GetItem', '{ "Key": { "id": "a1" } }', options, [{}], local))).toEqual([{ id: 'a1', name: 'Ada' }]);
		const query = '{ "KeyConditionExpression": "id = :id", "ExpressionAttributeValues": { ":id": "a1" } }';
		expect(jsonOf(await run('Query', query, options, [{}], local))).toEqual([{ id: 'a1', name: 'Ada' }]);

		for (const action of ['PutItem', 'GetItem', 'Query']) expect(sent(from, action).map((b) => b.TableName)).toEqual([arn]);
	});

	it('the DynamoDB Trigger: the table is described by its ARN, and the items name the table', async () => {
		const table = await createStreamTable(client, uniqueTable('arn'));
		const arn = await arnOf(table);
		const from = recorder.requests.length;
		const trigger = await activateOn(arn, { startFrom: 'oldest' }, recorder.endpoint);
		expect(emittedJson(trigger)).toEqual([]);
		expect(sent(from, 'DescribeTable')[0]).toEqual({ TableName: arn });
		await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'arn1' } } }));
		const items: IDataObject[] = await tick(trigger);
		expect(items.map((i) => [i.eventName, i.table, i.keys])).toEqual([['INSERT', table, { id: 'arn1' }]]);
	});
});
