/**
 * The node in n8n's editor, in headless Chromium, walked the way a newcomer walks it: the "Put user"
 * node of the webhook example opened without console errors; the first workflow on version 2 (Put an
 * item from the nodes panel, the Table right under Operation, Execute step, then Get an item showing
 * the record); a version 1 node as saved workflows have it (prefilled body in Expression mode, the
 * hints under it, the Operation list found by AWS name, Options › Table and Index Name, "None" valid at
 * once); the nodes panel's actions in everyday order and a dropped node named by its action; an AWS
 * error as n8n shows it; a Query run from the editor, its records read in the output panel's Table
 * view. Screenshots in .e2e/ (with E2E_UPDATE_SCREENSHOT=1 the first workflow's Put an item becomes
 * docs/editor.png, its Get an item docs/first-workflow.png, the Query's Table view docs/query-table.png).
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { rawClient, state } from './helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * n8n's own look-ups of its web API (api.n8n.io: templates, banners, community node list, version
 * news) fail on a machine without internet, and the editor logs them. They say nothing about this
 * node: ignored, and only they — matched by the api.n8n.io / *.n8n.io address in the message or its source.
 */
const N8N_WEB_API = /^https?:\/\/([a-z0-9-]+\.)*n8n\.(io|cloud)(\/|$)/;
function isN8nWebApiLookup(text: string, url: string): boolean {
	return N8N_WEB_API.test(url) || /https?:\/\/([a-z0-9-]+\.)*n8n\.(io|cloud)\//.test(text) || /ENOTFOUND [a-z0-9.-]*n8n\.io/.test(text);
}

let browser: Browser;
beforeAll(async () => {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
	browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});
afterAll(async () => browser?.close());

describe('the DynamoDB node in the n8n editor', () => {
	it('opens with Operation and the request body, and the console stays free of errors (output schemas found too)', async () => {
		const { n8nUrl, workflows, runDir } = state();
		const workflow = workflows['webhook-put-item'];
		const node = workflow.nodes.find((n) => n.name === 'Put user')!;
		const after = workflow.nodes.find((n) => n.name === 'Respond to Webhook')!;

		const { page, close } = await signedIn();
		const errors: { text: string; url: string }[] = [];
		const ignored: { text: string; url: string }[] = [];
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			const entry = { text: message.text(), url: message.location().url ?? '' };
			(isN8nWebApiLookup(entry.text, entry.url) ? ignored : errors).push(entry);
		});
		page.on('pageerror', (error) => errors.push({ text: `page error: ${error.message}`, url: '' }));
		const schemas: string[] = [];
		page.on('response', (response) => {
			if (response.url().includes('/schemas/n8n-nodes-dynamodb.')) schemas.push(`${response.status()} ${new URL(response.url()).pathname}`);
		});

		// The editor's own route for a workflow with one node's panel open.
		await page.goto(`${n8nUrl}/workflow/${workflow.id}/${node.id}`, { waitUntil: 'domcontentloaded' });
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ state: 'visible', timeout: 60000 });
		await panel.getByText('Operation', { exact: true }).first().waitFor({ timeout: 30000 });
		await panel.getByText('Request Body (JSON)').first().waitFor({ timeout: 30000 });
		await page.waitForTimeout(1500); // icons and the code editor settle
		const operation = await panel.locator('[data-test-id="parameter-input-operation"] input').first().inputValue();
		const body = await panel.locator('[data-test-id="parameter-input-body"]').first().innerText();
		await page.screenshot({ path: path.join(runDir, 'editor-put-user.png') });

		// The node after ours: its input panel asks n8n for our output schema.
		await page.goto(`${n8nUrl}/workflow/${workflow.id}/${after.id}`, { waitUntil: 'domcontentloaded' });
		await panel.waitFor({ state: 'visible', timeout: 60000 });
		await page.waitForTimeout(2500);
		fs.writeFileSync(path.join(runDir, 'browser-console.json'), JSON.stringify({ errors, ignored, schemas }, null, 2));
		await close();

		expect(operation).toBe('Put Item (PutItem)');
		expect(body).toContain('"TableName": "users"');
		expect(body).toContain('{{ $json.body.name }}');
		expect(errors).toEqual([]);
		expect(schemas.filter((s) => !s.startsWith('200 '))).toEqual([]);
		const direct = await fetch(`${n8nUrl}/schemas/n8n-nodes-dynamodb.dynamoDb/1.0.0/dynamoDb/DescribeTable.json`);
		expect(direct.status).toBe(200);
		expect(((await direct.json()) as { properties: Record<string, unknown> }).properties).toHaveProperty('Table');
		// New nodes are version 2: their output schemas are there too.
		const directV2 = await fetch(`${n8nUrl}/schemas/n8n-nodes-dynamodb.dynamoDb/2.0.0/dynamoDb/DescribeTable.json`);
		expect(directV2.status).toBe(200);
	});

	it("a newcomer's first workflow, version 2: Put an item from the nodes panel, the Table right under Operation, Execute step; Get an item shows the record", async () => {
		const { runDir, root } = state();
		const db = rawClient();
		const stored = async () => (await db.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 'user_1' } }, ConsistentRead: true }))).Item;
		try {
			// The prefilled Put Item example stores user_1 unless it exists (its condition): a users table without it.
			await db.send(new DeleteItemCommand({ TableName: 'users', Key: { id: { S: 'user_1' } } }));
			const { page, close } = await signedIn({ width: 1600, height: 900 });
			const { id } = await createWorkflow('first workflow', undefined);
			await page.goto(`${state().n8nUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
			const panel = page.locator('[data-test-id="ndv"]');

			// 1. After the trigger: the nodes panel, DynamoDB › Put an item.
			await addAfterLastNode(page, 'Put an item');
			await panel.waitFor({ state: 'visible', timeout: 30000 });
			const operation = panel.locator('[data-test-id="parameter-input-operation"]').first();
			const picker = panel.locator('[data-test-id="resource-locator-table"]').first();
			const body = panel.locator('[data-test-id="parameter-input-body"]').first();
			await body.waitFor({ timeout: 30000 });
			await page.waitForTimeout(1000);
			expect(await operation.locator('input').first().inputValue()).toBe('Put Item (PutItem)');

			// 2. The Table stands right under Operation, before the body; pick users from the list.
			const [opBox, tableBox, bodyBox] = await Promise.all([operation.boundingBox(), picker.boundingBox(), body.boundingBox()]);
			expect(opBox!.y).toBeLessThan(tableBox!.y);
			expect(tableBox!.y).toBeLessThan(bodyBox!.y);
			await pickTable(page, picker, 'users');
			await page.waitForTimeout(800);
			const text = await panel.innerText();
			expect(text).toContain("No body needed with Options › Item From Input on. Reset Value in the field's menu loads this operation's example.");
			expect(text).not.toContain('Options › Table');
			expect(await body.innerText()).not.toContain('TableName');
			await page.mouse.move(0, 0);
			await page.waitForTimeout(500);
			const editorShot = path.join(runDir, 'editor.png');
			await page.screenshot({ path: editorShot });

			// 3. Execute step: the item is stored (a put answers with one empty item).
			await panel.locator('[data-test-id="node-execute-button"]').first().click();
			const output = panel.locator('[data-test-id="output-panel"]');
			await output.getByText('1 item').first().waitFor({ timeout: 60000 });
			expect(await stored()).toEqual({ id: { S: 'user_1' }, name: { S: 'Ada Lovelace' }, age: { N: '36' }, tags: { SS: ['math', 'poetry'] } });

			// 4. After it: Get an item, the same table, Execute step; the output shows the record.
			await page.keyboard.press('Escape');
			await panel.waitFor({ state: 'hidden', timeout: 30000 });
			await addAfterLastNode(page, 'Get an item');
			await panel.waitFor({ state: 'visible', timeout: 30000 });
			await page.waitForTimeout(1000);
			await pickTable(page, panel.locator('[data-test-id="resource-locator-table"]').first(), 'users');
			await page.waitForTimeout(500);
			await panel.locator('[data-test-id="node-execute-button"]').first().click();
			await output.getByText('1 item').first().waitFor({ timeout: 60000 });
			await output.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('Table', { exact: true }).first().click();
			const table = output.locator('table').first();
			await table.waitFor({ state: 'visible', timeout: 30000 });
			await page.mouse.move(0, 0);
			for (const toast of await page.locator('.el-notification__closeBtn:visible').all()) await toast.click();
			await page.waitForTimeout(1000);
			const headers = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
			for (const column of ['id', 'name', 'age', 'tags']) expect(headers).toContain(column);
			const record = await table.locator('tbody tr').first().innerText();
			expect(record).toContain('user_1');
			expect(record).toContain('Ada Lovelace');
			expect(record).toContain('36');
			const firstShot = path.join(runDir, 'first-workflow.png');
			await page.screenshot({ path: firstShot });
			if (process.env.E2E_UPDATE_SCREENSHOT) {
				fs.copyFileSync(editorShot, path.join(root, 'docs', 'editor.png'));
				fs.copyFileSync(firstShot, path.join(root, 'docs', 'first-workflow.png'));
			}
			await close();
		} finally {
			db.destroy();
		}
	});

	it('a version 1 node, as saved workflows have it: Expression-mode example without a table, hints, AWS names findable, Options › Table and Index pickers', async () => {
		const { runDir } = state();
		const { page, close } = await signedIn();
		const { id, nodeId } = await createWorkflow('newcomer', { operation: 'GetItem' });
		await page.goto(`${state().n8nUrl}/workflow/${id}/${nodeId}`, { waitUntil: 'domcontentloaded' });
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ state: 'visible', timeout: 60000 });
		const body = panel.locator('[data-test-id="parameter-input-body"]').first();
		await body.waitFor({ timeout: 30000 });
		await page.waitForTimeout(1000);

		// The prefilled GetItem example: Expression mode (an inline expression editor), no TableName.
		expect(await body.locator('[data-test-id="inline-expression-editor-input"]').count()).toBe(1);
		const getItemText = await body.innerText();
		expect(getItemText).toContain('"Key"');
		expect(getItemText).not.toContain('TableName');
		const hint = await panel.locator('div', { hasText: /^Changed the Operation\?/ }).last().innerText();
		expect(hint).toContain('Changed the Operation? The body keeps what you typed: pick Reset Value');
		expect(hint).toContain('The table: pick it under Options › Table');

		// The Operation list finds AWS action names.
		const operation = panel.locator('[data-test-id="parameter-input-operation"] input').first();
		await operation.click();
		await operation.fill('PutItem');
		await page.waitForTimeout(500);
		const found = await page.locator('.el-select-dropdown__item:visible').allInnerTexts();
		// Every match names PutItem; the operation itself comes first (StartBulkPutItems also contains it).
		const labels = found.map((t) => t.split('\n')[0]);
		expect(labels[0]).toBe('Put Item (PutItem)');
		expect(labels.filter((l) => !l.includes('PutItem'))).toEqual([]);
		await operation.fill('Query');
		await page.waitForTimeout(500);
		await page.locator('.el-select-dropdown__item:visible', { hasText: /^Query/ }).first().click();
		await page.waitForTimeout(1000);
		expect(await body.innerText()).toContain('KeyConditionExpression');
		expect(await panel.locator('div', { hasText: /^Changed the Operation\?/ }).last().innerText()).toContain('Returns one page: add Options › Return All');

		// Options › Table from the list, then Index Name: "None" is a valid value at once.
		await addOption(page, 'Table');
		await pickTable(page, panel.locator('[data-test-id="resource-locator-table"]').first(), 'users');
		await page.waitForTimeout(500);
		await addOption(page, 'Index Name or ID');
		await page.waitForTimeout(1500);
		const indexValue = await panel.locator('[data-test-id="parameter-input-indexName"] input').first().inputValue();
		expect(indexValue).toBe('None (Query or Scan the Table Itself)');
		expect(await panel.innerText()).not.toContain('is not supported');

		await page.screenshot({ path: path.join(runDir, 'editor-version-1.png') });
		await close();
	});

	it("a Query run from the editor: its records, one row each, in the output panel's Table view", async () => {
		const { runDir, root } = state();
		// A customer's orders, put there first with the raw SDK (a partition no other test reads).
		const orders = [
			{ customerId: 'c-1001', orderId: 'o-101', item: 'Blue mug', total: 12.5, status: 'shipped' },
			{ customerId: 'c-1001', orderId: 'o-102', item: 'Notebook', total: 4, status: 'paid' },
			{ customerId: 'c-1001', orderId: 'o-103', item: 'Desk lamp', total: 39.9, status: 'paid' },
		];
		const db = rawClient();
		try {
			for (const order of orders) await db.send(new PutItemCommand({ TableName: 'orders', Item: marshall(order) }));
		} finally {
			db.destroy();
		}
		const { id } = await createWorkflow(
			'query table',
			{
				operation: 'Query',
				table: { __rl: true, mode: 'list', value: 'orders', cachedResultName: 'orders' },
				body: '={\n  "KeyConditionExpression": "customerId = :c",\n  "ExpressionAttributeValues": { ":c": "c-1001" }\n}',
				options: {},
			},
			'Query orders',
			2,
		);

		// Open the workflow, open the node from the canvas, Execute step, switch the output to Table.
		const { page, close } = await signedIn({ width: 1600, height: 900 });
		await page.goto(`${state().n8nUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
		await page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Query orders' }).first().dblclick({ timeout: 60000 });
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ state: 'visible', timeout: 60000 });
		await panel.locator('[data-test-id="node-execute-button"]').first().click();
		const output = panel.locator('[data-test-id="output-panel"]');
		await output.getByText('3 items').first().waitFor({ timeout: 60000 });
		await output.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('Table', { exact: true }).first().click();
		const table = output.locator('table').first();
		await table.waitFor({ state: 'visible', timeout: 30000 });
		// Nothing over the table in the screenshot: no tooltip, no "Node executed successfully" toast.
		await page.mouse.move(0, 0);
		for (const toast of await page.locator('.el-notification__closeBtn:visible').all()) await toast.click();
		await page.waitForTimeout(1000);
		expect(await page.locator('.el-notification:visible').count()).toBe(0);

		// The table as n8n draws it: a column per attribute, a row per record with its values.
		const headers = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
		for (const column of ['customerId', 'orderId', 'item', 'total', 'status']) expect(headers).toContain(column);
		const rows = await table.locator('tbody tr').all();
		expect(rows).toHaveLength(orders.length);
		const cells = await Promise.all(rows.map(async (row) => (await row.locator('td').allInnerTexts()).map((t) => t.trim())));
		const at = (cellsOfRow: string[], column: string) => cellsOfRow[headers.indexOf(column)];
		expect(cells.map((row) => ({ orderId: at(row, 'orderId'), item: at(row, 'item'), total: at(row, 'total'), status: at(row, 'status') }))).toEqual(
			orders.map(({ orderId, item, total, status }) => ({ orderId, item, total: String(total), status })),
		);

		const shot = path.join(runDir, 'query-table.png');
		await page.screenshot({ path: shot });
		if (process.env.E2E_UPDATE_SCREENSHOT) fs.copyFileSync(shot, path.join(root, 'docs', 'query-table.png'));
		await close();
	});

	it('the nodes panel lists the everyday actions first, with short titles; a dropped node is named by its action', async () => {
		const { page, close } = await signedIn();
		const { id } = await createWorkflow('panel', undefined);
		await page.goto(`${state().n8nUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
		await page.locator('[data-test-id="canvas-add-button"], [data-test-id="node-creator-plus-button"]').first().click({ timeout: 60000 });
		const search = page.locator('[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]').first();
		await search.fill('DynamoDB');
		await page.waitForTimeout(1000);
		await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^DynamoDB$/ }).first().click();
		await page.waitForTimeout(1000);
		await page.screenshot({ path: path.join(state().runDir, 'editor-actions.png') });
		const names = (await page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]').allInnerTexts()).map((t) => t.trim());
		const first = names.indexOf('Get an item');
		expect(first).toBeGreaterThanOrEqual(0);
		expect(names.slice(first, first + 6)).toEqual(['Get an item', 'Put an item', 'Update an item', 'Delete an item', 'Query items', 'Scan a table']);
		expect(names.slice(first).filter((a) => a.length > 45)).toEqual([]);
		await page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]', { hasText: /^Put an item$/ }).first().click();
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ state: 'visible', timeout: 30000 });
		expect(await panel.locator('[data-test-id="node-title-container"]').first().innerText()).toContain('Put an item');
		await close();
	});

	it('an AWS error reads well: one sentence naming the table and where, no doubled item prefix, the AWS code as Error code', async () => {
		const { text, close } = await executeStep('error', { operation: 'GetItem', body: '={ "TableName": "no_such_table", "Key": { "id": "{{ $json.id ?? \'x\' }}" } }' }, 'ResourceNotFoundException');
		expect(text).toContain(`Table "no_such_table": not found in region us-east-1 at endpoint ${state().dynamoEndpoint} (ResourceNotFoundException)`);
		expect(text).not.toMatch(/Item 0:/);
		expect(text).toMatch(/Error code\s*ResourceNotFoundException/);
		await close();
	});

	it('{{ }} typed into a Fixed-mode body, and a GetItem body left under Query, fail with errors that say what to do', async () => {
		const fixed = await executeStep('fixed', { operation: 'GetItem', body: '{ "TableName": "users", "Key": { "id": "{{ $json.id }}" } }' }, 'Fixed mode');
		expect(fixed.text).toContain('The body holds {{ $json.id }} but the field is in Fixed mode, so it would be sent as text');
		expect(fixed.text).toContain('Switch the Request Body field to Expression');
		await fixed.close();
		const switched = await executeStep('switched', { operation: 'Query', body: '={ "TableName": "users", "Key": { "id": "u-1" }, "ConsistentRead": true }' }, 'did the Operation change');
		expect(switched.text).toContain('Key: this looks like a GetItem body: did the Operation change?');
		expect(switched.text).toContain("To load Query's example, pick Reset Value in the Request Body's menu");
		await switched.close();
	});

	it('the credential dialog shows the role fields once a Role ARN is typed', async () => {
		const { page, close } = await signedIn();
		await page.goto(`${state().n8nUrl}/home/credentials/e2eDynamoDbLocal`, { waitUntil: 'domcontentloaded' });
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
		await dialog.waitFor({ state: 'visible', timeout: 60000 });
		await dialog.getByText('Role ARN', { exact: true }).first().waitFor({ timeout: 30000 });
		await page.waitForTimeout(1000);
		const labels = async () => await dialog.innerText();
		expect(await labels()).toContain('Endpoint URL');
		expect(await labels()).not.toContain('External ID');
		await page.screenshot({ path: path.join(state().runDir, 'editor-credential.png') });
		await dialog.locator('[data-test-id="parameter-input-roleArn"] input').first().fill('arn:aws:iam::123456789012:role/n8n-dynamodb');
		await page.waitForTimeout(1000);
		const withRole = await labels();
		for (const field of ['External ID', 'Role Session Name', 'STS Endpoint URL']) expect(withRole).toContain(field);
		await page.screenshot({ path: path.join(state().runDir, 'editor-credential-role.png') });
		await close();
	});
});

/** A fresh page with the owner's session; close() closes its context. */
async function signedIn(viewport = { width: 1440, height: 900 }): Promise<{ page: Page; close: () => Promise<void> }> {
	const { n8nUrl } = state();
	const owner = (state() as any).owner as { cookie: string };
	const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'light' });
	const [name, value] = owner.cookie.split('=');
	await context.addCookies([{ name, value, url: n8nUrl }]);
	return { page: await context.newPage(), close: () => context.close() };
}

/** Opens a new workflow's DynamoDB node, runs Execute step, waits for `expected` in the output and opens the error details. */
async function executeStep(name: string, parameters: Record<string, unknown>, expected: string): Promise<{ text: string; close: () => Promise<void> }> {
	const { page, close } = await signedIn();
	const { id, nodeId } = await createWorkflow(name, parameters);
	await page.goto(`${state().n8nUrl}/workflow/${id}/${nodeId}`, { waitUntil: 'domcontentloaded' });
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor({ state: 'visible', timeout: 60000 });
	await panel.locator('[data-test-id="node-execute-button"]').first().click();
	const output = panel.locator('[data-test-id="output-panel"]');
	await output.getByText(expected).first().waitFor({ timeout: 60000 });
	for (const section of ['From DynamoDB', 'Other info']) {
		const toggle = output.getByText(section).first();
		if (await toggle.count()) await toggle.click();
	}
	await page.waitForTimeout(1000);
	const text = await output.innerText();
	await page.screenshot({ path: path.join(state().runDir, `editor-${name}.png`) });
	return { text, close };
}

/**
 * A workflow (Manual Trigger → one DynamoDB node with `parameters`, or only the trigger), created as
 * the editor saves one; the node of `typeVersion` (1: as workflows saved before version 2 have it).
 */
async function createWorkflow(name: string, parameters: Record<string, unknown> | undefined, nodeName = 'DynamoDB', typeVersion = 1): Promise<{ id: string; nodeId: string }> {
	const { n8nUrl } = state();
	const owner = (state() as any).owner as { cookie: string };
	const nodeId = randomUUID();
	const trigger = { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const dynamo = {
		id: nodeId,
		name: nodeName,
		type: 'n8n-nodes-dynamodb.dynamoDb',
		typeVersion,
		position: [220, 0],
		parameters,
		credentials: { dynamoDbApi: { id: 'e2eDynamoDbLocal', name: 'DynamoDB Local (e2e)' } },
	};
	const workflow = {
		name: `e2e editor: ${name}`,
		nodes: parameters ? [trigger, dynamo] : [trigger],
		connections: parameters ? { Start: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } } : {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
	const response = await fetch(`${n8nUrl}/rest/workflows`, { method: 'POST', headers: { cookie: owner.cookie, 'content-type': 'application/json' }, body: JSON.stringify(workflow) });
	if (!response.ok) throw new Error(`create workflow: HTTP ${response.status} ${await response.text()}`);
	const { data } = (await response.json()) as { data: { id: string } };
	return { id: data.id, nodeId };
}

/**
 * The nodes panel opened from the "+" of the one node output that leads nowhere yet (the last node's),
 * as a user adds the next step: DynamoDB, then the action `action`. n8n connects the new node there.
 */
async function addAfterLastNode(page: Page, action: string): Promise<void> {
	await page.locator('[data-test-id="canvas-handle-plus"]').first().click({ timeout: 60000 });
	const search = page.locator('[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]').first();
	await search.fill('DynamoDB');
	await page.waitForTimeout(1000);
	await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^DynamoDB$/ }).first().click();
	await page.waitForTimeout(1000);
	await page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]', { hasText: new RegExp(`^${action}$`) }).first().click();
}

/**
 * The Table picker's list, as a user picks from it: opened, narrowed by typing the name into its
 * search field (the other e2e files' tables may push it past the first page), then clicked.
 */
async function pickTable(page: Page, picker: Locator, table: string): Promise<void> {
	await picker.locator('[data-test-id="rlc-input"]').first().click();
	const search = page.locator('[data-test-id="rlc-search"] input:visible, input[data-test-id="rlc-search"]:visible').first();
	if (await search.count()) {
		await search.fill(table);
		await page.waitForTimeout(1000);
	}
	await page.locator('[data-test-id="rlc-item"]:visible', { hasText: new RegExp(`^${table}$`) }).first().click({ timeout: 30000 });
}

/** Options › Add option › `option`, as a user clicks it. */
async function addOption(page: Page, option: string): Promise<void> {
	await page.locator('[data-test-id="collection-parameter-add-dropdown"], [data-test-id="collection-parameter-add"]').first().click();
	await page.waitForTimeout(300);
	await page.locator('[data-test-id="collection-parameter-option"]:visible, .el-select-dropdown__item:visible', { hasText: option }).first().click();
	await page.waitForTimeout(500);
}
