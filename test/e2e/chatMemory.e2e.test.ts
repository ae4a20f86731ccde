/**
 * DynamoDB Chat Memory in the real n8n: examples/chat-agent-memory.json (Chat Trigger → AI Agent
 * with n8n's OpenAI Chat Model and our memory), the model's credential pointed at a local stand-in
 * for OpenAI's API (test/helpers/openAiStandIn.ts) that records what the agent sends. Every check is
 * made there, at the model's door: which earlier turns the agent was given, across sessions, across
 * an n8n restart, with a window of 2; n8n's Chat Memory Manager reads and clears the same session.
 * With E2E_UPDATE_SCREENSHOT=1 the example's canvas becomes docs/chat-memory.png.
 */
import { CreateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DEFAULT_ATTRIBUTES } from '../../nodes/DynamoDbChatMemory/settings';
import { createTableBody } from '../../nodes/DynamoDbChatMemory/table';
import { contentText, startOpenAiStandIn, type ChatRequest, type StandIn } from '../helpers/openAiStandIn';
import { n8nLogTail, rawClient, scanPlain, state } from './helpers';

const TABLE = 'chat_memory';
const EXAMPLE = 'chat-agent-memory';
const SYSTEM = 'system:You are a helpful assistant. Use the conversation so far.';

const client = rawClient();
let standIn: StandIn;

interface WorkflowJson {
	name: string;
	nodes: Array<{ id: string; name: string; type: string; typeVersion: number; position: number[]; parameters: Record<string, unknown>; webhookId?: string; credentials?: Record<string, { id: string; name: string }> }>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

async function rest(method: string, route: string, body?: unknown): Promise<any> {
	const { n8nUrl, owner } = state();
	const response = await fetch(`${n8nUrl}/rest${route}`, { method, headers: { cookie: owner.cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /rest${route}: HTTP ${response.status} ${text}`);
	return JSON.parse(text).data;
}

/** Creates a workflow and publishes it, as the editor's Save and Publish do; resolves once n8n says it is active. */
async function publishNew({ name, nodes, connections, settings }: WorkflowJson): Promise<string> {
	const { id } = await rest('POST', '/workflows', { name, nodes, connections, settings, active: false });
	const { versionId } = await rest('GET', `/workflows/${id}`);
	await rest('POST', `/workflows/${id}/activate`, { versionId });
	expect((await rest('GET', `/workflows/${id}`)).active).toBe(true);
	return id as string;
}

/** The example as n8n stored it (the e2e credential ids patched in by scripts/e2e.js). */
async function example(): Promise<WorkflowJson> {
	return (await rest('GET', `/workflows/${state().workflows[EXAMPLE].id}`)) as WorkflowJson;
}

/** Sends one chat message to a published Chat Trigger (retrying while n8n registers its webhooks after a start); returns the reply. */
async function chat(webhookId: string, sessionId: string, chatInput: string): Promise<string> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const response = await fetch(`${state().n8nUrl}/webhook/${webhookId}/chat`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput }),
		});
		const text = await response.text();
		if (response.status === 404 && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 1000));
			continue;
		}
		if (!response.ok) throw new Error(`chat: HTTP ${response.status} ${text}\n--- n8n log ---\n${n8nLogTail()}`);
		return JSON.parse(text).output as string;
	}
}

/** What the model was sent, as role:text lines. */
const sentToModel = (request: ChatRequest | undefined) => (request?.messages ?? []).map((m) => `${m.role}:${contentText(m.content)}`);

/** Sends a chat message and returns what the model received for it. */
async function turn(webhookId: string, sessionId: string, text: string): Promise<string[]> {
	const before = standIn.chats.length;
	expect(await chat(webhookId, sessionId, text)).toBe(`echo: ${text}`);
	expect(standIn.chats.length).toBe(before + 1);
	return sentToModel(standIn.chats[before]);
}

const exchange = (text: string) => [`user:${text}`, `assistant:echo: ${text}`];

async function control(action: 'stop' | 'start') {
	const response = await fetch(`${state().control}/${action}`, { method: 'POST' });
	if (!response.ok) throw new Error(`n8n ${action}: ${await response.text()}`);
}

beforeAll(async () => {
	standIn = await startOpenAiStandIn();
	const { credentialIds } = state() as unknown as { credentialIds: { openAiApi: string } };
	await rest('PATCH', `/credentials/${credentialIds.openAiApi}`, { name: 'OpenAI stand-in (e2e)', type: 'openAiApi', data: { apiKey: 'sk-e2e-stand-in', url: standIn.url } });
	// The table exactly as the node's missing-table error says to create it (its CreateTable body), with TTL.
	await client.send(new CreateTableCommand(JSON.parse(createTableBody(TABLE, DEFAULT_ATTRIBUTES))));
	await client.send(new UpdateTimeToLiveCommand({ TableName: TABLE, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }));
});

afterAll(async () => {
	await standIn?.close();
	client.destroy();
});

describe('DynamoDB Chat Memory in n8n (examples/chat-agent-memory.json)', () => {
	let webhookId: string;
	/** The sessions the agent test wrote, for the Chat Memory Manager test. */
	let a: string | undefined;
	let b: string | undefined;

	it('is an AI memory sub-node of the package in n8n: no main input, one ai_memory output, in AI › Memory', async () => {
		const response = await fetch(`${state().n8nUrl}/types/nodes.json`, { headers: { cookie: state().owner.cookie } });
		const types = (await response.json()) as Array<{ name: string; inputs: unknown; outputs: unknown; codex?: { categories?: string[]; subcategories?: Record<string, string[]> } }>;
		const memory = types.find((t) => t.name === 'n8n-nodes-dynamodb.dynamoDbChatMemory');
		expect(memory).toMatchObject({ inputs: [], outputs: ['ai_memory'] });
		expect(memory!.codex).toMatchObject({ categories: ['AI'], subcategories: { AI: ['Memory'] } });
		webhookId = (await example()).nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger')!.webhookId!;
	});

	it('gives the model the earlier turns of the session, none of another session, and the same after n8n restarts', async () => {
		a = `A-${randomUUID()}`;
		b = `B-${randomUUID()}`;
		expect(await turn(webhookId, a, 'My name is Ada.')).toEqual([SYSTEM, 'user:My name is Ada.']);
		expect(await turn(webhookId, a, 'What is my name?')).toEqual([SYSTEM, ...exchange('My name is Ada.'), 'user:What is my name?']);
		expect(await turn(webhookId, b, 'Hello, I am new here.')).toEqual([SYSTEM, 'user:Hello, I am new here.']);

		await control('stop');
		await control('start');
		expect(await turn(webhookId, a, 'And where do I live?')).toEqual([SYSTEM, ...exchange('My name is Ada.'), ...exchange('What is my name?'), 'user:And where do I live?']);

		// In the table: one item per message, role and text readable, the TTL of the example's 30 days.
		const rows = (await scanPlain(client, TABLE)).filter((r) => r.sessionId === a).sort((x, y) => String(x.messageId).localeCompare(String(y.messageId)));
		expect(rows.map((r) => `${r.role}:${r.text}`)).toEqual([...exchange('My name is Ada.'), ...exchange('What is my name?'), ...exchange('And where do I live?')]);
		for (const row of rows) expect(Number(row.expiresAt)).toBeGreaterThan(Date.now() / 1000 + 29 * 86_400);
	}, 300_000);

	it('with a Context Window Length of 2 sends only the last 2 turns', async () => {
		const workflow = await example();
		const hook = randomUUID();
		for (const node of workflow.nodes) {
			node.id = randomUUID();
			if (node.webhookId) node.webhookId = hook;
			if (node.type === 'n8n-nodes-dynamodb.dynamoDbChatMemory') node.parameters.contextWindowLength = 2;
		}
		await publishNew({ ...workflow, name: 'e2e chat memory: window 2' });
		const w = `W-${randomUUID()}`;
		for (const text of ['one', 'two', 'three']) await turn(hook, w, text);
		expect(await turn(hook, w, 'four')).toEqual([SYSTEM, ...exchange('two'), ...exchange('three'), 'user:four']);
	});

	it("n8n's Chat Memory Manager reads the session the agent wrote, and clears it (and only it)", async () => {
		expect(a && b).toBeTruthy();
		const memoryNode = (await example()).nodes.find((n) => n.type === 'n8n-nodes-dynamodb.dynamoDbChatMemory')!;
		const managerWorkflow = (name: string, manager: Record<string, unknown>): WorkflowJson => ({
			name: `e2e chat memory manager: ${name}`,
			nodes: [
				{ id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path: `chat-memory-${name}`, responseMode: 'lastNode', options: {} } },
				{ id: randomUUID(), name: 'Chat Memory Manager', type: '@n8n/n8n-nodes-langchain.memoryManager', typeVersion: 1.1, position: [260, 0], parameters: manager },
				{
					...memoryNode,
					id: randomUUID(),
					position: [260, 240],
					parameters: { ...memoryNode.parameters, sessionIdType: 'customKey', sessionKey: '={{ $json.body.sessionId }}' },
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Chat Memory Manager', type: 'main', index: 0 }]] },
				[memoryNode.name]: { ai_memory: [[{ node: 'Chat Memory Manager', type: 'ai_memory', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		await publishNew(managerWorkflow('read', { mode: 'load', simplifyOutput: true, options: { groupMessages: true } }));
		await publishNew(managerWorkflow('clear', { mode: 'delete', deleteMode: 'all' }));
		// n8n registers a published workflow's webhooks a moment after the Publish answers: 404 until then.
		const call = async (name: string, sessionId: string) => {
			const deadline = Date.now() + 30_000;
			for (;;) {
				const response = await fetch(`${state().n8nUrl}/webhook/chat-memory-${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId }) });
				const text = await response.text();
				if (response.status === 404 && Date.now() < deadline) {
					await new Promise((r) => setTimeout(r, 500));
					continue;
				}
				if (!response.ok) throw new Error(`${name}: HTTP ${response.status} ${text}\n--- n8n log ---\n${n8nLogTail()}`);
				return JSON.parse(text);
			}
		};

		// The SDK's LangChain adapter (n8n 2.40.7) hands every message over with its content as a list of parts, for any SDK memory.
		const parts = (text: string) => [{ type: 'text', text }];
		expect(await call('read', a!)).toEqual({
			messages: [
				{ human: parts('My name is Ada.'), ai: parts('echo: My name is Ada.') },
				{ human: parts('What is my name?'), ai: parts('echo: What is my name?') },
				{ human: parts('And where do I live?'), ai: parts('echo: And where do I live?') },
			],
			messagesCount: 3,
		});
		await call('clear', a!);
		const left = await scanPlain(client, TABLE);
		expect(left.filter((r) => r.sessionId === a)).toEqual([]);
		expect(left.filter((r) => r.sessionId === b).map((r) => `${r.role}:${r.text}`).sort()).toEqual(['assistant:echo: Hello, I am new here.', 'user:Hello, I am new here.']);
		// The agent starts session A afresh.
		expect(await turn(webhookId, a!, 'Hello again.')).toEqual([SYSTEM, 'user:Hello again.']);
	});

	it("shows the example's canvas in the editor (screenshot)", async () => {
		const { n8nUrl, runDir, root, owner } = state();
		const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'], headless: true });
		try {
			const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, colorScheme: 'light' });
			const [name, value] = owner.cookie.split('=');
			await context.addCookies([{ name, value, url: n8nUrl }]);
			const page = await context.newPage();
			await page.goto(`${n8nUrl}/workflow/${state().workflows[EXAMPLE].id}`, { waitUntil: 'domcontentloaded' });
			const memoryNode = page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'DynamoDB Chat Memory' }).first();
			await memoryNode.waitFor({ state: 'visible', timeout: 60_000 });
			await page.waitForTimeout(2000); // icons and edges settle
			const shot = path.join(runDir, 'chat-memory.png');
			await page.screenshot({ path: shot });
			// The four nodes are on the canvas, the memory attached to the agent's Memory slot.
			expect(await page.locator('[data-test-id="canvas-node"]').count()).toBe(4);
			if (process.env.E2E_UPDATE_SCREENSHOT) fs.copyFileSync(shot, path.join(root, 'docs', 'chat-memory.png'));
		} finally {
			await browser.close();
		}
	});
});
