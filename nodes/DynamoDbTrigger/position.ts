import type { Shard } from '@aws-sdk/client-dynamodb-streams';
import type { IDataObject } from 'n8n-workflow';
import { isClosed } from './shards';

/**
 * Where the trigger is in one shard. Never an iterator: iterators expire after 15 minutes, and a
 * workflow may be off for hours. No `after` → the shard is read from its start (TRIM_HORIZON).
 */
export interface ShardState {
	/** Sequence number of the last record consumed (emitted or filtered out). */
	after?: string;
	/** Read to its end (a closed shard): nothing more will come from it. */
	done?: true;
	/** Records up to the shard's current end are history (Start From: now): consumed without being emitted. */
	skipping?: true;
}

/** Records that could not be read: the first item emitted afterwards reports them in its `gap` field. */
export interface Gap {
	streamArn: string;
	shardId?: string;
	/** The last sequence number read before the gap (absent: from the shard's start). */
	afterSequenceNumber?: string;
	reason: string;
}

/** The trigger's position, kept in the node's static data (saved by n8n with the workflow). */
export interface Position {
	streamArn: string;
	shards: Record<string, ShardState>;
	gaps?: Gap[];
}

/** Where the trigger starts on its first activation (option Start From). */
export type StartFrom = 'now' | 'oldest';

const KEY = 'position';

/** The stored position (a copy: the poll works on it, and it replaces the stored one only when the poll succeeds). */
function loadPosition(staticData: IDataObject): Position | undefined {
	return copyOf(staticData[KEY]);
}

function copyOf(value: unknown): Position | undefined {
	const stored = value as Position | undefined;
	if (!stored || typeof stored.streamArn !== 'string' || typeof stored.shards !== 'object' || stored.shards === null) return undefined;
	return JSON.parse(JSON.stringify(stored)) as Position;
}

export function savePosition(staticData: IDataObject, position: Position): void {
	if (!position.gaps?.length) delete position.gaps;
	staticData[KEY] = position as unknown as IDataObject;
}

/**
 * A first position, kept in the workflow's global static data until the node's own holds a position.
 * Why: n8n's durable scheduler keeps the node's static data in its poller_state row and does not
 * commit it after an empty activation poll, so the first scheduled poll would find no position and
 * take "now" again, skipping every change made in between. The global static data is the workflow's
 * own, which n8n saves after every activation (and with every emit) on both engines: a first
 * position kept there survives until n8n has committed one of the node's.
 */
const startKey = (nodeName: string) => `dynamoDbTrigger.start.${nodeName}`;

/** The node's stored position, else the first position an earlier poll made that n8n has not committed as the node's yet. */
export function loadStart(staticData: IDataObject, global: IDataObject, nodeName: string): Position | undefined {
	const stored = loadPosition(staticData);
	if (!stored) return copyOf(global[startKey(nodeName)]);
	// The node's own position is stored: the first one is history.
	if (startKey(nodeName) in global) delete global[startKey(nodeName)];
	return stored;
}

/** Keeps the first position a poll made (see `loadStart`). */
export function keepStart(global: IDataObject, nodeName: string, start: Position): void {
	global[startKey(nodeName)] = JSON.parse(JSON.stringify(start)) as IDataObject;
}

/**
 * A first position in a stream. Oldest: every shard from its start. Now: closed shards are history
 * (done), open ones are skipped up to their current end, so only changes after that are emitted.
 */
export function startPosition(streamArn: string, shards: Shard[], startFrom: StartFrom): Position {
	const position: Position = { streamArn, shards: {} };
	if (startFrom === 'now') {
		for (const shard of shards) position.shards[shard.ShardId!] = isClosed(shard) ? { done: true } : { skipping: true };
	}
	return position;
}
