import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Wait, WaitState } from '../operations/types';
import { sender } from './send';

type Json = Record<string, unknown>;

/** Where an operation that answered early stands, read from one Describe answer. */
export interface Verdict {
	state: 'done' | 'failed' | 'pending';
	/** Every watched thing with its state, e.g. `table users ACTIVE, index by_email CREATING`. */
	summary: string;
	/** AWS's reason, when it failed. */
	reason?: string;
}

/** Wait Until Done gave up: the resource failed, Max Wait passed, or the execution was cancelled. */
export class WaitError extends Error {
	constructor(
		readonly code: 'WaitFailed' | 'WaitTimeout' | 'WaitCancelled',
		message: string,
	) {
		super(message);
		this.name = code;
	}
}

/** Path segments: `Table`, `Replicas[]` (every element), `Destinations[StreamArn=StreamArn]` (elements whose member equals the request's). */
const SEGMENT = /([^.[\]]+)(?:\[([^\]=]*)(?:=([^\]]*))?\])?/g;

function segments(path: string) {
	return [...path.matchAll(SEGMENT)].map(([, member, all, equals]) => ({ member, each: all !== undefined, key: all, equals }));
}

/** A value at a plain dotted path (`ExportDescription.ExportArn`). */
export function valueAt(root: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((at, member) => (at && typeof at === 'object' ? (at as Json)[member] : undefined), root);
}

/**
 * The objects a path leads to in a Describe answer. `optional`: the path goes through `[]`, so
 * finding none is fine (a table without indexes); otherwise one must be there.
 */
export function holdersAt(root: unknown, path: string, request: Json): { holders: Json[]; optional: boolean } {
	let holders: unknown[] = [root];
	let optional = false;
	for (const { member, each, key, equals } of segments(path)) {
		holders = holders.flatMap((h) => {
			const value = h && typeof h === 'object' ? (h as Json)[member] : undefined;
			if (!each) return value === undefined ? [] : [value];
			const list = Array.isArray(value) ? value : [];
			return equals === undefined ? list : list.filter((e) => e && valueAt(e, key!) === valueAt(request, equals));
		});
		if (each && equals === undefined) optional = true;
	}
	return { holders: holders.filter((h): h is Json => !!h && typeof h === 'object'), optional };
}

const doneStates = (state: WaitState, request: Json): string[] =>
	Array.isArray(state.done) ? state.done : (state.done.is[String(valueAt(request, state.done.by))] ?? []);

/** The verdict on one Describe answer: failed if anything failed, done when everything is done, else still going. */
export function verdictOf(wait: Wait, request: Json, described: Json): Verdict {
	const parts: string[] = [];
	let failed: Verdict | undefined;
	let pending = false;
	for (const state of wait.states) {
		const { holders, optional } = holdersAt(described, state.at, request);
		if (holders.length === 0 && !optional) {
			pending = true;
			parts.push(`${state.label} not listed yet`);
		}
		for (const holder of holders) {
			const status = holder[state.status];
			const name = state.name ? holder[state.name] : undefined;
			parts.push(`${state.label}${name === undefined ? '' : ` ${String(name)}`} ${status === undefined ? '(no status)' : String(status)}`);
			if (typeof status === 'string' && state.failed?.includes(status)) {
				const reason = (state.reason ?? []).map((r) => valueAt(holder, r)).filter((r) => r !== undefined && r !== '');
				failed ??= { state: 'failed', summary: '', reason: reason.length ? reason.map(String).join(': ') : undefined };
			} else if (typeof status !== 'string' || !doneStates(state, request).includes(status)) pending = true;
		}
	}
	const summary = parts.join(', ');
	if (failed) return { ...failed, summary };
	return { state: pending ? 'pending' : 'done', summary };
}

/** The Describe request: each member read from the operation's request or answer (absent ones left out). */
export function describeInput(wait: Wait, request: Json, answer: Json): Json {
	const input: Json = {};
	for (const [member, from] of Object.entries(wait.input)) {
		const [source, ...path] = from.split('.');
		const value = valueAt(source === 'answer' ? answer : request, path.join('.'));
		if (value !== undefined) input[member] = value;
	}
	return input;
}

export interface WaitSettings {
	/** Max Wait (Seconds). */
	maxWait: number;
	/** The execution's cancel signal: stop waiting when n8n stops the execution. */
	signal?: AbortSignal;
}

/**
 * Describes the resource until it is done, with exponential backoff and jitter between checks and a
 * last check at Max Wait. Its own loop rather than the SDK's createWaiter: that one forgets the last
 * state on timeout and checks back to back in its final half second.
 * Returns the settled Describe answer, or undefined when being gone is done (a deleted table).
 */
export async function waitUntilDone(client: DynamoDBClient, action: string, wait: Wait, request: Json, answer: Json, settings: WaitSettings): Promise<Json | undefined> {
	const describe = sender(client, wait.describe);
	const input = describeInput(wait, request, answer);
	const deadline = Date.now() + settings.maxWait * 1000;
	// Tables settle in seconds, exports in minutes: start at 2 s, back off to 30 s (less when Max Wait is short).
	const minDelay = Math.min(2000, (settings.maxWait * 1000) / 30);
	const maxDelay = Math.max(minDelay, Math.min(30000, (settings.maxWait * 1000) / 10));
	let last = 'no answer yet';
	for (let attempt = 0; ; attempt++) {
		if (settings.signal?.aborted) throw new WaitError('WaitCancelled', `Stopped waiting for ${action} to finish: the execution was cancelled (${last}).`);
		const verdict = await check(describe, wait, action, input, request);
		if (verdict === 'gone') return undefined;
		if (verdict.state === 'done') return verdict.described;
		last = verdict.summary;
		if (verdict.state === 'failed') {
			throw new WaitError('WaitFailed', `${action} was accepted but did not finish: ${verdict.summary}${verdict.reason ? ` (${verdict.reason})` : ''}.`);
		}
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			throw new WaitError(
				'WaitTimeout',
				`${action} was accepted but had not finished after Max Wait (${settings.maxWait} s): ${last}. It may still finish: ` +
					`${wait.describe} shows its progress, or raise Max Wait (Seconds).`,
			);
		}
		const ceiling = Math.min(maxDelay, minDelay * 2 ** attempt);
		await pause(Math.min(remaining, minDelay + Math.random() * (ceiling - minDelay)), settings.signal);
	}
}

async function check(describe: ReturnType<typeof sender>, wait: Wait, action: string, input: Json, request: Json) {
	let described: Json;
	try {
		described = await describe(input);
	} catch (error) {
		const name = (error as Error)?.name;
		if (wait.notFound && name === wait.notFound.error) {
			return wait.notFound.means === 'done' ? ('gone' as const) : { state: 'pending' as const, summary: `${wait.describe} does not find it yet (${name})` };
		}
		if (error instanceof Error) {
			error.message = `${action} was accepted, but ${wait.describe} (to wait until it is done; needs dynamodb:${wait.describe}) failed: ${error.message}`;
		}
		throw error;
	}
	return { ...verdictOf(wait, request, described), described };
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal?.addEventListener('abort', done, { once: true });
	});
}
