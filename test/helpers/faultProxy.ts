/**
 * A fault-injecting HTTP proxy in front of DynamoDB Local. For a share of BatchWriteItem calls it
 * either forwards only part of the write requests and answers the rest as UnprocessedItems (as
 * DynamoDB does under load), or answers HTTP 400 ProvisionedThroughputExceededException without
 * forwarding anything. Every other call passes through untouched. Deterministic (seeded).
 */
import { localEndpoint } from './local';
import { awsErrorAnswer, prng, startProxy, type Plan, type Upstream } from './proxy';

export interface FaultOptions {
	/** Share of BatchWriteItem calls answered with part of the requests unprocessed (0..1). */
	unprocessed?: number;
	/** Share of BatchWriteItem calls answered with HTTP 400 ProvisionedThroughputExceededException (0..1). */
	throttled?: number;
	/** Same shares for BatchGetItem (UnprocessedKeys / throttled). */
	getUnprocessed?: number;
	seed?: number;
}

export interface FaultProxy {
	endpoint: string;
	/** What the proxy did so far. */
	stats: { batchWrites: number; unprocessedAnswers: number; unprocessedRequests: number; throttledAnswers: number; batchGets: number; unprocessedKeys: number };
	close(): Promise<void>;
}

export async function startFaultProxy(options: FaultOptions, target = localEndpoint()): Promise<FaultProxy> {
	const random = prng(options.seed ?? 42);
	const stats = { batchWrites: 0, unprocessedAnswers: 0, unprocessedRequests: 0, throttledAnswers: 0, batchGets: 0, unprocessedKeys: 0 };

	/** Splits each table's list: the first part goes through, the rest comes back unprocessed. */
	const splitRequests = <T>(map: Record<string, T[]>) => {
		const sent: Record<string, T[]> = {};
		const left: Record<string, T[]> = {};
		for (const [table, list] of Object.entries(map)) {
			const keep = Math.floor(random() * list.length);
			if (keep > 0) sent[table] = list.slice(0, keep);
			if (keep < list.length) left[table] = list.slice(keep);
		}
		return { sent, left };
	};
	const count = (map: Record<string, unknown[]>) => Object.values(map).reduce((n, l) => n + l.length, 0);

	/** Forwards `send` when it has requests; answers DynamoDB's answer (or `empty`) with `unprocessed` added. */
	const partly = (send: Record<string, unknown>, sent: Record<string, unknown>, empty: Record<string, unknown>, unprocessed: Record<string, unknown>): Plan => {
		if (Object.keys(sent).length === 0) return { answer: { status: 200, json: { ...empty, ...unprocessed } } };
		const json = (r: Upstream) => JSON.parse(r.body.toString('utf8'));
		return { send, rewrite: (r) => (r.status !== 200 ? { status: r.status, json: json(r) } : { status: 200, json: { ...json(r), ...unprocessed } }) };
	};

	const proxy = await startProxy({
		target,
		requestId: 'fault-proxy',
		hook: ({ target, body: request }): Plan | undefined => {
			if (target.endsWith('.BatchWriteItem')) {
				stats.batchWrites++;
				const roll = random();
				if (roll < (options.throttled ?? 0)) {
					stats.throttledAnswers++;
					return {
						answer: awsErrorAnswer(400, 'ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded (fault proxy)'),
					};
				}
				if (roll < (options.throttled ?? 0) + (options.unprocessed ?? 0)) {
					const { sent, left } = splitRequests<unknown>(request.RequestItems as Record<string, unknown[]>);
					stats.unprocessedAnswers++;
					stats.unprocessedRequests += count(left);
					return partly({ ...request, RequestItems: sent }, sent, { UnprocessedItems: {} }, { UnprocessedItems: left });
				}
			}
			if (target.endsWith('.BatchGetItem') && random() < (options.getUnprocessed ?? 0)) {
				stats.batchGets++;
				const items = request.RequestItems as Record<string, { Keys: unknown[] }>;
				const { sent, left } = splitRequests<unknown>(Object.fromEntries(Object.entries(items).map(([t, k]) => [t, k.Keys])));
				stats.unprocessedKeys += count(left);
				const withKeys = (map: Record<string, unknown[]>) => Object.fromEntries(Object.entries(map).map(([t, keys]) => [t, { ...items[t], Keys: keys }]));
				return partly({ ...request, RequestItems: withKeys(sent) }, sent, { Responses: {} }, { UnprocessedKeys: withKeys(left) });
			}
			if (target.endsWith('.BatchGetItem')) stats.batchGets++;
			return undefined;
		},
	});
	return { endpoint: proxy.endpoint, stats, close: proxy.close };
}
