import type { Batch } from '../operations/types';
import type { Send } from '../transport/send';
import type { BatchPolicy } from './call';
import { sendGetRequests } from './gets';
import { sendStatements } from './statements';
import { sendWriteRequests } from './writes';

/** How each kind of batch sends a request of any size (its requests member, and the request's other members). */
const byKind: Record<Batch['kind'], typeof sendWriteRequests> = { write: sendWriteRequests, get: sendGetRequests, statement: sendStatements };

/**
 * A BatchWriteItem, BatchGetItem or BatchExecuteStatement request of any size: split into calls
 * within DynamoDB's limits, sent with bounded parallelism, unprocessed requests retried, and the
 * answers merged into one response of the operation's own shape. What is still unprocessed is in
 * the response's UnprocessedItems / UnprocessedKeys (with `accept`) or raises UnprocessedRequestsError.
 */
export async function sendBatch(batch: Batch, send: Send, input: Record<string, unknown>, policy: BatchPolicy, accept: boolean) {
	const { [batch.requests]: requests, ...shared } = input;
	return await byKind[batch.kind](send, requests, shared, policy, accept);
}
