#!/usr/bin/env node
// `npm run bench`: the node (built, run by n8n-core's WorkflowExecute) against the raw AWS SDK on
// DynamoDB Local, same data, same machine, one run. Each case runs in its own process; memory is
// that process's peak RSS (and RSS before the measured part, after loading modules).
// The SDK warns once per process that releases after January 2027 need Node 22: not bench output.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => (String(warning).includes('NodeVersionSupportWarning') ? undefined : emitWarning.call(process, warning, ...rest));
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { DynamoDBClient, CreateTableCommand, DeleteTableCommand, BatchWriteItemCommand, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { marshall } = require('@aws-sdk/util-dynamodb');
const { start } = require('../scripts/dynamodb-local');
const { data, credentials } = require('./data');

const COUNT = Number(process.env.BENCH_ITEMS ?? 10_000);
const SCAN_COUNT = Number(process.env.BENCH_SCAN_ITEMS ?? 100_000);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 8);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

async function main() {
	const server = await start();
	const endpoint = server.endpoint;
	const client = new DynamoDBClient({ region: credentials.region, endpoint, credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey } });
	let tables = 0;
	const createTable = async () => {
		const TableName = `bench_${tables++}`;
		await client.send(
			new CreateTableCommand({ TableName, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
		);
		return TableName;
	};
	const fill = async (table, count) => {
		const items = data(count);
		const chunks = [];
		for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
		let next = 0;
		await Promise.all(Array.from({ length: 8 }, async () => {
			while (next < chunks.length) {
				let RequestItems = { [table]: chunks[next++].map((item) => ({ PutRequest: { Item: marshall(item) } })) };
				while (RequestItems && Object.keys(RequestItems).length) ({ UnprocessedItems: RequestItems } = await client.send(new BatchWriteItemCommand({ RequestItems })));
			}
		}));
	};
	const runCase = async (name, table) => {
		const config = { endpoint, table, count: COUNT, parallel: PARALLEL };
		const out = execFileSync(process.execPath, [path.join(__dirname, 'case.js'), name, JSON.stringify(config)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
		const result = JSON.parse(out.trim().split('\n').pop());
		process.stderr.write(`  ${name.padEnd(16)} ${(result.ms / 1000).toFixed(2)} s, ${result.items} items, peak RSS ${result.peakRssMB.toFixed(0)} MB\n`);
		return result;
	};

	try {
		console.error(`DynamoDB Local at ${endpoint}; warming up the JVM`);
		const warm = await createTable();
		await fill(warm, 5000);
		for (const item of data(2000)) await client.send(new PutItemCommand({ TableName: warm, Item: marshall(item) }));
		console.error(`Filling a ${SCAN_COUNT}-item table for the Scan cases`);
		const scanTable = await createTable();
		await fill(scanTable, SCAN_COUNT);

		// The machine is shared: each case runs REPEAT times, raw and node alternating, and the median counts.
		const runs = {};
		for (const pattern of ['sequential', 'parallel', 'bulk', 'scan']) {
			for (let r = 0; r < REPEAT; r++) {
				for (const side of r % 2 ? ['node', 'raw'] : ['raw', 'node']) {
					const table = pattern === 'scan' ? scanTable : await createTable();
					(runs[`${side}-${pattern}`] ??= []).push(await runCase(`${side}-${pattern}`, table));
					if (pattern !== 'scan') await client.send(new DeleteTableCommand({ TableName: table }));
				}
			}
		}
		const median = (list) => {
			const sorted = [...list].sort((a, b) => a.ms - b.ms);
			const cpu = list.map((r) => r.cpuMs).sort((a, b) => a - b);
			return { ...sorted[Math.floor(sorted.length / 2)], cpuMs: cpu[Math.floor(cpu.length / 2)], all: list.map((r) => r.ms), peakRssMB: Math.max(...list.map((r) => r.peakRssMB)), deltaMB: Math.max(...list.map((r) => r.peakRssMB - r.rssBeforeMB)) };
		};
		const results = Object.fromEntries(Object.entries(runs).map(([k, list]) => [k, median(list)]));

		const rows = [
			['sequential', `${COUNT.toLocaleString('en')} PutItem, one per item, one at a time`],
			['parallel', `${COUNT.toLocaleString('en')} PutItem, one per item, ${PARALLEL} in flight`],
			['bulk', `${COUNT.toLocaleString('en')} puts as BatchWriteItem of 25, ${PARALLEL} in flight`],
			['scan', `Scan, Return All, ${SCAN_COUNT.toLocaleString('en')} items`],
		];
		const s = (r) => `${(r.ms / 1000).toFixed(2)} s`;
		const spread = (r) => r.all.map((ms) => (ms / 1000).toFixed(1)).join(' / ');
		const mb = (r) => `${r.peakRssMB.toFixed(0)} MB (+${r.deltaMB.toFixed(0)})`;
		const lines = [
			`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, DynamoDB Local in memory; ${new Date().toISOString()}`,
			'',
			`| pattern | node | raw SDK | node / raw SDK | node CPU | raw SDK CPU | CPU node / raw | node peak RSS (Δ) | raw SDK peak RSS (Δ) |`,
			'|---|---:|---:|---:|---:|---:|---:|---:|---:|',
			...rows.map(([key, label]) => {
				const n = results[`node-${key}`];
				const r = results[`raw-${key}`];
				const cpu = (x) => `${(x.cpuMs / 1000).toFixed(2)} s`;
				return `| ${label} | ${s(n)} | ${s(r)} | ${(n.ms / r.ms).toFixed(2)}× | ${cpu(n)} | ${cpu(r)} | ${(n.cpuMs / r.cpuMs).toFixed(2)}× | ${mb(n)} | ${mb(r)} |`;
			}),
			'',
			`Times and CPU are medians of ${REPEAT} runs per case, raw SDK and node alternating (CPU: user + system time of the case's process during the measured part). Every run, in seconds:`,
			...rows.map(([key]) => `- ${key}: node ${spread(results[`node-${key}`])}; raw SDK ${spread(results[`raw-${key}`])}`),
			'',
			`Bulk vs sequential: node ${(results['node-sequential'].ms / results['node-bulk'].ms).toFixed(1)}× faster; raw SDK ${(results['raw-sequential'].ms / results['raw-bulk'].ms).toFixed(1)}× faster.`,
			`Parallel vs sequential: node ${(results['node-sequential'].ms / results['node-parallel'].ms).toFixed(1)}× faster; raw SDK ${(results['raw-sequential'].ms / results['raw-parallel'].ms).toFixed(1)}× faster.`,
			"Memory: peak RSS of the case's own process, highest of its runs (Δ: peak minus RSS after loading modules, before the measured part).",
		];
		console.log(lines.join('\n'));
	} finally {
		client.destroy();
		server.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
