#!/usr/bin/env node
// `npm run bench`: the node (built, run by n8n-core's WorkflowExecute) against the raw AWS SDK on
// DynamoDB Local, same data, same machine, one run.
//
// The machine is shared and its speed drifts by tens of percent within minutes, so the two sides
// are measured in pairs: for each pattern, one process per side (bench/worker.js) runs the pattern
// its rounds + 1 times, raw SDK and node taking turns (ABBA order). The first round of each process is
// its cold start; the others are its steady state, as in a long-running n8n. A pair's ratio compares
// two runs made seconds apart; the table shows medians. Every run is checked: the node and the SDK
// must hand back every item, and every written table must hold every item.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { fork } = require('node:child_process');
const { once } = require('node:events');
const os = require('node:os');
const path = require('node:path');
const { DynamoDBClient, CreateTableCommand, DeleteTableCommand, BatchWriteItemCommand, PutItemCommand, ScanCommand } = require('@aws-sdk/client-dynamodb');
const { marshall } = require('@aws-sdk/util-dynamodb');
const { start } = require('../scripts/dynamodb-local');
const { LocalSts } = require('../scripts/localSts');
const { startTlsProxy } = require('../scripts/tlsProxy');
const { data, credentials } = require('./data');

const COUNT = Number(process.env.BENCH_ITEMS ?? 10_000);
const SCAN_COUNT = Number(process.env.BENCH_SCAN_ITEMS ?? 100_000);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 8);
// Short patterns get more rounds: their runs last a second or two, so one slow moment weighs more.
const ROUNDS = { sequential: 5, parallel: 5, bulk: 15, scan: 15, webhook: 3, webhook8: 3, webhookRole: 3, updateFromInput: 5, updateFromInput8: 5 };
const roundsOf = (pattern) => Number(process.env.BENCH_ROUNDS ?? ROUNDS[pattern]);
const PATTERNS = (process.env.BENCH_PATTERNS ?? 'sequential,parallel,bulk,scan,updateFromInput,webhook,webhook8,webhookRole').split(',');
const WEBHOOK_CALLS = Number(process.env.BENCH_WEBHOOK_CALLS ?? 2000);
const ROLE_ARN = 'arn:aws:iam::123456789012:role/n8n-dynamodb-bench';

const LABELS = {
	sequential: `${COUNT.toLocaleString('en')} PutItem, one per item, one at a time`,
	parallel: `${COUNT.toLocaleString('en')} PutItem, one per item, ${PARALLEL} in flight`,
	bulk: `${COUNT.toLocaleString('en')} puts as BatchWriteItem of 25, ${PARALLEL} in flight`,
	scan: `Scan, Return All, ${SCAN_COUNT.toLocaleString('en')} items`,
	// Update From Input against the raw SDK sending the same UpdateItems (its generated expression, ReturnValues ALL_NEW);
	// updateFromInput8 on request (BENCH_PATTERNS).
	updateFromInput: `${COUNT.toLocaleString('en')} UpdateItem with Update From Input, one per item, one at a time`,
	updateFromInput8: `${COUNT.toLocaleString('en')} UpdateItem with Update From Input, one per item, ${PARALLEL} in flight`,
	webhook: `webhook shape: ${WEBHOOK_CALLS.toLocaleString('en')} one-item executions, one at a time`,
	webhook8: `webhook shape: ${WEBHOOK_CALLS.toLocaleString('en')} one-item executions, ${PARALLEL} in flight`,
	webhookRole: `webhook shape with a Role ARN: ${WEBHOOK_CALLS.toLocaleString('en')} one-item executions, one at a time`,
};
/** Calls in flight and role of each webhook-shape pattern. */
const WEBHOOK = { webhook: { parallel: 1 }, webhook8: { parallel: PARALLEL }, webhookRole: { parallel: 1, role: true } };
const BATCH_PATTERNS = PATTERNS.filter((p) => !WEBHOOK[p]);
const WEBHOOK_PATTERNS = PATTERNS.filter((p) => WEBHOOK[p]);

/** A worker process for one side; `ask` sends it a message and resolves to its answer. */
async function worker(side, env = {}) {
	const child = fork(path.join(__dirname, 'worker.js'), [side], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...env } });
	const [{ rssMB }] = await once(child, 'message');
	const ask = async (message) => {
		child.send(message);
		const [answer] = await once(child, 'message');
		if (answer.error) throw new Error(`${side} worker: ${answer.error}`);
		return answer;
	};
	return { rssMB, ask, stop: () => child.kill() };
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

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
		for (let i = 0; i < items.length; i += 25) {
			let RequestItems = { [table]: items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: marshall(item) } })) };
			while (RequestItems && Object.keys(RequestItems).length) ({ UnprocessedItems: RequestItems } = await client.send(new BatchWriteItemCommand({ RequestItems })));
		}
	};
	const stored = async (TableName) => {
		let count = 0;
		let ExclusiveStartKey;
		do {
			const page = await client.send(new ScanCommand({ TableName, Select: 'COUNT', ExclusiveStartKey }));
			count += page.Count;
			ExclusiveStartKey = page.LastEvaluatedKey;
		} while (ExclusiveStartKey);
		return count;
	};

	try {
		console.error(`DynamoDB Local at ${endpoint}; warming up the JVM`);
		const warm = await createTable();
		await fill(warm, 5000);
		for (const item of data(2000)) await client.send(new PutItemCommand({ TableName: warm, Item: marshall(item) }));
		await client.send(new DeleteTableCommand({ TableName: warm }));
		let scanTable;
		if (BATCH_PATTERNS.includes('scan')) {
			console.error(`Filling a ${SCAN_COUNT.toLocaleString('en')}-item table for the Scan pattern`);
			scanTable = await createTable();
			await fill(scanTable, SCAN_COUNT);
		}

		const results = {};
		for (const pattern of BATCH_PATTERNS) {
			const sides = { raw: await worker('raw'), node: await worker('node') };
			const runs = { raw: [], node: [] };
			try {
				for (let round = 0; round <= roundsOf(pattern); round++) {
					for (const side of round % 2 ? ['node', 'raw'] : ['raw', 'node']) {
						const table = pattern === 'scan' ? scanTable : await createTable();
						const result = await sides[side].ask({ pattern, endpoint, table, count: COUNT, parallel: PARALLEL });
						const expected = pattern === 'scan' ? SCAN_COUNT : COUNT;
						if (result.items !== expected) throw new Error(`${side} ${pattern}: ${result.items} items handed back, expected ${expected}`);
						if (pattern !== 'scan') {
							const count = await stored(table);
							if (count !== COUNT) throw new Error(`${side} ${pattern}: the table holds ${count} items, expected ${COUNT}`);
							await client.send(new DeleteTableCommand({ TableName: table }));
						}
						runs[side].push(result);
						console.error(`  ${pattern.padEnd(10)} round ${round}${round ? '' : ' (cold)'} ${side.padEnd(4)} ${(result.ms / 1000).toFixed(2)} s, CPU ${(result.cpuMs / 1000).toFixed(2)} s`);
					}
				}
				for (const side of ['raw', 'node']) runs[side].memory = { ...(await sides[side].ask('peak')), rssMB: sides[side].rssMB };
			} finally {
				sides.raw.stop();
				sides.node.stop();
			}
			const steady = (side) => runs[side].slice(1);
			const summary = (side) => ({
				ms: median(steady(side).map((r) => r.ms)),
				cpuMs: median(steady(side).map((r) => r.cpuMs)),
				all: steady(side).map((r) => r.ms),
				cold: runs[side][0].ms,
				memory: runs[side].memory,
			});
			const pairs = (key) => steady('node').map((n, i) => n[key] / steady('raw')[i][key]);
			results[pattern] = { node: summary('node'), raw: summary('raw'), ratio: median(pairs('ms')), cpuRatio: median(pairs('cpuMs')), ratios: pairs('ms') };
		}

		const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
		const x = (ratio) => `${ratio.toFixed(2)}×`;
		const mb = ({ peakRssMB, rssMB }) => `${peakRssMB.toFixed(0)} MB (+${(peakRssMB - rssMB).toFixed(0)})`;
		const lines = [
			`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, DynamoDB Local in memory; ${new Date().toISOString()}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
		];
		if (BATCH_PATTERNS.length) lines.push(
			'',
			'| pattern | node | raw SDK | node / raw SDK | CPU node / raw | cold: node / raw SDK | node peak RSS (Δ) | raw SDK peak RSS (Δ) |',
			'|---|---:|---:|---:|---:|---:|---:|---:|',
			...BATCH_PATTERNS.map((p) => {
				const { node, raw, ratio, cpuRatio } = results[p];
				return `| ${LABELS[p]} | ${s(node.ms)} | ${s(raw.ms)} | **${x(ratio)}** | ${x(cpuRatio)} | ${s(node.cold)} / ${s(raw.cold)} = ${x(node.cold / raw.cold)} | ${mb(node.memory)} | ${mb(raw.memory)} |`;
			}),
			'',
			`node and raw SDK: medians of the warm runs (${BATCH_PATTERNS.map((p) => `${p} ${roundsOf(p)}`).join(', ')} per side). node / raw SDK: median of the ratios of runs made back to back (CPU likewise: user + system time of the side's process during the run).`,
			'cold: the first run of each process, before any code is warm. Peak RSS: the highest of the process over all its runs; Δ: above its RSS once modules were loaded.',
			'Every warm run, in seconds, and the pair ratios:',
			...BATCH_PATTERNS.map((p) => {
				const { node, raw, ratios } = results[p];
				const list = (values, f) => values.map(f).join(' / ');
				return `- ${p}: node ${list(node.all, (ms) => (ms / 1000).toFixed(2))}; raw SDK ${list(raw.all, (ms) => (ms / 1000).toFixed(2))}; ratios ${list(ratios, (r) => r.toFixed(2))}`;
			}),
		);
		const speedup = (a, b) => `node ${(results[a].node.ms / results[b].node.ms).toFixed(1)}× faster; raw SDK ${(results[a].raw.ms / results[b].raw.ms).toFixed(1)}× faster.`;
		if (results.sequential && results.bulk) lines.push('', `Bulk vs sequential: ${speedup('sequential', 'bulk')}`);
		if (results.sequential && results.parallel) lines.push(`Parallel vs sequential: ${speedup('sequential', 'parallel')}`);
		if (WEBHOOK_PATTERNS.length) lines.push('', ...(await webhookShape(WEBHOOK_PATTERNS, endpoint, createTable, stored, client)));
		console.log(lines.join('\n'));
	} finally {
		client.destroy();
		server.stop();
	}
}

/**
 * The webhook shape: every call a fresh one-item n8n execution (node) or one PutItem on one warm
 * client (raw SDK), through a local TLS proxy in front of DynamoDB Local, as AWS is reached over
 * TLS; the proxy counts the TLS connections each run opens, a local STS the AssumeRole calls.
 * The workers trust the proxy's certificate made for this run (NODE_EXTRA_CA_CERTS).
 */
async function webhookShape(patterns, target, createTable, stored, client) {
	const proxy = await startTlsProxy(target);
	const sts = await LocalSts.start({ accessKeyId: credentials.accessKeyId, secretAccessKey: 'bench/assumed/secret', sessionToken: 'bench-assumed-session-token' });
	const results = {};
	try {
		for (const pattern of patterns) {
			const { parallel, role } = WEBHOOK[pattern];
			const env = { NODE_EXTRA_CA_CERTS: proxy.caFile };
			const sides = { raw: await worker('raw', env), node: await worker('node', env) };
			const runs = { raw: [], node: [], floor: [] };
			try {
				for (let round = 0; round <= roundsOf(pattern); round++) {
					// The node runs between the raw SDK and n8n's floor (in the node's process), each order in turn.
					for (const side of round % 2 ? ['floor', 'node', 'raw'] : ['raw', 'node', 'floor']) {
						const table = await createTable();
						proxy.reset();
						sts.requests.length = 0;
						const ask = { pattern, endpoint: proxy.endpoint, table, count: WEBHOOK_CALLS, parallel, floor: side === 'floor', ...(role ? { roleArn: ROLE_ARN, stsEndpoint: sts.endpoint } : {}) };
						const result = { ...(await sides[side === 'raw' ? 'raw' : 'node'].ask(ask)), tls: proxy.connections(), assumeRole: sts.assumeRoleCalls() };
						if (result.items !== WEBHOOK_CALLS) throw new Error(`${side} ${pattern}: ${result.items} items handed back, expected ${WEBHOOK_CALLS}`);
						const count = await stored(table);
						if (count !== WEBHOOK_CALLS) throw new Error(`${side} ${pattern}: the table holds ${count} items, expected ${WEBHOOK_CALLS}`);
						await client.send(new DeleteTableCommand({ TableName: table }));
						runs[side].push(result);
						console.error(
							`  ${pattern.padEnd(11)} round ${round}${round ? '' : ' (cold)'} ${side.padEnd(5)} ${result.perCallMs.toFixed(2)} ms per call` +
								`${result.noOpMs ? ` (No Op ${result.noOpMs.toFixed(2)} ms)` : ''}, ${result.tls} TLS connections, ${result.assumeRole} AssumeRole`,
						);
					}
				}
			} finally {
				sides.raw.stop();
				sides.node.stop();
			}
			const steady = (side) => runs[side].slice(1);
			const pairs = (other) => steady('node').map((n, i) => n.perCallMs / steady(other)[i].perCallMs);
			const perCall = (side, key = 'perCallMs') => median(steady(side).map((r) => r[key]));
			results[pattern] = {
				runs,
				ratios: pairs('raw'),
				ratio: median(pairs('raw')),
				floorRatios: pairs('floor'),
				floorRatio: median(pairs('floor')),
				floorOverRaw: median(steady('floor').map((f, i) => f.perCallMs / steady('raw')[i].perCallMs)),
				node: perCall('node'),
				raw: perCall('raw'),
				floor: perCall('floor'),
				noOp: perCall('floor', 'noOpMs'),
			};
		}
	} finally {
		await proxy.close();
		await sts.close();
	}
	const ms = (v) => `${v.toFixed(2)} ms`;
	const per = (runs, key) => runs.map((r) => r[key]).join(' / ');
	return [
		`Webhook shape: ${WEBHOOK_CALLS.toLocaleString('en')} calls per run, PutItem over TLS (local proxy in front of DynamoDB Local); node: each call a fresh n8n execution (Source → DynamoDB, one item); raw SDK: one warm client.`,
		'',
		'| pattern | node per call | raw SDK per call | node / raw SDK | n8n floor: a one-property node sending the same PutItem, per call | floor / raw SDK | node / floor | Source → No Op per call | TLS connections opened per run: node; raw SDK | AssumeRole calls per run: node; raw SDK |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
		...patterns.map((p) => {
			const r = results[p];
			return `| ${LABELS[p]} | ${ms(r.node)} | ${ms(r.raw)} | **${r.ratio.toFixed(2)}×** | ${ms(r.floor)} | ${r.floorOverRaw.toFixed(2)}× | **${r.floorRatio.toFixed(2)}×** | ${ms(r.noOp)} | ${per(r.runs.node, 'tls')}; ${per(r.runs.raw, 'tls')} | ${per(r.runs.node, 'assumeRole')}; ${per(r.runs.raw, 'assumeRole')} |`;
		}),
		'',
		`Per call: median over the run's calls; the table shows the median over the warm runs (${patterns.map((p) => `${p} ${roundsOf(p)}`).join(', ')} per side), the ratios the median of back-to-back ratios. Counts: per run, the first (cold) run first; each process keeps its clients from run to run.`,
		'The floor runs in the node\'s process, as the same fresh n8n executions: what n8n\'s engine costs around any node that awaits this request, whatever the node does.',
		...patterns.map((p) => `- ${p}: node / raw SDK ${results[p].ratios.map((r) => r.toFixed(2)).join(' / ')}; node / floor ${results[p].floorRatios.map((r) => r.toFixed(2)).join(' / ')}`),
	];
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
