/**
 * The example workflows (examples/*.json), imported and published in a real n8n with the packed
 * package installed as a community package; effects checked in DynamoDB Local with the raw SDK.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import fs from 'node:fs';
import { n8nLogTail, postJson, rawClient, scanPlain, scanTyped, state } from './helpers';

const client = rawClient();
afterAll(() => client.destroy());

const getUser = async (id: string) =>
	(await client.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: id } }, ConsistentRead: true }))).Item;

/** Fails with n8n's log attached, so a failed e2e says why. */
function expectOk(response: { status: number; text: string }) {
	if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.text}\n--- n8n log ---\n${n8nLogTail()}`);
}

describe('a. Webhook → PutItem → Respond to Webhook (examples/webhook-put-item.json)', () => {
	it('stores the posted JSON as an item and answers with the stored item', async () => {
		const before = await scanTyped(client, 'users');
		const response = await postJson('/webhook/dynamodb-users', { id: 'u-100', name: 'Katherine Johnson', email: 'kj@example.com' });
		expectOk(response);
		expect(response.json).toEqual({ id: 'u-100', name: 'Katherine Johnson', email: 'kj@example.com' });
		expect(await getUser('u-100')).toEqual({ id: { S: 'u-100' }, name: { S: 'Katherine Johnson' }, email: { S: 'kj@example.com' } });
		const after = await scanTyped(client, 'users');
		expect(after.filter((item) => item.id.S !== 'u-100')).toEqual(before);
	});
});

describe('e. hostile strings through the same webhook', () => {
	const hostile = {
		id: 'u-"evil"\\\n{}',
		name: 'Robert", "admin": true, "x": "',
		email: '","admin":true,"x":"\\"}}{{ $json }}\n\t\r\u2028 ${1+1} </script> \' ; DROP TABLE users; --',
		admin: true,
		role: 'admin',
	};

	it('stores the strings verbatim and changes nothing else: no extra attribute, no other item', async () => {
		const before = await scanTyped(client, 'users');
		const response = await postJson('/webhook/dynamodb-users', hostile);
		expectOk(response);
		expect(response.json).toEqual({ id: hostile.id, name: hostile.name, email: hostile.email });
		// Exactly the three bound attributes, byte for byte; `admin`/`role` of the payload are not bound.
		expect(await getUser(hostile.id)).toEqual({ id: { S: hostile.id }, name: { S: hostile.name }, email: { S: hostile.email } });
		const after = await scanTyped(client, 'users');
		expect(after.filter((item) => item.id.S !== hostile.id)).toEqual(before);
		expect(after).toHaveLength(before.length + 1);
	});
});

describe('b. Form Trigger → PutItem (examples/form-put-item.json)', () => {
	it('serves the form, and a submission becomes one item of the form fields', async () => {
		const page = await fetch(`${state().n8nUrl}/form/dynamodb-contact`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Contact us');

		const form = new FormData();
		form.append('field-0', 'Hedy Lamarr');
		form.append('field-1', 'hedy@example.com');
		form.append('field-2', 'Frequency hopping, "spread" {spectrum}\nline two');
		const response = await fetch(`${state().n8nUrl}/form/dynamodb-contact`, { method: 'POST', body: form });
		const text = await response.text();
		if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}\n${n8nLogTail()}`);

		// The Form Trigger answers before the workflow has run: wait for the item.
		let contacts = await scanPlain(client, 'contacts');
		for (let i = 0; i < 60 && contacts.length === 0; i++) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			contacts = await scanPlain(client, 'contacts');
		}
		if (contacts.length === 0) throw new Error(`no item in contacts after the submission (HTTP ${response.status}: ${text})\n${n8nLogTail()}`);
		expect(contacts).toHaveLength(1);
		expect(contacts[0]).toEqual({
			id: expect.any(String),
			name: 'Hedy Lamarr',
			email: 'hedy@example.com',
			// multipart/form-data sends a textarea's line breaks as CRLF (browsers do the same)
			message: 'Frequency hopping, "spread" {spectrum}\r\nline two',
			submittedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
	});
});

describe('c. Manual Trigger → Query, Return All over pages of 2 (examples/manual-query-all.json)', () => {
	it('outputs one n8n item per order of the customer, all 7 of them, from 4 pages', () => {
		const file = state().manual['manual-query-all'];
		expect(file).toBeDefined();
		const text = fs.readFileSync(file, 'utf8');
		// `n8n execute --rawOutput` prints the run data as JSON between its own log lines (the task
		// runner's "Registered runner …" can come before or after it).
		const start = text.indexOf('{');
		expect(start).toBeGreaterThanOrEqual(0);
		const run = JSON.parse(text.slice(start, text.lastIndexOf('}') + 1));
		const items = run.data.resultData.runData['Query orders'][0].data.main[0].map((i: { json: unknown }) => i.json);
		expect(items).toEqual(
			Array.from({ length: 7 }, (_, i) => ({ customerId: 'c-42', orderId: `o-${String(i + 1).padStart(3, '0')}`, total: 10 * (i + 1) })),
		);
		// Body Limit 2 → DynamoDB returns at most 2 per page, so 7 records took 4 requests.
		const workflow = JSON.parse(fs.readFileSync(`${state().root}/examples/manual-query-all.json`, 'utf8'));
		const query = workflow.nodes.find((n: { name: string }) => n.name === 'Query orders');
		expect(query.parameters.body).toMatch(/"Limit": 2/);
		expect(query.parameters.options.returnAll).toBe(true);
	});
});

describe('d. Webhook → UpdateItem, the "edit a row" flow (examples/webhook-update-item.json)', () => {
	it('changes the bound attributes of that row only and answers with the new row', async () => {
		const before = await scanTyped(client, 'users');
		const response = await postJson('/webhook/dynamodb-users-update', { id: 'u-1', name: 'Ada King, Countess of Lovelace', email: 'ada.king@example.com' });
		expectOk(response);
		const row = unmarshall((await getUser('u-1'))!);
		expect(row).toEqual({
			id: 'u-1',
			name: 'Ada King, Countess of Lovelace',
			email: 'ada.king@example.com',
			role: 'member',
			updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
		expect(response.json).toEqual(row);
		const after = await scanTyped(client, 'users');
		expect(after.filter((item) => item.id.S !== 'u-1')).toEqual(before.filter((item) => item.id.S !== 'u-1'));
	});

	it('does not create a row for an id that does not exist (ConditionExpression attribute_exists)', async () => {
		const before = await scanTyped(client, 'users');
		const response = await postJson('/webhook/dynamodb-users-update', { id: 'u-404', name: 'Nobody' });
		expect(response.status).not.toBe(200);
		expect(await getUser('u-404')).toBeUndefined();
		expect(await scanTyped(client, 'users')).toEqual(before);
	});
});
