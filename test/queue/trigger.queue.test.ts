/**
 * The DynamoDB Trigger in n8n's queue mode, on each of n8n's engines for poll triggers: its default
 * poller, and the durable scheduler with durable poll cursors (the four flags, set on the main: they
 * run on mains only). The trigger polls on the main; each poll that finds changes starts an execution
 * on the worker, which counts each change in a table by `<event>:<id>` (doubles show as runs > 1).
 * Changes written before activation come with the activation poll; changes written after it come
 * with the scheduled polls (Poll Times: every minute), in both cases each exactly once.
 */
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import path from 'node:path';
import { client, createTable, n8nLib, runDir, scanById, stackLib, tarball, writeWorkflows, type Stack } from './helpers';

const engines: Array<[string, Record<string, string>]> = [
	["n8n's default poller", {}],
	['the durable scheduler with durable poll cursors', n8nLib.DURABLE_SCHEDULER],
];

interface Change {
	id: string;
	write(db: DynamoDBClient): Promise<unknown>;
}
const put = (id: string, n: number): Change => ({ id: `INSERT:${id}`, write: (d) => d.send(new PutItemCommand({ TableName: 'queue_stream', Item: { id: { S: id }, n: { N: String(n) } } })) });
const update = (id: string): Change => ({
	id: `MODIFY:${id}`,
	write: (d) => d.send(new UpdateItemCommand({ TableName: 'queue_stream', Key: { id: { S: id } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '100' } } })),
});
const remove = (id: string): Change => ({ id: `REMOVE:${id}`, write: (d) => d.send(new DeleteItemCommand({ TableName: 'queue_stream', Key: { id: { S: id } } })) });

/** Before activation: 20 puts, then 5 of those items updated and 5 deleted (30 changes). */
const BEFORE = [...Array.from({ length: 20 }, (_, i) => put(`t-${i}`, i)), ...Array.from({ length: 5 }, (_, i) => update(`t-${i}`)), ...Array.from({ length: 5 }, (_, i) => remove(`t-${15 + i}`))];
/** After the activation poll's changes arrived: 10 puts, 2 updates, 2 deletes (14 changes). */
const AFTER = [...Array.from({ length: 10 }, (_, i) => put(`u-${i}`, i)), update('u-0'), update('t-5'), remove('u-1'), remove('t-6')];

function triggerWorkflow(stack: Stack) {
	const node = (type: string, name: string, x: number, parameters: Record<string, unknown>) => ({
		parameters,
		id: `q-${name.replace(/\W/g, '-')}`,
		name,
		type,
		typeVersion: 1,
		position: [x, 0],
		credentials: { dynamoDbApi: stack.credential },
	});
	return {
		id: 'queueTrigger0001',
		name: 'queue: DynamoDB Trigger → count each change',
		nodes: [
			node('n8n-nodes-dynamodb.dynamoDbTrigger', 'Changes', 0, {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				table: { __rl: true, mode: 'name', value: 'queue_stream' },
				events: ['INSERT', 'MODIFY', 'REMOVE'],
				startFrom: 'oldest',
				simplify: true,
				options: {},
			}),
			node('n8n-nodes-dynamodb.dynamoDb', 'Count change', 220, {
				operation: 'UpdateItem',
				body:
					'={\n  "TableName": "queue_trigger_runs",\n  "Key": { "id": "{{ $json.eventName }}:{{ $json.keys.id }}" },\n' +
					'  "UpdateExpression": "ADD runs :one, workers :me SET eventId = :e",\n' +
					'  "ExpressionAttributeValues": { ":one": { "N": "1" }, ":me": { "SS": ["{{ $env.QUEUE_PROCESS_NAME }}"] }, ":e": { "S": "{{ $json.eventId }}" } }\n}',
				options: {},
			}),
		],
		connections: { Changes: { main: [[{ node: 'Count change', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The counted changes once `count` have arrived, or what had arrived when n8n's polls should have brought them. */
async function counted(db: DynamoDBClient, count: number, pollsAllowed: number) {
	// A scheduled poll comes within a minute (n8n picks the second at activation); then its execution.
	const deadline = Date.now() + pollsAllowed * 60_000 + 30_000;
	let runs = await scanById(db, 'queue_trigger_runs');
	while (runs.size < count && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 2000));
		runs = await scanById(db, 'queue_trigger_runs');
	}
	return runs;
}

describe.each(engines)('the DynamoDB Trigger in queue mode, on %s', (engine, flags) => {
	const name = `trigger-${Object.keys(flags).length ? 'durable' : 'default'}`;
	let stack: Stack;
	let db: DynamoDBClient;

	beforeAll(async () => {
		stack = await stackLib.startStack({
			runDir: runDir(name),
			tarball: tarball(),
			queue: true,
			workers: 1,
			// $env is blocked in n8n by default; here it only serves to record which process ran a node.
			env: { N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false', QUEUE_PROCESS_NAME: 'main' },
			mainEnv: flags,
			workerEnv: (worker: string) => ({ QUEUE_PROCESS_NAME: worker }),
			log: (line: string) => process.stdout.write(`[queue ${name}] ${line}\n`),
		});
		db = client(stack.dynamoEndpoint);
		await createTable(db, 'queue_trigger_runs');
		await createTable(db, 'queue_stream', true);
		const dir = path.join(runDir(name), 'workflows');
		const workflow = triggerWorkflow(stack);
		writeWorkflows(dir, [workflow]);
		await stack.cli(['import:workflow', '--separate', `--input=${dir}`]);
		const { cookie } = await n8nLib.setupOwner(stack.url);
		for (const change of BEFORE) await change.write(db);
		await n8nLib.publish(stack.url, cookie, workflow.id);
	}, 600_000);

	afterAll(async () => {
		db?.destroy();
		await stack?.stop();
	}, 120_000);

	test('the main polls, the worker runs the executions, every change is delivered exactly once', async () => {
		// Start From "Oldest Available" on a table made just now: the changes written before activation.
		const first = await counted(db, BEFORE.length, 1);
		for (const change of AFTER) await change.write(db);
		const all = await counted(db, BEFORE.length + AFTER.length, 2);
		const rows = [...all.values()];
		const split: Record<string, number> = {};
		for (const row of rows) for (const worker of row.workers ?? []) split[worker] = (split[worker] ?? 0) + 1;
		process.stdout.write(
			`[queue ${name}] ${engine}: ${BEFORE.length} changes before activation, ${first.size} delivered; ${AFTER.length} after, ` +
				`${all.size - first.size} delivered; doubled ${rows.filter((r) => r.runs !== 1).length}; executions on ${JSON.stringify(split)}\n`,
		);
		expect([...first.keys()].sort()).toEqual(BEFORE.map((c) => c.id).sort());
		expect([...all.keys()].sort()).toEqual([...BEFORE, ...AFTER].map((c) => c.id).sort());
		expect(rows.filter((r) => r.runs !== 1)).toEqual([]);
		expect(new Set(rows.map((r) => r.eventId)).size).toBe(rows.length);
		expect(Object.keys(split)).toEqual(['worker-1']);
	}, 600_000);
});
