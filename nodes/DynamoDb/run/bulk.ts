import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../operations/types';
import { fromSdkOutput } from '../shapes/toOutput';
import { UnprocessedRequestsError } from '../transport/batching';
import { sendBulk, type Prepared } from '../transport/bulk';
import { keySchemas } from '../transport/keySchemas';
import { sender, type Send } from '../transport/send';
import { NotSentError, type ItemResult } from './collect';
import { prepareInput, shape } from './items';
import type { Options, Reader, Run } from './settings';

/** Input items prepared per slice; between slices the calls already filled go out. */
const SLICE = 100;

/** Bulk Mode: every input item's request prepared, sent in BatchWriteItem / BatchGetItem calls, shaped per item. */
export async function runBulk(ctx: IExecuteFunctions, operation: Operation, client: DynamoDBClient, run: Run, read: Reader): Promise<ItemResult[]> {
	const count = ctx.getInputData().length;
	const options: Options[] = [];
	async function* prepared(): AsyncGenerator<Prepared[]> {
		for (let start = 0; start < count; start += SLICE) {
			const slice: Prepared[] = [];
			for (let i = start; i < Math.min(count, start + SLICE); i++) {
				try {
					options[i] = read.options(i);
					slice.push({ index: i, input: prepareInput(ctx, i, operation, options[i], read.body) });
				} catch (error) {
					slice.push({ index: i, error });
				}
			}
			yield slice;
			// Preparing is CPU work: give the event loop a turn so responses are read and the next calls sent.
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
	const keys = keySchemas(client);
	const send = sender(client, operation.bulk!);
	// A refused call may come from key names that are no longer the table's (deleted and created again
	// with other keys): the next execution asks DynamoDB. This one loses nothing: calls.ts sends the
	// requests of a refused call one by one.
	const noticing: Send = async (input) => {
		try {
			return await send(input);
		} catch (error) {
			if ((error as Error)?.name === 'ValidationException') keys.forget(Object.keys((input.RequestItems ?? {}) as object));
			throw error;
		}
	};
	const results = await sendBulk(operation.action, prepared(), noticing, run.policy, keys.of);
	let written: { options: Options; records: IDataObject[] } | undefined;
	return results.map(({ index, outcome, unprocessed }): ItemResult => {
		if (outcome.status === 'done' && operation.bulk === 'BatchWriteItem') {
			// A write answers nothing: shaped once per options, copied per item.
			const itemOptions = options[index] ?? {};
			if (written?.options !== itemOptions) written = { options: itemOptions, records: shape(operation, {}, itemOptions, index).map((r) => r.json) };
			return { items: written.records.map((json) => ({ json: { ...json }, pairedItem: { item: index } })) };
		}
		if (outcome.status === 'done') {
			try {
				return { items: shape(operation, outcome.value ? { Item: outcome.value } : {}, options[index] ?? {}, index) };
			} catch (error) {
				return { error }; // If Item Not Found: Fail
			}
		}
		if (outcome.status === 'unprocessed') {
			if (!run.accept) return { error: new UnprocessedRequestsError(1, 1, Object.keys(unprocessed!)[0], unprocessed!, run.policy.maxRounds) };
			const json = fromSdkOutput(operation.bulk!, unprocessed!, options[index]?.simplify ?? true) as IDataObject;
			return { items: [{ json, pairedItem: { item: index } }] };
		}
		if (outcome.status === 'skipped') return { error: new NotSentError() };
		return { error: outcome.error };
	});
}
