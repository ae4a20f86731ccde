import type { NormalizedSchema } from '@smithy/core/schema';
import { NumberValueImpl as NumberValue } from '@aws-sdk/util-dynamodb';
import { childPath, describe, InputError, UnknownMemberError } from './errors';
import { Memo, MODEL } from './memo';
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
	return walk(planOf(schema), value, path, leaves);
}

/**
 * What the walk does at one schema position, read from the schema once and kept (with the plans
 * of its members and items, built as first reached): thousands of items converted with one
 * model ask the schema nothing per item.
 */
interface Plan {
	kind: 'av' | 'timestamp' | 'blob' | 'struct' | 'list' | 'map' | 'string' | 'boolean' | 'number' | 'other';
	schema: NormalizedSchema;
	members?: Map<string, Plan>;
	item?: Plan;
}

const plans = new Memo<NormalizedSchema, Plan>(MODEL);
const newPlan = (schema: NormalizedSchema): Plan => ({ kind: kindOf(schema), schema });

const planOf = (schema: NormalizedSchema): Plan => plans.get(schema, newPlan);

function kindOf(schema: NormalizedSchema): Plan['kind'] {
	if (isAttributeValue(schema)) return 'av';
	if (schema.isTimestampSchema()) return 'timestamp';
	if (schema.isBlobSchema()) return 'blob';
	if (schema.isStructSchema() || schema.isUnionSchema()) return 'struct';
	if (schema.isListSchema()) return 'list';
	if (schema.isMapSchema()) return 'map';
	if (schema.isStringSchema()) return 'string';
	if (schema.isBooleanSchema()) return 'boolean';
	if (schema.isNumericSchema()) return 'number';
	return 'other';
}

function walk(plan: Plan, value: unknown, path: string, leaves: Leaves): unknown {
	if (value === undefined) return undefined;
	// At an AttributeValue position, null is a value (plain JSON null → NULL); elsewhere it means "not given".
	if (plan.kind === 'av') return leaves.attributeValue(value, path);
	if (value === null) return undefined;
	switch (plan.kind) {
		case 'timestamp':
			return leaves.timestamp(value, path);
		case 'blob':
			return leaves.blob(value, path);
		case 'struct':
			return structure(plan, value, path, leaves);
		case 'list': {
			if (!Array.isArray(value)) throw new InputError(path, `expected an array, got ${describe(value)}`);
			const item = (plan.item ??= planOf(plan.schema.getValueSchema()));
			return value.map((v, i) => walk(item, v, childPath(path, i), leaves));
		}
		case 'map': {
			const entries = objectEntries(value, path);
			const item = (plan.item ??= planOf(plan.schema.getValueSchema()));
			return Object.fromEntries(entries.map(([k, v]) => [k, walk(item, v, childPath(path, k), leaves)]));
		}
		default:
			return scalar(plan.kind, value, path);
	}
}

function structure(plan: Plan, value: unknown, path: string, leaves: Leaves) {
	const entries = objectEntries(value, path);
	const { members, required } = membersOf(plan.schema);
	const memberPlans = (plan.members ??= new Map());
	const out: Record<string, unknown> = {};
	for (const [key, v] of entries) {
		let memberPlan = memberPlans.get(key);
		if (!memberPlan) {
			const member = members.get(key);
			if (!member) {
				const names = [...members.keys()];
				const hint = suggest(key, names);
				throw new UnknownMemberError(childPath(path, key), hint, `Members allowed here (${names.length}): ${names.join(', ')}`);
			}
			memberPlan = planOf(member);
			memberPlans.set(key, memberPlan);
		}
		const converted = walk(memberPlan, v, childPath(path, key), leaves);
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

function scalar(kind: Plan['kind'], value: unknown, path: string) {
	if (kind === 'string') {
		if (typeof value !== 'string') throw new InputError(path, `expected a string, got ${describe(value)}`);
	} else if (kind === 'boolean') {
		if (typeof value !== 'boolean') throw new InputError(path, `expected true or false, got ${describe(value)}`);
	} else if (kind === 'number') {
		const n = value instanceof NumberValue ? Number(value.toString()) : value;
		if (typeof n !== 'number') throw new InputError(path, `expected a number, got ${describe(value)}`);
		return n;
	}
	return value;
}
