import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { _Record, DynamoDBStreamsClient, Shard } from '@aws-sdk/client-dynamodb-streams';
import type { IDataObject } from 'n8n-workflow';
import type { Position, StartFrom } from './position';
import { startPosition } from './position';
import { readShard, type KeptIterator, type ReadLimits } from './read';
import { accepts, changeItem, type RecordFilter } from './records';
import { describeStream, isClosed, lineageOrder } from './shards';
import { isLive, isStreamOf, streamOf, tableArnOf, type TableStream } from './stream';

export interface TriggerSettings {
	/** Table name or ARN (the picker's value). */
	table: string;
	filter: RecordFilter;
	startFrom: StartFrom;
	/** The most change records one poll emits; the rest follow on the next poll. */
	maxRecords: number;
	simplify: boolean;
	/** All of a poll's records in one item (`records`), for one execution per batch. */
	oneItemPerPoll: boolean;
}

export interface Clients {
	tables: DynamoDBClient;
	streams: DynamoDBStreamsClient;
}

/**
 * What a reader that reads again within seconds (the instant trigger) keeps between reads: each
 * shard's next iterator (no GetShardIterator per read) and the stream's shard list (no DescribeStream
 * per read; listed again after `describeEvery` ms, or at once when a shard ends, since a shard ends
 * when it splits or its stream is disabled). The polling trigger keeps nothing between polls.
 */
export interface LiveReading extends Pick<ReadLimits, 'pace' | 'signal' | 'shortPageEnds'> {
	iterators: Map<string, KeptIterator>;
	describeEvery: number;
	described?: { streamArn: string; table: string; shards: Shard[]; at: number };
}

/** Takes a record (true) or refuses it (false: full, stop reading without moving past it). */
type Consume = (record: _Record) => boolean;

/**
 * Reads the stream's shards in lineage order from the position, parents to their end before their
 * children, and hands each record to `consume`; the position moves past every record taken.
 * Returns whether every shard of the stream is read to its end (only a disabled stream gets there).
 */
async function readStream(streams: DynamoDBStreamsClient, position: Position, consume: Consume, limits: ReadLimits, shards?: Shard[]): Promise<boolean> {
	const listed = shards ?? (await describeStream(streams, position.streamArn)).shards;
	const ids = new Set(listed.map((s) => s.ShardId!));
	for (const [id, state] of Object.entries(position.shards)) {
		if (ids.has(id)) continue;
		// Shards leave the stream 24 hours after they close; one left unfinished lost its remaining records.
		if (!state.done && !state.skipping) {
			(position.gaps ??= []).push({ streamArn: position.streamArn, shardId: id, afterSequenceNumber: state.after, reason: 'the shard left the stream (older than 24 hours) before it was read to its end' });
		}
		delete position.shards[id];
	}
	let stopped = false;
	for (const shard of lineageOrder(listed)) {
		const id = shard.ShardId!;
		const state = (position.shards[id] ??= {});
		if (state.done) continue;
		const parent = shard.ParentShardId;
		if (stopped || (parent && ids.has(parent) && !position.shards[parent]?.done)) continue;
		pages: for await (const page of readShard(streams, position.streamArn, id, state.after, isClosed(shard), limits)) {
			if (page.gap) (position.gaps ??= []).push(page.gap);
			for (const record of page.records) {
				if (!state.skipping && !consume(record)) {
					stopped = true;
					break pages;
				}
				state.after = record.dynamodb?.SequenceNumber ?? state.after;
			}
			if (page.end === 'shard') state.done = true;
			if (page.end) delete state.skipping;
		}
		if (limits.room() <= 0 || Date.now() >= limits.deadline) stopped = true;
	}
	return listed.every((s) => position.shards[s.ShardId!]?.done);
}

/**
 * One poll: the table's stream, then its new records from the position, at most `maxRecords`
 * items. A stream replaced by a new one (disabled and enabled again) is read to its end first,
 * then the new one from its start. The position is changed in place; the caller stores it.
 */
export async function pollChanges(clients: Clients, settings: TriggerSettings, stored: Position | undefined, deadline: number, live?: LiveReading): Promise<PollResult> {
	const current = await currentStream(clients, settings.table, stored, live);
	const { table, streamArn } = current;
	const sameTable = stored && tableArnOf(stored.streamArn) === tableArnOf(streamArn);
	// A first position is made from the shards listed now; the same list then serves this poll's reading.
	const listed = current.shards ?? (sameTable ? undefined : (await describeStream(clients.streams, streamArn)).shards);
	const position = sameTable ? stored : startPosition(streamArn, listed!, settings.startFrom);
	if (live && listed && !current.shards) live.described = { streamArn, table, shards: listed, at: Date.now() };
	const items: IDataObject[] = [];
	let start: Position | undefined;
	const limits: ReadLimits = { room: () => settings.maxRecords - items.length, deadline, iterators: live?.iterators, pace: live?.pace, signal: live?.signal, shortPageEnds: live?.shortPageEnds };
	const consume: Consume = (record) => {
		if (items.length >= settings.maxRecords) return false;
		if (accepts(settings.filter, record)) {
			// The position before the first record emitted from a new first position: where a retry must begin.
			if (!sameTable && !items.length) start = copy(position);
			items.push(changeItem(record, table, settings.simplify));
		}
		return true;
	};
	if (position.streamArn !== streamArn) {
		let finished: boolean;
		try {
			finished = await readStream(clients.streams, position, consume, limits);
		} catch (error) {
			if (!(error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
			(position.gaps ??= []).push({ streamArn: position.streamArn, reason: 'the previous stream of the table is gone (older than 24 hours) before it was read to its end' });
			finished = true;
		}
		if (!finished) return { items: withGaps(items, position), position };
		// Every change of the new stream is new: from its start.
		Object.assign(position, { streamArn, shards: {} });
		if (live) live.described = undefined;
	}
	const ended = doneShards(position);
	await readStream(clients.streams, position, consume, limits, listed);
	if (live && doneShards(position) > ended) live.described = undefined;
	if (!sameTable) start ??= copy(position);
	return { items: withGaps(items, position), position, start };
}

export interface PollResult {
	items: IDataObject[];
	/** Where the trigger is after this poll (changed in place from the stored one). */
	position: Position;
	/**
	 * Only when this poll made a first position (none stored, or one of another table): that position
	 * as the stream was when this poll read it, up to just before the first record it emitted.
	 */
	start?: Position;
}

const doneShards = (position: Position) => Object.values(position.shards).filter((s) => s.done).length;

const copy = (position: Position): Position => JSON.parse(JSON.stringify({ streamArn: position.streamArn, shards: position.shards })) as Position;

/**
 * The table's current stream, with its shards when they were listed on the way. While the stream the
 * trigger reads is enabled it is the current one, and its DescribeStream is all a poll needs; otherwise
 * (first poll, another table, a stream disabled or gone) DescribeTable says which stream is current.
 */
async function currentStream(clients: Clients, tableNameOrArn: string, stored: Position | undefined, live?: LiveReading): Promise<TableStream & { shards?: Shard[] }> {
	if (stored && isStreamOf(stored.streamArn, tableNameOrArn)) {
		const kept = live?.described;
		if (kept && kept.streamArn === stored.streamArn && Date.now() - kept.at < live!.describeEvery) return { table: kept.table, streamArn: kept.streamArn, shards: kept.shards };
		// Any failure here (the stream gone, another region or account since) is DescribeTable's to explain.
		const described = await describeStream(clients.streams, stored.streamArn).catch(() => undefined);
		if (described && isLive(described.status) && described.table) {
			if (live) live.described = { streamArn: stored.streamArn, table: described.table, shards: described.shards, at: Date.now() };
			return { table: described.table, streamArn: stored.streamArn, shards: described.shards };
		}
	}
	return await streamOf(clients.tables, tableNameOrArn, stored?.streamArn);
}

/** Records that could not be read are reported by the first item emitted after them (then forgotten). */
function withGaps(items: IDataObject[], position: Position): IDataObject[] {
	if (!items.length || !position.gaps?.length) return items;
	items[0] = { ...items[0], gap: position.gaps as unknown as IDataObject[] };
	delete position.gaps;
	return items;
}

/** How many records Fetch Test Event shows, and how far it reads for them. */
export const TEST_EVENTS = 5;
const TEST_READ = 10_000;

/** Fetch Test Event: the last few records of the stream (from the first 10,000 read), position untouched. */
export async function recentChanges(clients: Clients, settings: TriggerSettings, deadline: number): Promise<IDataObject[]> {
	const { table, streamArn } = await streamOf(clients.tables, settings.table);
	const position = startPosition(streamArn, [], 'oldest');
	const kept: _Record[] = [];
	let read = 0;
	const consume: Consume = (record) => {
		if (read++ >= TEST_READ) return false;
		if (accepts(settings.filter, record)) kept.push(record);
		if (kept.length > TEST_EVENTS) kept.shift();
		return true;
	};
	await readStream(clients.streams, position, consume, { room: () => TEST_READ - read, deadline });
	return kept.map((record) => changeItem(record, table, settings.simplify));
}
