/**
 * The DynamoDB Trigger on each of n8n's engines for poll triggers, in the real n8n: its default one,
 * and its durable scheduler with durable poll cursors (the four flags), under which n8n keeps the
 * node's position in its poller_state table and commits nothing after an empty activation poll.
 *
 * Per engine, a new workflow (Start From: now) whose DynamoDB requests go through a proxy:
 * 1. The window: once the activation poll has read the stream to its end, the proxy holds every
 *    further request while changes are written, then lets them go. So the first scheduled poll
 *    always reads after those changes, whenever n8n ticks: each must arrive exactly once.
 * 2. n8n stopped, changes written, n8n started on the same engine: exactly those arrive, once.
 * The audit step adds 1 to `deliveries` per change's eventId: a change delivered twice shows as 2.
 */
import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startProxy, type Proxy } from '../helpers/proxy';
import { n8nLogTail, rawClient, scanPlain, state } from './helpers';

const client = rawClient();
const CHANGES = 40;
const ENGINES = ['default', 'durable'] as const;
type Engine = (typeof ENGINES)[number];

async function control(action: 'stop' | 'start', engine: Engine = 'default') {
	const response = await fetch(`${state().control}/${action}${engine === 'durable' ? '?engine=durable' : ''}`, { method: 'POST' });
	if (!response.ok) throw new Error(`n8n ${action}: ${await response.text()}`);
}

async function rest(method: string, path: string, body?: unknown): Promise<any> {
	const { n8nUrl, owner } = state();
	const response = await fetch(`${n8nUrl}/rest${path}`, { method, headers: { cookie: owner.cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
	return (JSON.parse(text) as { data: unknown }).data;
}

async function createTables(engine: Engine): Promise<{ table: string; audit: string }> {
	const suffix = `${engine}_${Date.now().toString(36)}`;
	const table = `engine_window_${suffix}`;
	const audit = `engine_window_audit_${suffix}`;
	await client.send(
		new CreateTableCommand({
			TableName: table,
			AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
			KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
			BillingMode: 'PAY_PER_REQUEST',
			StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
		}),
	);
	await client.send(
		new CreateTableCommand({
			TableName: audit,
			AttributeDefinitions: [{ AttributeName: 'eventId', AttributeType: 'S' }],
			KeySchema: [{ AttributeName: 'eventId', KeyType: 'HASH' }],
			BillingMode: 'PAY_PER_REQUEST',
		}),
	);
	return { table, audit };
}

/** Trigger (Start From now, every minute) → an UpdateItem adding 1 to the change's audit row. */
function auditWorkflow(engine: Engine, table: string, audit: string, credential: { id: string; name: string }) {
	const credentials = { dynamoDbApi: credential };
	return {
		name: `Trigger on the ${engine} engine: ${table}`,
		nodes: [
			{
				id: `window-trigger-${engine}`,
				name: 'Changes',
				type: 'n8n-nodes-dynamodb.dynamoDbTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, table: { __rl: true, mode: 'name', value: table }, startFrom: 'now', options: {} },
				credentials,
			},
			{
				id: `window-audit-${engine}`,
				name: 'Count delivery',
				type: 'n8n-nodes-dynamodb.dynamoDb',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					operation: 'UpdateItem',
					body: `={\n  "TableName": "${audit}",\n  "Key": { "eventId": "{{ $json.eventId }}" },\n  "UpdateExpression": "ADD deliveries :one SET itemId = :id",\n  "ExpressionAttributeValues": { ":one": 1, ":id": "{{ $json.keys.id }}" }\n}`,
					options: {},
				},
				credentials,
			},
		],
		connections: { Changes: { main: [[{ node: 'Count delivery', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * A proxy in front of DynamoDB Local that tells when a GetRecords came back empty (a shard read to its
 * end) and, once `hold()` is called, holds every request until `release()`.
 */
async function holdingProxy() {
	let caughtUp!: () => void;
	const readToEnd = new Promise<void>((resolve) => (caughtUp = resolve));
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	let holding = false;
	let held = 0;
	const proxy: Proxy = await startProxy({
		target: state().dynamoEndpoint,
		hook: ({ target }) => {
			if (holding) held++;
			const plan = holding ? { holdUntil: released } : {};
			if (!target.endsWith('.GetRecords')) return plan;
			return {
				...plan,
				rewrite: (upstream) => {
					const json = JSON.parse(upstream.body.toString('utf8') || '{}') as { Records?: unknown[] };
					if (upstream.status === 200 && !json.Records?.length) caughtUp();
					return { status: upstream.status, json };
				},
			};
		},
	});
	return { proxy, readToEnd, hold: () => (holding = true), release, held: () => held };
}

/** Until a scheduled poll has come after the last delivery and every execution it started has finished. */
async function settle(proxy: Proxy, workflowId: string) {
	const reads = () => proxy.requests.filter((r) => r.target.endsWith('.GetRecords')).length;
	const before = reads();
	for (let i = 0; i < 150 && reads() === before; i++) await new Promise((r) => setTimeout(r, 1000));
	expect(reads()).toBeGreaterThan(before);
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	for (let i = 0; i < 60; i++) {
		const { results } = (await rest('GET', `/executions?filter=${filter}&limit=200`)) as { results: Array<{ status: string }> };
		if (results.every((e) => ['success', 'error', 'crashed', 'canceled'].includes(e.status))) return results;
		await new Promise((r) => setTimeout(r, 1000));
	}
	throw new Error('executions still running after 60 s');
}

async function auditRows(audit: string) {
	return (await scanPlain(client, audit)) as Array<{ eventId: string; itemId: string; deliveries: number }>;
}

async function waitForAudit(audit: string, count: number, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = await auditRows(audit);
		if (rows.length >= count) return rows;
		if (Date.now() > deadline) throw new Error(`${rows.length} of ${count} changes delivered within ${timeoutMs} ms\n--- n8n log ---\n${n8nLogTail()}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
}

const put = (table: string, id: string) => client.send(new PutItemCommand({ TableName: table, Item: { id: { S: id } } }));

describe.each(ENGINES)("DynamoDB Trigger on n8n's %s engine, in the real n8n", (engine) => {
	let proxy: Proxy | undefined;
	let workflowId: string | undefined;
	beforeAll(async () => {
		if (engine === 'durable') {
			await control('stop');
			await control('start', 'durable');
		}
	}, 240_000);
	afterAll(async () => {
		if (workflowId) await rest('POST', `/workflows/${workflowId}/deactivate`, {}).catch(() => undefined);
		await proxy?.close();
		if (engine === 'durable') {
			await control('stop');
			await control('start');
		}
	}, 240_000);

	it('Start From now: every change written between the activation and the first scheduled poll arrives once; after a restart, exactly the changes made while n8n was down arrive, once', async () => {
		const { table, audit } = await createTables(engine);
		await put(table, 'history'); // before the activation: never delivered
		const held = await holdingProxy();
		proxy = held.proxy;
		const { dynamoEndpoint } = state();
		const credential = await rest('POST', '/credentials', {
			name: `DynamoDB through a holding proxy (${engine})`,
			type: 'dynamoDbApi',
			data: { region: 'us-east-1', accessKeyId: 'AKIAE2ELOCAL00000001', secretAccessKey: 'e2e/secret/for/dynamodb/local', endpoint: held.proxy.endpoint },
		});
		expect(dynamoEndpoint).not.toBe(held.proxy.endpoint);
		const created = await rest('POST', '/workflows', auditWorkflow(engine, table, audit, { id: credential.id, name: credential.name }));
		workflowId = created.id as string;
		await rest('POST', `/workflows/${workflowId}/activate`, { versionId: created.versionId });

		// The activation poll has read the shard to its end: from now on every request waits for the writes.
		await held.readToEnd;
		held.hold();
		const written = Array.from({ length: CHANGES }, (_, i) => `${engine}-window-${i}`);
		for (const id of written) await put(table, id);
		held.release();
		const window = await waitForAudit(audit, CHANGES, 150_000);
		expect(held.held()).toBeGreaterThan(0); // a scheduled poll came while the changes were written, and read after them
		expect(window.map((r) => r.itemId).sort()).toEqual([...written].sort());
		expect(window.filter((r) => r.deliveries !== 1)).toEqual([]);

		await control('stop');
		const whileDown = [`${engine}-down-1`, `${engine}-down-2`];
		for (const id of whileDown) await put(table, id);
		await control('start', engine);
		await waitForAudit(audit, CHANGES + whileDown.length, 150_000);
		// A second delivery would come at the latest with the next poll: let one come and its executions finish.
		const executions = await settle(held.proxy, workflowId);
		expect(executions.filter((e) => e.status !== 'success')).toEqual([]);
		const all = await auditRows(audit);
		expect(all.map((r) => r.itemId).sort()).toEqual([...written, ...whileDown].sort());
		expect(all.filter((r) => r.deliveries !== 1)).toEqual([]);
	}, 480_000);
});

afterAll(() => client.destroy());
