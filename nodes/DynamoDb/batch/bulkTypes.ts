import type { Outcome } from './call';
import type { Unit } from './units';

/**
 * What Bulk Mode's entry point (bulkMode.ts) and its two kinds (writes.ts, gets.ts) hand each other:
 * here, below all three, so that none of them imports another that imports it back.
 */

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
