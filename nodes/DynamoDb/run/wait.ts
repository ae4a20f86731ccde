import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation, Wait } from '../operations/types';
import { DEFAULT_MAX_WAIT } from '../operations/waits';
import { fromSdkOutput } from '../shapes/toOutput';
import { holdersAt, valueAt, waitUntilDone } from '../transport/wait';
import type { Options } from './settings';

type Json = Record<string, unknown>;

/** Wait Until Done for one item: the operation's answer → the settled Describe answer as JSON (undefined: gone, or not asked to wait). */
export type Settle = (request: Json, answer: Json, options: Options) => Promise<IDataObject | undefined>;

export function settler(ctx: IExecuteFunctions, client: DynamoDBClient, operation: Operation): Settle {
	const { wait } = operation;
	return async (request, answer, options) => {
		if (!wait || !options.waitUntilDone) return undefined;
		const maxWait = options.maxWait ?? DEFAULT_MAX_WAIT;
		if (!(maxWait > 0)) throw new Error(`Max Wait (Seconds) must be more than 0, not ${maxWait}`);
		const described = await waitUntilDone(client, operation.action, wait, request, answer, { maxWait, signal: ctx.getExecutionCancelSignal?.() });
		return described && (fromSdkOutput(wait.describe, described, options.simplify ?? true) as IDataObject);
	};
}

/** The answer with the settled description: the row's `output` members replaced, or the Describe answer laid over the answer. */
export function withSettled(wait: Wait, answer: IDataObject, described: IDataObject, request: Json): IDataObject {
	if (!wait.output) return { ...answer, ...described };
	const out = { ...answer };
	for (const [member, path] of Object.entries(wait.output)) {
		const cut = path.lastIndexOf('.');
		const value = cut < 0 ? described[path] : holdersAt(described, path.slice(0, cut), request).holders.map((h) => valueAt(h, path.slice(cut + 1)))[0];
		if (value !== undefined) out[member] = value as IDataObject[string];
	}
	return out;
}
