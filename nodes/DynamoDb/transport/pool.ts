/**
 * Values kept for reuse across executions, by key, and lent out: a value is never closed while a
 * lease on it is open; once no lease is open it stays `idleMs` for the next one, and only the
 * `maxIdle` most recently used idle values are kept. Generic: the client cache (client.ts) is one.
 */
export interface Lease<T> {
	readonly value: T;
	/** Gives the value back; the second and later calls do nothing, so `finally { release() }` is always safe. */
	release(): void;
}

export interface PoolLimits {
	/** How long a value nobody leases stays open. */
	idleMs: number;
	/** Idle values kept at most; the least recently used go first. */
	maxIdle: number;
}

interface Entry<T> {
	value: T;
	leases: number;
	timer?: ReturnType<typeof setTimeout>;
	/** Dropped from the pool while leased: closed at its last release. */
	retired?: boolean;
}

export class Pool<T> {
	/** In order of last release: the first idle entry is the least recently used. */
	private readonly entries = new Map<string, Entry<T>>();

	constructor(
		private readonly close: (value: T) => void,
		private readonly limits: PoolLimits,
	) {}

	/** The value kept under `key`, or a new one from `create` (nothing is kept when it throws). */
	acquire(key: string, create: () => T): Lease<T> {
		let entry = this.entries.get(key);
		if (!entry) {
			entry = { value: create(), leases: 0 };
			this.entries.set(key, entry);
		}
		clearTimeout(entry.timer);
		entry.timer = undefined;
		entry.leases++;
		const held = entry;
		let open = true;
		return {
			value: held.value,
			release: () => {
				if (!open) return;
				open = false;
				this.release(key, held);
			},
		};
	}

	/** How many values are open, and how many of them are leased right now. */
	size(): { open: number; leased: number } {
		let leased = 0;
		for (const entry of this.entries.values()) if (entry.leases > 0) leased++;
		return { open: this.entries.size, leased };
	}

	/** Closes every idle value now; leased ones are closed at their last release. The next acquire creates anew. */
	clear(): void {
		for (const [key, entry] of [...this.entries]) {
			this.entries.delete(key);
			if (entry.leases > 0) entry.retired = true;
			else this.shut(entry);
		}
	}

	private release(key: string, entry: Entry<T>): void {
		if (--entry.leases > 0) return;
		if (entry.retired) return this.shut(entry);
		// Re-inserted: the map's order is the order of last use.
		this.entries.delete(key);
		this.entries.set(key, entry);
		entry.timer = setTimeout(() => this.evict(key, entry), this.limits.idleMs);
		entry.timer.unref?.(); // an idle client never keeps the process alive
		let idle = 0;
		for (const e of this.entries.values()) if (e.leases === 0) idle++;
		for (const [k, e] of this.entries) {
			if (idle <= this.limits.maxIdle) break;
			if (e.leases > 0) continue;
			this.evict(k, e);
			idle--;
		}
	}

	private evict(key: string, entry: Entry<T>): void {
		if (this.entries.get(key) !== entry || entry.leases > 0) return;
		this.entries.delete(key);
		this.shut(entry);
	}

	private shut(entry: Entry<T>): void {
		clearTimeout(entry.timer);
		this.close(entry.value);
	}
}
