import type { BatchPolicy } from './call';
import { UnprocessedRequestsError } from './errors';

/** ConsumedCapacity lists concatenated and ItemCollectionMetrics merged per table, across calls. */
export function mergeMeta(responses: Array<Record<string, unknown>>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const capacity = responses.flatMap((r) => (r.ConsumedCapacity as unknown[] | undefined) ?? []);
	if (capacity.length > 0) out.ConsumedCapacity = capacity;
	const metrics: Record<string, unknown[]> = {};
	for (const r of responses) {
		for (const [table, list] of Object.entries((r.ItemCollectionMetrics ?? {}) as Record<string, unknown[]>)) (metrics[table] ??= []).push(...list);
	}
	if (Object.keys(metrics).length > 0) out.ItemCollectionMetrics = metrics;
	return out;
}

/** The merged response, or UnprocessedRequestsError when its `member` lists requests left over and they are not accepted. */
export function acceptOrRaise(output: Record<string, unknown>, member: string, total: number, accept: boolean, policy: BatchPolicy) {
	const left = Object.values(output[member] as Record<string, unknown[] | { Keys: unknown[] }>).reduce<number>(
		(n, v) => n + (Array.isArray(v) ? v.length : v.Keys.length),
		0,
	);
	if (left > 0 && !accept) throw new UnprocessedRequestsError(left, total, member, { [member]: output[member] }, policy.maxRounds);
	return output;
}
