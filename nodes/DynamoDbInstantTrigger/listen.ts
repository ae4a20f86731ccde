import type { IDataObject } from 'n8n-workflow';
import { pollChanges, type Clients, type LiveReading, type PollResult } from '../DynamoDbTrigger/poll';
import type { Position } from '../DynamoDbTrigger/position';
import type { PositionStore } from './checkpoint';
import type { InstantSettings } from './settings';

export interface Timing {
	/** An idle shard is read about once a second (AWS Lambda's stream pollers read about as often). */
	readEveryMs: number;
	/** At most 5 GetRecords a second per shard (AWS's limit per shard): catching up reads no faster. */
	minReadGapMs: number;
	/** A shard list is trusted this long; a shard that ends (a split, a disabled stream) refreshes it at once. */
	describeEveryMs: number;
	/** One read's time budget: a busy stream still emits what it read by then. */
	readBudgetMs: number;
	/** Failures in a row (reads or checkpoint writes) retried in place before the trigger reports to n8n. */
	retries: number;
	/** The wait before retry `attempt` (1, 2, …). */
	backoffMs: (attempt: number) => number;
	/** How long deactivation waits for running executions before it writes the checkpoint (n8n stops everything after 30 s). */
	closeWaitMs: number;
}

/** 1, 2, 4, 8, 16 s between retries: about half a minute of failures before n8n hears of it. */
export const TIMING: Timing = {
	readEveryMs: 1000,
	minReadGapMs: 200,
	describeEveryMs: 60_000,
	readBudgetMs: 10_000,
	retries: 5,
	backoffMs: (attempt) => 1000 * 2 ** (attempt - 1),
	closeWaitMs: 10_000,
};

export interface ListenerHooks {
	/** Starts one execution with these items; resolves when it has finished, rejects when it could not start. */
	deliver(items: IDataObject[]): Promise<void>;
	/** The trigger cannot go on (n8n's emitError: deactivates, reports, reactivates with backoff). */
	fail(error: Error): void;
	/** A failure being retried (it is reported through `fail` if the retries run out). */
	retrying(error: Error, attempt: number, waitMs: number): void;
	/** Stop after the first execution (a manual test listen). */
	once?: boolean;
}

/** What a listener did, for tests and the bench. */
export interface ListenerStats {
	executions: number;
	maxInFlight: number;
	reads: number;
}

/** An emitted batch: the position after it, and whether its execution has finished. */
interface Batch {
	after: Position;
	finished: boolean;
}

const copy = (position: Position): Position => JSON.parse(JSON.stringify(position)) as Position;

/**
 * The instant trigger's reading loop: read every shard about once a second (the polling trigger's
 * reading: lineage, renewed iterators, gaps, filters, items), emit what came as one execution per
 * batch, keep at most `inFlight` executions running, and write the checkpoint once every execution
 * up to a batch has finished. A crash then replays only executions that had not finished (same
 * eventIds); a stop waits for them and loses or doubles nothing.
 */
export class Listener {
	readonly stats: ListenerStats = { executions: 0, maxInFlight: 0, reads: 0 };
	private readonly abort = new AbortController();
	private readonly aborted: Promise<void>;
	private readonly live: LiveReading;
	private readonly lastRead = new Map<string, number>();
	private readonly batches: Batch[] = [];
	private readonly inFlight = new Set<Promise<void>>();
	private position?: Position;
	private committed?: Position;
	private saving: Promise<void> = Promise.resolve();
	private running?: Promise<void>;
	private failed = false;
	/** n8n closed the trigger: from then on nothing is reported to n8n (an emitError would reactivate it). */
	private closed = false;

	constructor(
		private readonly clients: Clients,
		private readonly settings: InstantSettings,
		private readonly store: PositionStore,
		private readonly hooks: ListenerHooks,
		private readonly timing: Timing = TIMING,
	) {
		this.aborted = new Promise((resolve) => this.abort.signal.addEventListener('abort', () => resolve(), { once: true }));
		this.live = { iterators: new Map(), pace: async (shardId) => await this.pace(shardId), signal: this.abort.signal, describeEvery: timing.describeEveryMs };
	}

	get stopped(): boolean {
		return this.abort.signal.aborted;
	}

	/**
	 * Activation: the stored position, then a first read, awaited so that a wrong table, a missing
	 * stream or a refused credential fails the activation with its reason. A first position is
	 * written at once: "now" means now, also after a restart before the first change.
	 */
	async start(): Promise<void> {
		this.position = await this.store.load();
		const first = await this.read();
		if (first.start) await this.store.save(first.start);
		// The activation read went to an empty page (Start From now is exact); later reads emit what one page brings.
		this.live.shortPageEnds = true;
		// Whatever ends the loop unexpectedly is reported, never a silent stop.
		this.running = this.loop(first).catch((error) => this.fail(error));
	}

	/** Deactivation: reads and timers stop at once; running executions get closeWaitMs to finish; then the checkpoint. */
	async stop(): Promise<void> {
		this.closed = true;
		this.abort.abort();
		await this.running;
		if (this.inFlight.size) {
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, this.timing.closeWaitMs)))]);
			clearTimeout(timer);
		}
		await this.saving;
	}

	private async loop(first: PollResult): Promise<void> {
		// Emits only after trigger() has returned: n8n sets up a manual test's emit then.
		await new Promise((resolve) => setImmediate(resolve));
		let result: PollResult | undefined = first;
		let failures = 0;
		let cycle = Date.now();
		while (!this.stopped) {
			let more = false;
			if (result?.items.length) {
				await this.emit(result.items, copy(result.position));
				if (this.hooks.once) return;
				more = result.items.length >= this.settings.maxRecords;
			}
			if (!more) await this.sleep(cycle + this.timing.readEveryMs - Date.now());
			if (this.stopped) return;
			cycle = Date.now();
			try {
				result = await this.read();
				failures = 0;
			} catch (error) {
				if (this.stopped) return;
				result = undefined;
				if (++failures > this.timing.retries) return this.fail(error);
				this.hooks.retrying(asError(error), failures, this.timing.backoffMs(failures));
				await this.sleep(this.timing.backoffMs(failures));
			}
		}
	}

	/** One read from the current position; the position moves only when the read succeeds (a failed read is read again). */
	private async read(): Promise<PollResult> {
		this.stats.reads++;
		const result = await pollChanges(this.clients, this.settings, this.position && copy(this.position), Date.now() + this.timing.readBudgetMs, this.live);
		this.position = result.position;
		return result;
	}

	/** Starts the batch's execution once fewer than `inFlight` run; its end may move the checkpoint. */
	private async emit(items: IDataObject[], after: Position): Promise<void> {
		while (this.inFlight.size >= this.settings.inFlight) {
			await Promise.race([...this.inFlight, this.aborted]);
			if (this.stopped) return;
		}
		const batch: Batch = { after, finished: false };
		this.batches.push(batch);
		this.stats.executions++;
		const execution: Promise<void> = this.hooks.deliver(items).then(
			() => {
				batch.finished = true;
				this.commit();
			},
			// An execution that could not start was not delivered: the checkpoint stays before it, and n8n restarts the trigger.
			(error) => this.fail(asError(error)),
		);
		const tracked = execution.finally(() => this.inFlight.delete(tracked));
		this.inFlight.add(tracked);
		this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.inFlight.size);
	}

	/** The checkpoint moves past every batch whose execution, and every earlier one, has finished. */
	private commit(): void {
		let next: Position | undefined;
		while (this.batches[0]?.finished) next = this.batches.shift()!.after;
		if (!next) return;
		this.committed = next;
		this.saving = this.saving.then(async () => await this.save());
	}

	/** Writes the newest committed position (writes queued behind a slow one collapse into one). */
	private async save(): Promise<void> {
		const position = this.committed;
		if (!position) return;
		this.committed = undefined;
		for (let attempt = 1; ; attempt++) {
			try {
				await this.store.save(position);
				return;
			} catch (error) {
				if (attempt > this.timing.retries) {
					this.fail(asError(error));
					return;
				}
				this.hooks.retrying(asError(error), attempt, this.timing.backoffMs(attempt));
				await new Promise((resolve) => setTimeout(resolve, this.timing.backoffMs(attempt)));
			}
		}
	}

	private fail(error: unknown): void {
		if (this.failed || this.closed) return;
		this.failed = true;
		this.abort.abort();
		this.hooks.fail(asError(error));
	}

	/** Keeps each shard's GetRecords at least minReadGapMs apart. */
	private async pace(shardId: string): Promise<void> {
		const wait = (this.lastRead.get(shardId) ?? 0) + this.timing.minReadGapMs - Date.now();
		if (wait > 0) await this.sleep(wait);
		this.lastRead.set(shardId, Date.now());
	}

	/** A wait that deactivation cuts short. */
	private async sleep(ms: number): Promise<void> {
		if (ms <= 0 || this.stopped) return;
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, ms))), this.aborted]);
		clearTimeout(timer);
	}
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
