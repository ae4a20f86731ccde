import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { NumberValueImpl as NumberValue } from '@aws-sdk/util-dynamodb';
import { childPath, describe, InputError } from './errors';
import { toBytes } from './scalars';
import { setMember } from './setMember';

/** How attribute values in a body are read (option "Attribute Values"). */
export type ValueMode = 'auto' | 'typed' | 'plain';

const isString = (v: unknown) => typeof v === 'string';
const isBinary = (v: unknown) => typeof v === 'string' || v instanceof Uint8Array;
const isNumberText = (v: unknown) => typeof v === 'string' || typeof v === 'number' || v instanceof NumberValue;
const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof NumberValue) && !(v instanceof Uint8Array);
const listOf = (test: (v: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.every(test);

/** The JSON form of each DynamoDB type, to recognise typed values (`{"S": "x"}`) in Auto mode. */
const TYPED: Record<string, (v: unknown) => boolean> = {
	S: isString,
	N: isNumberText,
	B: isBinary,
	SS: listOf(isString),
	NS: listOf(isNumberText),
	BS: listOf(isBinary),
	M: isObject,
	L: Array.isArray,
	NULL: (v) => v === true,
	BOOL: (v) => typeof v === 'boolean',
};

function typedTag(value: unknown): string | undefined {
	if (!isObject(value)) return undefined;
	const keys = Object.keys(value);
	// Object.hasOwn: a map with one member named "constructor" or "__proto__" is data, not a type tag.
	return keys.length === 1 && Object.hasOwn(TYPED, keys[0]) && TYPED[keys[0]](value[keys[0]]) ? keys[0] : undefined;
}

/** Plain-JSON markers for the types JSON has no literal for. */
const MARKERS: Record<string, (v: unknown, path: string) => AttributeValue> = {
	$SS: (v, path) => ({ SS: setOf(v, path, isString, 'strings', String) }),
	$NS: (v, path) => ({ NS: setOf(v, path, isNumberText, 'numbers', numberText) }),
	$BS: (v, path) => ({ BS: setOf(v, path, isString, 'base64 strings', (x, i) => toBytes(x, childPath(path, i))) }),
	$B: (v, path) => ({ B: toBytes(v, path) }),
};

function setOf<T>(v: unknown, path: string, test: (x: unknown) => boolean, what: string, map: (x: unknown, i: number) => T): T[] {
	if (!Array.isArray(v) || v.length === 0 || !v.every(test)) throw new InputError(path, `expected a non-empty array of ${what}`);
	return v.map(map);
}

function numberText(v: unknown): string {
	return v instanceof NumberValue ? v.toString() : String(v);
}

/** One attribute value of a request, in the chosen mode, as the SDK sends it. */
export function toAttributeValue(value: unknown, path: string, mode: ValueMode): AttributeValue {
	const tag = mode === 'plain' ? undefined : typedTag(value);
	if (tag) return fromTyped(tag, (value as Record<string, unknown>)[tag], path, mode);
	if (mode === 'typed') {
		throw new InputError(path, `expected a typed DynamoDB value such as {"S": "text"} or {"N": "1"}, got ${describe(value)}`);
	}
	return fromPlain(value, path, mode);
}

function fromTyped(tag: string, v: unknown, path: string, mode: ValueMode): AttributeValue {
	const at = childPath(path, tag);
	switch (tag) {
		case 'N':
			return { N: numberText(v) };
		case 'NS':
			return { NS: (v as unknown[]).map(numberText) };
		case 'B':
			return { B: toBytes(v, at) };
		case 'BS':
			return { BS: (v as unknown[]).map((x, i) => toBytes(x, childPath(at, i))) };
		case 'M':
			return { M: mapValues(v as Record<string, unknown>, at, mode) };
		case 'L':
			return { L: (v as unknown[]).map((x, i) => toAttributeValue(x, childPath(at, i), mode)) };
		default:
			return { [tag]: v } as unknown as AttributeValue;
	}
}

function fromPlain(value: unknown, path: string, mode: ValueMode): AttributeValue {
	if (value === null) return { NULL: true };
	if (typeof value === 'string') return { S: value };
	if (typeof value === 'boolean') return { BOOL: value };
	if (value instanceof NumberValue) return { N: value.toString() };
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new InputError(path, `expected a finite number, got ${value}`);
		return { N: String(value) };
	}
	if (Array.isArray(value)) return { L: value.map((x, i) => toAttributeValue(x, childPath(path, i), mode)) };
	if (value instanceof Uint8Array) return { B: value };
	if (isObject(value)) {
		const keys = Object.keys(value);
		const marker = keys.length === 1 && Object.hasOwn(MARKERS, keys[0]) ? MARKERS[keys[0]] : undefined;
		if (marker) return marker(value[keys[0]], childPath(path, keys[0]));
		return { M: mapValues(value, path, mode) };
	}
	throw new InputError(path, `expected a JSON value, got ${describe(value)}`);
}

/** An attribute map (Item, Key, ExpressionAttributeValues, …): each value converted on its own. */
export function mapValues(map: Record<string, unknown>, path: string, mode: ValueMode): Record<string, AttributeValue> {
	const out: Record<string, AttributeValue> = {};
	for (const [k, v] of Object.entries(map)) {
		if (v !== undefined) setMember(out, k, toAttributeValue(v, childPath(path, k), mode));
	}
	return out;
}
