import type { NormalizedSchema } from '@smithy/core/schema';
import { NumberValueImpl as NumberValue } from '@aws-sdk/util-dynamodb';
import { childPath, describe, InputError } from './errors';
import { isAttributeValue, membersOf } from './schema';
import { suggest } from './suggest';

/** What happens at the positions only the schema can tell apart. */
export interface Leaves {
	attributeValue(value: unknown, path: string): unknown;
	timestamp(value: unknown, path: string): unknown;
	blob(value: unknown, path: string): unknown;
}

/**
 * Walks a request body along the SDK's model of the operation: checks every member's JSON type
 * and name, requires required members, and hands AttributeValue, timestamp and blob positions
 * to `leaves`. Paths in errors read like `RequestItems.users[3].PutRequest.Item`.
 */
export function toSdkShape(schema: NormalizedSchema, value: unknown, path: string, leaves: Leaves): unknown {
	if (value === undefined) return undefined;
	// At an AttributeValue position, null is a value (plain JSON null → NULL); elsewhere it means "not given".
	if (isAttributeValue(schema)) return leaves.attributeValue(value, path);
	if (value === null) return undefined;
	if (schema.isTimestampSchema()) return leaves.timestamp(value, path);
	if (schema.isBlobSchema()) return leaves.blob(value, path);
	if (schema.isStructSchema() || schema.isUnionSchema()) return structure(schema, value, path, leaves);
	if (schema.isListSchema()) {
		if (!Array.isArray(value)) throw new InputError(path, `expected an array, got ${describe(value)}`);
		const item = schema.getValueSchema();
		return value.map((v, i) => toSdkShape(item, v, childPath(path, i), leaves));
	}
	if (schema.isMapSchema()) {
		const entries = objectEntries(value, path);
		const item = schema.getValueSchema();
		return Object.fromEntries(entries.map(([k, v]) => [k, toSdkShape(item, v, childPath(path, k), leaves)]));
	}
	return scalar(schema, value, path);
}

function structure(schema: NormalizedSchema, value: unknown, path: string, leaves: Leaves) {
	const entries = objectEntries(value, path);
	const { members, required } = membersOf(schema);
	const out: Record<string, unknown> = {};
	for (const [key, v] of entries) {
		const member = members.get(key);
		if (!member) {
			const hint = suggest(key, [...members.keys()]);
			throw new InputError(childPath(path, key), `unknown member${hint ? `; did you mean "${hint}"?` : ''} Expected one of: ${[...members.keys()].join(', ')}`);
		}
		const converted = toSdkShape(member, v, childPath(path, key), leaves);
		if (converted !== undefined) out[key] = converted;
	}
	for (const key of required) {
		if (out[key] === undefined) throw new InputError(childPath(path, key), 'required member is missing');
	}
	return out;
}

function objectEntries(value: unknown, path: string): Array<[string, unknown]> {
	if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof NumberValue) {
		throw new InputError(path, `expected an object, got ${describe(value)}`);
	}
	return Object.entries(value);
}

function scalar(schema: NormalizedSchema, value: unknown, path: string) {
	if (schema.isStringSchema()) {
		if (typeof value !== 'string') throw new InputError(path, `expected a string, got ${describe(value)}`);
	} else if (schema.isBooleanSchema()) {
		if (typeof value !== 'boolean') throw new InputError(path, `expected true or false, got ${describe(value)}`);
	} else if (schema.isNumericSchema()) {
		const n = value instanceof NumberValue ? Number(value.toString()) : value;
		if (typeof n !== 'number') throw new InputError(path, `expected a number, got ${describe(value)}`);
		return n;
	}
	return value;
}
