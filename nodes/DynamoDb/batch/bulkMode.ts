import type { BulkTarget } from '../operations/types';
import type { Send } from '../transport/send';
import type { BatchPolicy, Outcome } from './call';
import { bulkGets } from './gets';
import type { Unit } from './units';
import { bulkWrites } from './writes';

/** A table's key attribute names (DescribeTable), given an item that is to be written to it. */
export type KeyOf = (table: string, item?: Record<string, unknown>) => Promise<string[] | undefined>;

/** The converted requests of input items (by index), slice by slice as they are prepared. */
export type BulkItems = AsyncIterable<ReadonlyArray<{ index: number; input: Record<string, unknown> }>>;

/** What happened to each input item's request: its outcome, and the batch request it went in. */
export interface BulkSent {
	/** One per input item sent, in the order they were given. */
	results: Array<{ index: number; outcome: Outcome; unit: Unit }>;
	/** A unit's request as DynamoDB lists what it left unprocessed ({ UnprocessedItems } / { UnprocessedKeys }), built for the items that need it. */
	unprocessed(unit: Unit): Record<string, unknown>;
}

/**
 * Bulk Mode: the per-item requests of all input items (PutItem, DeleteItem, GetItem) sent as calls
 * of the batch operation the registry row names (`bulkMode`), slice by slice as they are prepared
 * (calls go out while later items are still being prepared). Duplicate keys: reads are sent once
 * and shared; writes of one key go in order.
 */
export async function sendBulk(target: BulkTarget, items: BulkItems, send: Send, policy: BatchPolicy, keyOf: KeyOf): Promise<BulkSent> {
	return target.kind === 'write' ? await bulkWrites(target, items, send, policy, keyOf) : await bulkGets(items, send, policy);
}
