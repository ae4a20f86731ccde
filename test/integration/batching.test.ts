/**
 * Issue 4: batches of any size, bulk mode, parallel requests and unprocessed-item handling,
 * run through n8n-core's engine against DynamoDB Local (and a fault-injecting proxy in front of it).
 */
import { BatchWriteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { IDataObject } from 'n8n-workflow';
import { startFaultProxy } from '../helpers/faultProxy';
import { createTable, rawClient, uniqueTable } from '../helpers/local';
import { countItems, run } from './support';

const client = rawClient();
afterAll(() => client.destroy());

const count = (table: string) => countItems(client, table);

const ids = (n: number, prefix = 'i') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const writes = (list: string[]) => list.map((id) => ({ PutRequest: { Item: { id: { S: id }, n: { N: '1' } } } }));

describe('BatchWriteItem / BatchGetItem / BatchExecuteStatement of any size', () => {
	it.each([0, 1, 25, 26, 1000])('writes every one of %i write requests', async (n) => {
		const table = await createTable(client, uniqueTable('bw'));
		const result = await run('BatchWriteItem', JSON.stringify({ RequestItems: n ? { [table]: writes(ids(n)) } : {} }), {}, [{}]);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.UnprocessedItems).toEqual({});
		expect(await count(table)).toBe(n);
	});

	it.each([100, 101])('reads %i keys (with some missing) in calls of 100 keys', async (n) => {
		const table = await createTable(client, uniqueTable('bg'));
		const all = ids(n, 'k');
		for (let i = 0; i < n; i += 25) await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: writes(all.slice(i, i + 25)) } }));
		const keys = [...ids(n, 'k'), 'missing1', 'missing2'].map((id) => ({ id: { S: id } }));
		const result = await run('BatchGetItem', JSON.stringify({ RequestItems: { [table]: { Keys: keys, ProjectionExpression: 'id' } } }), {}, [{}]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.id).sort()).toEqual(ids(n, 'k').sort());
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('writes items near the 400 KB item limit, split under the 16 MB request limit', async () => {
		const table = await createTable(client, uniqueTable('big'));
		const big = 'x'.repeat(399 * 1024 - 100);
		const requests = ids(27, 'b').map((id) => ({ PutRequest: { Item: { id: { S: id }, blob: { S: big } } } }));
		const result = await run('BatchWriteItem', JSON.stringify({ RequestItems: { [table]: requests } }), {}, [{}]);
		expect(result.error).toBeUndefined();
		expect(await count(table)).toBe(27);
	});

	it('runs 30 PartiQL statements (more than one call of 25), answers in statement order', async () => {
		const table = await createTable(client, uniqueTable('pq'));
		const statements = ids(30, 's').map((id) => ({ Statement: `INSERT INTO "${table}" VALUE {'id': ?}`, Parameters: [{ S: id }] }));
		const insert = await run('BatchExecuteStatement', JSON.stringify({ Statements: statements }), { simplify: false }, [{}]);
		expect(insert.error).toBeUndefined();
		expect((insert.items[0].json.Responses as unknown[]).length).toBe(30);
		expect(await count(table)).toBe(30);
		const reads = ids(30, 's').map((id) => ({ Statement: `SELECT id FROM "${table}" WHERE id = ?`, Parameters: [{ S: id }] }));
		const select = await run('BatchExecuteStatement', JSON.stringify({ Statements: reads }), {}, [{}]);
		expect(select.items.map((i) => i.json.id)).toEqual(ids(30, 's'));
	});
});

describe('unprocessed requests are retried, and never silently lost', () => {
	it('writes every one of 10,000 items through a proxy that answers UnprocessedItems and throttles', async () => {
		const table = await createTable(client, uniqueTable('fault'));
		const proxy = await startFaultProxy({ unprocessed: 0.25, throttled: 0.1, seed: 7 });
		try {
			const input = ids(10_000, 'u').map((id, n) => ({ id, n }));
			const result = await run(
				'PutItem',
				'={ "TableName": "' + table + '", "Item": { "id": "{{ $json.id }}", "n": {{ $json.n }} } }',
				{ bulkMode: true, parallelRequests: 8, maxUnprocessedRetries: 12 },
				input,
				{ endpoint: proxy.endpoint },
			);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(10_000);
			expect(result.items.filter((i) => i.json.error || i.json.UnprocessedItems)).toEqual([]);
			expect(result.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(input.map((_, i) => i));
			// The faults really happened: the retries are what wrote these items.
			expect(proxy.stats.unprocessedRequests).toBeGreaterThan(1000);
			expect(proxy.stats.throttledAnswers).toBeGreaterThan(10);
		} finally {
			await proxy.close();
		}
		expect(await count(table)).toBe(10_000);
	});

	it('writes every request of one large BatchWriteItem body through the faulty proxy', async () => {
		const table = await createTable(client, uniqueTable('faultbody'));
		const proxy = await startFaultProxy({ unprocessed: 0.4, throttled: 0.1, seed: 11 });
		try {
			const result = await run('BatchWriteItem', JSON.stringify({ RequestItems: { [table]: writes(ids(2000, 'w')) } }), { maxAttempts: 1, maxUnprocessedRetries: 15 }, [{}], {
				endpoint: proxy.endpoint,
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.UnprocessedItems).toEqual({});
			expect(proxy.stats.unprocessedRequests).toBeGreaterThan(100);
		} finally {
			await proxy.close();
		}
		expect(await count(table)).toBe(2000);
	});

	it('reads every key through a proxy that answers UnprocessedKeys', async () => {
		const table = await createTable(client, uniqueTable('faultget'));
		await run('BatchWriteItem', JSON.stringify({ RequestItems: { [table]: writes(ids(300, 'g')) } }), {}, [{}]);
		const proxy = await startFaultProxy({ getUnprocessed: 0.4, seed: 3 });
		try {
			const keys = ids(300, 'g').map((id) => ({ id: { S: id } }));
			const result = await run('BatchGetItem', JSON.stringify({ RequestItems: { [table]: { Keys: keys } } }), { maxUnprocessedRetries: 15 }, [{}], { endpoint: proxy.endpoint });
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json.id).sort()).toEqual(ids(300, 'g').sort());
			expect(proxy.stats.unprocessedKeys).toBeGreaterThan(20);
		} finally {
			await proxy.close();
		}
	});

	describe('when DynamoDB keeps everything unprocessed', () => {
		let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
		beforeAll(async () => {
			proxy = await startFaultProxy({ unprocessed: 1, seed: 5 });
		});
		afterAll(async () => await proxy.close());
		const body = (table: string) => JSON.stringify({ RequestItems: { [table]: writes(ids(60, 'z')) } });

		it('fails the item and names what is unprocessed', async () => {
			const table = await createTable(client, uniqueTable('stuck'));
			const result = await run('BatchWriteItem', body(table), { maxUnprocessedRetries: 1 }, [{}], { endpoint: proxy.endpoint });
			expect(result.error?.message).toMatch(/still unprocessed after 1 retry rounds/);
			// The unprocessed requests travel with the error: its description lists them.
			const listed = JSON.parse(result.error!.description!.replace(/^Unprocessed: /, '')).UnprocessedItems[table] as Array<{ PutRequest: { Item: { id: { S: string } } } }>;
			const { Items = [] } = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
			expect([...listed.map((r) => r.PutRequest.Item.id.S), ...Items.map((i) => i.id.S!)].sort()).toEqual(ids(60, 'z').sort());
		});

		it('returns them in UnprocessedItems with Accept Unprocessed: written + listed = all', async () => {
			const table = await createTable(client, uniqueTable('stuck'));
			const result = await run('BatchWriteItem', body(table), { maxUnprocessedRetries: 1, acceptUnprocessed: true }, [{}], { endpoint: proxy.endpoint });
			expect(result.error).toBeUndefined();
			const left = ((result.items[0].json.UnprocessedItems as Record<string, Array<{ PutRequest: { Item: { id: string } } }>>)[table] ?? []).map(
				(r) => r.PutRequest.Item.id,
			);
			const { Items = [] } = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
			const written = Items.map((i) => i.id.S!);
			expect(left.length).toBeGreaterThan(0);
			// Every request is either written or listed as unprocessed: none is lost.
			expect([...left, ...written].sort()).toEqual(ids(60, 'z').sort());
		});

		it('in bulk mode, reports each unprocessed input item against that item', async () => {
			const fresh = await createTable(client, uniqueTable('stuckbulk'));
			const input = ids(40, 'q').map((id) => ({ id }));
			const result = await run('PutItem', `={ "TableName": "${fresh}", "Item": { "id": "{{ $json.id }}" } }`, { bulkMode: true, maxUnprocessedRetries: 1 }, input, {
				endpoint: proxy.endpoint,
				continueOnFail: true,
			});
			expect(result.items).toHaveLength(40);
			result.items.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
			const failed = result.items.flatMap((item, i) => (item.json.error ? [input[i].id] : []));
			expect(failed.length).toBeGreaterThan(0);
			expect(JSON.stringify(result.items.find((i) => i.json.error)?.json)).toMatch(/still unprocessed/);
			const { Items = [] } = await client.send(new ScanCommand({ TableName: fresh, ConsistentRead: true }));
			expect([...failed, ...Items.map((i) => i.id.S!)].sort()).toEqual(input.map((x) => x.id).sort());
		});
	});
});

describe('bulk mode', () => {
	it('pairs every output item with its input item, including the failing ones', async () => {
		const table = await createTable(client, uniqueTable('pair'));
		const input = ids(120, 'p').map((id, n) => ({
			id,
			n: n % 37 === 5 ? 'not a number' : String(n),
			cond: n % 50 === 9 ? 'attribute_not_exists(id)' : null,
		}));
		const result = await run(
			'PutItem',
			`={ "TableName": "${table}", "Item": { "id": "{{ $json.id }}", "n": { "N": "{{ $json.n }}" } }, "ConditionExpression": {{ $json.cond }} }`,
			{ bulkMode: true, parallelRequests: 4 },
			input,
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(120);
		const bad = new Set(input.flatMap((x, i) => (x.n === 'not a number' || x.cond ? [i] : [])));
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			if (bad.has(i)) expect(item.json.error).toBeDefined();
			else expect(item.json).toEqual({});
		});
		const errorAt = (i: number) => JSON.stringify(result.items[i].json.error);
		expect(errorAt(9)).toMatch(/Bulk Mode sends PutItem requests as BatchWriteItem, which has no ConditionExpression/);
		expect(errorAt(5)).toMatch(/ValidationException/);
		expect(await count(table)).toBe(120 - bad.size);
	});

	it('fails the execution at the first failing item without Continue On Fail', async () => {
		const table = await createTable(client, uniqueTable('pairfail'));
		const input = [{ id: 'a' }, { id: 'b', cond: 'attribute_exists(id)' }, { id: 'c' }];
		const result = await run(
			'PutItem',
			`={ "TableName": "${table}", "Item": { "id": "{{ $json.id }}" }, "ConditionExpression": {{ $json.cond ?? null }} }`,
			{ bulkMode: true },
			input,
		);
		expect(result.error?.message).toMatch(/ConditionExpression/);
		expect((result.error as unknown as { context: { itemIndex?: number } }).context.itemIndex).toBe(1);
	});

	it('deletes in bulk, and writes of one key keep their input order', async () => {
		const table = await createTable(client, uniqueTable('order'));
		const input = [
			{ id: 'x', v: 1 },
			{ id: 'y', v: 1 },
			{ id: 'x', v: 2 },
			{ id: 'x', v: 3 },
		];
		const put = await run('PutItem', `={ "TableName": "${table}", "Item": { "id": "{{ $json.id }}", "v": {{ $json.v }} } }`, { bulkMode: true }, input);
		expect(put.error).toBeUndefined();
		const get = await run('GetItem', `={ "TableName": "${table}", "Key": { "id": "{{ $json.id }}" } }`, { bulkMode: true }, [{ id: 'x' }, { id: 'y' }]);
		expect(get.items.map((i) => i.json)).toEqual([
			{ id: 'x', v: 3 },
			{ id: 'y', v: 1 },
		]);
		const del = await run('DeleteItem', `={ "TableName": "${table}", "Key": { "id": "{{ $json.id }}" } }`, { bulkMode: true }, [{ id: 'x' }, { id: 'y' }]);
		expect(del.error).toBeUndefined();
		expect(del.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(await count(table)).toBe(0);
	});

	it('reads in bulk: one output per input item in order, duplicates and missing keys included', async () => {
		const table = await createTable(client, uniqueTable('bulkget'));
		await run('BatchWriteItem', JSON.stringify({ RequestItems: { [table]: ids(250, 'r').map((id, n) => ({ PutRequest: { Item: { id: { S: id }, n: { N: String(n) }, extra: { S: 'e' } } } })) } }), {}, [{}]);
		const wanted = [...ids(250, 'r'), 'nope', 'r7', 'r3'];
		const result = await run(
			'GetItem',
			`={ "TableName": "${table}", "Key": { "id": "{{ $json.id }}" }, "ProjectionExpression": "n" }`,
			{ bulkMode: true, notFound: 'empty' },
			wanted.map((id) => ({ id })),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(wanted.length);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			const n = ids(250, 'r').indexOf(wanted[i]);
			// The key added to the projection (to match items to keys) is not in the output.
			expect(item.json).toEqual(n < 0 ? {} : { n });
		});
	});
});

describe('bulk mode reads with If Item Not Found: Fail', () => {
	it('fails only the input items whose key matches nothing', async () => {
		const table = await createTable(client, uniqueTable('nf'));
		await run('BatchWriteItem', JSON.stringify({ RequestItems: { [table]: writes(['a', 'c']) } }), {}, [{}]);
		const input = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
		const result = await run('GetItem', `={ "TableName": "${table}", "Key": { "id": "{{ $json.id }}" } }`, { bulkMode: true, notFound: 'error' }, input, {
			continueOnFail: true,
		});
		expect(result.items.map((i) => [i.pairedItem, i.json.error ? 'error' : i.json.id])).toEqual([
			[{ item: 0 }, 'a'],
			[{ item: 1 }, 'error'],
			[{ item: 2 }, 'c'],
			[{ item: 3 }, 'error'],
		]);
	});
});

describe('parallel requests', () => {
	it('keeps output order and pairedItem as one at a time, Continue On Fail per item', async () => {
		const table = await createTable(client, uniqueTable('par'));
		const input = ids(60, 'v').map((id, n) => ({ id, n: n % 13 === 4 ? 'bad' : String(n) }));
		const put = await run('PutItem', `={ "TableName": "${table}", "Item": { "id": "{{ $json.id }}", "n": { "N": "{{ $json.n }}" } } }`, { parallelRequests: 8 }, input, {
			continueOnFail: true,
		});
		expect(put.items).toHaveLength(60);
		put.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(Boolean(item.json.error)).toBe(input[i].n === 'bad');
		});
		const get = await run('GetItem', `={ "TableName": "${table}", "Key": { "id": "{{ $json.id }}" } }`, { parallelRequests: 8, notFound: 'empty' }, input);
		expect(get.items.map((i) => [i.pairedItem, i.json.id ?? null])).toEqual(input.map((x, i) => [{ item: i }, x.n === 'bad' ? null : x.id]));
	});

	it('fails at the first failing item without Continue On Fail', async () => {
		const table = await createTable(client, uniqueTable('parfail'));
		const input = ids(30, 'f').map((id, n) => ({ id, n: n === 17 || n === 23 ? 'bad' : String(n) }));
		const result = await run('PutItem', `={ "TableName": "${table}", "Item": { "id": "{{ $json.id }}", "n": { "N": "{{ $json.n }}" } } }`, { parallelRequests: 4 }, input);
		// n8n shows the index as [item 17]: the node's message does not repeat it.
		expect((result.error as unknown as { context: { itemIndex?: number } }).context.itemIndex).toBe(17);
	});
});

describe('the {{ $json.field }} fast path', () => {
	it('binds exactly what n8n evaluates, for every kind of value', async () => {
		const table = await createTable(client, uniqueTable('fast'));
		const values: unknown[] = ['plain', 'q "uote" \\ back', 'line\nbreak', 'ünï😀', '', 0, -1.25, 2 ** 53, 1e21, true, false, null, { o: [1, 'x'] }, [1, 2]];
		const input = [...values.map((v, n) => ({ id: `f${n}`, v })), { id: 'missing' }] as IDataObject[];
		const body =
			`={ "TableName": "${table}", "Item": { "id": "{{ $json.id }}", "a": {{ $json.v }}, "b": {{ ($json.v) }}, ` +
			`"c": "{{ $json.v }}", "d": "{{ ($json.v) }}", "e": {{ $json["v"] }} } }`;
		const put = await run('PutItem', body, {}, input);
		expect(put.error).toBeUndefined();
		const get = await run('GetItem', `={ "TableName": "${table}", "Key": { "id": "{{ $json.id }}" } }`, {}, input);
		expect(get.items).toHaveLength(input.length);
		for (const { json } of get.items) {
			expect([json.id, json.a]).toEqual([json.id, json.b]);
			expect([json.id, json.e]).toEqual([json.id, json.b]);
			expect([json.id, json.c]).toEqual([json.id, json.d]);
		}
		expect(get.items[1].json.a).toBe('q "uote" \\ back');
	});
});

