import type { BulkTarget } from '../operations/types';
import type { Send } from '../transport/send';
import type { BulkItems, BulkSent, KeyOf } from './bulkTypes';
import type { BatchPolicy } from './call';
import { bulkGets } from './gets';
import { bulkWrites } from './writes';

/**
 * Bulk Mode: the per-item requests of all input items (PutItem, DeleteItem, GetItem) sent as calls
 * of the batch operation the registry row names (`bulkMode`), slice by slice as they are prepared
 * (calls go out while later items are still being prepared). Duplicate keys: reads are sent once
 * and shared; writes of one key go in order.
 */
export async function sendBulk(target: BulkTarget, items: BulkItems, send: Send, policy: BatchPolicy, keyOf: KeyOf): Promise<BulkSent> {
	return target.kind === 'write' ? await bulkWrites(target, items, send, policy, keyOf) : await bulkGets(items, send, policy);
}
