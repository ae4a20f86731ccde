import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { describeError, toNodeError, type Place } from '../output/errors';

/** What became of one input item: its output items, or why it failed. */
export type ItemResult = { items: INodeExecutionData[] } | { error: unknown };

/** Bulk mode without Continue On Fail: a request not sent because another one failed first. */
export class NotSentError extends Error {
	constructor() {
		super('Not sent: the request of another item failed first');
	}
}

/** Results in input order → output items; the first failure fails the execution unless Continue On Fail. */
export function collect(ctx: IExecuteFunctions, results: ItemResult[], hide: (text: string) => string, place?: Place): INodeExecutionData[] {
	if (!ctx.continueOnFail()) {
		// The first real failure by input order (not an item left unsent because of it) fails the execution.
		const failure = results.findIndex((r) => 'error' in r && !(r.error instanceof NotSentError));
		if (failure >= 0) throw toNodeError(ctx.getNode(), (results[failure] as { error: unknown }).error, failure, hide, place);
	}
	return results.flatMap((result, i) =>
		'items' in result ? result.items : [{ json: { error: JSON.parse(hide(JSON.stringify(describeError(result.error, place)))) }, pairedItem: { item: i } }],
	);
}
