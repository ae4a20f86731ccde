#!/usr/bin/env node
// DynamoDB Chat Memory (built) against the raw AWS SDK sending the same requests to DynamoDB Local:
// loading the window (one Query, newest first, Limit 2 × 5 turns, consistent, items → SDK messages)
// and saving a turn (one BatchWriteItem of the question and the answer), on a 10-message and a
// 5,000-message session. Each operation runs BENCH_CHAT_OPS times in a row, as turns of a chat do;
// both sides take turns (ABBA) in one process; the table shows medians of the warm rounds and the
// median of the pair ratios. Every run is checked: each load must give back the same 10 messages.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const os = require('node:os');
const { randomBytes } = require('node:crypto');
const { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, QueryCommand } = require('@aws-sdk/client-dynamodb');
const { start } = require('../scripts/dynamodb-local');
const { Session } = require('../dist/nodes/DynamoDbChatMemory/session');
const { SessionMemory } = require('../dist/nodes/DynamoDbChatMemory/memory');
const { DEFAULT_ATTRIBUTES } = require('../dist/nodes/DynamoDbChatMemory/settings');
const { createTableBody } = require('../dist/nodes/DynamoDbChatMemory/table');
const { closeClients } = require('../dist/nodes/DynamoDb/transport/client');
const { credentials } = require('./data');

const OPS = Number(process.env.BENCH_CHAT_OPS ?? 300);
const ROUNDS = Number(process.env.BENCH_CHAT_ROUNDS ?? 9);
const TABLE = 'bench_chat';
const WINDOW = 5;
const ATTRIBUTES = { session: 'sessionId', message: 'messageId', ttl: 'expiresAt' };
const node = { id: 'b', name: 'DynamoDB Chat Memory', type: 'n8n-nodes-dynamodb.dynamoDbChatMemory', typeVersion: 1, position: [0, 0], parameters: {} };

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const question = (n) => `Question ${n}: what did we agree on about the delivery date of order ${n}?`;
const answer = (n) => `Answer ${n}: the delivery of order ${n} is planned for next Tuesday, between 9 and 12.`;

/** What the raw SDK side does: the same Query, the same item → message reading. */
async function rawLoad(client, sessionId) {
	const { Items } = await client.send(
		new QueryCommand({
			TableName: TABLE,
			KeyConditionExpression: '#s = :s',
			ExpressionAttributeNames: { '#s': 'sessionId' },
			ExpressionAttributeValues: { ':s': { S: sessionId } },
			ScanIndexForward: false,
			Limit: 2 * WINDOW,
			ConsistentRead: true,
		}),
	);
	return Items.reverse().map((i) => (i.message ? JSON.parse(i.message.S) : { role: i.role.S, content: [{ type: 'text', text: i.text.S }] }));
}

/** The same BatchWriteItem of a question and its answer under one new turn id. */
async function rawSave(client, sessionId, n) {
	const turn = `${new Date().toISOString()}#${randomBytes(6).toString('hex')}`;
	const item = (index, role, text) => ({ PutRequest: { Item: { sessionId: { S: sessionId }, messageId: { S: `${turn}#000${index}` }, role: { S: role }, text: { S: text } } } });
	let RequestItems = { [TABLE]: [item(0, 'user', question(n)), item(1, 'assistant', answer(n))] };
	while (RequestItems && Object.keys(RequestItems).length) ({ UnprocessedItems: RequestItems } = await client.send(new BatchWriteItemCommand({ RequestItems })));
}

async function seed(client, sessionId, messages) {
	const memory = memoryOf(client.endpointUrl, sessionId);
	const turns = [];
	for (let n = 0; n < messages / 2; n++) turns.push([question(n), answer(n)]);
	// 25 turns at a time in flight: the node's own saves, so the items are exactly its layout.
	for (let i = 0; i < turns.length; i += 25) await Promise.all(turns.slice(i, i + 25).map(([q, a]) => memory.saveTurn(q, a)));
}

function memoryOf(endpoint, sessionId) {
	return new SessionMemory(new Session({ ...credentials, endpoint }, { table: TABLE, sessionId, attributes: ATTRIBUTES, ttlDays: 0 }, node), WINDOW);
}

async function main() {
	const server = await start();
	const endpoint = server.endpoint;
	const client = new DynamoDBClient({ region: credentials.region, endpoint, credentials });
	client.endpointUrl = endpoint;
	try {
		await client.send(new CreateTableCommand(JSON.parse(createTableBody(TABLE, DEFAULT_ATTRIBUTES))));
		const sizes = { '10-message': 10, '5,000-message': 5_000 };
		console.error(`DynamoDB Local at ${endpoint}; seeding sessions of ${Object.values(sizes).join(' and ')} messages (to load) and the same (to save into)`);
		for (const [name, size] of Object.entries(sizes)) {
			await seed(client, `load ${name}`, size);
			await seed(client, `save ${name}`, size);
		}
		const cases = [];
		for (const name of Object.keys(sizes)) {
			const expected = JSON.stringify(await rawLoad(client, `load ${name}`));
			if (JSON.parse(expected).length !== 2 * WINDOW) throw new Error(`load ${name}: the window has ${JSON.parse(expected).length} messages`);
			const check = (messages) => {
				if (JSON.stringify(messages) !== expected) throw new Error(`load ${name}: a side gave back another window`);
			};
			const memory = memoryOf(endpoint, `load ${name}`);
			cases.push({
				label: `load the window (last ${WINDOW} turns = ${2 * WINDOW} messages, one Query) of a ${name} session`,
				node: async () => check(await memory.loadMessages()),
				raw: async () => check(await rawLoad(client, `load ${name}`)),
			});
			const saving = memoryOf(endpoint, `save ${name}`);
			let n = 0;
			cases.push({
				label: `save a turn (question + answer, one BatchWriteItem) to a ${name} session`,
				node: async () => saving.saveTurn(question(n), answer(n++)),
				raw: async () => rawSave(client, `save ${name}`, n++),
			});
		}
		const rows = [];
		for (const c of cases) {
			const runs = { node: [], raw: [] };
			for (let round = 0; round <= ROUNDS; round++) {
				for (const side of round % 2 ? ['node', 'raw'] : ['raw', 'node']) {
					const t0 = performance.now();
					for (let i = 0; i < OPS; i++) await c[side]();
					runs[side].push((performance.now() - t0) / OPS);
				}
			}
			const steady = (side) => runs[side].slice(1);
			const ratios = steady('node').map((ms, i) => ms / steady('raw')[i]);
			console.error(`  ${c.label}: node ${steady('node').map((ms) => ms.toFixed(2)).join(' / ')} ms, raw ${steady('raw').map((ms) => ms.toFixed(2)).join(' / ')} ms`);
			rows.push(`| ${c.label} | ${median(steady('node')).toFixed(2)} ms | ${median(steady('raw')).toFixed(2)} ms | **${median(ratios).toFixed(2)}×** |`);
		}
		console.log(
			[
				'',
				`DynamoDB Chat Memory vs raw SDK — ${os.cpus().length} cores, Node ${process.version}, DynamoDB Local in memory; ${new Date().toISOString()}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
				'',
				'| per operation | memory node | raw SDK | memory / raw SDK |',
				'|---|---:|---:|---:|',
				...rows,
				'',
				`Medians of ${ROUNDS} warm rounds of ${OPS} operations in a row per side; the ratio is the median of the ratios of rounds run back to back.`,
			].join('\n'),
		);
	} finally {
		closeClients();
		client.destroy();
		server.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
