import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sendBulk } from '../batch/bulkMode';
import type { BulkItems, BulkSent } from '../batch/bulkTypes';
import { UnprocessedRequestsError } from '../batch/errors';
import type { BulkTarget, Operation } from '../operations/types';
import { InputError } from '../shapes/errors';
import { fromSdkOutput } from '../shapes/toOutput';
import { keySchemas } from '../transport/keySchemas';
import { sender, type Send } from '../transport/send';
import { NotSentError, type ItemResult } from './collect';
import { keyNamesOf, type KeyNames } from './fromInput';
import { outputItems, prepareRequest } from './items';
import type { Options, Reader, Run } from './settings';

/** Input items prepared per slice; between slices the calls already filled go out. */
const SLICE = 100;

/**
 * Bulk Mode: every input item's request prepared, sent in calls of the row's batch operation
 * (BatchWriteItem / BatchGetItem), and turned into that item's output: one result per input item.
 */
export async function runBulkMode(ctx: IExecuteFunctions, operation: Operation, client: DynamoDBClient, run: Run, read: Reader): Promise<ItemResult[]> {
	const target = operation.bulkMode!;
	const results = new Array<ItemResult>(ctx.getInputData().length);
	const options: Options[] = [];
	const sent = await sendItems(client, target, prepare(ctx, operation, target, read, keyNamesOf(client), options, results), run);
	toResults(operation, target, sent, options, run, results);
	return results;
}

/** Members that may stay when they ask for the default (what the batch call does anyway). */
const NEUTRAL: Record<string, unknown> = { ReturnValues: 'NONE', ReturnConsumedCapacity: 'NONE', ReturnItemCollectionMetrics: 'NONE' };

/** Checks that a converted request can go into a batch call; explains why not otherwise. */
function checkBulkRequest(action: string, target: BulkTarget, input: Record<string, unknown>): void {
	for (const [member, value] of Object.entries(input)) {
		if (target.members.includes(member) || (member in NEUTRAL && NEUTRAL[member] === value)) continue;
		throw new InputError(
			member,
			`Bulk Mode sends ${action} requests as ${target.into}, which has no ${member} ` +
				`(it takes only ${target.members.join(', ')}). Remove ${member} from the body, or turn Bulk Mode off to send one ${action} per item.`,
		);
	}
}

/**
 * Job 1: each input item's request prepared (bind, parse, convert) and checked, a slice at a time.
 * A request that cannot be prepared or sent fails on its own input item (in `results`); the others go on.
 */
async function* prepare(ctx: IExecuteFunctions, operation: Operation, target: BulkTarget, read: Reader, keyNames: KeyNames, options: Options[], results: ItemResult[]): BulkItems {
	const count = results.length;
	for (let start = 0; start < count; start += SLICE) {
		const slice: Array<{ index: number; input: Record<string, unknown> }> = [];
		for (let i = start; i < Math.min(count, start + SLICE); i++) {
			try {
				options[i] = read.options(i);
				const input = await prepareRequest(ctx, i, operation, options[i], read.body, keyNames);
				checkBulkRequest(operation.action, target, input);
				slice.push({ index: i, input });
			} catch (error) {
				results[i] = { error };
			}
		}
		yield slice;
		// Preparing is CPU work: give the event loop a turn so responses are read and the next calls sent.
		await new Promise((resolve) => setImmediate(resolve));
	}
}

/** Job 2: the prepared requests sent as batch calls, with the tables' key names from the client's key schema cache. */
async function sendItems(client: DynamoDBClient, target: BulkTarget, items: BulkItems, run: Run): Promise<BulkSent> {
	const keys = keySchemas(client);
	const send = sender(client, target.into);
	// A refused call may come from key names that are no longer the table's (deleted and created again
	// with other keys): the next execution asks DynamoDB. This one loses nothing: batch/call.ts sends
	// the requests of a refused call one by one.
	const noticing: Send = async (input) => {
		try {
			return await send(input);
		} catch (error) {
			if ((error as Error)?.name === 'ValidationException') keys.forget(Object.keys((input.RequestItems ?? {}) as object));
			throw error;
		}
	};
	return await sendBulk(target, items, noticing, run.policy, keys.of);
}

/** Job 3: what happened to each input item's request → its output items or its error; the unprocessed request's JSON only where it is shown. */
function toResults(operation: Operation, target: BulkTarget, sent: BulkSent, options: Options[], run: Run, results: ItemResult[]): void {
	let written: { options: Options; records: IDataObject[] } | undefined;
	for (const { index, outcome, unit } of sent.results) {
		const itemOptions = options[index] ?? {};
		if (outcome.status === 'done' && target.kind === 'write') {
			// A write answers nothing item-specific: shaped once per options, copied per item. Reference: outputItems(operation, {},
			// itemOptions, index) for each item; test/integration/batching.test.ts "pairs every output item with its input item".
			if (written?.options !== itemOptions) written = { options: itemOptions, records: outputItems(operation, {}, itemOptions, index).map((r) => r.json) };
			results[index] = { items: written.records.map((json) => ({ json: { ...json }, pairedItem: { item: index } })) };
		} else if (outcome.status === 'done') {
			try {
				results[index] = { items: outputItems(operation, outcome.value ? { Item: outcome.value } : {}, itemOptions, index) };
			} catch (error) {
				results[index] = { error }; // If Item Not Found: Fail
			}
		} else if (outcome.status === 'unprocessed') {
			const request = sent.unprocessed(unit);
			results[index] = run.accept
				? { items: [{ json: fromSdkOutput(target.into, request, itemOptions.simplify ?? true) as IDataObject, pairedItem: { item: index } }] }
				: { error: new UnprocessedRequestsError(1, 1, Object.keys(request)[0], request, run.policy.maxRounds) };
		} else results[index] = { error: outcome.status === 'skipped' ? new NotSentError() : outcome.error };
	}
}
