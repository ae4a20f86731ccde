import type { BulkWrite } from '../operations/types';
import type { Send } from '../transport/send';
import type { BulkItems, BulkSent, KeyOf } from './bulkTypes';
import { split, type BatchKind, type BatchPolicy } from './call';
import { writeId } from './identity';
import { acceptOrRaise, mergeMeta } from './response';
import { sendUnits } from './sendUnits';
import { wireSize, type Unit } from './units';

/** BatchWriteItem: write requests grouped by table; UnprocessedItems sent again. */
export function writeKind(shared: Record<string, unknown>, keyNames: (table: string) => string[] | undefined): BatchKind {
	return {
		max: 25,
		build(units) {
			const RequestItems: Record<string, unknown[]> = {};
			for (const unit of units) (RequestItems[unit.table] ??= []).push(unit.request);
			return { ...shared, RequestItems };
		},
		settle(units, response) {
			const unprocessed = (response.UnprocessedItems ?? {}) as Record<string, Array<Record<string, unknown>>>;
			const left = Object.entries(unprocessed).flatMap(([table, list]) => list.map((r) => writeId(table, r, keyNames(table))));
			return split(units, left, () => undefined);
		},
	};
}

/** A BatchWriteItem request of any size: one response with every call's metadata and what is left in UnprocessedItems. */
export async function sendWriteRequests(send: Send, requests: unknown, shared: Record<string, unknown>, policy: BatchPolicy, accept: boolean) {
	const requestItems = (requests ?? {}) as Record<string, Array<Record<string, unknown>>>;
	// Keys of put requests are known when the same table has delete requests (the key's attribute names).
	const keyNames = new Map<string, string[]>();
	for (const [table, list] of Object.entries(requestItems)) {
		const del = list.find((r) => r.DeleteRequest) as { DeleteRequest: { Key: object } } | undefined;
		if (del?.DeleteRequest?.Key) keyNames.set(table, Object.keys(del.DeleteRequest.Key));
	}
	const units: Unit[] = Object.entries(requestItems).flatMap(([table, list]) =>
		list.map((request, origin) => ({ table, group: table, request, id: writeId(table, request, keyNames.get(table)), size: wireSize(request), origin })),
	);
	const { outcome, responses } = await sendUnits(writeKind(shared, (t) => keyNames.get(t)), send, units, policy);
	const unprocessed: Record<string, unknown[]> = {};
	for (const unit of units) {
		const o = outcome(unit);
		if (o.status === 'failed') throw o.error;
		if (o.status !== 'done') (unprocessed[unit.table] ??= []).push(unit.request);
	}
	const output = { ...mergeMeta(responses), UnprocessedItems: unprocessed };
	return acceptOrRaise(output, 'UnprocessedItems', units.length, accept, policy);
}

/** What a WriteRequest carries: a put the whole item (its key names come from the table), a delete the key. */
const CARRIES = { PutRequest: 'Item', DeleteRequest: 'Key' } as const;

/**
 * Bulk Mode writes (PutItem, DeleteItem): each input item's request becomes one write request.
 * `keyOf` names a table's key attributes (DescribeTable), so two puts of one item never share a call
 * (a later write of a key waits for the earlier one's call).
 */
export async function bulkWrites(target: BulkWrite, items: BulkItems, send: Send, policy: BatchPolicy, keyOf: KeyOf): Promise<BulkSent> {
	const carried = CARRIES[target.request];
	const keyNames = new Map<string, string[] | undefined>();
	const units: Unit[] = [];
	async function* slices() {
		for await (const slice of items) {
			const start = units.length;
			for (const { index, input } of slice) {
				const table = input.TableName as string;
				if (carried === 'Item' && !keyNames.has(table)) keyNames.set(table, await keyOf(table, input.Item as Record<string, unknown>));
				const request = { [target.request]: { [carried]: input[carried] } };
				units.push({ table, group: table, request, id: writeId(table, request, keyNames.get(table)), size: wireSize(request), origin: index });
			}
			yield units.slice(start);
		}
	}
	const { outcome } = await sendUnits(writeKind({}, (t) => keyNames.get(t)), send, slices(), policy);
	return {
		results: units.map((unit) => ({ index: unit.origin, outcome: outcome(unit), unit })),
		unprocessed: (unit) => ({ UnprocessedItems: { [unit.table]: [unit.request] } }),
	};
}
