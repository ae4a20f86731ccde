/**
 * The package in n8n's queue mode: one main (webhooks) and two `n8n worker`s sharing
 * Postgres, Redis and one encryption key, the package installed in every process's user folder.
 * Each webhook call runs Webhook → PutItem → UpdateItem ADD (a run counter per call id) → Respond,
 * so the table shows every execution that really ran, doubles included, and which worker ran it
 * (the worker's QUEUE_PROCESS_NAME, read with $env on the worker and added to a string set). The
 * DynamoDB Trigger in queue mode: trigger.queue.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { alive, client, createTable, descendants, fire, n8nLib, runDir, scanById, stackLib, startedExecutions, tarball, writeWorkflows, type Call, type Stack } from './helpers';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const CALLS = 1000;
const IN_FLIGHT = 16;
/** Per call: longer than n8n's stalled-job detection below (lock 20 s + check every 10 s). */
const CALL_TIMEOUT_MS = 90000;
const BULK_ITEMS = 10000;
/** Calls per throughput round (one worker, then two): enough for a steady rate, short enough for CI. */
const THROUGHPUT_CALLS = 300;

let stack: Stack;
let db: DynamoDBClient;
const summary: string[] = [];
const say = (line: string) => {
	summary.push(line);
	process.stdout.write(`[queue] ${line}\n`);
};

const node = (type: string, typeVersion: number, name: string, x: number, parameters: Record<string, unknown>) => ({
	parameters: { options: {}, ...parameters },
	id: `q-${name.replace(/\W/g, '-')}-${x}`,
	name,
	type,
	typeVersion,
	position: [x, 0],
});
const dynamoNode = (name: string, x: number, parameters: Record<string, unknown>) => ({
	...node('n8n-nodes-dynamodb.dynamoDb', 1, name, x, parameters),
	credentials: { dynamoDbApi: stack.credential },
});
const respond = (parameters: Record<string, unknown>) => node('n8n-nodes-base.respondToWebhook', 1.5, 'Respond', 660, parameters);
const webhook = (pathName: string) => ({
	parameters: { httpMethod: 'POST', path: pathName, responseMode: 'responseNode', options: {} },
	id: `q-webhook-${pathName}`,
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2.1,
	position: [0, 0],
	webhookId: `q-webhook-${pathName}`,
});
const chain = (names: string[]) =>
	Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));

function workflows() {
	const calls = {
		id: 'queueCalls000001',
		name: 'queue: webhook → put → count → respond',
		nodes: [
			webhook('queue-calls'),
			dynamoNode('Store call', 220, {
				operation: 'PutItem',
				body: '={\n  "TableName": "queue_calls",\n  "Item": { "id": "{{ $json.body.id }}", "round": "{{ $json.body.round }}" }\n}',
			}),
			dynamoNode('Count run', 440, {
				operation: 'UpdateItem',
				body:
					'={\n  "TableName": "queue_runs",\n  "Key": { "id": "{{ $(\'Webhook\').item.json.body.id }}" },\n' +
					'  "UpdateExpression": "ADD runs :one, workers :me",\n' +
					'  "ExpressionAttributeValues": { ":one": { "N": "1" }, ":me": { "SS": ["{{ $env.QUEUE_PROCESS_NAME }}"] } },\n' +
					'  "ReturnValues": "ALL_NEW"\n}',
			}),
			respond({ respondWith: 'firstIncomingItem' }),
		],
		connections: chain(['Webhook', 'Store call', 'Count run', 'Respond']),
		settings: { executionOrder: 'v1' },
	};
	const bulk = {
		id: 'queueBulk0000001',
		name: 'queue: webhook → split out → bulk put → respond',
		nodes: [
			webhook('queue-bulk'),
			node('n8n-nodes-base.splitOut', 1, 'Split Out', 220, { fieldToSplitOut: 'body.items' }),
			dynamoNode('Bulk put', 440, {
				operation: 'PutItem',
				body: '={\n  "TableName": "queue_bulk",\n  "Item": { "id": "{{ $json.id }}", "n": {{ $json.n }} }\n}',
				options: { bulkMode: true },
			}),
			respond({
				respondWith: 'json',
				responseBody: '={{ { "items": $input.all().length, "errors": $input.all().filter(i => i.json.error).length, "process": $env.QUEUE_PROCESS_NAME } }}',
			}),
		],
		connections: chain(['Webhook', 'Split Out', 'Bulk put', 'Respond']),
		settings: { executionOrder: 'v1' },
	};
	return [calls, bulk];
}

interface RoundResult {
	calls: Call[];
	seconds: number;
	ok: Call[];
	failed: Call[];
	doubled: string[];
	missing: string[];
	split: Record<string, number>;
	logSplit: Record<string, number>;
}

/** One round of webhook calls, then what DynamoDB holds for it. */
async function round(name: string, count: number, onAnswer?: (done: number) => void): Promise<RoundResult> {
	const before = startedExecutions(stack);
	const { calls, seconds } = await fire(`${stack.url}/webhook/queue-calls`, name, count, IN_FLIGHT, CALL_TIMEOUT_MS, onAnswer);
	const after = startedExecutions(stack);
	const runs = await scanById(db, 'queue_runs');
	const stored = await scanById(db, 'queue_calls');
	const ok = calls.filter((c) => c.status === 200);
	const mine = [...runs.values()].filter((r) => r.id.startsWith(`${name}-`));
	const split: Record<string, number> = {};
	for (const run of mine) for (const worker of run.workers ?? []) split[worker] = (split[worker] ?? 0) + 1;
	const logSplit = Object.fromEntries(Object.entries(after).map(([p, ids]) => [p, [...ids].filter((id) => !before[p]?.has(id)).length]));
	return {
		calls,
		seconds,
		ok,
		failed: calls.filter((c) => c.status !== 200),
		doubled: mine.filter((r) => r.runs !== 1).map((r) => r.id),
		missing: ok.filter((c) => !stored.has(c.id) || runs.get(c.id)?.runs !== 1).map((c) => c.id),
		split,
		logSplit,
	};
}

const fmt = (split: Record<string, number>) =>
	Object.entries(split)
		.sort()
		.map(([k, v]) => `${k} ${v}`)
		.join(' / ');

beforeAll(async () => {
	stack = await stackLib.startStack({
		runDir: runDir('queue-mode'),
		tarball: tarball(),
		queue: true,
		workers: 2,
		// $env is blocked in n8n by default; here it only serves to record which process ran a node.
		env: {
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			QUEUE_PROCESS_NAME: 'main',
			// Bull's stalled-job detection, shortened from n8n's 60 s lock / 30 s check so a killed
			// worker's jobs are given up within the run; the behaviour is n8n's own either way.
			QUEUE_WORKER_LOCK_DURATION: '20000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
			QUEUE_WORKER_STALLED_INTERVAL: '10000',
		},
		workerEnv: (name: string) => ({ QUEUE_PROCESS_NAME: name }),
		log: (line: string) => process.stdout.write(`[queue] ${line}\n`),
	});
	db = client(stack.dynamoEndpoint);
	for (const table of ['queue_calls', 'queue_runs', 'queue_bulk']) await createTable(db, table);
	const dir = path.join(runDir('queue-mode'), 'workflows');
	const list = workflows();
	writeWorkflows(dir, list);
	await stack.cli(['import:workflow', '--separate', `--input=${dir}`]);
	const { cookie } = await n8nLib.setupOwner(stack.url);
	for (const workflow of list) await n8nLib.publish(stack.url, cookie, workflow.id);
	// Warm-up: the first executions on each worker load the node and open its client.
	const warm = await fire(`${stack.url}/webhook/queue-calls`, 'warmup', 40, IN_FLIGHT, CALL_TIMEOUT_MS);
	expect(warm.calls.filter((c) => c.status !== 200)).toEqual([]);
}, 900000);

afterAll(async () => {
	db?.destroy();
	await stack?.stop();
	if (summary.length) fs.writeFileSync(path.join(runDir('queue-mode'), 'summary.txt'), `${summary.join('\n')}\n`);
}, 120000);

let twoWorkers: RoundResult;
let killed: RoundResult;
let bulkSeconds = 0;

test(`${CALLS} webhook calls, ${IN_FLIGHT} at a time: every 200 stored exactly once, executions on both workers`, async () => {
	twoWorkers = await round('r1', CALLS);
	const r = twoWorkers;
	say(`round 1 (two workers): ${CALLS} calls, ${r.ok.length}×200, ${r.failed.length} failed, doubled ${r.doubled.length}, split by the stored $env ${fmt(r.split)}, by the workers' logs ${fmt(r.logSplit)}, ${r.seconds.toFixed(1)} s (${(CALLS / r.seconds).toFixed(0)} calls/s)`);
	expect(r.failed).toEqual([]);
	expect(r.missing).toEqual([]);
	expect(r.doubled).toEqual([]);
	expect(r.split.main ?? 0).toBe(0);
	expect(r.split['worker-1']).toBeGreaterThan(CALLS / 10);
	expect(r.split['worker-2']).toBeGreaterThan(CALLS / 10);
	expect((r.split['worker-1'] ?? 0) + (r.split['worker-2'] ?? 0)).toBe(CALLS);
	expect(r.logSplit).toEqual({ main: 0, 'worker-1': r.split['worker-1'], 'worker-2': r.split['worker-2'] });
	// Each answer is the counter row the worker wrote: the caller sees who ran it.
	for (const call of r.ok) expect(call.body).toEqual({ Attributes: { id: call.id, runs: 1, workers: [expect.stringMatching(/^worker-[12]$/)] } });
}, 600000);

test(`a ${BULK_ITEMS.toLocaleString('en')}-item Bulk Mode PutItem execution runs on a worker and stores every item`, async () => {
	const items = Array.from({ length: BULK_ITEMS }, (_, n) => ({ id: `bulk-${String(n).padStart(5, '0')}`, n }));
	const t = Date.now();
	const response = await fetch(`${stack.url}/webhook/queue-bulk`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items }),
		signal: AbortSignal.timeout(300000),
	});
	const seconds = (bulkSeconds = (Date.now() - t) / 1000);
	const body = (await response.json()) as { process: string };
	const stored = await scanById(db, 'queue_bulk');
	say(`bulk: ${BULK_ITEMS} items in one execution on ${body.process}, ${stored.size} stored, ${seconds.toFixed(1)} s`);
	expect(response.status).toBe(200);
	expect(body).toEqual({ items: BULK_ITEMS, errors: 0, process: expect.stringMatching(/^worker-\d$/) });
	expect(stored.size).toBe(BULK_ITEMS);
	for (const { id, n } of items) expect(stored.get(id)?.n).toBe(n);
}, 600000);

test(`a worker SIGKILLed during a second round of ${CALLS}: every call answered (200, or 500 for the killed worker's executions), every 200 stored exactly once`, async () => {
	const victim = stack.workers.find((w) => w.name === 'worker-2')!;
	const orphans: number[] = [];
	let killedAt = 0;
	const r = (killed = await round('r2', CALLS, (done) => {
		if (killedAt || done < CALLS * 0.3) return;
		killedAt = done;
		orphans.push(...descendants(victim.child.pid!));
		victim.child.kill('SIGKILL');
	}));
	// What the SIGKILL left behind (n8n's task runner of that worker), stopped here by pid.
	const leftOver = orphans.filter(alive);
	for (const pid of leftOver) process.kill(pid, 'SIGTERM');
	// What n8n did: the killed worker's running jobs stall, Bull gives them up (n8n sets
	// maxStalledCount 0: never run twice) and the main fails those executions.
	const stalled = new Set([...fs.readFileSync(stack.main.log, 'utf8').matchAll(/job stalled more than maxStalledCount \(execution (\d+)\)/g)].map((m) => m[1]));
	const victimLog = fs.readFileSync(victim.log, 'utf8');
	const unfinished = [...victimLog.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]).filter((id) => !victimLog.includes(`Worker finished execution ${id} `));
	const byStatus: Record<string, number> = {};
	for (const call of r.failed) byStatus[String(call.status)] = (byStatus[String(call.status)] ?? 0) + 1;
	const slowest = Math.max(...r.calls.map((c) => c.ms)) / 1000;
	const answered = new Set(r.ok.map((c) => c.id));
	const ranNotAnswered = [...(await scanById(db, 'queue_runs')).values()].filter((x) => x.id.startsWith('r2-') && !answered.has(x.id)).length;
	say(
		`round 2 (worker-2 SIGKILLed after ${killedAt} answers, ${unfinished.length} executions running on it): ${CALLS} calls, ${r.ok.length}×200, ` +
			`${r.failed.length} failed (HTTP ${fmt(byStatus) || 'none'}: ${JSON.stringify(r.failed[0]?.body ?? null)}), ` +
			`n8n failed ${stalled.size} stalled execution(s) (${unfinished.length} running, ${stalled.size - unfinished.length} taken but not started; ${stalled.size - r.failed.length} already answered 200) and ran none twice, ` +
			`doubled ${r.doubled.length}, stored but not answered 200: ${ranNotAnswered}, split ${fmt(r.split)}, slowest call ${slowest.toFixed(1)} s, ` +
			`task runner processes of the killed worker: ${orphans.length}, still running after it: ${leftOver.length}, ${r.seconds.toFixed(1)} s`,
	);
	// Every call is answered, by n8n: 200, or n8n's 500 for an execution the killed worker held
	// (below); none hangs until the client gives up (CALL_TIMEOUT_MS, past n8n's stalled-job
	// detection) and none loses its connection.
	expect(r.calls).toHaveLength(CALLS);
	expect(r.calls.filter((c) => c.status !== 200 && c.status !== 500)).toEqual([]);
	expect(r.missing).toEqual([]);
	expect(r.doubled).toEqual([]);
	// n8n fails every execution the killed worker held (running, or taken from the queue and not
	// started yet); a caller gets n8n's 500 unless the Respond node had already answered it.
	expect(unfinished.filter((id) => !stalled.has(id))).toEqual([]);
	expect(r.failed.length).toBeLessThanOrEqual(stalled.size);
	expect(r.failed.map((c) => c.status)).toEqual(r.failed.map(() => 500));
	expect(r.split['worker-1']).toBeGreaterThan(0);
}, 600000);

test('throughput: one worker, then two, back to back', async () => {
	const one = await round('r3', THROUGHPUT_CALLS);
	await stack.startWorker('worker-2');
	const two = await round('r4', THROUGHPUT_CALLS);
	const rate = (x: RoundResult) => x.calls.length / x.seconds;
	say(`throughput (${THROUGHPUT_CALLS} calls each): one worker ${rate(one).toFixed(1)} calls/s, two workers ${rate(two).toFixed(1)} calls/s (×${(rate(two) / rate(one)).toFixed(2)}; two shared cores run main, workers, task runners, Postgres, Redis and DynamoDB Local); split ${fmt(two.split)}`);
	for (const x of [one, two]) {
		expect(x.failed).toEqual([]);
		expect(x.missing).toEqual([]);
		expect(x.doubled).toEqual([]);
	}
	expect(Object.keys(one.split)).toEqual(['worker-1']);
	expect(two.split['worker-2']).toBeGreaterThan(0);
	const rounds = [twoWorkers, killed, one, two].filter(Boolean);
	const calls = rounds.reduce((n, x) => n + x.calls.length, 0);
	const ok = rounds.reduce((n, x) => n + x.ok.length, 0);
	const doubled = rounds.reduce((n, x) => n + x.doubled.length, 0);
	const missing = rounds.reduce((n, x) => n + x.missing.length, 0);
	say(
		`summary: ${calls} webhook calls, ${ok} answered 200, ${ok - missing} of them stored exactly once, doubled ${doubled}, failed ${calls - ok} (the killed worker's), ` +
			`round 1 split ${fmt(twoWorkers.split)} in ${twoWorkers.seconds.toFixed(1)} s, one vs two workers ${rate(one).toFixed(1)} vs ${rate(two).toFixed(1)} calls/s, ` +
			`bulk ${BULK_ITEMS} items on a worker in ${bulkSeconds.toFixed(1)} s`,
	);
}, 600000);
