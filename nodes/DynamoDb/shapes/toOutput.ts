import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { NumberValueImpl as NumberValue, unmarshall } from '@aws-sdk/util-dynamodb';
import type { NormalizedSchema } from '@smithy/core/schema';
import { isExactNumber } from '../body/parse';
import { isAttributeValue, membersOf, operationSchema } from './schema';

/**
 * SDK output → JSON n8n can hold: `$metadata` dropped, Dates as ISO strings, bytes as base64,
 * sets as arrays. With `simplify`, every attribute value the model marks is unmarshalled to
 * plain JSON; numbers stay exact (a string when a JS number would round them).
 */
export function fromSdkOutput(action: string, output: Record<string, unknown>, simplify: boolean): Record<string, unknown> {
	const { $metadata: _, ...rest } = output;
	// One pass: the simplified output is made JSON-safe as it is built (100k records are not copied twice).
	return (simplify ? simplifyAttributeValues(operationSchema(action, 'Output'), rest) : toJsonSafe(rest)) as Record<string, unknown>;
}

/** One typed attribute value → plain JSON. */
export function plainValue(value: AttributeValue): unknown {
	// The scalar types directly (the bulk of a Scan's values); the rest through the SDK's unmarshall.
	const { S, N, BOOL, NULL } = value as { S?: unknown; N?: unknown; BOOL?: unknown; NULL?: unknown };
	if (typeof S === 'string') return S;
	if (typeof N === 'string') return exactNumber(N);
	if (typeof BOOL === 'boolean') return BOOL;
	if (NULL === true) return null;
	return toJsonSafe(unmarshall({ v: value } as Record<string, AttributeValue>, { wrapNumbers: exactNumber }).v);
}

/** DynamoDB numbers → JS numbers only when exact, else the exact text: nothing is silently rounded. */
function exactNumber(text: string): number | string {
	const n = Number(text);
	// Fast path: the text is the number's own shortest form (the usual case), so it is exact.
	if (Number.isFinite(n) && String(n) === text) return n;
	return isExactNumber(text, n) ? n : text;
}

function simplifyAttributeValues(schema: NormalizedSchema, value: unknown): unknown {
	if (value === null || value === undefined) return value;
	if (isAttributeValue(schema)) return plainValue(value as AttributeValue);
	if (schema.isStructSchema() || schema.isUnionSchema()) {
		const { members } = membersOf(schema);
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>)
				.filter(([, v]) => v !== undefined)
				.map(([k, v]) => {
					const member = members.get(k);
					return [k, member ? simplifyAttributeValues(member, v) : toJsonSafe(v)];
				}),
		);
	}
	if (schema.isListSchema() && Array.isArray(value)) {
		const item = schema.getValueSchema();
		return value.map((v) => simplifyAttributeValues(item, v));
	}
	if (schema.isMapSchema() && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Set)) {
		const item = schema.getValueSchema();
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>)
				.filter(([, v]) => v !== undefined)
				.map(([k, v]) => [k, simplifyAttributeValues(item, v)]),
		);
	}
	return toJsonSafe(value);
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
		// An attribute named "__proto__" stays an own member (assignment would switch the prototype and lose it).
		if (v === undefined) continue;
		if (k === '__proto__') Object.defineProperty(out, k, { value: toJsonSafe(v), enumerable: true, writable: true, configurable: true });
		else out[k] = toJsonSafe(v);
	}
	return out;
}
