import { BatchWriteItemCommand, GetItemCommand, PutItemCommand, ScanCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { listen, listenManually, type Listening } from '../../scripts/listener';
import { DynamoDbInstantTrigger } from '../../nodes/DynamoDbInstantTrigger/DynamoDbInstantTrigger.node';
import { localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { recordForScan } from '../helpers/secrets';
import { createStreamTable, parametersFor } from '../helpers/trigger';

/**
 * The instant trigger against DynamoDB Local's real streams, activated and deactivated by n8n-core's
 * ActiveWorkflowTriggers (scripts/listener.js), each emit an "execution" whose end settles n8n's
 * donePromise. The checkpoint is a real item in a real checkpoint table.
 */
describe('DynamoDB Instant Trigger on DynamoDB Local, run by n8n-core', () => {
	const client = rawClient();
	const nodeType = new DynamoDbInstantTrigger();
	const open: Listening[] = [];
	afterEach(async () => {
		await Promise.all(open.splice(0).map((l) => l.stop()));
	});
	afterAll(() => client.destroy());

	const checkpointTable = uniqueTable('ckpt');
	const start = async (table: string, more: INodeParameters = {}, rest: { workflowId?: string; run?: Parameters<typeof listen>[0]['run'] } = {}) => {
		const listening = await listen({ nodeType, parameters: parametersFor(table, { checkpointTable, ...more }), credentials: localCredentials(), ...rest });
		open.push(listening);
		return listening;
	};
	const put = (table: string, id: string, more: Record<string, AttributeValue> = {}) => client.send(new PutItemCommand({ TableName: table, Item: { id: { S: id }, ...more } }));
	const ids = (items: IDataObject[]) => items.map((i) => `${i.eventName as string}:${(i.keys as IDataObject).id as string}`);
	const itemsOf = (l: Listening) => {
		const items = l.items();
		recordForScan('instant trigger emitted', items, l.errors);
		return items;
	};
	const checkpointOf = async (workflowId: string) => {
		const { Item } = await client.send(new GetItemCommand({ TableName: checkpointTable, Key: { id: { S: `${workflowId}/instant-1` } }, ConsistentRead: true }));
		return Item && (JSON.parse(Item.position.S!) as { streamArn: string; shards: Record<string, { after?: string }> });
	};

	it('Start From now: each change after activation starts an execution once, in order, as the polling trigger outputs it; the checkpoint follows finished executions', async () => {
		const table = await createStreamTable(client, uniqueTable('inst'));
		await put(table, 'before');
		const l = await start(table);
		await put(table, 'a', { n: { N: '1' } });
		await client.send(new UpdateItemCommand({ TableName: table, Key: { id: { S: 'a' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '2' } } }));
		await l.until(() => l.items().length >= 2, 20_000, 'two changes');
		const items = itemsOf(l);
		expect(items).toEqual([
			{ eventName: 'INSERT', table, keys: { id: 'a' }, newImage: { id: 'a', n: 1 }, sequenceNumber: expect.any(String), eventId: expect.any(String), approximateCreationDateTime: expect.any(String), ttlExpired: false },
			{ eventName: 'MODIFY', table, keys: { id: 'a' }, newImage: { id: 'a', n: 2 }, oldImage: { id: 'a', n: 1 }, sequenceNumber: expect.any(String), eventId: expect.any(String), approximateCreationDateTime: expect.any(String), ttlExpired: false },
		]);
		await l.until(() => l.executions.every((e) => e.finishedAt !== undefined));
		await l.stop();
		const checkpoint = await checkpointOf(l.workflowId);
		expect(checkpoint!.streamArn).toMatch(new RegExp(`:table/${table}/stream/`));
		expect(Object.values(checkpoint!.shards)).toEqual([{ after: items[1].sequenceNumber }]);
		expect(l.errors).toEqual([]);
	});

	it('stopped mid-stream and started again (same workflow): every change once, none lost or doubled, changes made while stopped included', async () => {
		const table = await createStreamTable(client, uniqueTable('inst'));
		const workflowId = `w-restart-${Date.now()}`;
		let l = await start(table, {}, { workflowId });
		for (let i = 0; i < 30; i++) await put(table, `k${i}`);
		await l.until(() => l.items().length > 0, 20_000, 'a first change');
		await l.stop();
		const first = itemsOf(l);
		for (let i = 30; i < 60; i++) await put(table, `k${i}`);
		l = await start(table, {}, { workflowId });
		await l.until(() => first.length + l.items().length >= 60, 20_000, 'all 60 changes');
		const all = [...first, ...itemsOf(l)];
		expect(ids(all)).toEqual(Array.from({ length: 60 }, (_, i) => `INSERT:k${i}`));
	});

	it('the checkpoint never passes an execution still running: a crash then replays it (the same eventIds); it moves when it finishes', async () => {
		const table = await createStreamTable(client, uniqueTable('inst'));
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const l = await start(table, {}, { run: async (_items, index) => (index === 1 ? await held : undefined) });
		await put(table, 'first');
		await l.until(() => l.executions.length === 1 && l.executions[0].finishedAt !== undefined, 20_000, 'the first execution');
		await put(table, 'second');
		await l.until(() => l.executions.length === 2, 20_000, 'the second execution');
		const [firstItem, secondItem] = itemsOf(l);
		// The first execution's end moves the checkpoint past it (written just after the end).
		let checkpoint = await checkpointOf(l.workflowId);
		for (let i = 0; i < 100 && Object.values(checkpoint?.shards ?? {})[0]?.after !== firstItem.sequenceNumber; i++) {
			await new Promise((r) => setTimeout(r, 20));
			checkpoint = await checkpointOf(l.workflowId);
		}
		// The second execution is running: the checkpoint stays before it, so a crash now delivers it again.
		expect(Object.values(checkpoint!.shards)).toEqual([{ after: firstItem.sequenceNumber }]);
		// With Executions in Flight 1, no execution starts while the second runs (the third change waits).
		await put(table, 'third');
		await new Promise((r) => setTimeout(r, 1500));
		expect(l.executions).toHaveLength(2);
		expect(Object.values((await checkpointOf(l.workflowId))!.shards)).toEqual([{ after: firstItem.sequenceNumber }]);
		release();
		await l.until(() => l.items().length === 3, 20_000, 'the third change');
		await l.stop();
		expect(Object.values((await checkpointOf(l.workflowId))!.shards)).toEqual([{ after: l.items()[2].sequenceNumber }]);
		expect(secondItem.keys).toEqual({ id: 'second' });
	});

	it('a burst of 3,000 changes: one execution per Max Records per Execution, at most Executions in Flight at once, each change once, each item in order', async () => {
		const table = await createStreamTable(client, uniqueTable('inst'));
		const l = await start(table, { options: { maxRecordsPerExecution: 400, executionsInFlight: 2 } }, { run: () => new Promise((r) => setTimeout(r, 400)) });
		const writes: Array<Promise<unknown>> = [];
		// 1,000 items, each written three times (v = 1, 2, 3): per-item order is visible.
		for (let v = 1; v <= 3; v++) {
			for (let b = 0; b < 40; b++) {
				const batch = Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { id: { S: `i${b * 25 + i}` }, v: { N: String(v) } } } }));
				writes.push(client.send(new BatchWriteItemCommand({ RequestItems: { [table]: batch } })));
			}
			await Promise.all(writes.splice(0));
		}
		await l.until(() => l.items().length >= 3000, 60_000, '3,000 changes');
		const items = itemsOf(l);
		expect(items).toHaveLength(3000);
		expect(new Set(items.map((i) => i.eventId)).size).toBe(3000);
		const versions = new Map<string, number[]>();
		for (const item of items) {
			const id = (item.keys as IDataObject).id as string;
			versions.set(id, [...(versions.get(id) ?? []), (item.newImage as IDataObject).v as number]);
		}
		expect([...versions.values()].every((v) => v.join() === '1,2,3')).toBe(true);
		expect(l.executions.every((e) => e.items.length <= 400)).toBe(true);
		expect(l.executions.length).toBeGreaterThanOrEqual(8);
		// Executions outlast a read here, so the bound is reached, and held.
		expect(l.maxInFlight()).toBe(2);
		console.log(`burst of 3,000: ${l.executions.length} executions, at most ${l.maxInFlight()} in flight`);
	});

	it('a test listen shows the first changes and moves no checkpoint', async () => {
		const table = await createStreamTable(client, uniqueTable('inst'));
		const pending = listenManually({ nodeType, parameters: parametersFor(table, { checkpointTable }), credentials: localCredentials() });
		await new Promise((r) => setTimeout(r, 1500));
		await put(table, 'shown');
		expect(ids(await pending)).toEqual(['INSERT:shown']);
		const { Items } = await client.send(new ScanCommand({ TableName: checkpointTable, FilterExpression: 'begins_with(id, :m)', ExpressionAttributeValues: { ':m': { S: 'w-instant-manual' } } }));
		expect(Items).toEqual([]);
	});

	it('a table without a stream fails the activation with how to enable it; a wrong Executions in Flight names the option', async () => {
		const table = uniqueTable('nostream');
		await client.send(
			new (await import('@aws-sdk/client-dynamodb')).CreateTableCommand({
				TableName: table,
				AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
				KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
				BillingMode: 'PAY_PER_REQUEST',
			}),
		);
		await expect(start(table)).rejects.toThrow(/has no stream.*Enable DynamoDB Streams/);
		await expect(start(table, { options: { executionsInFlight: 0 } })).rejects.toThrow(/Executions in Flight must be a whole number from 1 to 10, got 0/);
	});
});
