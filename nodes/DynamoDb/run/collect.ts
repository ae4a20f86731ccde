import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { describeError, toNodeError } from '../output/errors';

/** What became of one input item: its output items, or why it failed. */
export type ItemResult = { items: INodeExecutionData[] } | { error: unknown };

/** Bulk mode without Continue On Fail: a request not sent because another one failed first. */
export class NotSentError extends Error {
	constructor() {
		super('Not sent: the request of another item failed first');
	}
}

/** Results in input order → output items; the first failure fails the execution unless Continue On Fail. */
export function collect(ctx: IExecuteFunctions, results: ItemResult[], hide: (text: string) => string): INodeExecutionData[] {
	const continueOnFail = ctx.continueOnFail();
	const out: INodeExecutionData[] = [];
	// Without Continue On Fail: the first real failure by input order (not an item left unsent because of it).
	const failure = continueOnFail ? -1 : results.findIndex((r) => 'error' in r && !(r.error instanceof NotSentError));
	if (failure >= 0) throw toNodeError(ctx.getNode(), (results[failure] as { error: unknown }).error, failure, hide);
	results.forEach((result, i) => {
		if ('items' in result) {
			for (const item of result.items) out.push(item);
			return;
		}
		if (!continueOnFail) throw toNodeError(ctx.getNode(), result.error, i, hide);
		out.push({ json: { error: JSON.parse(hide(JSON.stringify(describeError(result.error, i)))) }, pairedItem: { item: i } });
	});
	return out;
}
