/**
 * DynamoDB Chat Memory's data plane on DynamoDB Local, through a recording proxy: what the node
 * keeps and gives back (the effect), and the requests that did it (at the wire).
 */
import { CreateTableCommand, DescribeTimeToLiveCommand, QueryCommand, UpdateTimeToLiveCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Message } from '@n8n/ai-node-sdk';
import type { INode } from 'n8n-workflow';
import { closeClients } from '../../nodes/DynamoDb/transport/client';
import { itemOf, newTurnId, type Attributes } from '../../nodes/DynamoDbChatMemory/layout';
import { SessionMemory } from '../../nodes/DynamoDbChatMemory/memory';
import { Session, type SessionSettings } from '../../nodes/DynamoDbChatMemory/session';
import { createTableBody } from '../../nodes/DynamoDbChatMemory/table';
import { createTable, localCredentials, rawClient, TEST_SECRET_ACCESS_KEY, uniqueTable } from '../helpers/local';
import { startProxy, type Proxy } from '../helpers/proxy';
import { startRecorder, type Recorder } from '../helpers/recorder';
import { recordForScan } from '../helpers/secrets';

const node: INode = { id: 'm1', name: 'DynamoDB Chat Memory', type: 'n8n-nodes-dynamodb.dynamoDbChatMemory', typeVersion: 1, position: [0, 0], parameters: {} };
const ATTRIBUTES: Attributes = { session: 'sessionId', message: 'messageId', ttl: 'expiresAt' };

const text = (role: Message['role'], value: string): Message => ({ role, content: [{ type: 'text', text: value }] });
const texts = (messages: Message[]) => messages.map((m) => `${m.role}:${(m.content[0] as { text: string }).text}`);
const actions = (proxy: Proxy) => proxy.requests.map((r) => r.target.replace('DynamoDB_20120810.', ''));

describe('DynamoDB Chat Memory on DynamoDB Local', () => {
	const client = rawClient();
	let recorder: Recorder;

	beforeAll(async () => {
		recorder = await startRecorder();
	});
	afterAll(async () => {
		closeClients();
		await recorder.close();
		client.destroy();
	});

	async function memoryTable(): Promise<string> {
		const table = uniqueTable('chat');
		await client.send(new CreateTableCommand(JSON.parse(createTableBody(table, ATTRIBUTES))));
		return table;
	}

	function sessionOf(settings: Partial<SessionSettings> & { table: string }, endpoint = recorder.endpoint, pause?: (ms: number) => Promise<void>): Session {
		return new Session(localCredentials(endpoint), { sessionId: 'A', attributes: ATTRIBUTES, ttlDays: 0, ...settings }, node, pause);
	}

	/** Requests sent by `work` alone. */
	async function sent(work: () => Promise<unknown>, proxy: Proxy = recorder) {
		const before = proxy.requests.length;
		await work();
		return proxy.requests.slice(before);
	}

	it('keeps the turns of a session and gives back the last K in order, with one Query for the window', async () => {
		const table = await memoryTable();
		const memory = new SessionMemory(sessionOf({ table }), 3);
		for (let turn = 1; turn <= 7; turn++) await memory.saveTurn(`q${turn}`, `a${turn}`);

		const requests = await sent(async () => expect(texts(await memory.loadMessages())).toEqual(['user:q5', 'assistant:a5', 'user:q6', 'assistant:a6', 'user:q7', 'assistant:a7']));
		expect(requests.map((r) => r.target)).toEqual(['DynamoDB_20120810.Query']);
		expect(requests[0].body).toMatchObject({ TableName: table, ScanIndexForward: false, Limit: 6, ConsistentRead: true, ExpressionAttributeValues: { ':s': { S: 'A' } } });
		// The whole history, oldest first, for the Chat Memory Manager.
		expect(texts(await memory.chatHistory.getMessages())).toHaveLength(14);
		expect(texts(await memory.chatHistory.getMessages()).slice(0, 2)).toEqual(['user:q1', 'assistant:a1']);
	});

	it('saves a turn as one BatchWriteItem of its messages, each an item of role and text under consecutive sort keys', async () => {
		const table = await memoryTable();
		const memory = new SessionMemory(sessionOf({ table }), 5);
		await memory.saveTurn('warm', 'up'); // the table check (DescribeTable) happens once per client
		const requests = await sent(() => memory.saveTurn('Hello, I am Ada', 'Hi Ada!'));
		expect(actions(recorder).slice(-1)).toEqual(['BatchWriteItem']);
		expect(requests).toHaveLength(1);
		const puts = (requests[0].body as { RequestItems: Record<string, Array<{ PutRequest: { Item: Record<string, AttributeValue> } }>> }).RequestItems[table];
		expect(puts.map((p) => p.PutRequest.Item)).toEqual([
			{ sessionId: { S: 'A' }, messageId: { S: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#[0-9a-z]{4}[0-9a-f]{8}#0000$/) }, role: { S: 'user' }, text: { S: 'Hello, I am Ada' } },
			{ sessionId: { S: 'A' }, messageId: { S: expect.stringMatching(/#0001$/) }, role: { S: 'assistant' }, text: { S: 'Hi Ada!' } },
		]);
		const [first, second] = puts.map((p) => p.PutRequest.Item.messageId.S!);
		expect(first.slice(0, -4)).toBe(second.slice(0, -4));
	});

	it('keeps sessions apart', async () => {
		const table = await memoryTable();
		const a = new SessionMemory(sessionOf({ table, sessionId: 'A' }), 5);
		const b = new SessionMemory(sessionOf({ table, sessionId: 'B' }), 5);
		await a.saveTurn('I am in A', 'noted A');
		await b.saveTurn('I am in B', 'noted B');
		await a.saveTurn('still A', 'yes A');
		expect(texts(await a.loadMessages())).toEqual(['user:I am in A', 'assistant:noted A', 'user:still A', 'assistant:yes A']);
		expect(texts(await b.loadMessages())).toEqual(['user:I am in B', 'assistant:noted B']);
		expect(await new SessionMemory(sessionOf({ table, sessionId: 'C' }), 5).loadMessages()).toEqual([]);
	});

	it('writes the TTL attribute (epoch seconds, N days ahead) that the table\'s Time to Live reads', async () => {
		const table = await memoryTable();
		await client.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttlAt' } }));
		expect((await client.send(new DescribeTimeToLiveCommand({ TableName: table }))).TimeToLiveDescription?.AttributeName).toBe('ttlAt');
		const before = Math.floor(Date.now() / 1000);
		await new SessionMemory(sessionOf({ table, ttlDays: 7, attributes: { ...ATTRIBUTES, ttl: 'ttlAt' } }), 5).saveTurn('q', 'a');
		const after = Math.floor(Date.now() / 1000);
		const { Items } = await client.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'sessionId = :s', ExpressionAttributeValues: { ':s': { S: 'A' } } }));
		expect(Items).toHaveLength(2);
		for (const item of Items!) {
			expect(Number(item.ttlAt.N)).toBeGreaterThanOrEqual(before + 7 * 86_400);
			expect(Number(item.ttlAt.N)).toBeLessThanOrEqual(after + 7 * 86_400);
		}
		// Without Message TTL no TTL attribute is written.
		await new SessionMemory(sessionOf({ table, sessionId: 'B', attributes: { ...ATTRIBUTES, ttl: 'ttlAt' } }), 5).saveTurn('q', 'a');
		const b = await client.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'sessionId = :s', ExpressionAttributeValues: { ':s': { S: 'B' } } }));
		expect(b.Items!.every((item) => !('ttlAt' in item))).toBe(true);
	});

	it('loads the window of a 5,000-message session with one Query of 2 × K items', async () => {
		const table = await memoryTable();
		// 2,500 turns written as the node lays them out, 25 messages per BatchWriteItem (faster than 2,500 calls).
		const items: Array<Record<string, AttributeValue>> = [];
		for (let turn = 0; turn < 2_500; turn++) {
			const turnId = newTurnId();
			items.push(itemOf(text('user', `q${turn}`), { sessionId: 'long', turnId, index: 0 }, ATTRIBUTES));
			items.push(itemOf(text('assistant', `a${turn}`), { sessionId: 'long', turnId, index: 1 }, ATTRIBUTES));
		}
		const { BatchWriteItemCommand } = await import('@aws-sdk/client-dynamodb');
		for (let i = 0; i < items.length; i += 25) {
			await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
		}
		const memory = new SessionMemory(sessionOf({ table, sessionId: 'long' }), 4);
		await memory.loadMessages(); // the table check, once per client
		let window: Message[] = [];
		const requests = await sent(async () => (window = await memory.loadMessages()));
		expect(texts(window)).toEqual(['user:q2496', 'assistant:a2496', 'user:q2497', 'assistant:a2497', 'user:q2498', 'assistant:a2498', 'user:q2499', 'assistant:a2499']);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ target: 'DynamoDB_20120810.Query', body: { Limit: 8, ScanIndexForward: false } });
		// And the whole session is there, in order.
		const all = await memory.chatHistory.getMessages();
		expect(all).toHaveLength(5_000);
		expect(texts(all).slice(0, 2)).toEqual(['user:q0', 'assistant:a0']);
	});

	it('gives back every kind of message part exactly as it was saved', async () => {
		const table = await memoryTable();
		const bytes = new Uint8Array([0, 1, 2, 250, 255]);
		const turn: Message[] = [
			{ role: 'system', content: [{ type: 'text', text: 'You are terse.' }] },
			{ role: 'user', id: 'u-1', name: 'ada', content: [{ type: 'text', text: 'Look at this' }, { type: 'file', mediaType: 'image/png', data: bytes }, { type: 'file', mediaType: 'text/plain', data: 'aGVsbG8=' }] },
			{
				role: 'assistant',
				content: [
					{ type: 'reasoning', text: 'The user wants the weather.', providerMetadata: { signature: 'sig==', $ref: 'kept' } },
					{ type: 'text', text: '' },
					{ type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: '{"city":"Zürich"}' },
					{ type: 'invalid-tool-call', toolCallId: 'call_2', error: 'bad JSON', args: '{', name: 'weather' },
				],
			},
			{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', result: { temp: 21.5, big: 1e21, tags: ['a', null, true], $bytes: 'not bytes', nested: JSON.parse('{"__proto__":"own key"}') }, isError: false }] },
			{
				role: 'assistant',
				content: [
					{ type: 'text', text: '21.5 °C in Zürich 🌤', providerMetadata: { openai: { id: 'x' } } },
					{ type: 'citation', source: 'web', url: 'https://example.com', title: 'Weather', startIndex: 0, endIndex: 4, text: '21.5' },
					{ type: 'provider', value: { kind: 'server-tool', payload: { n: 1 } } },
				],
			},
		];
		const expected = JSON.parse(JSON.stringify(turn, (_k, v) => (v instanceof Uint8Array ? { bytes: [...v] } : v)));
		const memory = new SessionMemory(sessionOf({ table }), 5);
		await memory.chatHistory.addMessages(turn);
		const back = await memory.chatHistory.getMessages();
		expect(JSON.parse(JSON.stringify(back, (_k, v) => (v instanceof Uint8Array ? { bytes: [...v] } : v)))).toEqual(expected);
		const file = (back[1].content[1] as { data: unknown }).data;
		expect(file).toBeInstanceOf(Uint8Array);
		expect(Object.getOwnPropertyNames((back[3].content[0] as { result: { nested: object } }).result.nested)).toEqual(['__proto__']);
		// Readable attributes for other programs, and the stored JSON only where role + text do not say it all.
		const { Items } = await client.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'sessionId = :s', ExpressionAttributeValues: { ':s': { S: 'A' } } }));
		expect(Items!.map((i) => [i.role.S, i.text.S, 'message' in i])).toEqual([
			['system', 'You are terse.', false],
			['user', 'Look at this', true],
			['assistant', '', true],
			['tool', '', true],
			['assistant', '21.5 °C in Zürich 🌤', true],
		]);
	});

	it('loses nothing when two workers save 200 turns each to one session at once: pairs adjacent, each worker in order', async () => {
		const table = await memoryTable();
		const worker = async (name: string) => {
			// Each worker's own warm client and memory, as in another process; a conversation's turns one after the other.
			const memory = new SessionMemory(new Session({ ...localCredentials(), sessionToken: name }, { table, sessionId: 'shared', attributes: ATTRIBUTES, ttlDays: 0 }, node), 5);
			for (let turn = 0; turn < 200; turn++) await memory.saveTurn(`${name} q${turn}`, `${name} a${turn}`);
		};
		await Promise.all([worker('w1'), worker('w2')]);
		const all = texts(await new SessionMemory(sessionOf({ table, sessionId: 'shared' }), 5).chatHistory.getMessages());
		expect(all).toHaveLength(800);
		expect(new Set(all).size).toBe(800);
		for (let i = 0; i < all.length; i += 2) {
			const [, question] = /^user:(w\d q\d+)$/.exec(all[i]) ?? [];
			expect(question).toBeDefined();
			expect(all[i + 1]).toBe(`assistant:${question.replace(' q', ' a')}`);
		}
		for (const name of ['w1', 'w2']) {
			const order = all.filter((m) => m.startsWith(`user:${name} `)).map((m) => Number(m.split(' q')[1]));
			expect(order).toEqual(Array.from({ length: 200 }, (_, i) => i));
		}
		// Both workers interleaved: the test really had them write at the same time.
		const firstHalf = all.slice(0, 400).join();
		expect(firstHalf).toContain('w1 q');
		expect(firstHalf).toContain('w2 q');
	});

	it('clears exactly its session, in batched deletes, and retries what DynamoDB leaves unprocessed', async () => {
		const table = await memoryTable();
		const a = new SessionMemory(sessionOf({ table, sessionId: 'A' }), 5);
		const b = new SessionMemory(sessionOf({ table, sessionId: 'B' }), 5);
		await a.chatHistory.addMessages(Array.from({ length: 130 }, (_, i) => text(i % 2 ? 'assistant' : 'user', `m${i}`)));
		await b.saveTurn('keep me', 'kept');
		// DynamoDB may process only part of a batch: the proxy forwards all but the last two deletes of the first three calls and answers those two as unprocessed.
		let shortened = 0;
		const proxy = await startProxy({
			hook: ({ action, body }) => {
				if (action !== 'BatchWriteItem' || shortened >= 3) return undefined;
				const requests = (body.RequestItems as Record<string, unknown[]>)[table];
				if (requests.length < 2) return undefined;
				shortened++;
				const kept = requests.length - 2;
				return { send: { RequestItems: { [table]: requests.slice(0, kept) } }, rewrite: () => ({ status: 200, json: { UnprocessedItems: { [table]: requests.slice(kept) } } }) };
			},
		});
		const pauses: number[] = [];
		try {
			const clearing = new SessionMemory(sessionOf({ table, sessionId: 'A' }, proxy.endpoint, async (ms) => void pauses.push(ms)), 5);
			const requests = await sent(() => clearing.clear(), proxy);
			const deletes = requests.filter((r) => r.target.endsWith('BatchWriteItem')).flatMap((r) => (r.body.RequestItems as Record<string, Array<{ DeleteRequest: { Key: Record<string, AttributeValue> } }>>)[table]);
			expect(deletes.every((d) => d.DeleteRequest.Key.sessionId.S === 'A' && Object.keys(d.DeleteRequest.Key).length === 2)).toBe(true);
			expect(deletes.length).toBe(130 + 3 * 2); // 6 calls (25 × 5 + 5), three of them with two deletes unprocessed, sent again
			expect(shortened).toBe(3);
			expect(pauses).toHaveLength(3);
		} finally {
			await proxy.close();
		}
		expect(await a.chatHistory.getMessages()).toEqual([]);
		expect(texts(await b.chatHistory.getMessages())).toEqual(['user:keep me', 'assistant:kept']);
	});

	it('says when a table does not exist, with the CreateTable body that makes one that works', async () => {
		const table = uniqueTable('missing');
		const memory = new SessionMemory(sessionOf({ table }), 5);
		const error = await memory.loadMessages().then(() => undefined, (e: Error & { description?: string }) => e);
		recordForScan('chat memory missing table', error);
		expect(error?.message).toBe(`Table "${table}" does not exist (in this credential's account and region)`);
		expect(error?.description).toContain('Create Table');
		expect(error?.description).toContain('"AttributeName": "expiresAt"');
		const body = error!.description!.slice(error!.description!.indexOf('{'), error!.description!.indexOf('\n}') + 2);
		await client.send(new CreateTableCommand(JSON.parse(body)));
		await memory.saveTurn('now', 'it works');
		expect(texts(await memory.loadMessages())).toEqual(['user:now', 'assistant:it works']);
	});

	it('refuses a table keyed otherwise before writing anything, naming both key schemas', async () => {
		const table = await createTable(client, uniqueTable('plain'));
		const memory = new SessionMemory(sessionOf({ table }), 5);
		const requests = await sent(async () => {
			const error = await memory.saveTurn('q', 'a').then(() => undefined, (e: Error & { description?: string }) => e);
			recordForScan('chat memory key mismatch', error);
			expect(error?.message).toBe(
				`Table "${table}" does not fit DynamoDB Chat Memory: its key is id (S, partition) with no sort key; it needs the partition key sessionId (string) and the sort key messageId (string)`,
			);
			expect(error?.description).toContain('Session ID Attribute');
		});
		expect(requests.map((r) => r.target)).toEqual(['DynamoDB_20120810.DescribeTable']);
	});

	it('refuses a message over 400 KB with nothing of its turn written, and keeps secrets out of AWS errors', async () => {
		const table = await memoryTable();
		const memory = new SessionMemory(sessionOf({ table }), 5);
		await memory.loadMessages();
		const requests = await sent(async () => {
			const error = await memory.saveTurn('short question', 'x'.repeat(410 * 1024)).then(() => undefined, (e: Error & { description?: string }) => e);
			expect(error?.message).toMatch(/^Message 2 of the turn \(assistant\) is 419,[0-9]{3} bytes as a DynamoDB item; DynamoDB stores items of at most 400 KB \(409,600 bytes\)\. Nothing of the turn was saved\.$/);
		});
		expect(requests).toEqual([]);
		expect(await memory.loadMessages()).toEqual([]);

		// An AWS answer that quotes the secret comes out redacted.
		const proxy = await startProxy({ hook: ({ action }) => (action === 'Query' ? { answer: { status: 400, json: { __type: 'com.amazonaws.dynamodb.v20120810#ValidationException', message: `bad ${TEST_SECRET_ACCESS_KEY}` } } } : undefined) });
		try {
			const error = await new SessionMemory(sessionOf({ table }, proxy.endpoint), 5).loadMessages().then(() => undefined, (e: Error) => e);
			recordForScan('chat memory redacted', error);
			expect(error?.message).toBe('Chat memory failed. DynamoDB answered ValidationException: bad ***');
		} finally {
			await proxy.close();
		}
	});
});

export type { DynamoDBClient };
