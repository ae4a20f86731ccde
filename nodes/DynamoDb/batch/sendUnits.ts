import { mapLimit } from '../transport/concurrency';
import type { Send } from '../transport/send';
import { batchCalls, type BatchKind, type BatchPolicy, type Sent } from './call';
import { chunk, chunker, type Unit } from './units';

/** The wave of each unit: the n-th request for an id goes in wave n, so requests for one id run in order. */
function waveCounter() {
	const seen = new Map<string, number>();
	return (unit: Unit): number => {
		const n = seen.get(unit.id) ?? 0;
		seen.set(unit.id, n + 1);
		return n;
	};
}

/** Calls ready to go, taken by whichever sender is free; `take` gives undefined once closed and drained. */
function callQueue() {
	const ready: Unit[][] = [];
	let next = 0;
	const waiting: Array<(call: Unit[] | undefined) => void> = [];
	let closed = false;
	return {
		put(call: Unit[]) {
			const sender = waiting.shift();
			if (sender) sender(call);
			else ready.push(call);
		},
		close() {
			closed = true;
			for (const sender of waiting.splice(0)) sender(undefined);
		},
		take: (): Promise<Unit[] | undefined> =>
			next < ready.length ? Promise.resolve(ready[next++]) : closed ? Promise.resolve(undefined) : new Promise((resolve) => waiting.push(resolve)),
	};
}

/**
 * The streaming driver: sends units in calls of the batch operation (call.ts: each call with its
 * retry rounds) with bounded parallelism. Units may arrive in slices over time (an async iterable,
 * as input items are prepared): the first request for each id goes out as soon as its call is full,
 * so sending starts before the last item is prepared. Later requests for an id wait for the earlier
 * ones (in waves, once all units arrived). Every unit gets an outcome: nothing is dropped.
 */
export async function sendUnits(kind: BatchKind, send: Send, units: readonly Unit[] | AsyncIterable<readonly Unit[]>, policy: BatchPolicy): Promise<Sent> {
	const { call, stopped, sent } = batchCalls(kind, send, policy);
	// Wave 0 streams: its calls go to the senders as they fill up.
	const queue = callQueue();
	const senders = Promise.allSettled(
		Array.from({ length: Math.max(1, policy.concurrency) }, async () => {
			for (let next = await queue.take(); next && !stopped(); next = await queue.take()) await call(next);
		}),
	);
	const waveOf = waveCounter();
	const later: Unit[][] = [];
	const calls = chunker(kind.max, policy.maxBytes);
	try {
		for await (const slice of Array.isArray(units) ? [units as readonly Unit[]] : (units as AsyncIterable<readonly Unit[]>)) {
			for (const unit of slice) {
				const wave = waveOf(unit);
				if (wave > 0) (later[wave - 1] ??= []).push(unit);
				else {
					const closed = calls.add(unit);
					if (closed) queue.put(closed);
				}
			}
		}
	} finally {
		const last = calls.end();
		if (last) queue.put(last);
		queue.close();
		const rejected = (await senders).find((s): s is PromiseRejectedResult => s.status === 'rejected');
		if (rejected) throw rejected.reason;
	}
	for (const wave of later) {
		if (stopped()) break;
		await mapLimit(chunk(wave, kind.max, policy.maxBytes), policy.concurrency, call, stopped);
	}
	return sent;
}
