/**
 * The node in n8n's editor, in headless Chromium: the "Put user" node of the webhook example opened
 * (Operation and request body visible), a screenshot taken (.e2e/editor.png; docs/editor.png with
 * E2E_UPDATE_SCREENSHOT=1), and no error logged in the browser console while the panel opens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { state } from './helpers';

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
	it('opens with Operation and the request body, and the console stays free of errors', async () => {
		const { n8nUrl, workflows, runDir, root } = state();
		const owner = (state() as any).owner as { cookie: string };
		const workflow = workflows['webhook-put-item'];
		const node = workflow.nodes.find((n) => n.name === 'Put user')!;

		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });
		const [name, value] = owner.cookie.split('=');
		await context.addCookies([{ name, value, url: n8nUrl }]);
		const page = await context.newPage();
		const errors: { text: string; url: string }[] = [];
		const ignored: { text: string; url: string }[] = [];
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			const entry = { text: message.text(), url: message.location().url ?? '' };
			(isN8nWebApiLookup(entry.text, entry.url) ? ignored : errors).push(entry);
		});
		page.on('pageerror', (error) => errors.push({ text: `page error: ${error.message}`, url: '' }));

		// The editor's own route for a workflow with one node's panel open.
		await page.goto(`${n8nUrl}/workflow/${workflow.id}/${node.id}`, { waitUntil: 'domcontentloaded' });
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ state: 'visible', timeout: 60000 });
		await panel.getByText('Operation', { exact: true }).first().waitFor({ timeout: 30000 });
		await panel.getByText('Request Body (JSON)').first().waitFor({ timeout: 30000 });
		await page.waitForTimeout(1500); // icons and the code editor settle
		const operation = await panel.locator('[data-test-id="parameter-input-operation"] input').first().inputValue();
		const body = await panel.locator('[data-test-id="parameter-input-body"]').first().innerText();

		const shot = path.join(runDir, 'editor.png');
		await page.screenshot({ path: shot });
		if (process.env.E2E_UPDATE_SCREENSHOT) fs.copyFileSync(shot, path.join(root, 'docs', 'editor.png'));
		fs.writeFileSync(path.join(runDir, 'browser-console.json'), JSON.stringify({ errors, ignored }, null, 2));
		await context.close();

		expect(operation).toBe('Put Item');
		expect(body).toContain('"TableName": "users"');
		expect(body).toContain('{{ $json.body.name }}');
		expect(errors).toEqual([]);
	});
});
