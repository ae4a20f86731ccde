import { mapLimit } from '../transport/concurrency';
import type { Send } from '../transport/send';
import { isThrottling } from '../transport/failures';
import type { Unit } from './units';

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

/** What happened to one unit: done (with its result), still unprocessed after the last round, failed, or never sent. */
export type Outcome =
	| { status: 'done'; value?: unknown }
	| { status: 'unprocessed'; value?: unknown }
	| { status: 'failed'; error: unknown }
	| { status: 'skipped' };

/** How one batch operation builds a call from units and reads the answer (writes.ts, gets.ts, statements.ts). */
export interface BatchKind {
	max: number;
	build(units: Unit[]): Record<string, unknown>;
	/**
	 * Each unit's result (a read item, a statement's answer), the units to send again, and what the
	 * call answered as a whole (BatchGetItem's records), kept only when the answer was accounted for.
	 */
	settle(units: Unit[], response: Record<string, unknown>): Settled;
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

/** What the calls found: each unit's outcome, every response (for ConsumedCapacity and metrics), the answers. */
export interface Sent {
	outcome(unit: Unit): Outcome;
	responses: Array<Record<string, unknown>>;
	answers: Answer[];
}

/** Units whose id is listed as left over go again; when a left-over id matches none, all go again (never lost). */
export function split(units: Unit[], left: string[], value: (unit: Unit) => unknown) {
	const values = new Map<Unit, unknown>();
	if (left.length === 0) {
		for (const unit of units) values.set(unit, value(unit));
		return { values, again: [], accounted: true };
	}
	const leftIds = new Set(left);
	const again = units.filter((u) => leftIds.has(u.id));
	if (again.length < leftIds.size) return { values, again: units, accounted: false };
	for (const unit of units) if (!leftIds.has(unit.id)) values.set(unit, value(unit));
	return { values, again, accounted: true };
}

const isValidation = (error: unknown) => error instanceof Error && error.name === 'ValidationException';

/**
 * Calls of one batch operation, each with its retry rounds: what DynamoDB leaves unprocessed, or a
 * call it throttles, is sent again with exponential backoff and full jitter, up to `maxRounds`
 * rounds; a call rejected as invalid is re-sent one request at a time so the error lands on the
 * request that caused it. Every unit sent gets an outcome; `stopped` turns true after a failure
 * when the policy stops on errors (sendUnits.ts then starts no more calls).
 */
export function batchCalls(kind: BatchKind, send: Send, policy: BatchPolicy) {
	const outcomes = new Map<Unit, Outcome>();
	const responses: Array<Record<string, unknown>> = [];
	const answers: Answer[] = [];
	const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const random = policy.random ?? Math.random;
	const base = policy.baseDelayMs ?? 50;
	const cap = policy.maxDelayMs ?? 5000;
	let failed = false;
	const stopped = () => failed && policy.stopOnError === true;

	const call = async (units: Unit[]): Promise<void> => {
		let pending = units;
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
					await mapLimit(pending, 1, async (unit) => await call([unit]), stopped);
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

	const sent: Sent = { outcome: (unit) => outcomes.get(unit) ?? { status: 'skipped' }, responses, answers };
	return { call, stopped, sent };
}
