/**
 * Update From Input and Key From Input in a real n8n 2.40.7 with the packed package: the Form example
 * (examples/form-update-from-input.json, imported and published by scripts/e2e.js) updating a ticket
 * from a submission; Key From Input in Bulk Mode over 1,000 items behind a webhook; and the example's
 * node in the editor with its output (the screenshot docs/updates-from-input.md shows, rewritten with
 * E2E_UPDATE_SCREENSHOT=1). Effects are checked in DynamoDB Local with the raw SDK.
 */
import { BatchWriteItemCommand, CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { n8nLogTail, postJson, rawClient, state } from './helpers';

const client = rawClient();
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The tickets the Form example updates: their other attributes must stay. */
const TICKETS = [
	{ id: 't-1', title: 'Printer on fire', priority: 2, status: 'open', note: 'reported by Grace' },
	{ id: 't-2', title: 'Coffee machine descaling', priority: 3, status: 'open' },
	{ id: 't-3', title: 'Screenshot ticket', priority: 1, status: 'open' },
];

/** The Bulk Mode table: partition key pk (string) and sort key n (number), 900 records. */
const BULK_RECORDS = Array.from({ length: 900 }, (_, n) => ({ pk: `k-${n}`, n, label: `record ${n}` }));

async function createTable(TableName: string, keys: Array<[string, 'S' | 'N']>) {
	await client.send(
		new CreateTableCommand({
			TableName,
			AttributeDefinitions: keys.map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
			KeySchema: keys.map(([AttributeName], i) => ({ AttributeName, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
			BillingMode: 'PAY_PER_REQUEST',
		}),
	);
}

beforeAll(async () => {
	await createTable('tickets', [['id', 'S']]);
	for (const ticket of TICKETS) await client.send(new PutItemCommand({ TableName: 'tickets', Item: marshall(ticket) }));
	await createTable('bulk_keys', [
		['pk', 'S'],
		['n', 'N'],
	]);
	for (let i = 0; i < BULK_RECORDS.length; i += 25) {
		await client.send(new BatchWriteItemCommand({ RequestItems: { bulk_keys: BULK_RECORDS.slice(i, i + 25).map((r) => ({ PutRequest: { Item: marshall(r) } })) } }));
	}
});
afterAll(() => client.destroy());

const ticket = async (id: string) => {
	const { Item } = await client.send(new GetItemCommand({ TableName: 'tickets', Key: { id: { S: id } }, ConsistentRead: true }));
	return Item && unmarshall(Item);
};

/** Waits until `check` gives a value (the Form Trigger answers before its workflow has run). */
async function until<T>(what: string, check: () => Promise<T | undefined>, tries = 120): Promise<T> {
	for (let i = 0; i < tries; i++) {
		const value = await check();
		if (value !== undefined) return value;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`${what}: not seen after ${tries / 4} s\n--- n8n log ---\n${n8nLogTail()}`);
}

async function submitForm(id: string, status: string, note: string) {
	const form = new FormData();
	form.append('field-0', id);
	form.append('field-1', status);
	form.append('field-2', note);
	const response = await fetch(`${state().n8nUrl}/form/dynamodb-ticket-status`, { method: 'POST', body: form });
	const text = await response.text();
	if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}\n${n8nLogTail()}`);
}

/** n8n's REST API as the editor calls it, with the owner's session. */
async function rest(method: string, route: string, body?: unknown): Promise<any> {
	const response = await fetch(`${state().n8nUrl}/rest${route}`, {
		method,
		headers: { cookie: state().owner.cookie, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /rest${route}: HTTP ${response.status} ${text}`);
	return JSON.parse(text).data;
}

const credentials = { dynamoDbApi: { id: 'e2eDynamoDbLocal', name: 'DynamoDB Local (e2e)' } };

describe('Form → Update From Input (examples/form-update-from-input.json)', () => {
	it('sets the submitted fields on the ticket and keeps its other attributes; an unknown id writes nothing and fails that execution', async () => {
		const page = await fetch(`${state().n8nUrl}/form/dynamodb-ticket-status`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Ticket status');

		await submitForm('t-1', 'done', 'Replaced the toner, "again"\nand the drum');
		const updated = await until('ticket t-1 updated', async () => {
			const row = await ticket('t-1');
			return row?.status === 'done' ? row : undefined;
		});
		// The form's fields set, the ticket's other attributes kept, the Form Trigger's own fields (Exclude Fields) not stored.
		expect(updated).toEqual({ id: 't-1', title: 'Printer on fire', priority: 2, status: 'done', note: 'Replaced the toner, "again"\r\nand the drum' });

		const workflowId = state().workflows['form-update-from-input'].id;
		const executions = async () => ((await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)).results ?? []) as Array<{ id: string; status: string }>;
		const before = (await executions()).length;
		await submitForm('t-404', 'done', 'no such ticket');
		const failed = await until('the execution of the unknown id', async () => {
			const list = await executions();
			return list.length > before && list.some((e) => e.status === 'error') ? list.find((e) => e.status === 'error') : undefined;
		});
		// The run data as n8n keeps it (flatted JSON): the node's error names the key and the table.
		const detail = (await rest('GET', `/executions/${failed.id}`)).data as string;
		const message = JSON.parse(detail).find((v: unknown) => typeof v === 'string' && v.startsWith('No record has the key'));
		expect(message).toBe('No record has the key {"id":"t-404"} in table "tickets": Create If Missing is off, so nothing was written');
		expect(await ticket('t-404')).toBeUndefined();
		expect(await ticket('t-2')).toEqual({ id: 't-2', title: 'Coffee machine descaling', priority: 3, status: 'open' });
	});
});

describe('Key From Input in Bulk Mode over 1,000 items', () => {
	it('returns one output item per input item, in input order, from BatchGetItem calls', async () => {
		const path = `dynamodb-bulk-keys-${randomUUID().slice(0, 8)}`;
		const workflow = {
			name: 'e2e: Key From Input in Bulk Mode',
			nodes: [
				{ id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} } },
				{ id: randomUUID(), name: 'One item per key', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [220, 0], parameters: { fieldToSplitOut: 'body.keys', options: {} } },
				{
					id: randomUUID(),
					name: 'Get records',
					type: 'n8n-nodes-dynamodb.dynamoDb',
					typeVersion: 2,
					position: [440, 0],
					parameters: { operation: 'GetItem', table: { __rl: true, mode: 'name', value: 'bulk_keys' }, options: { keyFromInput: true, bulkMode: true, notFound: 'empty' } },
					credentials,
				},
				{ id: randomUUID(), name: 'Respond', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.5, position: [660, 0], parameters: { respondWith: 'allIncomingItems', options: {} } },
			],
			connections: {
				Webhook: { main: [[{ node: 'One item per key', type: 'main', index: 0 }]] },
				'One item per key': { main: [[{ node: 'Get records', type: 'main', index: 0 }]] },
				'Get records': { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
			active: false,
		};
		const { id, versionId } = await rest('POST', '/workflows', workflow);
		await rest('POST', `/workflows/${id}/activate`, { versionId });

		// 1,000 input items: 900 distinct keys, 90 asked twice (shared reads), 10 that no record has (an empty item each), other fields ignored.
		const keys = Array.from({ length: 1000 }, (_, i) => (i < 990 ? { pk: `k-${i % 900}`, n: i % 900, from: 'the webhook' } : { pk: `missing-${i}`, n: i }));
		// n8n registers a published workflow's webhook a moment after the publish call answers.
		let response = await postJson(`/webhook/${path}`, { keys });
		for (let i = 0; i < 40 && response.status === 404; i++) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			response = await postJson(`/webhook/${path}`, { keys });
		}
		if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.text.slice(0, 500)}\n${n8nLogTail()}`);
		expect(response.json).toHaveLength(1000);
		expect(response.json).toEqual(keys.map((k, i) => (i < 990 ? BULK_RECORDS[k.n] : {})));
	});
});

describe("the example's Update ticket node in the editor", () => {
	it('shows the form fields in and the ticket as stored out (the screenshot of docs/updates-from-input.md)', async () => {
		if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
		const { n8nUrl, root, runDir } = state();
		// The example as a user has it after one submission: the Form Trigger's output pinned, the Update ticket node as saved.
		const example = JSON.parse(fs.readFileSync(path.join(root, 'examples', 'form-update-from-input.json'), 'utf8'));
		for (const node of example.nodes) {
			node.id = randomUUID();
			if (node.credentials) node.credentials = credentials;
			if (node.webhookId) {
				node.webhookId = randomUUID();
				node.parameters.options.path = `dynamodb-ticket-status-${node.webhookId.slice(0, 8)}`;
			}
		}
		const submission = { id: 't-3', status: 'in progress', note: 'Waiting for the new cable', submittedAt: '2026-12-07T10:30:00.000+00:00', formMode: 'production' };
		const { id } = await rest('POST', '/workflows', { ...example, name: 'e2e: Form → Update From Input (editor)', pinData: { 'On form submission': [{ json: submission }] }, active: false });

		const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], headless: true });
		try {
			const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });
			const [name, value] = state().owner.cookie.split('=');
			await context.addCookies([{ name, value, url: n8nUrl }]);
			const page = await context.newPage();
			await page.goto(`${n8nUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
			await page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Update ticket' }).first().dblclick({ timeout: 60000 });
			const panel = page.locator('[data-test-id="ndv"]');
			await panel.waitFor({ state: 'visible', timeout: 60000 });
			// What a newcomer sees: the table under Operation, the notice that no body is needed, the option on.
			await panel.getByText('No body needed with Options › Update From Input on.').first().waitFor({ timeout: 30000 });
			await panel.locator('[data-test-id="node-execute-button"]').first().click();
			const output = panel.locator('[data-test-id="output-panel"]');
			await output.getByText('1 item').first().waitFor({ timeout: 60000 });
			await output.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('JSON', { exact: true }).first().click();
			await output.getByText('Waiting for the new cable').first().waitFor({ timeout: 30000 });
			const shown = await output.innerText();
			// The record as stored: the submitted fields and the ticket's own title and priority.
			for (const text of ['Attributes', 'Screenshot ticket', 'in progress', 'Waiting for the new cable', 'priority']) expect(shown).toContain(text);
			expect(shown).not.toContain('submittedAt');
			await page.mouse.move(0, 0);
			for (const toast of await page.locator('.el-notification__closeBtn:visible').all()) await toast.click();
			await page.waitForTimeout(1000);
			const shot = path.join(runDir, 'update-from-input.png');
			await page.screenshot({ path: shot });
			if (process.env.E2E_UPDATE_SCREENSHOT) fs.copyFileSync(shot, path.join(root, 'docs', 'update-from-input.png'));
		} finally {
			await browser.close();
		}
		expect(await ticket('t-3')).toEqual({ id: 't-3', title: 'Screenshot ticket', priority: 1, status: 'in progress', note: 'Waiting for the new cable' });
	});
});
