/**
 * DynamoDB Chat Memory as n8n runs it: n8n-core's engine calls its supplyData for a root node that
 * takes the memory from its ai_memory input, as the AI Agent and the Chat Memory Manager do (through
 * the SDK's LangChain adapter and n8n's log wrapper): parameters and expressions resolved by n8n,
 * the session id from the input item or the Key, errors as n8n shows them.
 */
import 'reflect-metadata';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { Workflow, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeParameters, type INodeType, type INodeTypeDescription, type IRun } from 'n8n-workflow';
import { additionalDataOf } from '../../scripts/engine';
import { closeClients } from '../../nodes/DynamoDb/transport/client';
import { DynamoDbChatMemory } from '../../nodes/DynamoDbChatMemory/DynamoDbChatMemory.node';
import { createTableBody } from '../../nodes/DynamoDbChatMemory/table';
import { localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { recordForScan } from '../helpers/secrets';

interface Step {
	save?: [string, string];
	load?: true;
	history?: true;
	clear?: true;
}

interface LcMessage {
	_getType(): string;
	content: unknown;
}

interface LcMemory {
	saveContext(input: IDataObject, output: IDataObject): Promise<void>;
	loadMemoryVariables(values: IDataObject): Promise<{ chat_history: LcMessage[] }>;
	clear(): Promise<void>;
	chatHistory: { getMessages(): Promise<LcMessage[]> };
}

/** A LangChain message as type:text (the SDK's adapter gives content as a list of parts). */
const line = (m: LcMessage) => `${m._getType()}:${typeof m.content === 'string' ? m.content : (m.content as Array<{ text?: string }>).map((p) => p.text ?? '').join('')}`;

/** A root node with an ai_memory input: runs the steps of its parameter against the memory it is given. */
class Probe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'Uses the connected memory',
		defaults: { name: 'Probe' },
		inputs: ['main', { type: 'ai_memory', required: true, maxConnections: 1 }],
		outputs: ['main'],
		properties: [{ displayName: 'Steps', name: 'steps', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const memory = (await this.getInputConnectionData('ai_memory', 0)) as LcMemory;
		const out: IDataObject[] = [];
		for (const step of JSON.parse(this.getNodeParameter('steps', 0) as string) as Step[]) {
			if (step.save) await memory.saveContext({ input: step.save[0] }, { output: step.save[1] });
			if (step.load) out.push({ loaded: (await memory.loadMemoryVariables({})).chat_history.map(line) });
			if (step.history) out.push({ history: (await memory.chatHistory.getMessages()).map(line) });
			if (step.clear) await memory.clear();
		}
		return [out.map((json) => ({ json }))];
	}
}

class Source implements INodeType {
	static items: IDataObject[] = [];
	description: INodeTypeDescription = { displayName: 'Source', name: 'source', group: ['input'], version: 1, description: 'Emits items', defaults: { name: 'Source' }, inputs: [], outputs: ['main'], properties: [] };
	async execute(): Promise<INodeExecutionData[][]> {
		return [Source.items.map((json) => ({ json }))];
	}
}

const types: Record<string, INodeType> = { 'test.source': new Source(), 'test.probe': new Probe(), 'test.memory': new DynamoDbChatMemory() };
const nodeTypes = { getByName: (name: string) => types[name], getByNameAndVersion: (name: string) => types[name], getKnownTypes: () => ({}) };

type Failure = Error & { description?: string };

/**
 * Source → Probe with the memory sub-node, run by n8n-core. `error` is the root node's; a failure of
 * the sub-node's supplyData is n8n's "Error in sub-node …" there, a failure of a memory call the
 * sub-node's own error as it is; `memoryError` is the sub-node's own (what the editor shows on it).
 */
async function run(input: IDataObject, memory: INodeParameters, steps: Step[]): Promise<{ output: IDataObject[]; error?: Failure; memoryError?: Failure; run: IRun }> {
	Source.items = [input];
	const nodes = [
		{ id: '1', name: 'Chat', type: 'test.source', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
		{ id: '2', name: 'Probe', type: 'test.probe', typeVersion: 1, position: [200, 0] as [number, number], parameters: { steps: JSON.stringify(steps) } },
		{ id: '3', name: 'DynamoDB Chat Memory', type: 'test.memory', typeVersion: 1, position: [200, 200] as [number, number], parameters: memory, credentials: { dynamoDbApi: { id: 'c1', name: 'DynamoDB test' } } },
	];
	const connections = {
		Chat: { main: [[{ node: 'Probe', type: 'main' as const, index: 0 }]] },
		'DynamoDB Chat Memory': { ai_memory: [[{ node: 'Probe', type: 'ai_memory' as const, index: 0 }]] },
	};
	const workflow = new Workflow({ id: 'w1', name: 'chat memory', nodes, connections, active: false, nodeTypes, settings: {} });
	const hooks = new ExecutionLifecycleHooks('manual', 'e1', { id: 'w1', name: 'chat memory', nodes, connections } as never);
	const result = await new WorkflowExecute(additionalDataOf(localCredentials(), hooks) as never, 'manual').run({ workflow, startNode: workflow.getNode('Chat')! } as never);
	const task = result.data.resultData.runData.Probe?.[0];
	const error = (task?.error ?? result.data.resultData.error) as (Error & { description?: string }) | undefined;
	recordForScan('chat memory engine run', error ?? '', result.data.resultData);
	const memoryError = result.data.resultData.runData['DynamoDB Chat Memory']?.find((r) => r.error)?.error as Failure | undefined;
	// A failed supplyData is n8n's "Error in sub-node" at the root, with the sub-node's message as its description.
	if (error?.message.startsWith('Error in sub-node')) expect({ message: error.message, description: error.description }).toEqual({ message: 'Error in sub-node DynamoDB Chat Memory', description: memoryError?.message });
	return { output: (task?.data?.main?.[0] ?? []).map((i) => i.json), error, memoryError, run: result };
}

describe('DynamoDB Chat Memory in n8n-core’s engine', () => {
	const client = rawClient();
	let table: string;
	const attributes = { session: 'sessionId', message: 'messageId', ttl: 'expiresAt' };

	beforeAll(async () => {
		table = uniqueTable('chat');
		await client.send(new CreateTableCommand(JSON.parse(createTableBody(table, attributes))));
	});
	afterAll(() => {
		closeClients();
		client.destroy();
	});

	const parameters = (more: INodeParameters = {}): INodeParameters => ({ table: { __rl: true, mode: 'name', value: table }, sessionIdType: 'fromInput', contextWindowLength: 5, options: {}, ...more });

	it("takes the session from the input's sessionId (the Chat Trigger's) and keeps turns across executions", async () => {
		const first = await run({ sessionId: 'chat-1', chatInput: 'hi' }, parameters(), [{ save: ['My name is Ada', 'Hi Ada'] }]);
		expect(first.error).toBeUndefined();
		const second = await run({ sessionId: 'chat-1', chatInput: 'again' }, parameters(), [{ load: true }, { save: ['What is my name?', 'Ada'] }, { load: true }]);
		expect(second.error).toBeUndefined();
		expect(second.output).toEqual([{ loaded: ['human:My name is Ada', 'ai:Hi Ada'] }, { loaded: ['human:My name is Ada', 'ai:Hi Ada', 'human:What is my name?', 'ai:Ada'] }]);
		// n8n's log wrapper shows each memory call on the memory node (what the editor's logs view lists).
		const memoryRuns = second.run.data.resultData.runData['DynamoDB Chat Memory'] ?? [];
		expect(memoryRuns.map((r) => (r.inputOverride?.ai_memory?.[0]?.[0]?.json as IDataObject | undefined)?.action)).toEqual(['loadMemoryVariables', 'saveContext', 'loadMemoryVariables']);
		expect((await run({ sessionId: 'chat-2' }, parameters(), [{ load: true }])).output).toEqual([{ loaded: [] }]);
	});

	it('takes the session from the Key expression, and the window from Context Window Length (turns)', async () => {
		const custom = parameters({ sessionIdType: 'customKey', sessionKey: '={{ "user-" + $json.userId }}', contextWindowLength: 1 });
		await run({ userId: 7 }, custom, [{ save: ['one', '1'] }, { save: ['two', '2'] }]);
		const { output, error } = await run({ userId: 7 }, custom, [{ load: true }, { history: true }]);
		expect(error).toBeUndefined();
		expect(output).toEqual([{ loaded: ['human:two', 'ai:2'] }, { history: ['human:one', 'ai:1', 'human:two', 'ai:2'] }]);
		// Stored under the Key's value, as another program or memory node would look it up.
		expect((await run({ sessionId: 'user-7' }, parameters(), [{ history: true }])).output).toEqual([{ history: ['human:one', 'ai:1', 'human:two', 'ai:2'] }]);
		await run({ userId: 7 }, custom, [{ clear: true }]);
		expect((await run({ userId: 7 }, custom, [{ history: true }])).output).toEqual([{ history: [] }]);
	});

	it('says so when there is no session id, or the Key is empty, and checks the options', async () => {
		const none = await run({ chatInput: 'hi' }, parameters(), [{ load: true }]);
		expect(none.memoryError?.message).toBe('No session ID found');
		expect(none.memoryError?.description).toContain("field called 'sessionId'");
		const empty = await run({ chatInput: 'hi' }, parameters({ sessionIdType: 'customKey', sessionKey: '={{ $json.missing }}' }), [{ load: true }]);
		expect(empty.memoryError?.message).toBe('Key parameter is empty');
		const twice = await run({ sessionId: 's' }, parameters({ options: { ttlAttribute: 'role' } }), [{ load: true }]);
		expect(twice.memoryError?.message).toBe('The attribute name "role" is used twice: Session ID Attribute, Message ID Attribute and TTL Attribute must differ from each other and from role, text, message');
		const window = await run({ sessionId: 's' }, parameters({ contextWindowLength: 0 }), [{ load: true }]);
		expect(window.memoryError?.message).toBe('Context Window Length must be a whole number of at least 1, got 0');
	});

	it('explains a missing table with the bodies that create it', async () => {
		const missing = uniqueTable('nope');
		const { error } = await run({ sessionId: 's' }, parameters({ table: { __rl: true, mode: 'name', value: missing } }), [{ load: true }]);
		expect(error?.message).toBe(`Table "${missing}" does not exist (in this credential's account and region)`);
		expect(error?.description).toContain('"TableName"');
		expect((await run({ sessionId: 's' }, parameters({ table: { __rl: true, mode: 'name', value: missing } }), [{ save: ['q', 'a'] }])).memoryError?.message).toBe(error?.message);
		expect(error?.description).toContain('Update Time To Live');
	});
});
