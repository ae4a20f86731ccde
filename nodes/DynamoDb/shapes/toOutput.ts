import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { NumberValueImpl as NumberValue, unmarshall } from '@aws-sdk/util-dynamodb';
import type { NormalizedSchema } from '@smithy/core/schema';
import { isAttributeValue, membersOf, operationSchema } from './schema';
import { Memo, MODEL } from './memo';
import { exactNumber } from './numbers';
import { setMember } from './setMember';

/**
 * SDK output → JSON n8n can hold: `$metadata` dropped, Dates as ISO strings, bytes as base64,
 * sets as arrays. With `simplify`, every attribute value the model marks is unmarshalled to
 * plain JSON; numbers stay exact (a string when a JS number would round them).
 */
export function fromSdkOutput(action: string, output: Record<string, unknown>, simplify: boolean): Record<string, unknown> {
	const { $metadata: _, ...rest } = output;
	// One pass: the simplified output is made JSON-safe as it is built (100k records are not copied twice).
	return (simplify ? simplifyAttributeValues(action, rest) : toJsonSafe(rest)) as Record<string, unknown>;
}

/**
 * One typed attribute value → plain JSON: the scalar types directly (the bulk of a Scan's values),
 * maps and lists member by member (a member named "__proto__" stays data: the SDK's unmarshall
 * assigns it and loses it), the rest through the SDK's unmarshall.
 * Reference: the SDK's unmarshall; test/unit/toOutput.property.test.ts "the scalar fast path".
 */
export function plainValue(value: AttributeValue): unknown {
	const { S, N, BOOL, NULL, M, L } = value as { S?: unknown; N?: unknown; BOOL?: unknown; NULL?: unknown; M?: unknown; L?: unknown };
	if (typeof S === 'string') return S;
	if (typeof N === 'string') return exactOrText(N);
	if (typeof BOOL === 'boolean') return BOOL;
	if (NULL === true) return null;
	if (M !== undefined && M !== null && typeof M === 'object') return plainRecord(M);
	if (Array.isArray(L)) return L.map((v: AttributeValue | null) => (v === null ? null : plainValue(v)));
	return toJsonSafe(unmarshall({ v: value } as Record<string, AttributeValue>, { wrapNumbers: exactOrText }).v);
}

/** DynamoDB numbers → JS numbers only when exact, else the exact text: nothing is silently rounded. */
const exactOrText = (text: string): number | string => exactNumber(text) ?? text;

/**
 * How the output model treats each position, compiled once per operation from the SDK's schema:
 * attribute values, the structures, lists and maps on the way to them, and everything else (no
 * attribute value below it) made JSON-safe in one call. A page of 100k records is then converted
 * without asking the schema anything per record.
 * Reference: asking the schema at every position and unmarshalling every attribute value with the
 * SDK; test/unit/toOutput.property.test.ts "SDK output → plain JSON … equals asking the schema everywhere".
 */
type Plan =
	| { kind: 'av' }
	| { kind: 'safe' }
	| { kind: 'struct'; members: Map<string, Plan> }
	| { kind: 'list'; item: Plan }
	| { kind: 'map'; item: Plan };

const AV: Plan = { kind: 'av' };
const SAFE: Plan = { kind: 'safe' };
const outputPlans = new Memo<string, Plan>(MODEL);

/** The plan of one schema; `seen` (by the model's own schema object) closes recursive shapes. */
function compile(schema: NormalizedSchema, seen: Map<unknown, Plan>): Plan {
	if (isAttributeValue(schema)) return AV;
	const raw = schema.getSchema() as unknown;
	const key = typeof raw === 'object' && raw !== null ? raw : undefined;
	const known = key && seen.get(key);
	if (known) return known;
	if (schema.isStructSchema() || schema.isUnionSchema()) {
		const plan: Plan = { kind: 'struct', members: new Map() };
		if (key) seen.set(key, plan);
		for (const [name, member] of membersOf(schema).members) plan.members.set(name, compile(member, seen));
		return plan;
	}
	if (schema.isListSchema() || schema.isMapSchema()) {
		const plan = { kind: schema.isListSchema() ? 'list' : 'map', item: SAFE } as Plan & { item: Plan };
		if (key) seen.set(key, plan);
		plan.item = compile(schema.getValueSchema(), seen);
		return plan;
	}
	return SAFE;
}

/** Plans with no attribute value anywhere below them become SAFE (toJsonSafe gives the same JSON for them). */
function prune(plan: Plan, done = new Map<Plan, Plan>()): Plan {
	const known = done.get(plan);
	if (known) return known;
	if (!reachesAttributeValue(plan, new Set())) {
		done.set(plan, SAFE);
		return SAFE;
	}
	done.set(plan, plan);
	if (plan.kind === 'struct') for (const [name, member] of plan.members) plan.members.set(name, prune(member, done));
	if (plan.kind === 'list' || plan.kind === 'map') plan.item = prune(plan.item, done);
	return plan;
}

function reachesAttributeValue(plan: Plan, seen: Set<Plan>): boolean {
	if (plan.kind === 'av') return true;
	if (seen.has(plan)) return false;
	seen.add(plan);
	if (plan.kind === 'struct') return [...plan.members.values()].some((member) => reachesAttributeValue(member, seen));
	if (plan.kind === 'list' || plan.kind === 'map') return reachesAttributeValue(plan.item, seen);
	return false;
}

const planOutput = (action: string) => prune(compile(operationSchema(action, 'Output'), new Map()));

function simplifyAttributeValues(action: string, value: Record<string, unknown>): unknown {
	return simplify(outputPlans.get(action, planOutput), value);
}

function simplify(plan: Plan, value: unknown): unknown {
	if (value === null || value === undefined) return value;
	switch (plan.kind) {
		case 'av':
			return plainValue(value as AttributeValue);
		case 'struct':
			return members(value as Record<string, unknown>, plan.members, undefined);
		case 'list':
			if (!Array.isArray(value)) return toJsonSafe(value);
			if (plan.item.kind === 'map' && plan.item.item.kind === 'av') return value.map(plainRecord); // Items: a list of records
			return value.map((v) => simplify(plan.item, v));
		case 'map':
			if (typeof value !== 'object' || Array.isArray(value) || value instanceof Set) return toJsonSafe(value);
			return plan.item.kind === 'av' ? plainRecord(value) : members(value as Record<string, unknown>, undefined, plan.item);
		default:
			return toJsonSafe(value);
	}
}

/** One record (an attribute map) → plain JSON, as every record the node outputs (the trigger's images too). */
export function plainRecord(value: unknown): unknown {
	if (value === null || value === undefined) return value;
	if (typeof value !== 'object' || Array.isArray(value) || value instanceof Set) return toJsonSafe(value);
	const out: Record<string, unknown> = {};
	const map = value as Record<string, AttributeValue | undefined>;
	for (const k of Object.keys(map)) {
		const v = map[k];
		if (v === undefined) continue;
		setMember(out, k, v === null ? null : plainValue(v));
	}
	return out;
}

/** A structure's members (by their plans; unknown ones JSON-safe) or a map's values (all by `item`). */
function members(value: Record<string, unknown>, byName: Map<string, Plan> | undefined, item: Plan | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		if (v === undefined) continue;
		const plan = byName ? byName.get(k) : item;
		setMember(out, k, plan ? simplify(plan, v) : toJsonSafe(v));
	}
	return out;
}

/** Dates → ISO strings, bytes → base64, sets → arrays, exact numbers kept. */
export function toJsonSafe(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (value instanceof Date) return value.toISOString();
	if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
	if (value instanceof NumberValue) return value.toString();
	if (value instanceof Set) return [...value].map(toJsonSafe);
	if (Array.isArray(value)) return value.map(toJsonSafe);
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		if (v !== undefined) setMember(out, k, toJsonSafe(v));
	}
	return out;
}
