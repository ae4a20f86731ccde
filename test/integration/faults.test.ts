/**
 * Fault injection: the node's real SDK client talks to DynamoDB Local through a proxy that drops
 * connections, delays, and answers 500, 503 and throttling for a share of requests. Items are
 * counted in DynamoDB Local itself, past the proxy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { startChaosProxy, startSilentServer } from '../helpers/chaosProxy';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode } from '../helpers/n8n';

const client = rawClient();
afterAll(() => client.destroy());

async function countItems(table: string): Promise<number> {
	let count = 0;
	let ExclusiveStartKey: Record<string, never> | undefined;
	do {
		const page = await client.send(new ScanCommand({ TableName: table, Select: 'COUNT', ExclusiveStartKey, ConsistentRead: true }));
		count += page.Count ?? 0;
		ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
	} while (ExclusiveStartKey);
	return count;
}

/** Totals for the closing note. */
const totals = { faults: 0, written: 0, expected: 0 };
const kinds: Record<string, number> = {};
const tally = (stats: Record<string, unknown>) => {
	for (const kind of ['dropBefore', 'dropAfter', 'delay', 'http500', 'http503', 'throttling', 'throughput']) kinds[kind] = (kinds[kind] ?? 0) + (stats[kind] as number);
};
afterAll(() =>
	console.log(`fault injection: ${totals.faults} faults injected (${JSON.stringify(kinds)}); ${totals.written} of ${totals.expected} items written`),
);

describe('fault injection (per-item operations)', () => {
	it('PutItem per item: every item is written despite drops, delays, 500, 503 and throttling', async () => {
		const table = await createTable(client, uniqueTable('chaos'));
		const proxy = await startChaosProxy({
			shares: { dropBefore: 0.05, dropAfter: 0.05, delay: 0.05, http500: 0.05, http503: 0.05, throttling: 0.05, throughput: 0.05 },
			delayMs: 40,
			seed: 11,
		});
		try {
			const n = 200;
			const input = Array.from({ length: n }, (_, i) => ({ id: `item-${i}`, n: i }));
			const result = await runNode({
				input,
				credentials: localCredentials(proxy.endpoint),
				parameters: {
					operation: 'PutItem',
					body: `={ "TableName": "${table}", "Item": { "id": {{ $json.id }}, "n": {{ $json.n }} } }`,
					options: { maxAttempts: 10, parallelRequests: 8 },
				},
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(n);
			expect(result.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(input.map((_, i) => i));
			const written = await countItems(table);
			const injected = proxy.stats.requests - proxy.stats.passed;
			totals.faults += injected;
			totals.written += written;
			totals.expected += n;
			expect(written).toBe(n);
			// Every kind of fault happened, and each was retried: one request per item plus one per fault.
			for (const fault of ['dropBefore', 'dropAfter', 'delay', 'http500', 'http503', 'throttling', 'throughput'] as const) {
				expect(proxy.stats[fault]).toBeGreaterThan(0);
			}
			expect(proxy.stats.requests).toBe(n + injected - proxy.stats.delay);
		} finally {
			tally(proxy.stats);
			await proxy.close();
		}
	});

	it('reads too: GetItem per item answers every item despite faults', async () => {
		const table = await createTable(client, uniqueTable('chaosget'));
		const n = 60;
		await runNode({
			input: Array.from({ length: n }, (_, i) => ({ id: `k${i}` })),
			credentials: localCredentials(),
			parameters: { operation: 'PutItem', body: `={ "TableName": "${table}", "Item": { "id": {{ $json.id }} } }`, options: { parallelRequests: 8 } },
		});
		const proxy = await startChaosProxy({ shares: { dropBefore: 0.1, http500: 0.1, http503: 0.1, throughput: 0.1 }, seed: 5 });
		try {
			const result = await runNode({
				input: Array.from({ length: n }, (_, i) => ({ id: `k${i}` })),
				credentials: localCredentials(proxy.endpoint),
				parameters: { operation: 'GetItem', body: `={ "TableName": "${table}", "Key": { "id": {{ $json.id }} } }`, options: { maxAttempts: 10, parallelRequests: 8 } },
			});
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json.id)).toEqual(Array.from({ length: n }, (_, i) => `k${i}`));
			totals.faults += proxy.stats.requests - proxy.stats.passed;
			expect(proxy.stats.requests - proxy.stats.passed).toBeGreaterThan(10);
		} finally {
			tally(proxy.stats);
			await proxy.close();
		}
	});

	it('a retried write is applied at least once: an ADD whose answer was lost is applied again', async () => {
		const table = await createTable(client, uniqueTable('once'));
		const proxy = await startChaosProxy({ shares: { dropBefore: 0.15, dropAfter: 0.15 }, actions: ['UpdateItem'], seed: 3 });
		try {
			const n = 60;
			const result = await runNode({
				input: Array.from({ length: n }, () => ({})),
				credentials: localCredentials(proxy.endpoint),
				parameters: {
					operation: 'UpdateItem',
					body: `{ "TableName": "${table}", "Key": { "id": "counter" }, "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": { ":one": 1 } }`,
					options: { maxAttempts: 10 },
				},
			});
			expect(result.error).toBeUndefined();
			const stored = await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'counter' } }, ConsistentRead: true }));
			totals.faults += proxy.stats.dropBefore + proxy.stats.dropAfter;
			expect(proxy.stats.dropAfter).toBeGreaterThan(0);
			expect(proxy.stats.dropBefore).toBeGreaterThan(0);
			// Dropped before DynamoDB saw it: retried, applied once. Dropped after: applied, and applied again.
			expect(Number(stored.Item!.n.N)).toBe(n + proxy.stats.dropAfter);
		} finally {
			tally(proxy.stats);
			await proxy.close();
		}
	});

	it('with retries spent, the failure names the item and the fault; Continue On Fail keeps the others', async () => {
		const table = await createTable(client, uniqueTable('spent'));
		const proxy = await startChaosProxy({ shares: { http503: 0.5 }, seed: 1 });
		try {
			const n = 40;
			const result = await runNode({
				input: Array.from({ length: n }, (_, i) => ({ id: `i${i}` })),
				credentials: localCredentials(proxy.endpoint),
				parameters: { operation: 'PutItem', body: `={ "TableName": "${table}", "Item": { "id": {{ $json.id }} } }`, options: { maxAttempts: 1 } },
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(n);
			const failed = result.items.filter((i) => i.json.error);
			totals.faults += proxy.stats.http503;
			expect(failed).toHaveLength(proxy.stats.http503);
			for (const item of failed) expect(item.json.error).toMatchObject({ code: 'ServiceUnavailable', httpStatusCode: 503 });
			// What failed is not in the table; everything else is.
			expect(await countItems(table)).toBe(n - failed.length);
		} finally {
			tally(proxy.stats);
			await proxy.close();
		}
	});
});

describe('fault injection (bulk mode)', () => {
	it('Bulk Mode PutItem loses 0 of 10,000 items through drops, delays, 500, 503 and throttling', async () => {
		const table = await createTable(client, uniqueTable('chaosbulk'));
		const proxy = await startChaosProxy({
			shares: { dropBefore: 0.03, dropAfter: 0.03, delay: 0.03, http500: 0.03, http503: 0.03, throttling: 0.03, throughput: 0.03 },
			delayMs: 30,
			seed: 23,
		});
		try {
			const n = 10_000;
			const input = Array.from({ length: n }, (_, i) => ({ id: `bulk-${i}`, n: i }));
			const result = await runNode({
				input,
				credentials: localCredentials(proxy.endpoint),
				parameters: {
					operation: 'PutItem',
					body: `={ "TableName": "${table}", "Item": { "id": {{ $json.id }}, "n": {{ $json.n }} } }`,
					options: { bulkMode: true, maxAttempts: 10, parallelRequests: 8 },
				},
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(n);
			expect(result.items.filter((i) => i.json.error)).toEqual([]);
			expect(result.items.every((item, i) => (item.pairedItem as { item: number }).item === i)).toBe(true);
			const written = await countItems(table);
			const injected = proxy.stats.requests - proxy.stats.passed;
			totals.faults += injected;
			totals.written += written;
			totals.expected += n;
			expect(written).toBe(n);
			expect(proxy.stats.byAction.BatchWriteItem).toBeDefined();
			for (const fault of ['dropBefore', 'dropAfter', 'http500', 'http503', 'throttling', 'throughput'] as const) {
				expect(proxy.stats.byAction.BatchWriteItem[fault]).toBeGreaterThan(0);
			}
		} finally {
			tally(proxy.stats);
			await proxy.close();
		}
	}, 180_000);
});

/** A server whose accept queue is full: connection attempts get no SYN-ACK and wait. */
async function startUnacceptingServer(): Promise<{ endpoint: string; close(): void }> {
	const child: ChildProcess = spawn(process.execPath, [
		'-e',
		"const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>{process.stdout.write(s.address().port+'\\n');Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0)})",
	]);
	const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
	const fillers: Socket[] = [];
	for (let i = 0; i < 4; i++) fillers.push(connect(port, '127.0.0.1').on('error', () => {}));
	await new Promise((resolve) => setTimeout(resolve, 200));
	return {
		endpoint: `http://127.0.0.1:${port}`,
		close: () => {
			for (const s of fillers) s.destroy();
			child.kill();
		},
	};
}

describe('timeouts: a dead endpoint fails clearly instead of hanging', () => {
	it('Request Timeout: a server that never answers gives a clear error after Max Attempts × the timeout', async () => {
		const silent = await startSilentServer();
		try {
			const started = Date.now();
			const result = await runNode({
				input: [{}],
				credentials: localCredentials(silent.endpoint),
				parameters: { operation: 'ListTables', body: '{}', options: { requestTimeout: 300, maxAttempts: 2 } },
			});
			const elapsed = Date.now() - started;
			expect(elapsed).toBeLessThan(5000);
			expect(elapsed).toBeGreaterThanOrEqual(600);
			expect(silent.connections()).toBe(2);
			expect(result.error!.message).toBe("Item 0: No answer from DynamoDB within the Request Timeout (300 ms), 2 attempts");
			expect(result.error!.description).toMatch(/Check the Endpoint URL/);
		} finally {
			await silent.close();
		}
	});

	it('Connection Timeout: an endpoint that never accepts the connection gives a clear error', async () => {
		const dead = await startUnacceptingServer();
		try {
			const started = Date.now();
			const result = await runNode({
				input: [{}],
				credentials: localCredentials(dead.endpoint),
				parameters: { operation: 'ListTables', body: '{}', options: { connectionTimeout: 300, maxAttempts: 2 } },
				continueOnFail: true,
			});
			expect(Date.now() - started).toBeLessThan(5000);
			expect(result.items[0].json.error).toMatchObject({
				message: "Item 0: Could not connect to DynamoDB within the Connection Timeout (300 ms), 2 attempts",
				code: 'TimeoutError',
			});
		} finally {
			dead.close();
		}
	});
});
