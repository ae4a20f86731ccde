/**
 * The output conversion's fast paths against their reference. shapes/toOutput.ts compiles a plan per
 * operation (parts without attribute values made JSON-safe in one call, lists of records and maps of
 * values taken whole) and converts S, N, BOOL and NULL values itself. The reference asks the SDK's
 * schema at every position and unmarshalls every attribute value with the SDK's own `unmarshall`.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { NormalizedSchema } from '@smithy/core/schema';
import fc from 'fast-check';
import { exactNumber } from '../../nodes/DynamoDb/shapes/numbers';
import { isAttributeValue, membersOf, operationSchema } from '../../nodes/DynamoDb/shapes/schema';
import { setMember } from '../../nodes/DynamoDb/shapes/setMember';
import { fromSdkOutput, plainValue, toJsonSafe } from '../../nodes/DynamoDb/shapes/toOutput';

const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Set) && !(v instanceof Uint8Array) && !(v instanceof Date);

/** Every attribute value through the SDK's unmarshall, numbers kept exact the way the node promises. */
const unmarshalled = (value: AttributeValue) => toJsonSafe(unmarshall({ v: value } as Record<string, AttributeValue>, { wrapNumbers: (text) => exactNumber(text) ?? text }).v);

function reference(schema: NormalizedSchema, value: unknown): unknown {
	if (value === null || value === undefined) return value;
	if (isAttributeValue(schema)) return unmarshalled(value as AttributeValue);
	const entries = (byMember: (key: string) => NormalizedSchema | undefined) => {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as object)) {
			if (v === undefined) continue;
			const member = byMember(k);
			setMember(out, k, member ? reference(member, v) : toJsonSafe(v));
		}
		return out;
	};
	if ((schema.isStructSchema() || schema.isUnionSchema()) && isMap(value)) return entries((k) => membersOf(schema).members.get(k));
	if (schema.isListSchema() && Array.isArray(value)) return value.map((v) => reference(schema.getValueSchema(), v));
	if (schema.isMapSchema() && isMap(value)) return entries(() => schema.getValueSchema());
	return toJsonSafe(value);
}

const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'id', 'N', 'S'));
// Inside M, "__proto__" is left out here: the SDK's unmarshall, the reference, loses it (tested on its own below).
const mapKey = key.filter((k) => k !== '__proto__');
const numberText = fc.oneof(fc.integer().map(String), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.constantFrom('12345678901234567890123456789012345678', '0.1000000000000000055511151231257827', '-1E+5', '1.50'));
const { av } = fc.letrec<{ av: AttributeValue }>((tie) => ({
	av: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.string().map((S) => ({ S })),
		numberText.map((N) => ({ N })),
		fc.boolean().map((BOOL) => ({ BOOL })),
		fc.constant({ NULL: true }),
		fc.uint8Array({ maxLength: 4 }).map((B) => ({ B })),
		fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 3 }).map((SS) => ({ SS })),
		fc.uniqueArray(numberText, { minLength: 1, maxLength: 3 }).map((NS) => ({ NS })),
		fc.array(fc.uint8Array({ maxLength: 3 }), { minLength: 1, maxLength: 2 }).map((BS) => ({ BS })),
		fc.array(tie('av'), { maxLength: 3 }).map((L) => ({ L })),
		fc.dictionary(mapKey, tie('av'), { maxKeys: 3 }).map((M) => ({ M })),
	),
}));
const record = fc.dictionary(key, av, { maxKeys: 4 });
const records = fc.array(record, { maxLength: 4 });
const capacity = fc.record({ TableName: fc.string(), CapacityUnits: fc.double({ noNaN: true, noDefaultInfinity: true }) }, { requiredKeys: [] });

const outputs: Array<[string, fc.Arbitrary<Record<string, unknown>>]> = [
	['Query', fc.record({ Items: records, Count: fc.nat(), ScannedCount: fc.nat(), LastEvaluatedKey: record, ConsumedCapacity: capacity }, { requiredKeys: ['Items'] })],
	['Scan', fc.record({ Items: records, Count: fc.nat(), LastEvaluatedKey: record }, { requiredKeys: [] })],
	['GetItem', fc.record({ Item: record, ConsumedCapacity: capacity }, { requiredKeys: [] })],
	['UpdateItem', fc.record({ Attributes: record }, { requiredKeys: [] })],
	['BatchGetItem', fc.record({ Responses: fc.dictionary(fc.string(), records, { maxKeys: 2 }), UnprocessedKeys: fc.dictionary(fc.string(), fc.record({ Keys: records, ProjectionExpression: fc.string() }, { requiredKeys: ['Keys'] }), { maxKeys: 2 }) }, { requiredKeys: [] })],
	['TransactGetItems', fc.record({ Responses: fc.array(fc.record({ Item: record }, { requiredKeys: [] }), { maxLength: 3 }) }, { requiredKeys: [] })],
	['ExecuteStatement', fc.record({ Items: records, NextToken: fc.string(), LastEvaluatedKey: record }, { requiredKeys: [] })],
	['BatchExecuteStatement', fc.record({ Responses: fc.array(fc.record({ TableName: fc.string(), Item: record, Error: fc.record({ Code: fc.string(), Message: fc.string(), Item: record }, { requiredKeys: [] }) }, { requiredKeys: [] }), { maxLength: 3 }) }, { requiredKeys: [] })],
	['DescribeTable', fc.record({ Table: fc.record({ TableName: fc.string(), CreationDateTime: fc.date({ noInvalidDate: true }), ItemCount: fc.nat(), KeySchema: fc.array(fc.record({ AttributeName: fc.string(), KeyType: fc.constantFrom('HASH', 'RANGE') })) }, { requiredKeys: [] }) }, { requiredKeys: [] })],
];

describe('SDK output → plain JSON (shapes/toOutput.ts) equals asking the schema everywhere and unmarshalling with the SDK', () => {
	it.each(outputs)('%s', (action, output) => {
		const schema = operationSchema(action, 'Output');
		fc.assert(
			fc.property(output, (response) => {
				expect(fromSdkOutput(action, { ...response, $metadata: {} }, true)).toEqual(reference(schema, response));
			}),
			{ numRuns: 300 },
		);
	});

	it('keeps a member named "__proto__" as data at any depth (where unmarshall would lose it)', () => {
		const typed = { M: JSON.parse('{"__proto__": {"SS": ["a"]}, "x": {"M": {"__proto__": {"S": "b"}}}, "l": {"L": [{"M": {"__proto__": {"N": "1"}}}]}}') };
		const plain = plainValue(typed) as Record<string, unknown>;
		expect(JSON.stringify(plain)).toBe('{"__proto__":["a"],"x":{"__proto__":"b"},"l":[{"__proto__":1}]}');
		expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
		const item = fromSdkOutput('GetItem', { Item: { m: typed }, $metadata: {} }, true) as { Item: { m: unknown } };
		expect(JSON.stringify(item.Item.m)).toBe(JSON.stringify(plain));
	});

	it('one attribute value: the scalar fast path gives what unmarshall gives', () => {
		fc.assert(fc.property(av, (value) => expect(plainValue(value)).toEqual(unmarshalled(value))), { numRuns: 3000 });
	});
});
