import { InputError, describe } from './errors';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Base64 text (or bytes already) → bytes, as the SDK needs for blob members and B/BS values. */
export function toBytes(value: unknown, path: string): Uint8Array {
	if (value instanceof Uint8Array) return value;
	if (typeof value === 'string' && BASE64.test(value.replace(/\s+/g, ''))) return Buffer.from(value, 'base64');
	throw new InputError(path, `expected base64 text, got ${describe(value)}`);
}

/** Epoch seconds, epoch milliseconds (from 1e11 on: after 1973 in ms) or ISO-8601 → Date. */
export function toDate(value: unknown, path: string): Date {
	if (value instanceof Date) return value;
	const numeric = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
	const date = Number.isFinite(numeric)
		? new Date(Math.abs(numeric) >= 1e11 ? numeric : numeric * 1000)
		: typeof value === 'string'
			? new Date(value)
			: new Date(NaN);
	if (Number.isNaN(date.getTime())) {
		throw new InputError(path, `expected epoch seconds, epoch milliseconds or an ISO-8601 date, got ${describe(value)}`);
	}
	return date;
}
