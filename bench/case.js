// One benchmark case in its own process, so its peak RSS is its own: `node bench/case.js <case> <json>`.
// Prints one JSON line: { ms, items, rssBeforeMB, peakRssMB }.
// The SDK warns once per process that releases after January 2027 need Node 22: not bench output.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => (String(warning).includes('NodeVersionSupportWarning') ? undefined : emitWarning.call(process, warning, ...rest));
const {
	DynamoDBClient,
	PutItemCommand,
	BatchWriteItemCommand,
	paginateScan,
} = require('@aws-sdk/client-dynamodb');
const { marshall, unmarshall } = require('@aws-sdk/util-dynamodb');
const path = require('node:path');
const { data, credentials } = require('./data');

const [name, configText] = process.argv.slice(2);
const config = JSON.parse(configText);
const { endpoint, table, count, parallel } = config;

const rawClient = () => new DynamoDBClient({ region: credentials.region, endpoint, credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey } });

/** At most `limit` promises in flight over `items`. */
async function inFlight(items, limit, fn) {
	let next = 0;
	await Promise.all(Array.from({ length: limit }, async () => {
		while (next < items.length) await fn(items[next++]);
	}));
}

const putBody = `={ "TableName": "${table}", "Item": { "id": "{{ $json.id }}", "name": "{{ $json.name }}", "n": {{ $json.n }} } }`;

const cases = {
	async 'node-sequential'() {
		return await node({ operation: 'PutItem', body: putBody, options: {} }, data(count));
	},
	async 'node-parallel'() {
		return await node({ operation: 'PutItem', body: putBody, options: { parallelRequests: parallel } }, data(count));
	},
	async 'node-bulk'() {
		return await node({ operation: 'PutItem', body: putBody, options: { bulkMode: true, parallelRequests: parallel } }, data(count));
	},
	async 'node-scan'() {
		return await node({ operation: 'Scan', body: `{ "TableName": "${table}" }`, options: { returnAll: true } }, [{}]);
	},
	async 'raw-sequential'() {
		const client = rawClient();
		const items = data(count);
		const start = performance.now();
		for (const item of items) await client.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
		return done(start, items.length, client);
	},
	async 'raw-parallel'() {
		const client = rawClient();
		const items = data(count);
		const start = performance.now();
		await inFlight(items, parallel, (item) => client.send(new PutItemCommand({ TableName: table, Item: marshall(item) })));
		return done(start, items.length, client);
	},
	async 'raw-bulk'() {
		const client = rawClient();
		const items = data(count);
		const start = performance.now();
		const chunks = [];
		for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: marshall(item) } })));
		await inFlight(chunks, parallel, async (requests) => {
			let RequestItems = { [table]: requests };
			while (RequestItems && Object.keys(RequestItems).length > 0) {
				({ UnprocessedItems: RequestItems } = await client.send(new BatchWriteItemCommand({ RequestItems })));
			}
		});
		return done(start, items.length, client);
	},
	async 'raw-scan'() {
		const client = rawClient();
		const start = performance.now();
		const records = [];
		for await (const page of paginateScan({ client }, { TableName: table })) for (const item of page.Items) records.push(unmarshall(item));
		return done(start, records.length, client);
	},
};

/** The shared engine harness (scripts/engine.js) with the built node from dist/, loaded once. */
let loaded;
function engine() {
	if (!loaded) {
		const { runNode, outputOf } = require('../scripts/engine');
		const { DynamoDb } = require(path.join(__dirname, '..', 'dist', 'nodes', 'DynamoDb', 'DynamoDb.node.js'));
		loaded = { runNode, outputOf, nodeType: new DynamoDb() };
	}
	return loaded;
}

async function node(parameters, input) {
	const { runNode, outputOf, nodeType } = engine();
	const start = performance.now();
	const out = outputOf(await runNode({ nodeType, input, parameters, credentials: { ...credentials, endpoint } }));
	return done(start, out.length);
}

function done(start, items, client) {
	const ms = performance.now() - start;
	client?.destroy();
	return { ms, items };
}

(async () => {
	// Load modules first, so the memory figure shows the case, not the loading.
	if (name.startsWith('node')) engine();
	const rssBeforeMB = process.memoryUsage().rss / 2 ** 20;
	const cpuBefore = process.cpuUsage();
	const result = await cases[name]();
	const cpu = process.cpuUsage(cpuBefore);
	result.cpuMs = (cpu.user + cpu.system) / 1000;
	const peakRssMB = process.resourceUsage().maxRSS / 1024;
	console.log(JSON.stringify({ ...result, rssBeforeMB, peakRssMB }));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
