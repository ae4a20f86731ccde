import {
	GetRecordsCommand,
	GetShardIteratorCommand,
	type _Record,
	type DynamoDBStreamsClient,
	type GetShardIteratorInput,
} from '@aws-sdk/client-dynamodb-streams';
import type { Gap } from './position';

/** GetRecords answers at most 1000 records (a larger Limit is a ValidationException). */
export const MAX_PAGE = 1000;

export interface ShardPage {
	records: _Record[];
	/** `shard`: a closed shard read to its end; `caughtUp`: an open shard read to its current end. */
	end?: 'shard' | 'caughtUp';
	/** Records between the position and the first record of this page could not be read. */
	gap?: Gap;
}

export interface ReadLimits {
	/** How many records the reader still takes; 0 stops before the next GetRecords. */
	room: () => number;
	/** Epoch milliseconds after which no further GetRecords is sent (the poll's time budget). */
	deadline: number;
	/**
	 * Each shard's next iterator, kept by a reader that reads again within seconds (the instant
	 * trigger): a read that continues where the last one ended needs no GetShardIterator.
	 */
	iterators?: Map<string, KeptIterator>;
	/** Awaited before each GetRecords of a shard (the instant trigger keeps to AWS's reads per second per shard). */
	pace?: (shardId: string) => Promise<void>;
	/** Cancels the reads in flight (a deactivated trigger stops at once). */
	signal?: AbortSignal;
	/**
	 * An open shard's read also ends at a page with fewer records than asked for (the instant
	 * trigger, which reads again within a second): under a steady stream of writes a page is
	 * rarely empty, and waiting for an empty one would hold back what was read.
	 */
	shortPageEnds?: boolean;
}

/** The iterator a page answered, and the last record read before it (none: the shard's start). */
export interface KeptIterator {
	after?: string;
	iterator: string;
}

const named = (error: unknown, name: string) => error instanceof Error && error.name === name;

/**
 * One shard's records, page by page, from just after `after` (or the shard's start). An expired
 * iterator is renewed from the last record read, silently; a position older than the 24-hour
 * retention (TrimmedDataAccessException) continues from the oldest record and reports a gap. An
 * open shard stops at its first empty page (caught up); a closed one at its end (no next iterator),
 * since DynamoDB may answer empty pages before records further in.
 */
export async function* readShard(
	client: DynamoDBStreamsClient,
	streamArn: string,
	shardId: string,
	after: string | undefined,
	closed: boolean,
	limits: ReadLimits,
): AsyncGenerator<ShardPage> {
	let last = after;
	let gap: Gap | undefined;
	const iteratorFrom = async (): Promise<string | undefined> => {
		const input: GetShardIteratorInput = last
			? { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last }
			: { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' };
		try {
			return (await client.send(new GetShardIteratorCommand(input), { abortSignal: limits.signal })).ShardIterator;
		} catch (error) {
			if (!last || !named(error, 'TrimmedDataAccessException')) throw error;
			gap = trimmed(streamArn, shardId, last);
			last = undefined;
			return (await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }), { abortSignal: limits.signal })).ShardIterator;
		}
	};

	if (limits.room() <= 0 || Date.now() >= limits.deadline) return;
	let iterator: string | undefined;
	// A kept iterator is used only when it starts exactly where this read starts.
	let kept = limits.iterators?.get(shardId);
	if (kept?.after !== last) kept = undefined;
	try {
		iterator = kept ? kept.iterator : await iteratorFrom();
	} catch (error) {
		// The shard left the stream between DescribeStream and now (older than 24 hours): what was unread is gone.
		if (!named(error, 'ResourceNotFoundException')) throw error;
		yield { records: [], end: 'shard', gap: { streamArn, shardId, afterSequenceNumber: last, reason: 'the shard left the stream (older than 24 hours) before it was read to its end' } };
		return;
	}
	let renewals = 0;
	let asked = 0;
	while (iterator) {
		const room = limits.room();
		if (room <= 0 || Date.now() >= limits.deadline) return;
		let page;
		try {
			await limits.pace?.(shardId);
			page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.min(MAX_PAGE, room) }), { abortSignal: limits.signal });
			asked = Math.min(MAX_PAGE, room);
		} catch (error) {
			// A kept iterator that fails (expired, or refused) is dropped: the read starts as if there were none.
			if (kept && iterator === kept.iterator && !named(error, 'AbortError')) {
				limits.iterators?.delete(shardId);
				kept = undefined;
				iterator = await iteratorFrom();
				continue;
			}
			// Iterators live 15 minutes; a new one from the last record read continues at the same place.
			if (named(error, 'ExpiredIteratorException') && renewals++ < 3) {
				iterator = await iteratorFrom();
				continue;
			}
			if (named(error, 'TrimmedDataAccessException') && last) {
				gap = trimmed(streamArn, shardId, last);
				last = undefined;
				iterator = await iteratorFrom();
				continue;
			}
			throw error;
		}
		renewals = 0;
		const records = page.Records ?? [];
		if (records.length) last = records[records.length - 1].dynamodb?.SequenceNumber ?? last;
		iterator = page.NextShardIterator;
		// Kept from the shard's first record on: DynamoDB Local refuses an iterator an empty shard gave once records came.
		if (iterator && last) limits.iterators?.set(shardId, { after: last, iterator });
		else limits.iterators?.delete(shardId);
		const end = !iterator ? 'shard' : !closed && (records.length === 0 || (limits.shortPageEnds && records.length < asked)) ? 'caughtUp' : undefined;
		yield { records, end, gap };
		gap = undefined;
		if (end) return;
	}
}

function trimmed(streamArn: string, shardId: string, after: string): Gap {
	return { streamArn, shardId, afterSequenceNumber: after, reason: 'older than the stream keeps records (24 hours): the records after this one up to the oldest kept one were not read' };
}
