/**
 * The DynamoDB Instant Trigger in a real n8n (examples/instant-trigger-audit-log.json, published):
 * each change to `events` adds 1 to `deliveries` of its row in `events_audit` (keyed by eventId),
 * with the execution id, the item's index in it and the time the audit node ran. So a row says how
 * often its change arrived, and where. Checked: a steady stream (latency from each PutItem's answer
 * to its audit, printed), n8n stopped gracefully mid-stream and started again (nothing lost or
 * doubled), n8n SIGKILLed during an execution (nothing lost; its changes come again, counted), and a burst of 10,000
 * changes (all once, each item's changes in order; executions and the most in flight printed).
 */
import { BatchWriteItemCommand, PutItemCommand, ScanCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { n8nLogTail, rawClient, state } from './helpers';

const client = rawClient();
afterAll(() => client.destroy());

interface AuditRow {
	eventId: string;
	eventName: string;
	itemId: string;
	sequenceNumber: string;
	deliveries: number;
	executionId: string;
	itemIndex: number;
	handledAt: number;
}

/** The audit rows of the changes to items whose id starts with `prefix`. */
async function auditRows(prefix: string): Promise<AuditRow[]> {
	const rows: AuditRow[] = [];
	let start: Record<string, AttributeValue> | undefined;
	do {
		const page = await client.send(
			new ScanCommand({ TableName: 'events_audit', FilterExpression: 'begins_with(itemId, :p)', ExpressionAttributeValues: { ':p': { S: prefix } }, ExclusiveStartKey: start, ConsistentRead: true }),
		);
		rows.push(...(page.Items ?? []).map((i) => unmarshall(i) as AuditRow));
		start = page.LastEvaluatedKey;
	} while (start);
	return rows;
}

/** Waits until `count` changes of `prefix` have rows (and their deliveries have settled for a few seconds). */
async function waitForRows(prefix: string, count: number, timeoutMs: number): Promise<AuditRow[]> {
	const deadline = Date.now() + timeoutMs;
	let rows = await auditRows(prefix);
	while (rows.length < count && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 1000));
		rows = await auditRows(prefix);
	}
	if (rows.length < count) throw new Error(`only ${rows.length} of ${count} changes of ${prefix} arrived in ${timeoutMs / 1000} s\n--- n8n log ---\n${n8nLogTail()}`);
	// A late second delivery would still show: look again after three more reads of the trigger.
	await new Promise((r) => setTimeout(r, 3000));
	return await auditRows(prefix);
}

async function control(action: 'stop' | 'start' | 'kill') {
	const response = await fetch(`${state().control}/${action}`, { method: 'POST' });
	if (!response.ok) throw new Error(`n8n ${action}: ${await response.text()}`);
}

/** Puts `count` new items of `prefix` at `perSecond`, each at its own time; resolves to each id's PutItem answer time. */
async function writeSteadily(prefix: string, count: number, perSecond: number): Promise<Map<string, number>> {
	const answered = new Map<string, number>();
	const t0 = Date.now();
	await Promise.all(
		Array.from({ length: count }, async (_, i) => {
			await new Promise((r) => setTimeout(r, t0 + (i * 1000) / perSecond - Date.now()));
			const id = `${prefix}${String(i).padStart(5, '0')}`;
			await client.send(new PutItemCommand({ TableName: 'events', Item: { id: { S: id }, v: { N: '1' } } }));
			answered.set(id, Date.now());
		}),
	);
	return answered;
}

/** Puts every id (attribute v) with eight BatchWriteItem writers at once, as fast as DynamoDB Local takes them. */
async function writeAtOnce(ids: string[], v: number) {
	const requests: WriteRequest[][] = [];
	for (let i = 0; i < ids.length; i += 25) requests.push(ids.slice(i, i + 25).map((id) => ({ PutRequest: { Item: { id: { S: id }, v: { N: String(v) } } } })));
	await Promise.all(
		Array.from({ length: 8 }, async () => {
			for (let batch = requests.shift(); batch; batch = requests.shift()) {
				let items: Record<string, WriteRequest[]> | undefined = { events: batch };
				while (items && Object.keys(items).length) items = (await client.send(new BatchWriteItemCommand({ RequestItems: items }))).UnprocessedItems;
			}
		}),
	);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Each change once: one row per item (one INSERT each), delivered once. */
function expectEachOnce(rows: AuditRow[], count: number) {
	expect(rows).toHaveLength(count);
	expect(new Set(rows.map((r) => r.itemId)).size).toBe(count);
	expect(rows.filter((r) => r.deliveries !== 1).map((r) => `${r.itemId}: ${r.deliveries}`)).toEqual([]);
}

describe('DynamoDB Instant Trigger → Update Item ADD per eventId (examples/instant-trigger-audit-log.json)', () => {
	it('500 changes at 50 a second: each delivered once; latency from the PutItem answer to the audit printed', async () => {
		const prefix = `st-${Date.now().toString(36)}-`;
		const answered = await writeSteadily(prefix, 500, 50);
		const rows = await waitForRows(prefix, 500, 60_000);
		expectEachOnce(rows, 500);
		const latencies = rows.map((r) => r.handledAt - answered.get(r.itemId)!).sort((a, b) => a - b);
		const executions = new Set(rows.map((r) => r.executionId)).size;
		console.log(
			`instant trigger in n8n 2.40.7, 500 changes at 50/s: latency from PutItem answer to the audit node p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms; ${executions} executions`,
		);
	});

	it('n8n stopped gracefully in the middle of a stream of writes and started again: nothing lost, nothing doubled', async () => {
		const prefix = `gr-${Date.now().toString(36)}-`;
		const writing = writeSteadily(prefix, 150, 25);
		await new Promise((r) => setTimeout(r, 2000));
		await control('stop');
		await writing;
		await control('start');
		expectEachOnce(await waitForRows(prefix, 150, 90_000), 150);
	}, 240_000);

	it('n8n SIGKILLed while an execution runs: nothing lost; what it had handled comes again as the same change (same eventId), counted', async () => {
		const prefix = `kl-${Date.now().toString(36)}-`;
		// 2,000 changes at once: the first execution (1,000 of them) runs for seconds, one audit row after the other.
		await writeAtOnce(Array.from({ length: 2000 }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`), 1);
		const deadline = Date.now() + 60_000;
		let seen = 0;
		while (seen === 0 && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 100));
			seen = (await auditRows(prefix)).length;
		}
		await control('kill');
		expect(seen).toBeGreaterThan(0);
		expect(seen).toBeLessThan(1000); // killed in the middle of the first execution
		await control('start');
		const rows = await waitForRows(prefix, 2000, 120_000);
		// One row per item: a second delivery of a change lands on its own row (same eventId), never on a new one.
		expect(rows).toHaveLength(2000);
		expect(new Set(rows.map((r) => r.itemId)).size).toBe(2000);
		expect(rows.every((r) => r.deliveries >= 1)).toBe(true);
		const twice = rows.filter((r) => r.deliveries > 1);
		// The execution n8n lost with the kill had handled `seen` or more changes: they came again.
		expect(twice.length).toBeGreaterThanOrEqual(seen);
		expect(Math.max(...rows.map((r) => r.deliveries))).toBe(2);
		console.log(`instant trigger, n8n SIGKILLed during an execution: 2,000 changes, none lost; ${twice.length} delivered twice (the killed execution's, same eventId), none more`);
	}, 300_000);

	it('a burst of 10,000 changes (5,000 items written twice): each once, each item in order; executions and the most in flight printed', async () => {
		const prefix = `bu-${Date.now().toString(36)}-`;
		const ids = Array.from({ length: 5000 }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);
		for (const v of [1, 2]) await writeAtOnce(ids, v);
		const rows = await waitForRows(prefix, 10_000, 180_000);
		expect(rows).toHaveLength(10_000);
		expect(rows.filter((r) => r.deliveries !== 1)).toEqual([]);
		// Each item: its INSERT handled before its MODIFY (by execution, then by place in the execution).
		const byItem = new Map<string, AuditRow[]>();
		for (const row of rows) byItem.set(row.itemId, [...(byItem.get(row.itemId) ?? []), row]);
		const order = (r: AuditRow) => [Number(r.executionId), r.itemIndex];
		const outOfOrder = [...byItem.values()].filter((pair) => {
			const insert = pair.find((r) => r.eventName === 'INSERT');
			const modify = pair.find((r) => r.eventName === 'MODIFY');
			if (!insert || !modify || pair.length !== 2) return true;
			const [a, b] = [order(insert), order(modify)];
			return !(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]));
		});
		expect(outOfOrder.map((p) => p.map((r) => `${r.itemId}:${r.eventName}@${r.executionId}/${r.itemIndex}`))).toEqual([]);
		// Executions: at most Max Records per Execution (1,000) changes each; the most running at once, from n8n's own list.
		const perExecution = new Map<string, number>();
		for (const row of rows) perExecution.set(row.executionId, (perExecution.get(row.executionId) ?? 0) + 1);
		expect(Math.max(...perExecution.values())).toBeLessThanOrEqual(1000);
		const spans = await executionSpans([...perExecution.keys()]);
		const inFlight = Math.max(...spans.map((s) => spans.filter((o) => o.start <= s.start && s.start < o.stop).length));
		expect(inFlight).toBe(1);
		console.log(`instant trigger, burst of 10,000 changes: ${perExecution.size} executions (largest ${Math.max(...perExecution.values())} changes), at most ${inFlight} in flight; all once, each item in order`);
	}, 300_000);
});

/** When each execution ran, from n8n's REST API. */
async function executionSpans(ids: string[]): Promise<Array<{ start: number; stop: number }>> {
	const { n8nUrl, owner } = state();
	const spans: Array<{ start: number; stop: number }> = [];
	for (const id of ids) {
		const response = await fetch(`${n8nUrl}/rest/executions/${id}`, { headers: { cookie: owner.cookie } });
		if (!response.ok) throw new Error(`execution ${id}: HTTP ${response.status}`);
		const { data } = (await response.json()) as { data: { startedAt: string; stoppedAt: string } };
		spans.push({ start: Date.parse(data.startedAt), stop: Date.parse(data.stoppedAt) });
	}
	return spans;
}
