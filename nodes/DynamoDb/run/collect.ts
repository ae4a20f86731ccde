import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { errorItem, nodeError, type Failure } from '../output/errors';

/** What became of one input item: its output items, or why it failed. */
export type ItemResult = { items: INodeExecutionData[] } | { error: unknown };

/** Bulk Mode without Continue On Fail: a request not sent because another one failed first. */
export class NotSentError extends Error {
	constructor() {
		super('Not sent: the request of another item failed first');
	}
}

/**
 * Results in input order → output items; the first failure fails the execution unless Continue On
 * Fail. `describe` turns an error into its failure, redacted (output/errors.ts `describeFailure`).
 */
export function collect(ctx: IExecuteFunctions, results: ItemResult[], describe: (error: unknown) => Failure): INodeExecutionData[] {
	if (!ctx.continueOnFail()) {
		// The first real failure by input order (not an item left unsent because of it) fails the execution.
		const failure = results.findIndex((r) => 'error' in r && !(r.error instanceof NotSentError));
		if (failure >= 0) throw nodeError(ctx.getNode(), describe((results[failure] as { error: unknown }).error), failure);
	}
	return results.flatMap((result, i) => ('items' in result ? result.items : [{ json: { error: errorItem(describe(result.error)) }, pairedItem: { item: i } }]));
}
