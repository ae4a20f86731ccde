#!/usr/bin/env node
// The DynamoDB Instant Trigger (built, activated through n8n-core's ActiveWorkflowTriggers as an
// active workflow, scripts/listener.js) against the raw AWS SDK's read loop on the same stream:
// GetShardIterator + GetRecords (Limit 1000) + unmarshall. Both read at most 5 GetRecords a second per
// shard, AWS's limit per shard (the trigger never reads faster); the unpaced raw loop is printed too, to
// show what that limit costs on DynamoDB Local. 20,000 change records (BENCH_INSTANT_RECORDS) from the
// stream's start; ABBA rounds; every run must hand back every record once.
// Then the trigger's own latency at 50 changes a second: PutItem answer → its execution's start (the
// latency inside a real n8n, with the execution's first node, is measured by the e2e:
// test/e2e/instantTrigger.e2e.test.ts prints it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const os = require('node:os');
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } = require('@aws-sdk/client-dynamodb-streams');
const { marshall } = require('@aws-sdk/util-dynamodb');
const { start } = require('../scripts/dynamodb-local');
const { listen } = require('../scripts/listener');
const { DynamoDbInstantTrigger } = require('../dist/nodes/DynamoDbInstantTrigger/DynamoDbInstantTrigger.node');
const { Listener, TIMING } = require('../dist/nodes/DynamoDbInstantTrigger/listen');
const { MemoryStore } = require('../dist/nodes/DynamoDbInstantTrigger/checkpoint');
const { credentials, rawChange, streamTableOf } = require('./data');

const RECORDS = Number(process.env.BENCH_INSTANT_RECORDS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TABLE = 'bench_instant';
const CHECKPOINTS = 'bench_instant_checkpoints';
/** AWS: at most 5 GetRecords a second per shard. */
const MIN_READ_GAP_MS = 200;

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** The raw SDK reading every record of the stream from its start as plain JSON, `gap` ms at least between GetRecords starts. */
async function raw(endpoint, streamArn, gap) {
	const client = new DynamoDBStreamsClient({ region: credentials.region, endpoint, credentials });
	try {
		const out = [];
		const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
		for (const shard of StreamDescription.Shards) {
			let { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
			let last = 0;
			while (ShardIterator) {
				await sleep(last + gap - performance.now());
				last = performance.now();
				const page = await client.send(new GetRecordsCommand({ ShardIterator, Limit: 1000 }));
				for (const r of page.Records) out.push(rawChange(r));
				if (page.Records.length === 0) break; // caught up (an open shard always has a next iterator)
				ShardIterator = page.NextShardIterator;
			}
		}
		return { records: out.length, ids: new Set(out.map((r) => r.eventId)).size, executions: 0 };
	} finally {
		client.destroy();
	}
}

let runs = 0;
/** The trigger, activated with Start From oldest (a new workflow each run, so a new checkpoint), until it has emitted every record. */
async function trigger(endpoint) {
	const parameters = { table: { __rl: true, mode: 'name', value: TABLE }, startFrom: 'oldest', checkpointTable: CHECKPOINTS, options: { maxRecordsPerExecution: 1000 } };
	const active = await listen({ nodeType: DynamoDbInstantTrigger, parameters, credentials: { ...credentials, endpoint }, workflowId: `bench-${process.pid}-${++runs}` });
	let emitted = 0;
	try {
		await active.until(() => (emitted = active.executions.reduce((n, e) => n + e.items.length, 0)) >= RECORDS, 600_000, 'every record');
	} finally {
		await active.stop();
	}
	return { records: emitted, ids: new Set(active.items().map((i) => i.eventId)).size, executions: active.executions.length };
}

/**
 * The trigger's reading without AWS's pace (its Listener with the pace off, the SDK clients made here):
 * what the reading itself costs per record against the unpaced raw loop.
 */
async function unpacedListener(endpoint) {
	const config = { region: credentials.region, endpoint, credentials };
	const clients = { tables: new DynamoDBClient(config), streams: new DynamoDBStreamsClient(config) };
	const settings = { table: TABLE, filter: { events: new Set(['INSERT', 'MODIFY', 'REMOVE']), ttl: 'include' }, startFrom: 'oldest', simplify: true, maxRecords: 1000, oneItemPerPoll: false, checkpointTable: CHECKPOINTS, inFlight: 1 };
	const items = [];
	let executions = 0;
	let done;
	const all = new Promise((resolve) => (done = resolve));
	const listener = new Listener(clients, settings, new MemoryStore(), {
		deliver: async (batch) => {
			executions++;
			items.push(...batch);
			if (items.length >= RECORDS) done();
		},
		fail: (error) => {
			throw error;
		},
		retrying: () => undefined,
	}, { ...TIMING, minReadGapMs: 0 });
	try {
		await listener.start();
		await all;
	} finally {
		await listener.stop();
		clients.tables.destroy();
		clients.streams.destroy();
	}
	return { records: items.length, ids: new Set(items.map((i) => i.eventId)).size, executions };
}

/** The trigger's latency alone: 500 PutItems at 50 a second, each from its answer to the start of the execution that carries it. */
async function latency(endpoint, client) {
	const starts = new Map();
	const parameters = { table: { __rl: true, mode: 'name', value: TABLE }, startFrom: 'now', checkpointTable: CHECKPOINTS };
	const active = await listen({
		nodeType: DynamoDbInstantTrigger,
		parameters,
		credentials: { ...credentials, endpoint },
		workflowId: `bench-latency-${process.pid}`,
		run: async (items) => {
			const now = Date.now();
			for (const item of items) starts.set(item.json.keys.id, now);
		},
	});
	const answered = new Map();
	try {
		const t0 = Date.now();
		await Promise.all(
			Array.from({ length: 500 }, async (_, i) => {
				await sleep(t0 + i * 20 - Date.now());
				const id = `latency-${i}`;
				await client.send(new PutItemCommand({ TableName: TABLE, Item: marshall({ id, n: i }) }));
				answered.set(id, Date.now());
			}),
		);
		await active.until(() => starts.size >= 500, 60_000, '500 changes');
	} finally {
		await active.stop();
	}
	return [...answered].map(([id, at]) => starts.get(id) - at).sort((a, b) => a - b);
}

async function main() {
	const server = await start();
	const endpoint = server.endpoint;
	const client = new DynamoDBClient({ region: credentials.region, endpoint, credentials });
	try {
		console.error(`DynamoDB Local at ${endpoint}; writing ${RECORDS.toLocaleString('en')} items (one INSERT record each)`);
		const streamArn = await streamTableOf(client, TABLE, RECORDS);
		const arn = streamArn;
		const sides = { raw: () => raw(endpoint, arn, MIN_READ_GAP_MS), trigger: () => trigger(endpoint), unpaced: () => raw(endpoint, arn, 0), listener: () => unpacedListener(endpoint) };
		const times = { raw: [], trigger: [], unpaced: [], listener: [] };
		let executions = 0;
		for (let round = 0; round <= ROUNDS; round++) {
			for (const side of round % 2 ? ['trigger', 'raw', 'listener', 'unpaced'] : ['raw', 'trigger', 'unpaced', 'listener']) {
				const t0 = performance.now();
				const result = await sides[side]();
				const ms = performance.now() - t0;
				if (result.records !== RECORDS || result.ids !== RECORDS) throw new Error(`${side}: ${result.records} records (${result.ids} distinct), expected ${RECORDS}`);
				if (side === 'trigger') executions = result.executions;
				times[side].push(ms);
				console.error(`  round ${round}${round ? '' : ' (warm-up)'} ${side.padEnd(8)} ${(ms / 1000).toFixed(2)} s${side === 'trigger' ? `, ${result.executions} executions` : ''}`);
			}
		}
		const steady = (side) => times[side].slice(1);
		const ratios = steady('trigger').map((ms, i) => ms / steady('raw')[i]);
		const unpacedRatios = steady('listener').map((ms, i) => ms / steady('unpaced')[i]);
		const perSecond = (ms) => `${Math.round(RECORDS / (ms / 1000)).toLocaleString('en')} records/s`;
		const lat = await latency(endpoint, client);
		console.log(
			[
				'',
				`DynamoDB Instant Trigger vs raw SDK — ${os.cpus().length} cores, Node ${process.version}, DynamoDB Local in memory; ${new Date().toISOString()}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
				'',
				'| pattern | instant trigger | raw SDK loop | trigger / raw SDK |',
				'|---|---:|---:|---:|',
				`| read ${RECORDS.toLocaleString('en')} change records from the stream's start as plain JSON, ≤ 5 GetRecords/s per shard (trigger: ${executions} executions of ≤ 1,000) | ${perSecond(median(steady('trigger')))} | ${perSecond(median(steady('raw')))} | **${median(ratios).toFixed(2)}×** |`,
				`| the same without AWS's 5 GetRecords/s per shard (not allowed on AWS): the reading's own cost (trigger: its Listener with the pace off) | ${perSecond(median(steady('listener')))} | ${perSecond(median(steady('unpaced')))} | **${median(unpacedRatios).toFixed(2)}×** |`,
				'',
				`Medians of ${ROUNDS} warm rounds per side; each ratio (time, trigger over raw) is the median of the ratios of runs made back to back: ${ratios.map((r) => r.toFixed(2)).join(' / ')} (paced), ${unpacedRatios.map((r) => r.toFixed(2)).join(' / ')} (unpaced).`,
				'',
				`Latency, 500 changes at 50/s, PutItem answer → start of the execution carrying the change (trigger alone, no n8n around it): p50 ${percentile(lat, 50)} ms, p99 ${percentile(lat, 99)} ms, max ${lat[lat.length - 1]} ms. Inside a real n8n 2.40.7: npm run test:e2e -- test/e2e/instantTrigger prints it.`,
			].join('\n'),
		);
	} finally {
		client.destroy();
		server.stop();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
