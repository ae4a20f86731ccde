/**
 * The DynamoDB Trigger in a real n8n (examples/trigger-audit-log.json, published): changes to
 * `users` become rows of `users_audit`; n8n stopped, more changes made, n8n started again: the
 * first poll delivers exactly the changes made while it was down, and none is delivered twice (the
 * audit Put Item's attribute_not_exists(eventId) would fail an execution for a second delivery).
 */
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { n8nLogTail, rawClient, scanPlain, state } from './helpers';

const client = rawClient();
afterAll(() => client.destroy());

const PREFIX = 'trg-e2e-';
const auditRows = async () => (await scanPlain(client, 'users_audit')).filter((r) => String(r.userId).startsWith(PREFIX));

async function waitForRows(count: number, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = await auditRows();
		if (rows.length >= count || Date.now() > deadline) return rows;
		await new Promise((r) => setTimeout(r, 2000));
	}
}

async function control(action: 'stop' | 'start') {
	const response = await fetch(`${state().control}/${action}`, { method: 'POST' });
	if (!response.ok) throw new Error(`n8n ${action}: ${await response.text()}`);
}

/** The audit workflow's executions as n8n lists them (status of each). */
async function executions(): Promise<Array<{ id: string; status: string }>> {
	const { workflows, n8nUrl, owner } = state();
	const filter = encodeURIComponent(JSON.stringify({ workflowId: workflows['trigger-audit-log'].id }));
	const response = await fetch(`${n8nUrl}/rest/executions?filter=${filter}&limit=100`, { headers: { cookie: owner.cookie } });
	if (!response.ok) throw new Error(`executions: HTTP ${response.status} ${await response.text()}`);
	return ((await response.json()) as { data: { results: Array<{ id: string; status: string }> } }).data.results;
}

const summary = (rows: Record<string, unknown>[]) => rows.map((r) => `${String(r.eventName)}:${String(r.userId)}`).sort();

describe('DynamoDB Trigger → Put Item audit log (examples/trigger-audit-log.json)', () => {
	it('changes arrive as audit rows; after n8n was down, exactly the changes made meanwhile arrive, once', async () => {
		const key = (id: string) => ({ id: { S: `${PREFIX}${id}` } });
		await client.send(new PutItemCommand({ TableName: 'users', Item: { ...key('1'), name: { S: 'Ada' }, visits: { N: '1' } } }));
		await client.send(new UpdateItemCommand({ TableName: 'users', Key: key('1'), UpdateExpression: 'SET visits = :v', ExpressionAttributeValues: { ':v': { N: '2' } } }));
		await client.send(new PutItemCommand({ TableName: 'users', Item: { ...key('2'), name: { S: 'Grace' } } }));
		// Poll Times: every minute, at a second n8n picks at activation.
		const first = await waitForRows(3, 150_000);
		if (first.length < 3) throw new Error(`only ${first.length} audit rows after 150 s\n--- n8n log ---\n${n8nLogTail()}`);
		expect(summary(first)).toEqual([`INSERT:${PREFIX}1`, `INSERT:${PREFIX}2`, `MODIFY:${PREFIX}1`]);
		const modify = first.find((r) => r.eventName === 'MODIFY')!;
		expect(modify.before).toEqual({ id: `${PREFIX}1`, name: 'Ada', visits: 1 });
		expect(modify.after).toEqual({ id: `${PREFIX}1`, name: 'Ada', visits: 2 });

		await control('stop');
		await client.send(new PutItemCommand({ TableName: 'users', Item: { ...key('3'), name: { S: 'Katherine' } } }));
		await client.send(new DeleteItemCommand({ TableName: 'users', Key: key('2') }));
		await control('start');
		// The activation poll after the start delivers what changed while n8n was down.
		const all = await waitForRows(5, 120_000);
		expect(summary(all)).toEqual([`INSERT:${PREFIX}1`, `INSERT:${PREFIX}2`, `INSERT:${PREFIX}3`, `MODIFY:${PREFIX}1`, `REMOVE:${PREFIX}2`]);
		expect(new Set(all.map((r) => r.eventId)).size).toBe(5);
		expect(all.find((r) => r.eventName === 'REMOVE')!.before).toEqual({ id: `${PREFIX}2`, name: 'Grace' });

		// Nothing delivered twice: a second delivery would have failed an execution at the audit row's condition.
		let list = await executions();
		for (let i = 0; i < 20 && list.some((e) => !['success', 'error', 'crashed', 'canceled'].includes(e.status)); i++) {
			await new Promise((r) => setTimeout(r, 1000));
			list = await executions();
		}
		expect(list.length).toBeGreaterThanOrEqual(2);
		expect(list.filter((e) => e.status !== 'success')).toEqual([]);
	}, 360_000);
});
