#!/usr/bin/env node
// The DynamoDB Trigger (built, polled through n8n-core's PollTriggerExecutor as an active workflow)
// against the raw AWS SDK reading the same stream: DescribeStream + GetShardIterator + GetRecords
// loop + unmarshall. 100,000 change records (BENCH_STREAM_RECORDS) in DynamoDB Local, read from the
// stream's start, poll after poll (BENCH_STREAM_PER_POLL per poll). Both sides take turns (ABBA)
// in one process; the table shows medians of the warm rounds and the median of the pair ratios.
// Every run is checked: each side must hand back every record once.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const os = require('node:os');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } = require('@aws-sdk/client-dynamodb-streams');
const { start } = require('../scripts/dynamodb-local');
const { activate } = require('../scripts/poller');
const { DynamoDbTrigger } = require('../dist/nodes/DynamoDbTrigger/DynamoDbTrigger.node');
const { credentials, rawChange, streamTableOf } = require('./data');

const RECORDS = Number(process.env.BENCH_STREAM_RECORDS ?? 100_000);
const PER_POLL = Number(process.env.BENCH_STREAM_PER_POLL ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TABLE = 'bench_stream';

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The raw SDK reading every record of the table's stream from its start, as plain JSON. */
async function raw(endpoint, streamArn) {
	const client = new DynamoDBStreamsClient({ region: credentials.region, endpoint, credentials });
	try {
		const out = [];
		let ExclusiveStartShardId;
		const shards = [];
		do {
			const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }));
			shards.push(...StreamDescription.Shards);
			ExclusiveStartShardId = StreamDescription.LastEvaluatedShardId;
		} while (ExclusiveStartShardId);
		for (const shard of shards) {
			let { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
			while (ShardIterator) {
				const page = await client.send(new GetRecordsCommand({ ShardIterator, Limit: 1000 }));
				for (const r of page.Records) out.push(rawChange(r));
				if (page.Records.length === 0) break; // caught up (an open shard always has a next iterator)
				ShardIterator = page.NextShardIterator;
			}
		}
		return { records: out.length, polls: 1, ids: new Set(out.map((r) => r.eventId)).size };
	} finally {
		client.destroy();
	}
}

/** The trigger, activated with Start From oldest: the activation poll, then ticks until the stream is read. */
async function trigger(endpoint) {
	const parameters = { table: { __rl: true, mode: 'name', value: TABLE }, startFrom: 'oldest', options: { maxRecordsPerPoll: PER_POLL } };
	const active = await activate({ nodeType: DynamoDbTrigger, parameters, credentials: { ...credentials, endpoint } });
	let records = active.emitted.reduce((n, batch) => n + batch.length, 0);
	let polls = 1;
	for (;;) {
		const before = active.emitted.length;
		const error = await active.tick();
		if (error) throw error;
		polls++;
		if (active.emitted.length === before) break;
		records += active.emitted[active.emitted.length - 1].length;
	}
	const ids = new Set(active.emitted.flat().map((i) => i.json.eventId)).size;
	return { records, polls, ids };
}

async function main() {
	const server = await start();
	const endpoint = server.endpoint;
	const client = new DynamoDBClient({ region: credentials.region, endpoint, credentials });
	try {
		console.error(`DynamoDB Local at ${endpoint}; writing ${RECORDS.toLocaleString('en')} items (one INSERT record each)`);
		const streamArn = await streamTableOf(client, TABLE, RECORDS);
		const sides = { raw: () => raw(endpoint, streamArn), trigger: () => trigger(endpoint) };
		const runs = { raw: [], trigger: [] };
		for (let round = 0; round <= ROUNDS; round++) {
			for (const side of round % 2 ? ['trigger', 'raw'] : ['raw', 'trigger']) {
				const t0 = performance.now();
				const result = await sides[side]();
				const ms = performance.now() - t0;
				if (result.records !== RECORDS || result.ids !== RECORDS) throw new Error(`${side}: ${result.records} records (${result.ids} distinct), expected ${RECORDS}`);
				runs[side].push(ms);
				console.error(`  round ${round}${round ? '' : ' (warm-up)'} ${side.padEnd(7)} ${(ms / 1000).toFixed(2)} s, ${result.polls} poll(s)`);
			}
		}
		const steady = (side) => runs[side].slice(1);
		const ratios = steady('trigger').map((ms, i) => ms / steady('raw')[i]);
		const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
		console.log(
			[
				'',
				`DynamoDB Trigger vs raw SDK — ${os.cpus().length} cores, Node ${process.version}, DynamoDB Local in memory; ${new Date().toISOString()}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
				'',
				'| pattern | trigger | raw SDK | trigger / raw SDK |',
				'|---|---:|---:|---:|',
				`| read ${RECORDS.toLocaleString('en')} change records from the stream's start as plain JSON (trigger: ${PER_POLL.toLocaleString('en')} per poll) | ${s(median(steady('trigger')))} | ${s(median(steady('raw')))} | **${median(ratios).toFixed(2)}×** |`,
				'',
				`Medians of ${ROUNDS} warm rounds per side; the ratio is the median of the ratios of runs made back to back: ${ratios.map((r) => r.toFixed(2)).join(' / ')}.`,
			].join('\n'),
		);
	} finally {
		client.destroy();
		server.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
