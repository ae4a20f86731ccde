/**
 * Fault injection: the node's real SDK client talks to DynamoDB Local through a proxy that drops
 * connections, delays, and answers 500, 503 and throttling for a share of requests. Items are
 * counted in DynamoDB Local itself, past the proxy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { INodeParameters } from 'n8n-workflow';
import { startChaosProxy, startSilentServer, type ChaosOptions, type ChaosProxy } from '../helpers/chaosProxy';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode } from '../helpers/n8n';
import { countItems as countTable } from './support';

const client = rawClient();
afterAll(() => client.destroy());

const countItems = (table: string) => countTable(client, table);

/** Every kind of fault the chaos proxy injects. */
const FAULTS = ['dropBefore', 'dropAfter', 'delay', 'http500', 'http503', 'throttling', 'throughput'] as const;

/** Totals for the closing note. */
const totals = { faults: 0, written: 0, expected: 0 };
const kinds: Record<string, number> = {};
const tally = (stats: Record<string, unknown>) => {
	for (const kind of FAULTS) kinds[kind] = (kinds[kind] ?? 0) + (stats[kind] as number);
};
afterAll(() =>
	console.log(`fault injection: ${totals.faults} faults injected (${JSON.stringify(kinds)}); ${totals.written} of ${totals.expected} items written`),
);

/** Runs `test` against a chaos proxy, then adds its stats to the totals and closes it. */
async function withChaos(options: ChaosOptions, test: (proxy: ChaosProxy) => Promise<void>): Promise<void> {
	const proxy = await startChaosProxy(options);
	try {
		await test(proxy);
	} finally {
		tally(proxy.stats);
		await proxy.close();
	}
}

/** The same share of every fault kind. */
const everyFault = (share: number): ChaosOptions['shares'] =>
	Object.fromEntries(FAULTS.map((kind) => [kind, share]));

/**
 * PutItem of `n` items `{ id, n }` through the proxy; the run must succeed with one output item per
 * input item, and DynamoDB Local must hold all `n` (counted into the totals).
 */
async function putThroughChaos(proxy: ChaosProxy, table: string, n: number, idPrefix: string, options: INodeParameters) {
	const input = Array.from({ length: n }, (_, i) => ({ id: `${idPrefix}-${i}`, n: i }));
	const result = await runNode({
		input,
		credentials: localCredentials(proxy.endpoint),
		parameters: {
			operation: 'PutItem',
			body: `={ "TableName": "${table}", "Item": { "id": {{ $json.id }}, "n": {{ $json.n }} } }`,
			options,
		},
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(n);
	const written = await countItems(table);
	const injected = proxy.stats.requests - proxy.stats.passed;
	totals.faults += injected;
	totals.written += written;
	totals.expected += n;
	expect(written).toBe(n);
	return { input, result, injected };
}

describe('fault injection (per-item operations)', () => {
	it('PutItem per item: every item is written despite drops, delays, 500, 503 and throttling', async () => {
		const table = await createTable(client, uniqueTable('chaos'));
		await withChaos({ shares: everyFault(0.05), delayMs: 40, seed: 11 }, async (proxy) => {
			const n = 200;
			const { input, result, injected } = await putThroughChaos(proxy, table, n, 'item', { maxAttempts: 10, parallelRequests: 8 });
			expect(result.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(input.map((_, i) => i));
			// Every kind of fault happened, and each was retried: one request per item plus one per fault.
			for (const fault of FAULTS) {
				expect(proxy.stats[fault]).toBeGreaterThan(0);
			}
			expect(proxy.stats.requests).toBe(n + injected - proxy.stats.delay);
		});
	});

	it('reads too: GetItem per item answers every item despite faults', async () => {
		const table = await createTable(client, uniqueTable('chaosget'));
		const n = 60;
		await runNode({
			input: Array.from({ length: n }, (_, i) => ({ id: `k${i}` })),
			credentials: localCredentials(),
			parameters: { operation: 'PutItem', body: `={ "TableName": "${table}", "Item": { "id": {{ $json.id }} } }`, options: { parallelRequests: 8 } },
		});
		await withChaos({ shares: { dropBefore: 0.1, http500: 0.1, http503: 0.1, throughput: 0.1 }, seed: 5 }, async (proxy) => {
			const result = await runNode({
				input: Array.from({ length: n }, (_, i) => ({ id: `k${i}` })),
				credentials: localCredentials(proxy.endpoint),
				parameters: { operation: 'GetItem', body: `={ "TableName": "${table}", "Key": { "id": {{ $json.id }} } }`, options: { maxAttempts: 10, parallelRequests: 8 } },
			});
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json.id)).toEqual(Array.from({ length: n }, (_, i) => `k${i}`));
			totals.faults += proxy.stats.requests - proxy.stats.passed;
			expect(proxy.stats.requests - proxy.stats.passed).toBeGreaterThan(10);
		});
	});

	it('a retried write is applied at least once: an ADD whose answer was lost is applied again', async () => {
		const table = await createTable(client, uniqueTable('once'));
		await withChaos({ shares: { dropBefore: 0.15, dropAfter: 0.15 }, actions: ['UpdateItem'], seed: 3 }, async (proxy) => {
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
		});
	});

	it('with retries spent, the failure names the item and the fault; Continue On Fail keeps the others', async () => {
		const table = await createTable(client, uniqueTable('spent'));
		await withChaos({ shares: { http503: 0.5 }, seed: 1 }, async (proxy) => {
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
		});
	});
});

describe('fault injection (bulk mode)', () => {
	it('Bulk Mode PutItem loses 0 of 10,000 items through drops, delays, 500, 503 and throttling', async () => {
		const table = await createTable(client, uniqueTable('chaosbulk'));
		await withChaos({ shares: everyFault(0.03), delayMs: 30, seed: 23 }, async (proxy) => {
			const { result } = await putThroughChaos(proxy, table, 10_000, 'bulk', { bulkMode: true, maxAttempts: 10, parallelRequests: 8 });
			expect(result.items.filter((i) => i.json.error)).toEqual([]);
			expect(result.items.every((item, i) => (item.pairedItem as { item: number }).item === i)).toBe(true);
			expect(proxy.stats.byAction.BatchWriteItem).toBeDefined();
			for (const fault of ['dropBefore', 'dropAfter', 'http500', 'http503', 'throttling', 'throughput'] as const) {
				expect(proxy.stats.byAction.BatchWriteItem[fault]).toBeGreaterThan(0);
			}
		});
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
	/** ListTables against `endpoint` with the given options. */
	const listTablesAt = (endpoint: string, options: Record<string, number>, continueOnFail = false) =>
		runNode({ input: [{}], credentials: localCredentials(endpoint), parameters: { operation: 'ListTables', body: '{}', options }, continueOnFail });

	it('Request Timeout: a server that never answers gives a clear error after Max Attempts × the timeout', async () => {
		const silent = await startSilentServer();
		try {
			const result = await listTablesAt(silent.endpoint, { requestTimeout: 300, maxAttempts: 2 });
			// Two attempts, each a whole request that went unanswered until the node hung up by itself
			// (the server never answers nor closes): the answer is what timed out, on every attempt.
			expect(silent.connections()).toBe(2);
			expect(silent.requests()).toBe(2);
			await silent.hungUp();
			expect(result.error!.message).toBe("No answer from DynamoDB within the Request Timeout (300 ms), 2 attempts");
			expect(result.error!.description).toMatch(/Check the Endpoint URL/);
		} finally {
			await silent.close();
		}
	});

	it('Connection Timeout: an endpoint that never accepts the connection gives a clear error', async () => {
		const dead = await startUnacceptingServer();
		try {
			// The node's own Connection Timeout (TimeoutError), not the system's connect timeout of minutes.
			const result = await listTablesAt(dead.endpoint, { connectionTimeout: 300, maxAttempts: 2 }, true);
			expect(result.items[0].json.error).toMatchObject({
				message: "Could not connect to DynamoDB within the Connection Timeout (300 ms), 2 attempts",
				code: 'TimeoutError',
			});
		} finally {
			dead.close();
		}
	});
});
