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
			return (await client.send(new GetShardIteratorCommand(input))).ShardIterator;
		} catch (error) {
			if (!last || !named(error, 'TrimmedDataAccessException')) throw error;
			gap = trimmed(streamArn, shardId, last);
			last = undefined;
			return (await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
		}
	};

	if (limits.room() <= 0 || Date.now() >= limits.deadline) return;
	let iterator: string | undefined;
	try {
		iterator = await iteratorFrom();
	} catch (error) {
		// The shard left the stream between DescribeStream and now (older than 24 hours): what was unread is gone.
		if (!named(error, 'ResourceNotFoundException')) throw error;
		yield { records: [], end: 'shard', gap: { streamArn, shardId, afterSequenceNumber: last, reason: 'the shard left the stream (older than 24 hours) before it was read to its end' } };
		return;
	}
	let renewals = 0;
	while (iterator) {
		const room = limits.room();
		if (room <= 0 || Date.now() >= limits.deadline) return;
		let page;
		try {
			page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.min(MAX_PAGE, room) }));
		} catch (error) {
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
		const end = !iterator ? 'shard' : !closed && records.length === 0 ? 'caughtUp' : undefined;
		yield { records, end, gap };
		gap = undefined;
		if (end) return;
	}
}

function trimmed(streamArn: string, shardId: string, after: string): Gap {
	return { streamArn, shardId, afterSequenceNumber: after, reason: 'older than the stream keeps records (24 hours): the records after this one up to the oldest kept one were not read' };
}
