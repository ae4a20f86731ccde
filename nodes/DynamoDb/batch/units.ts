/** DynamoDB's limit on one request's size (BatchWriteItem, BatchGetItem). */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** One request of a batch call, and where it came from. */
export interface Unit {
	/** The table it addresses ('' for a PartiQL statement). */
	table: string;
	/** Units of one group share one table entry of a call (BatchGetItem's per-table settings). */
	group: string;
	/** What goes into the call: a WriteRequest, a key, or a statement. */
	request: Record<string, unknown>;
	/** Identity in a call (table + key where known, see identity.ts): two units with the same id never share a call, and run in order. */
	id: string;
	/** Approximate size on the wire, for the request size limit. */
	size: number;
	/** Index of the request or input item it came from. */
	origin: number;
}

/** Approximate JSON size of a request on the wire (bytes as base64). */
export function wireSize(value: unknown): number {
	if (typeof value === 'string') return Buffer.byteLength(value) + 2;
	if (value instanceof Uint8Array) return Math.ceil(value.length / 3) * 4 + 2;
	if (value === null || typeof value !== 'object') return String(value).length;
	if (value instanceof Set) return wireSize([...value]);
	let size = 2;
	if (Array.isArray(value)) for (const v of value) size += wireSize(v) + 1;
	else for (const [k, v] of Object.entries(value)) if (v !== undefined) size += Buffer.byteLength(k) + 4 + wireSize(v);
	return size;
}

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
