/**
 * The stored text of a message: JSON that gives back exactly what was stored, byte arrays included
 * (a file part's `data` may be a Uint8Array, which plain JSON would turn into an object of indexes).
 * A byte array is written as `{"$bytes": "<base64>"}`; so that no stored object can be mistaken for
 * one, every object key that starts with `$` is written with one more `$` (and read back without).
 * Everything else is JSON's own: `undefined` members are left out, `toJSON` is honoured (dates
 * become ISO text) — what the SDK's messages carry is JSON values and byte arrays.
 */

const BYTES = '$bytes';

export function toStoredJson(value: unknown): string {
	return JSON.stringify(encode(value));
}

export function fromStoredJson(text: string): unknown {
	return decode(JSON.parse(text));
}

function encode(value: unknown): unknown {
	if (value instanceof Uint8Array) return { [BYTES]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
	if (Array.isArray(value)) return value.map(encode);
	if (value !== null && typeof value === 'object') {
		const withJson = value as { toJSON?: () => unknown };
		if (typeof withJson.toJSON === 'function') return encode(withJson.toJSON());
		const out: Record<string, unknown> = {};
		for (const [key, member] of Object.entries(value)) {
			if (member === undefined || typeof member === 'function') continue;
			define(out, key.startsWith('$') ? `$${key}` : key, encode(member));
		}
		return out;
	}
	return value;
}

function decode(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(decode);
	if (value !== null && typeof value === 'object') {
		const keys = Object.keys(value);
		const record = value as Record<string, unknown>;
		if (keys.length === 1 && keys[0] === BYTES && typeof record[BYTES] === 'string') return new Uint8Array(Buffer.from(record[BYTES], 'base64'));
		const out: Record<string, unknown> = {};
		for (const key of keys) define(out, key.startsWith('$') ? key.slice(1) : key, decode(record[key]));
		return out;
	}
	return value;
}

/** An own member even for the key `__proto__` (plain assignment would set the prototype instead). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
