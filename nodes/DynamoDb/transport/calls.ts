import { mapLimit } from './concurrency';
import type { Send } from './send';
import { isThrottling } from './throttling';

/** DynamoDB's limit on one request's size (BatchWriteItem, BatchGetItem). */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** How batches are sent: calls in flight, retry rounds for unprocessed requests, backoff. */
export interface BatchPolicy {
	/** Calls in flight at once. */
	concurrency: number;
	/** Rounds of re-sending what DynamoDB left unprocessed (or throttled) before giving up. */
	maxRounds: number;
	/** Backoff before round r: a random delay in [0, min(maxDelayMs, baseDelayMs × 2^r)] (full jitter). */
	baseDelayMs?: number;
	maxDelayMs?: number;
	/** Request size limit used to split calls (16 MB). */
	maxBytes?: number;
	/** Stop starting calls once a request failed (the execution fails anyway). */
	stopOnError?: boolean;
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
}

/** One request of a batch call, and where it came from. */
export interface Unit {
	/** The table it addresses ('' for a PartiQL statement). */
	table: string;
	/** Units of one group share one table entry of a call (BatchGetItem's per-table settings). */
	group: string;
	/** What goes into the call: a WriteRequest, a key, or a statement. */
	request: Record<string, unknown>;
	/** Identity in a call (table + key where known): two units with the same id never share a call, and run in order. */
	id: string;
	/** Approximate size on the wire, for the request size limit. */
	size: number;
	/** Index of the request or input item it came from. */
	origin: number;
}

export type Outcome =
	| { status: 'done'; value?: unknown }
	| { status: 'unprocessed'; value?: unknown }
	| { status: 'failed'; error: unknown }
	| { status: 'skipped' };

/** How one batch operation builds a call from units and reads the answer. */
export interface BatchKind {
	max: number;
	build(units: Unit[]): Record<string, unknown>;
	/**
	 * Each unit's result (a read item, a statement's answer), the units to send again, and what the
	 * call answered as a whole (BatchGetItem's records), kept only when the answer was accounted for.
	 */
	settle(units: Unit[], response: Record<string, unknown>): Settled;
	/** Group settings (BatchGetItem's ProjectionExpression, ConsistentRead, …) by group. */
	groups?: Map<string, Record<string, unknown>>;
}

export interface Settled {
	values: Map<Unit, unknown>;
	again: Unit[];
	lastValues?: Map<Unit, unknown>;
	answer?: unknown;
}

/** A call's answer as a whole, with the first unit of the call (for a stable order across calls). */
export interface Answer {
	first: Unit;
	answer: unknown;
}

const isValidation = (error: unknown) => error instanceof Error && error.name === 'ValidationException';

/**
 * Fills calls in order: at most `max` units and `maxBytes` per call, and never two groups of one
 * table in one call. A unit larger than `maxBytes` gets a call of its own.
 */
export function chunker(max: number, maxBytes = MAX_REQUEST_BYTES) {
	let current: Unit[] = [];
	let bytes = 0;
	let groups = new Map<string, string>();
	return {
		/** Adds a unit; returns the call it closed, when it did not fit there. */
		add(unit: Unit): Unit[] | undefined {
			let closed: Unit[] | undefined;
			const clash = groups.has(unit.table) && groups.get(unit.table) !== unit.group;
			if (current.length > 0 && (current.length >= max || bytes + unit.size > maxBytes || clash)) {
				closed = current;
				current = [];
				bytes = 0;
				groups = new Map();
			}
			current.push(unit);
			bytes += unit.size;
			groups.set(unit.table, unit.group);
			return closed;
		},
		/** The last call, if it has any unit. */
		end: (): Unit[] | undefined => (current.length > 0 ? current : undefined),
	};
}

/** Units split into calls (see chunker). */
export function chunk(units: readonly Unit[], max: number, maxBytes = MAX_REQUEST_BYTES): Unit[][] {
	const calls = chunker(max, maxBytes);
	const out: Unit[][] = [];
	for (const unit of units) {
		const closed = calls.add(unit);
		if (closed) out.push(closed);
	}
	const last = calls.end();
	return last ? [...out, last] : out;
}

/** The wave of each unit: the n-th request for an id goes in wave n, so requests for one id run in order. */
function waveCounter() {
	const seen = new Map<string, number>();
	return (unit: Unit): number => {
		const n = seen.get(unit.id) ?? 0;
		seen.set(unit.id, n + 1);
		return n;
	};
}

/** Waves of units with no id twice in a wave, in order. */
export function waves(units: readonly Unit[]): Unit[][] {
	const waveOf = waveCounter();
	const out: Unit[][] = [];
	for (const unit of units) (out[waveOf(unit)] ??= []).push(unit);
	return out;
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
 * Sends units in calls of the batch operation with bounded parallelism. Units may arrive in
 * slices over time (an async iterable, as input items are prepared): the first request for each id
 * goes out as soon as its call is full, so sending starts before the last item is prepared. Later
 * requests for an id wait for the earlier ones (in waves, once all units arrived). What DynamoDB
 * leaves unprocessed, or a call it throttles, is sent again with exponential backoff and full
 * jitter, up to `maxRounds` rounds; a call rejected as invalid is re-sent one request at a time so
 * the error lands on the request that caused it. Every unit gets an outcome: nothing is dropped.
 */
export async function sendUnits(kind: BatchKind, send: Send, units: readonly Unit[] | AsyncIterable<readonly Unit[]>, policy: BatchPolicy) {
	const outcomes = new Map<Unit, Outcome>();
	const responses: Array<Record<string, unknown>> = [];
	const answers: Answer[] = [];
	const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const random = policy.random ?? Math.random;
	const base = policy.baseDelayMs ?? 50;
	const cap = policy.maxDelayMs ?? 5000;
	let failed = false;
	const stop = () => failed && policy.stopOnError === true;

	const run = async (calls: Unit[]): Promise<void> => {
		let pending = calls;
		for (let round = 0; ; round++) {
			let again: Unit[];
			try {
				const response = await send(kind.build(pending));
				responses.push(response);
				const settled = kind.settle(pending, response);
				if (settled.answer !== undefined) answers.push({ first: pending[0], answer: settled.answer });
				for (const [unit, value] of settled.values) outcomes.set(unit, { status: 'done', value });
				again = settled.again;
				if (again.length > 0 && round >= policy.maxRounds) {
					for (const unit of again) outcomes.set(unit, { status: 'unprocessed', value: settled.lastValues?.get(unit) });
					return;
				}
			} catch (error) {
				if (isThrottling(error) && round < policy.maxRounds) {
					again = pending;
				} else if (isValidation(error) && pending.length > 1) {
					// One invalid request fails the whole call: find it by sending each on its own, in order.
					await mapLimit(pending, 1, async (unit) => await run([unit]), stop);
					return;
				} else {
					for (const unit of pending) outcomes.set(unit, isThrottling(error) ? { status: 'unprocessed' } : { status: 'failed', error });
					failed ||= !isThrottling(error);
					return;
				}
			}
			if (again.length === 0) return;
			await sleep(random() * Math.min(cap, base * 2 ** round));
			pending = again;
		}
	};

	// Wave 0 streams: its calls go to the senders as they fill up.
	const queue = callQueue();
	const senders = Promise.allSettled(
		Array.from({ length: Math.max(1, policy.concurrency) }, async () => {
			for (let call = await queue.take(); call && !stop(); call = await queue.take()) await run(call);
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
		if (stop()) break;
		await mapLimit(chunk(wave, kind.max, policy.maxBytes), policy.concurrency, run, stop);
	}
	return { outcome: (unit: Unit): Outcome => outcomes.get(unit) ?? { status: 'skipped' }, responses, answers };
}
