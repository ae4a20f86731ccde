/**
 * Results kept for reuse by key: the one rule of the node's module-level caches. At most `max`
 * entries; a new key in a full memo makes the oldest entry go (first in, first out), so a memo of
 * what users write (body templates, expressions, member names) stays bounded however many distinct
 * ones pass, and a memo of the SDK's model holds all of it under a bound it never reaches (`MODEL`).
 * Only for values that follow from the key alone: a value that can go stale (a table's key schema,
 * transport/keySchemas.ts) needs a freshness rule, and a warm client a lease (transport/pool.ts).
 */
export class Memo<K, V> {
	private readonly kept = new Map<K, V>();

	constructor(private readonly max: number) {}

	/** The value kept for `key`, or `compute`'s, then kept. */
	get(key: K, compute: (key: K) => V): V {
		const hit = this.kept.get(key);
		if (hit !== undefined || this.kept.has(key)) return hit as V;
		const value = compute(key);
		if (this.kept.size >= this.max) this.kept.delete(this.kept.keys().next().value as K);
		this.kept.set(key, value);
		return value;
	}

	get size(): number {
		return this.kept.size;
	}
}

/** The bound of memos of the SDK's model (schemas and plans per operation and shape): far above the few hundred shapes it has. */
export const MODEL = 10_000;
