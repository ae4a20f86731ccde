/**
 * The node as an AI-agent tool inside the real n8n: n8n generates `dynamoDbTool` from
 * `usableAsTool: true`, and the MCP Server Trigger example (examples/mcp-server-tool.json) exposes
 * two such tools. An MCP client — what Claude Desktop or another agent would be — lists them and
 * calls them; n8n fills the `$fromAI(…)` placeholders of the body from the call's arguments.
 */
import { n8nLogTail, state } from './helpers';

const TOOL_TYPE = 'n8n-nodes-dynamodb.dynamoDbTool';

describe('n8n generated the tool variant of the community node', () => {
	it('lists n8n-nodes-dynamodb.dynamoDbTool in /types/nodes.json, with an ai_tool output and a tool description', async () => {
		const response = await fetch(`${state().n8nUrl}/types/nodes.json`, { headers: { cookie: (state() as any).owner.cookie } });
		expect(response.status).toBe(200);
		const types = (await response.json()) as { name: string; outputs: unknown; inputs: unknown; properties: { name: string }[] }[];
		const names = types.map((t) => t.name);
		expect(names).toContain('n8n-nodes-dynamodb.dynamoDb');
		const tool = types.find((t) => t.name === TOOL_TYPE);
		expect(tool).toBeDefined();
		expect(tool!.inputs).toEqual([]);
		expect(tool!.outputs).toEqual(['ai_tool']);
		expect(tool!.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['descriptionType', 'toolDescription', 'operation', 'body']));
	});
});

interface Rpc {
	jsonrpc: '2.0';
	id?: number;
	result?: any;
	error?: { code: number; message: string };
}

/** One MCP message over Streamable HTTP (JSON or SSE answer), to the example's MCP Server Trigger. */
async function mcp(method: string, params: unknown, id?: number, session?: string): Promise<{ status: number; session?: string; message?: Rpc }> {
	const response = await fetch(`${state().n8nUrl}/mcp/dynamodb`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			accept: 'application/json, text/event-stream',
			...(session ? { 'mcp-session-id': session } : {}),
		},
		body: JSON.stringify({ jsonrpc: '2.0', method, params, ...(id === undefined ? {} : { id }) }),
	});
	const text = await response.text();
	const sessionId = response.headers.get('mcp-session-id') ?? session;
	if (id === undefined) return { status: response.status, session: sessionId };
	const payloads = (response.headers.get('content-type') ?? '').includes('text/event-stream')
		? text
				.split('\n')
				.filter((line) => line.startsWith('data:'))
				.map((line) => line.slice(5).trim())
		: [text];
	const message = payloads.map((p) => JSON.parse(p) as Rpc).find((m) => m.id === id);
	if (!message) throw new Error(`no answer to ${method} (HTTP ${response.status}): ${text}\n${n8nLogTail()}`);
	return { status: response.status, session: sessionId, message };
}

describe('the tool called by an MCP client through the MCP Server Trigger example', () => {
	let session: string | undefined;

	beforeAll(async () => {
		const init = await mcp('initialize', { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } }, 1);
		expect(init.message?.error).toBeUndefined();
		session = init.session;
		await mcp('notifications/initialized', {}, undefined, session);
	});

	it('lists both DynamoDB tools with their descriptions and the $fromAI arguments as the input schema', async () => {
		const { message } = await mcp('tools/list', {}, 2, session);
		const tools = message!.result.tools as { name: string; description: string; inputSchema: { properties: Record<string, { type: string; description?: string }> } }[];
		const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
		expect(Object.keys(byName).sort()).toEqual(['get_user', 'list_orders']);
		expect(byName.get_user.description).toMatch(/read-only/);
		expect(byName.get_user.inputSchema.properties.id).toMatchObject({ type: 'string', description: expect.stringMatching(/id of the user/) });
		expect(byName.list_orders.inputSchema.properties.customerId).toMatchObject({ type: 'string' });
	});

	it('get_user: the argument goes into the GetItem body and the stored user comes back', async () => {
		const { message } = await mcp('tools/call', { name: 'get_user', arguments: { id: 'u-2' } }, 3, session);
		expect(message!.error).toBeUndefined();
		const text = (message!.result.content as { type: string; text: string }[]).map((c) => c.text).join('\n');
		expect(message!.result.isError ?? false).toBe(false);
		expect(text).toContain('Grace Hopper');
		expect(text).toContain('grace@example.com');
	});

	it('list_orders: Query with Return All answers every order of the customer', async () => {
		const { message } = await mcp('tools/call', { name: 'list_orders', arguments: { customerId: 'c-7' } }, 4, session);
		expect(message!.error).toBeUndefined();
		const text = (message!.result.content as { text: string }[]).map((c) => c.text).join('\n');
		for (const order of ['o-001', 'o-002', 'o-003']) expect(text).toContain(order);
		expect(text).not.toContain('c-42');
	});

	it('an argument full of quotes stays a value: no other user is read', async () => {
		const { message } = await mcp('tools/call', { name: 'get_user', arguments: { id: 'u-2" }, "id": "admin' } }, 5, session);
		const text = JSON.stringify(message);
		expect(text).not.toContain('root@example.com');
		expect(text).not.toContain('grace@example.com');
	});
});
