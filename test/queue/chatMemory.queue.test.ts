/**
 * DynamoDB Chat Memory in n8n's queue mode: a main and two workers share one conversation through
 * the table. A Webhook → AI Agent workflow (n8n's OpenAI Chat Model, its credential's Base URL on the
 * OpenAI stand-in of this process; our memory with the session from the request) answers one chat
 * turn per call; the workers take the calls as Bull hands them out. The system message names the
 * process that ran the turn, so the stand-in's record shows which worker answered, and what that
 * worker sent the model: every earlier turn, whichever worker saved it.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_ATTRIBUTES } from '../../nodes/DynamoDbChatMemory/settings';
import { createTableBody } from '../../nodes/DynamoDbChatMemory/table';
import { contentText, startOpenAiStandIn, type StandIn } from '../helpers/openAiStandIn';
import { client, n8nLib, runDir, stackLib, tarball, writeWorkflows, type Stack } from './helpers';

const NAME = 'chat-memory';
const TABLE = 'queue_chat_memory';

function chatWorkflow(stack: Stack) {
	const at = (x: number, y: number) => [x, y];
	return {
		id: 'queueChatMemory01',
		name: 'queue: Webhook → AI Agent with DynamoDB Chat Memory',
		nodes: [
			{ id: 'qc-webhook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: at(0, 0), webhookId: 'queue-chat-memory', parameters: { httpMethod: 'POST', path: 'queue-chat', responseMode: 'lastNode', options: {} } },
			{
				id: 'qc-agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: at(260, 0),
				parameters: { promptType: 'define', text: '={{ $json.body.text }}', options: { systemMessage: '=Answered by {{ $env.QUEUE_PROCESS_NAME }}' } },
			},
			{
				id: 'qc-model',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: at(180, 240),
				parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, options: {} },
				credentials: { openAiApi: { id: 'queueOpenAiStandIn', name: 'OpenAI stand-in' } },
			},
			{
				id: 'qc-memory',
				name: 'DynamoDB Chat Memory',
				type: 'n8n-nodes-dynamodb.dynamoDbChatMemory',
				typeVersion: 1,
				position: at(380, 240),
				parameters: { table: { __rl: true, mode: 'name', value: TABLE }, sessionIdType: 'customKey', sessionKey: '={{ $json.body.sessionId }}', contextWindowLength: 20, options: {} },
				credentials: { dynamoDbApi: stack.credential },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			'DynamoDB Chat Memory': { ai_memory: [[{ node: 'AI Agent', type: 'ai_memory', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

describe('DynamoDB Chat Memory in queue mode (main + 2 workers)', () => {
	let stack: Stack;
	let db: DynamoDBClient;
	let standIn: StandIn;

	beforeAll(async () => {
		standIn = await startOpenAiStandIn();
		stack = await stackLib.startStack({
			runDir: runDir(NAME),
			tarball: tarball(),
			queue: true,
			workers: 2,
			// $env is blocked in n8n by default; here it only serves to name the process that ran a turn.
			env: { N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false', QUEUE_PROCESS_NAME: 'main' },
			workerEnv: (worker: string) => ({ QUEUE_PROCESS_NAME: worker }),
			log: (line: string) => process.stdout.write(`[queue ${NAME}] ${line}\n`),
		});
		db = client(stack.dynamoEndpoint);
		await db.send(new CreateTableCommand(JSON.parse(createTableBody(TABLE, DEFAULT_ATTRIBUTES))));
		const credentials = path.join(runDir(NAME), 'openai-credential.json');
		fs.writeFileSync(credentials, JSON.stringify([{ id: 'queueOpenAiStandIn', name: 'OpenAI stand-in', type: 'openAiApi', data: { apiKey: 'sk-queue-stand-in', url: standIn.url } }]));
		await stack.cli(['import:credentials', `--input=${credentials}`]);
		const dir = path.join(runDir(NAME), 'workflows');
		const workflow = chatWorkflow(stack);
		writeWorkflows(dir, [workflow]);
		await stack.cli(['import:workflow', '--separate', `--input=${dir}`]);
		const { cookie } = await n8nLib.setupOwner(stack.url);
		await n8nLib.publish(stack.url, cookie, workflow.id);
	}, 600_000);

	afterAll(async () => {
		db?.destroy();
		await stack?.stop();
		await standIn?.close();
	}, 120_000);

	test('turns of one session answered by different workers each carry all the turns before them', async () => {
		const sessionId = `queue-${Date.now()}`;
		const answeredBy: string[] = [];
		// Turns one after the other, as a chat sends them; until both workers have answered some (at most 16).
		for (let n = 1; n <= 16 && !(n > 6 && new Set(answeredBy).size === 2); n++) {
			const before = standIn.chats.length;
			// n8n registers a published workflow's webhooks a moment after the Publish answers: 404 until then.
			let response: Response;
			const deadline = Date.now() + 60_000;
			do {
				response = await fetch(`${stack.url}/webhook/queue-chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, text: `turn ${n}` }) });
				if (response.status === 404) await new Promise((r) => setTimeout(r, 1000));
			} while (response.status === 404 && Date.now() < deadline);
			const body = await response.text();
			expect({ status: response.status, body }).toEqual({ status: 200, body: expect.stringContaining(`echo: turn ${n}`) });
			expect(standIn.chats.length).toBe(before + 1);
			const sent = standIn.chats[before].messages.map((m) => `${m.role}:${contentText(m.content)}`);
			const [system, ...conversation] = sent;
			answeredBy.push(system.replace('system:Answered by ', ''));
			const earlier = Array.from({ length: n - 1 }, (_, i) => [`user:turn ${i + 1}`, `assistant:echo: turn ${i + 1}`]).flat();
			expect(conversation).toEqual([...earlier, `user:turn ${n}`]);
		}
		process.stdout.write(`[queue ${NAME}] ${answeredBy.length} turns answered by ${answeredBy.join(', ')}\n`);
		expect(new Set(answeredBy)).toEqual(new Set(['worker-1', 'worker-2']));
	}, 600_000);
});
