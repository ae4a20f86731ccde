// One side of the benchmark (the node or the raw SDK) in a process of its own, run by bench/run.js
// with `fork`. It loads its modules once, then runs the cases it is sent, one at a time, so every
// run after the first is measured the way a long-running n8n runs: warm. Peak RSS is this process's.
// The SDK warns once per process that releases after January 2027 need Node 22: not bench output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const path = require('node:path');
const { DynamoDBClient, PutItemCommand, BatchWriteItemCommand, UpdateItemCommand, paginateScan } = require('@aws-sdk/client-dynamodb');
const { marshall, unmarshall } = require('@aws-sdk/util-dynamodb');
const { data, credentials } = require('./data');

const side = process.argv[2];

/** At most `limit` promises in flight over `items`. */
async function inFlight(items, limit, fn) {
	let next = 0;
	await Promise.all(
		Array.from({ length: limit }, async () => {
			while (next < items.length) await fn(items[next++]);
		}),
	);
}

/** Per-call times of `calls` made `limit` at a time: resolves to their median in ms. */
async function timedCalls(items, limit, call) {
	const times = [];
	await inFlight(items, limit, async (item) => {
		const start = performance.now();
		await call(item);
		times.push(performance.now() - start);
	});
	times.sort((a, b) => a - b);
	return times[times.length >> 1];
}

/**
 * The webhook shape's raw side: one warm client for the whole process (what a developer keeps in a
 * long-running service), with the role's temporary keys from one AssumeRole when a role is given.
 */
const warmClients = new Map();
function warmClient({ endpoint, roleArn, stsEndpoint }) {
	const key = `${endpoint} ${roleArn ?? ''}`;
	if (!warmClients.has(key)) {
		const keys = { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey };
		const { AssumeRoleCommand, STSClient } = require('@aws-sdk/nested-clients/sts');
		const assumed = async () => {
			const sts = new STSClient({ region: credentials.region, endpoint: stsEndpoint, credentials: keys });
			const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'bench' })).finally(() => sts.destroy());
			return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
		};
		warmClients.set(key, new DynamoDBClient({ region: credentials.region, endpoint, credentials: roleArn ? assumed : keys }));
	}
	return warmClients.get(key);
}

/** The raw SDK: what a developer writes by hand for each pattern. Resolves to the number of items. */
const raw = {
	async sequential(client, { table, count }) {
		for (const item of data(count)) await client.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
		return count;
	},
	async parallel(client, { table, count, parallel }) {
		await inFlight(data(count), parallel, (item) => client.send(new PutItemCommand({ TableName: table, Item: marshall(item) })));
		return count;
	},
	async bulk(client, { table, count, parallel }) {
		const items = data(count);
		const chunks = [];
		for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: marshall(item) } })));
		await inFlight(chunks, parallel, async (requests) => {
			let RequestItems = { [table]: requests };
			while (RequestItems && Object.keys(RequestItems).length > 0) {
				({ UnprocessedItems: RequestItems } = await client.send(new BatchWriteItemCommand({ RequestItems })));
			}
		});
		return count;
	},
	// The UpdateItem Update From Input sends for each item, written by hand: the same request on the wire.
	async updateFromInput(client, { table, count }) {
		for (const item of data(count)) await client.send(new UpdateItemCommand(updateOf(table, item)));
		return count;
	},
	async updateFromInput8(client, { table, count, parallel }) {
		await inFlight(data(count), parallel, (item) => client.send(new UpdateItemCommand(updateOf(table, item))));
		return count;
	},
	async scan(client, { table }) {
		const records = [];
		for await (const page of paginateScan({ client }, { TableName: table })) for (const item of page.Items) records.push(unmarshall(item));
		return records.length;
	},
};

/** One item's UpdateItem as Update From Input builds it: key id, the other fields SET through placeholders, ReturnValues ALL_NEW. */
const updateOf = (table, { id, name, n }) => ({
	TableName: table,
	Key: { id: { S: id } },
	UpdateExpression: 'SET #f0 = :f0, #f1 = :f1',
	ExpressionAttributeNames: { '#f0': 'name', '#f1': 'n' },
	ExpressionAttributeValues: { ':f0': { S: name }, ':f1': { N: String(n) } },
	ReturnValues: 'ALL_NEW',
});

/** The webhook shape: one PutItem per call, each call on its own; `parallel` calls in flight. Resolves to { items, perCallMs }. */
const webhook = {
	raw: async (config) => {
		const client = warmClient(config);
		const perCallMs = await timedCalls(data(config.count), config.parallel, (item) => client.send(new PutItemCommand({ TableName: config.table, Item: marshall(item) })));
		return { items: config.count, perCallMs };
	},
	/** Each call a fresh n8n execution of Source → DynamoDB with one item, as n8n runs a webhook's workflow. */
	node: async (config) => {
		const parameters = { operation: 'PutItem', body: putBody(config.table), options: {} };
		const role = config.roleArn ? { roleArn: config.roleArn, stsEndpoint: config.stsEndpoint } : {};
		let items = 0;
		const perCallMs = await timedCalls(data(config.count), config.parallel, async (item) => {
			const result = await engine.runNode({ nodeType: engine.nodeType, input: [item], parameters, credentials: { ...credentials, endpoint: config.endpoint, ...role } });
			items += engine.outputOf(result).length;
		});
		return { items, perCallMs };
	},
	/**
	 * n8n's floors, in the node's process: the same executions with, in the DynamoDB node's place, a
	 * node of one property that sends the same PutItem on one warm client (the least any n8n node
	 * sending this request can cost), and a node that does nothing (No Op: the engine alone).
	 */
	floor: async (config) => {
		const client = warmClient(config);
		const sendOnly = {
			description: { ...noOp.description, displayName: 'Send Only', name: 'sendOnly', properties: [{ displayName: 'Table', name: 'table', type: 'string', default: '' }] },
			async execute() {
				const input = this.getInputData();
				await client.send(new PutItemCommand({ TableName: this.getNodeParameter('table', 0), Item: marshall(input[0].json) }));
				return [input];
			},
		};
		let items = 0;
		const perCallMs = await timedCalls(data(config.count), config.parallel, async (item) => {
			const result = await engine.runNode({ nodeType: sendOnly, input: [item], parameters: { table: config.table }, credentials: {} });
			items += engine.outputOf(result).length;
		});
		const noOpMs = await timedCalls(data(config.count), config.parallel, (item) => engine.runNode({ nodeType: noOp, input: [item], parameters: {}, credentials: {} }));
		return { items, perCallMs, noOpMs };
	},
};

/** A node that hands its input on unchanged (n8n's No Op): the engine's own cost per execution. */
const noOp = {
	description: { displayName: 'No Op', name: 'noOp', group: ['transform'], version: 1, description: '', defaults: { name: 'No Op' }, inputs: ['main'], outputs: ['main'], properties: [] },
	async execute() {
		return [this.getInputData()];
	},
};

/** The node: the built package from dist/, executed by n8n-core's engine (scripts/engine.js). */
const putBody = (table) => `={ "TableName": "${table}", "Item": { "id": "{{ $json.id }}", "name": "{{ $json.name }}", "n": {{ $json.n }} } }`;
const picked = (table) => ({ __rl: true, mode: 'name', value: table });
const node = {
	sequential: ({ table, count }) => [{ operation: 'PutItem', body: putBody(table), options: {} }, data(count)],
	parallel: ({ table, count, parallel }) => [{ operation: 'PutItem', body: putBody(table), options: { parallelRequests: parallel } }, data(count)],
	bulk: ({ table, count, parallel }) => [{ operation: 'PutItem', body: putBody(table), options: { bulkMode: true, parallelRequests: parallel } }, data(count)],
	scan: ({ table }) => [{ operation: 'Scan', body: `{ "TableName": "${table}" }`, options: { returnAll: true } }, [{}]],
	// As a newcomer sets it up: the table picked, the option on, the prefilled body left as it is.
	updateFromInput: ({ table, count }) => [{ operation: 'UpdateItem', options: { table: picked(table), updateFromInput: true } }, data(count)],
	updateFromInput8: ({ table, count, parallel }) => [{ operation: 'UpdateItem', options: { table: picked(table), updateFromInput: true, parallelRequests: parallel } }, data(count)],
};

let engine;
if (side === 'node') {
	const { runNode, outputOf } = require('../scripts/engine');
	const { DynamoDb } = require(path.join(__dirname, '..', 'dist', 'nodes', 'DynamoDb', 'DynamoDb.node.js'));
	engine = { runNode, outputOf, nodeType: new DynamoDb() };
}

/** One run of `pattern`: its time, CPU (user + system of this process) and the items it handled. */
async function run({ pattern, endpoint, ...config }) {
	if (pattern.startsWith('webhook')) {
		const cpuBefore = process.cpuUsage();
		const start = performance.now();
		const result = await webhook[config.floor ? 'floor' : side]({ endpoint, ...config });
		const cpu = process.cpuUsage(cpuBefore);
		return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, ...result };
	}
	const client = side === 'raw' ? new DynamoDBClient({ region: credentials.region, endpoint, credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey } }) : undefined;
	const cpuBefore = process.cpuUsage();
	const start = performance.now();
	let items;
	if (client) items = await raw[pattern](client, config);
	else {
		const [parameters, input] = node[pattern](config);
		items = engine.outputOf(await engine.runNode({ nodeType: engine.nodeType, input, parameters, credentials: { ...credentials, endpoint } })).length;
	}
	const ms = performance.now() - start;
	const cpu = process.cpuUsage(cpuBefore);
	client?.destroy();
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, items };
}

const mb = (bytes) => bytes / 2 ** 20;
process.on('message', (message) => {
	if (message === 'peak') return process.send({ peakRssMB: process.resourceUsage().maxRSS / 1024 });
	run(message).then(
		(result) => process.send(result),
		(error) => process.send({ error: String(error?.stack ?? error) }),
	);
});
// Loaded: the memory figure's baseline.
process.send({ ready: true, rssMB: mb(process.memoryUsage().rss) });
