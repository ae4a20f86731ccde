import {
	BatchWriteItemCommand,
	DeleteItemCommand,
	ExecuteStatementCommand,
	PutItemCommand,
	TransactWriteItemsCommand,
	UpdateItemCommand,
	type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import type { IDataObject } from 'n8n-workflow';
import { createTable, rawClient, uniqueTable } from '../helpers/local';
import { activateDurableOn, activateOn, createStreamTable, emittedJson, setStream, testEventOf, tick } from '../helpers/trigger';
import { jsonOf, run } from './support';

/**
 * The trigger against DynamoDB Local's real streams (one shard per table), each poll through
 * n8n-core's PollTriggerExecutor with the static data carried on the workflow between polls, as an
 * active workflow in n8n. What Local cannot show (split shards, trimmed data, throttling, expired
 * iterators, TTL's service identity, AWS's spelling of an empty map in an image) is tested at the wire
 * (test/wire/trigger.test.ts).
 */
describe('DynamoDB Trigger on DynamoDB Local, polled through n8n-core', () => {
	const client = rawClient();
	afterAll(() => client.destroy());

	const put = (table: string, id: string, more: Record<string, AttributeValue> = {}) => client.send(new PutItemCommand({ TableName: table, Item: { id: { S: id }, ...more } }));
	const ids = (items: IDataObject[]) => items.map((i) => `${i.eventName as string}:${(i.keys as IDataObject).id as string}`);

	it('Start From now: changes after activation come out once each, in order, as plain JSON records', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		await put(table, 'before');
		const trigger = await activateOn(table);
		expect(emittedJson(trigger)).toEqual([]); // history is skipped by the activation poll

		await put(table, 'a', { n: { N: '1' } });
		await client.send(new UpdateItemCommand({ TableName: table, Key: { id: { S: 'a' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '2' } } }));
		await client.send(new DeleteItemCommand({ TableName: table, Key: { id: { S: 'a' } } }));
		const items = await tick(trigger);
		expect(items).toEqual([
			{ eventName: 'INSERT', table, keys: { id: 'a' }, newImage: { id: 'a', n: 1 }, sequenceNumber: expect.any(String), eventId: expect.any(String), approximateCreationDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), ttlExpired: false },
			{ eventName: 'MODIFY', table, keys: { id: 'a' }, newImage: { id: 'a', n: 2 }, oldImage: { id: 'a', n: 1 }, sequenceNumber: expect.any(String), eventId: expect.any(String), approximateCreationDateTime: expect.any(String), ttlExpired: false },
			{ eventName: 'REMOVE', table, keys: { id: 'a' }, oldImage: { id: 'a', n: 2 }, sequenceNumber: expect.any(String), eventId: expect.any(String), approximateCreationDateTime: expect.any(String), ttlExpired: false },
		]);
		expect(new Set(items.map((i) => i.eventId)).size).toBe(3);
		// The position is a sequence number per shard, with the stream: never an iterator.
		const { position } = trigger.saved()['node:DynamoDB Trigger'] as { position: { streamArn: string; shards: Record<string, IDataObject> } };
		expect(position.streamArn).toMatch(/:table\/trg_.*\/stream\//);
		expect(Object.values(position.shards)).toEqual([{ after: items[2].sequenceNumber }]);
		// Steady state: the next polls (and a second run of the same occurrence) emit nothing again.
		expect(await tick(trigger)).toEqual([]);
		expect(await tick(trigger)).toEqual([]);
	});

	it('images are exactly what the DynamoDB node outputs for the same item (exact numbers, sets, binary, nesting)', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		const trigger = await activateOn(table);
		const item: Record<string, AttributeValue> = {
			id: { S: 'all-types' },
			big: { N: '12345678901234567890.123456789' },
			small: { N: '-0.5' },
			yes: { BOOL: true },
			nothing: { NULL: true },
			tags: { SS: ['b', 'a'] },
			scores: { NS: ['3', '1.5'] },
			blob: { B: Buffer.from('hello stream') },
			blobs: { BS: [Buffer.from([1, 2]), Buffer.from([3])] },
			// DynamoDB Local 3.3.1 writes empty maps into stream images without their type (`{}`, where AWS
			// and its own GetItem say `{"M":{}}`): the trigger still reads them as the empty maps they are.
			empty: { M: {} },
			nested: { M: { list: { L: [{ S: 'x' }, { N: '7' }, { M: { deep: { BOOL: false }, none: { M: {} } } }, { M: {} }] } } },
			'odd name.with dots': { S: 'kept' },
		};
		await put(table, 'all-types', item);
		const [change] = await tick(trigger);
		const [fromNode] = jsonOf(await run('GetItem', JSON.stringify({ TableName: table, Key: { id: 'all-types' }, ConsistentRead: true })));
		expect(change.newImage).toEqual(fromNode);
		expect(change.keys).toEqual({ id: 'all-types' });
		expect((change.newImage as IDataObject).big).toBe('12345678901234567890.123456789');
	});

	it('batch, transaction and PartiQL writes all stream', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		const trigger = await activateOn(table);
		await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: ['b1', 'b2', 'b3'].map((id) => ({ PutRequest: { Item: { id: { S: id } } } })) } }));
		await client.send(
			new TransactWriteItemsCommand({
				TransactItems: [
					{ Put: { TableName: table, Item: { id: { S: 't1' } } } },
					{ Update: { TableName: table, Key: { id: { S: 'b1' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } } },
				],
			}),
		);
		await client.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "${table}" VALUE {'id': 'p1'}` }));
		await client.send(new ExecuteStatementCommand({ Statement: `DELETE FROM "${table}" WHERE id = 'b2'` }));
		const items = await tick(trigger);
		expect(ids(items).sort()).toEqual(['INSERT:b1', 'INSERT:b2', 'INSERT:b3', 'INSERT:p1', 'INSERT:t1', 'MODIFY:b1', 'REMOVE:b2'].sort());
		expect(ids(items).indexOf('INSERT:b1')).toBeLessThan(ids(items).indexOf('MODIFY:b1'));
		expect(items.every((i) => i.table === table)).toBe(true);
	});

	it('Events and TTL Expiries filter; filtered records move the position without being emitted', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		const inserts = await activateOn(table, { events: ['INSERT', 'REMOVE'] });
		const ttlOnly = await activateOn(table, { ttlExpiries: 'only' });
		const noTtl = await activateOn(table, { ttlExpiries: 'exclude', events: ['MODIFY'] });
		await put(table, 'f1');
		await put(table, 'f1', { v: { N: '2' } });
		await client.send(new DeleteItemCommand({ TableName: table, Key: { id: { S: 'f1' } } }));
		expect(ids(await tick(inserts))).toEqual(['INSERT:f1', 'REMOVE:f1']);
		expect(await tick(ttlOnly)).toEqual([]); // a delete by request is no TTL expiry
		expect(ids(await tick(noTtl))).toEqual(['MODIFY:f1']);
		// ttlOnly consumed the three records: its position is at the last one.
		const after = (t: typeof ttlOnly) => Object.values((t.current()['node:DynamoDB Trigger'] as { position: { shards: Record<string, { after?: string }> } }).position.shards)[0].after;
		expect(after(ttlOnly)).toBe(after(inserts));
	});

	it('Max Records per Poll: a backlog comes out over several polls, none skipped or repeated', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		const trigger = await activateOn(table, { options: { maxRecordsPerPoll: 10 } });
		for (let i = 0; i < 25; i++) await put(table, `c${String(i).padStart(2, '0')}`);
		const polls = [await tick(trigger), await tick(trigger), await tick(trigger), await tick(trigger)];
		expect(polls.map((p) => p.length)).toEqual([10, 10, 5, 0]);
		expect(ids(polls.flat())).toEqual(Array.from({ length: 25 }, (_, i) => `INSERT:c${String(i).padStart(2, '0')}`));
	});

	it('Start From oldest: the activation poll emits what the stream holds; One Item per Poll and Simplify off', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'), 'KEYS_ONLY');
		await put(table, 'o1', { secret: { S: 'not in a keys-only stream' } });
		await put(table, 'o2');
		const oldest = await activateOn(table, { startFrom: 'oldest' });
		expect(ids(emittedJson(oldest))).toEqual(['INSERT:o1', 'INSERT:o2']);
		expect(emittedJson(oldest)[0]).not.toHaveProperty('newImage'); // the view type carries keys only

		const batch = await activateOn(table, { startFrom: 'oldest', options: { oneItemPerPoll: true } });
		expect(batch.emitted).toHaveLength(1);
		expect(batch.emitted[0]).toHaveLength(1);
		const [one] = emittedJson(batch);
		expect(one.count).toBe(2);
		expect(ids(one.records as IDataObject[])).toEqual(['INSERT:o1', 'INSERT:o2']);

		const raw = emittedJson(await activateOn(table, { startFrom: 'oldest', simplify: false }));
		expect(raw).toHaveLength(2);
		expect(raw[0]).toMatchObject({ eventName: 'INSERT', eventID: expect.any(String), dynamodb: { Keys: { id: { S: 'o1' } }, StreamViewType: 'KEYS_ONLY', SequenceNumber: expect.any(String) } });
		expect((raw[0].dynamodb as IDataObject).ApproximateCreationDateTime).toEqual(expect.stringMatching(/Z$/));
	});

	it('n8n restarted: the first poll delivers exactly the writes made while it was down, from the saved position', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		const first = await activateOn(table);
		await put(table, 'r1');
		expect(ids(await tick(first))).toEqual(['INSERT:r1']); // emitted → n8n saved the position
		await put(table, 'r2');
		await put(table, 'r3');
		const second = await first.restart();
		expect(ids(emittedJson(second))).toEqual(['INSERT:r2', 'INSERT:r3']);
		expect(await tick(second)).toEqual([]);
	});

	it("under n8n's durable scheduler: a second run of an occurrence emits nothing already committed; a poll whose commit never happened is emitted again", async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		await put(table, 'h1');
		const trigger = await activateDurableOn(table, { startFrom: 'oldest' });
		const emitted = (i: number) => ids(trigger.executions[i].items.map((item) => item.json));
		expect(emitted(0)).toEqual(['INSERT:h1']); // the activation poll emits; its cursor is committed with the execution
		await trigger.occurrence();
		expect(trigger.executions).toHaveLength(1);

		await put(table, 'h2');
		await trigger.occurrence({ crash: true }); // n8n died after the poll, before the execution and its cursor were committed
		expect(trigger.executions).toHaveLength(1);
		await trigger.occurrence();
		expect(emitted(1)).toEqual(['INSERT:h2']);
		await trigger.occurrence();
		expect(trigger.executions).toHaveLength(2);
		expect(trigger.errors).toEqual([]);
		// The committed cursor is the sequence number of the last record delivered.
		expect(Object.values((trigger.committed()['position'] as { shards: Record<string, { after: string }> }).shards)[0].after).toBe(trigger.executions[1].items[0].json.sequenceNumber);
	});

	// n8n's durable scheduler commits nothing after an empty activation poll: the changes made between
	// the activation and the first scheduled poll must still be delivered, on both engines.
	it('Start From now: the changes made after the activation and before the first scheduled poll are delivered once, on both engines', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		await put(table, 'before');
		const durable = await activateDurableOn(table);
		const legacy = await activateOn(table);
		expect([durable.executions, legacy.emitted]).toEqual([[], []]);
		for (const id of ['w1', 'w2', 'w3']) await put(table, id);
		await durable.occurrence();
		expect(durable.executions.map((e) => ids(e.items.map((i) => i.json)))).toEqual([['INSERT:w1', 'INSERT:w2', 'INSERT:w3']]);
		expect(ids(await tick(legacy))).toEqual(['INSERT:w1', 'INSERT:w2', 'INSERT:w3']);
		await durable.occurrence();
		expect(await tick(legacy)).toEqual([]);
		expect(durable.executions).toHaveLength(1);
		expect([durable.errors, legacy.errors]).toEqual([[], []]);
	});

	it('Start From now: n8n restarted before its first scheduled poll still delivers the changes made since the first activation, on both engines', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		await put(table, 'before');
		const durable = await activateDurableOn(table);
		const legacy = await activateOn(table);
		await put(table, 'w1');
		const durableAgain = await durable.restart();
		const legacyAgain = await legacy.restart();
		await put(table, 'w2');
		await durableAgain.occurrence();
		expect(durableAgain.executions.flatMap((e) => ids(e.items.map((i) => i.json)))).toEqual(['INSERT:w1', 'INSERT:w2']);
		expect([...ids(emittedJson(legacyAgain)), ...ids(await tick(legacyAgain))]).toEqual(['INSERT:w1', 'INSERT:w2']);
	});

	it("the first position is kept in the workflow's static data only until the node's own position is stored", async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		const startKeys = (staticData: IDataObject) => Object.keys((staticData.global as IDataObject | undefined) ?? {});
		const durable = await activateDurableOn(table);
		const legacy = await activateOn(table);
		expect([startKeys(durable.saved()), startKeys(legacy.saved())]).toEqual([['dynamoDbTrigger.start.DynamoDB Trigger'], ['dynamoDbTrigger.start.DynamoDB Trigger']]);
		await durable.occurrence(); // empty: the node's row is committed alone
		await tick(legacy);
		await put(table, 'x1');
		await durable.occurrence(); // emits: n8n saves the workflow's static data with the execution
		expect(ids(await tick(legacy))).toEqual(['INSERT:x1']);
		expect([startKeys(durable.saved()), startKeys(legacy.saved())]).toEqual([[], []]);
		expect(ids(durable.executions[0].items.map((i) => i.json))).toEqual(['INSERT:x1']);
	});

	it('overlapping polls (n8n does not await its ticks) emit each record once', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		const trigger = await activateOn(table);
		for (let i = 0; i < 30; i++) await put(table, `o${i}`);
		await Promise.all([trigger.tick(), trigger.tick(), trigger.tick()]);
		await put(table, 'late');
		await Promise.all([trigger.tick(), trigger.tick()]);
		const all = ids(emittedJson(trigger));
		expect(all).toEqual([...Array.from({ length: 30 }, (_, i) => `INSERT:o${i}`), 'INSERT:late']);
		expect(trigger.errors).toEqual([]);
	});

	it('a table without a stream fails the activation with what to do; a stream disabled later fails the poll, and once enabled again the old stream is finished and the new one read from its start', async () => {
		const plain = await createTable(client, uniqueTable('trg'));
		await expect(activateOn(plain)).rejects.toThrow(
			new RegExp(`Table "${plain}" has no stream.*Update Table operation and this body: \\{"TableName":"${plain}","StreamSpecification":\\{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"\\}\\}`),
		);
		await expect(activateOn('no_such_table_here')).rejects.toThrow(/Table "no_such_table_here" does not exist/);

		const table = await createStreamTable(client, uniqueTable('trg'));
		const trigger = await activateOn(table);
		await put(table, 'd1');
		expect(ids(await tick(trigger))).toEqual(['INSERT:d1']);
		await put(table, 'd2'); // in the old stream, not read yet
		await setStream(client, table, false);
		const error = await trigger.tick();
		expect(error?.message).toMatch(new RegExp(`The stream of table "${table}" was disabled.*Update Table`));
		await setStream(client, table, true);
		await put(table, 'd3');
		expect(ids(await tick(trigger))).toEqual(['INSERT:d2', 'INSERT:d3']);
		expect(await tick(trigger)).toEqual([]);
	});

	it('a wrong or missing setting fails the activation with what is expected', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		await expect(activateOn(table, { events: [] })).rejects.toThrow('Choose at least one of Insert, Modify and Remove (parameter Events)');
		await expect(activateOn(table, { ttlExpiries: 'sometimes' })).rejects.toThrow('TTL Expiries must be one of include, only, exclude, got "sometimes"');
		await expect(activateOn(table, { startFrom: 'yesterday' })).rejects.toThrow('Start From must be one of now, oldest, got "yesterday"');
		await expect(activateOn(table, { options: { maxRecordsPerPoll: 0 } })).rejects.toThrow('Max Records per Poll must be a whole number of at least 1, got 0');
		await expect(activateOn('')).rejects.toThrow('Choose the table whose changes start the workflow (parameter Table)');
	});

	it('Fetch Test Event shows recent records without moving the position; with none, says to write an item', async () => {
		const table = await createStreamTable(client, uniqueTable('trg'));
		const empty = await testEventOf(table);
		expect(empty.error?.message).toMatch(/No change in the stream of table ".*" yet.*Write an item to the table/);

		const trigger = await activateOn(table);
		for (let i = 0; i < 8; i++) await put(table, `m${i}`);
		const saved = trigger.current();
		const test = await testEventOf(table, {}, saved);
		expect(test.error).toBeUndefined();
		expect(ids(test.items.map((i) => i.json))).toEqual(['INSERT:m3', 'INSERT:m4', 'INSERT:m5', 'INSERT:m6', 'INSERT:m7']);
		expect(test.staticData).toEqual(saved);
		// The active trigger still gets all eight.
		expect((await tick(trigger)).length).toBe(8);
	});
});
