/**
 * Property: Update From Input applied to any existing record (or none) leaves exactly the old record
 * with the input's fields set (and only those), on DynamoDB Local, for both key sources (the input's
 * key attributes, the body's Key) and both Create If Missing settings. Field names are the hostile
 * ones: reserved words, dots, spaces, `#`, `:`, placeholder look-alikes, any code point; values are
 * plain JSON of any depth, numbers written as strings, and numbers of every magnitude DynamoDB holds;
 * every old record also holds an exact 38-digit number the update must leave digit for digit.
 */
import { GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, NumberValueImpl as NumberValue, unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode } from '../helpers/n8n';

const RESERVED = ['status', 'name', 'size', 'data', 'key', 'value', 'order', 'user', 'count', 'comment', 'date', 'time', 'set', 'remove', 'add', 'delete', 'and', 'not'];
const LOOK_ALIKES = ['#f0', ':f0', '#f_0', 'f0', ':', '#', 'a.b', 'a[0]', 'has space', ' ', 'SET x = :y', 'attribute_exists(id)', 'ü名', '😀', 'constructor', 'toString'];

/**
 * Field names. "__proto__" is left out: the node stores it as data, but the AWS SDK's response
 * parser drops an attribute of that name when reading (README, Guarantees). The key attributes and
 * the body-key helper fields are the test's own.
 */
const OWN = new Set(['id', 'sk', 'recordId', 'recordSk', 'exact', '__proto__']);
/** An exact big number every old record holds (38 significant digits): the update must leave it as it is, digit for digit. */
const EXACT = { N: '-1234567890123456789.0123456789012345678' };
const fieldName = fc.oneof(fc.constantFrom(...RESERVED, ...LOOK_ALIKES), fc.string({ unit: 'binary', minLength: 1, maxLength: 10 })).filter((k) => !OWN.has(k));

/** Numbers DynamoDB holds: 0, or magnitudes from 1e-130 to below 1e126. */
const number = fc.oneof(
	fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
	fc.double({ min: -9.99e125, max: 9.99e125, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-130).map((x) => (Object.is(x, -0) ? 0 : x)),
);
const numberText = fc.oneof(fc.constantFrom('007', '1e3', '-0', '12345678901234567890123456789012345678', '0.10'), number.map(String));
const scalar = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), number, numberText, fc.boolean(), fc.constant(null));
/** Plain JSON of any depth; maps' member names hostile too, but never a one-member `$SS`-style marker. */
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
	v: fc.oneof(
		{ depthSize: 'small', maxDepth: 3 },
		scalar,
		fc.array(tie('v'), { maxLength: 3 }),
		fc.dictionary(fieldName.filter((k) => !k.startsWith('$')), tie('v'), { maxKeys: 3 }),
	),
})).v;
const fields = (min: number) => fc.dictionary(fieldName, value, { minKeys: min, maxKeys: 6 });

const client = rawClient();
let table: string;
beforeAll(async () => {
	table = await createTable(client, uniqueTable('ufiprop'), true);
});
afterAll(() => client.destroy());

let counter = 0;

/** Plain JSON as a typed attribute value, numbers written as JS prints them (the seeded old record). */
function typed(value: unknown): AttributeValue {
	if (value === null) return { NULL: true };
	if (typeof value === 'string') return { S: value };
	if (typeof value === 'number') return { N: String(value) };
	if (typeof value === 'boolean') return { BOOL: value };
	if (Array.isArray(value)) return { L: value.map(typed) };
	return { M: Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, typed(v)])) };
}

/** Stored numbers (read exactly, as NumberValue) as the JS numbers they were written from. */
function numbersOf(value: unknown): unknown {
	if (value instanceof NumberValue) return Number(value.value);
	if (Array.isArray(value)) return value.map(numbersOf);
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numbersOf(v)]));
	return value;
}

describe.each([
	{ keyFrom: 'the input item', createIfMissing: true },
	{ keyFrom: 'the input item', createIfMissing: false },
	{ keyFrom: "the body's Key", createIfMissing: true },
	{ keyFrom: "the body's Key", createIfMissing: false },
])('Update From Input with the key from $keyFrom, Create If Missing $createIfMissing (property)', ({ keyFrom, createIfMissing }) => {
	it('leaves exactly the old record with the input fields set, or (Create If Missing off, no record) nothing at all', async () => {
		let runs = 0;
		await fc.assert(
			fc.asyncProperty(fc.option(fields(0), { nil: undefined }), fields(1), fc.boolean(), async (old, input, removeNullFields) => {
				runs++;
				const key = { id: `p${process.pid}_${counter++}`, sk: counter };
				if (old) await client.send(new PutItemCommand({ TableName: table, Item: { ...typed({ ...old, ...key }).M, exact: EXACT } as never }));
				const fromInput = keyFrom === 'the input item';
				const item: IDataObject = fromInput ? { ...key, ...input } : { recordId: key.id, recordSk: key.sk, ...input };
				const body = fromInput ? `={ "TableName": "${table}" }` : `={ "TableName": "${table}", "Key": { "id": "{{ $json.recordId }}", "sk": {{ $json.recordSk }} } }`;
				const result = await runNode({
					input: [item],
					credentials: localCredentials(),
					parameters: { operation: 'UpdateItem', body, options: { updateFromInput: true, createIfMissing, removeNullFields, excludeFields: 'recordId, recordSk' } },
				});
				const { Item } = await client.send(new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }));
				if (!old && !createIfMissing) {
					expect(result.error?.message).toBe(`No record has the key ${JSON.stringify(key)} in table "${table}": Create If Missing is off, so nothing was written`);
					expect(Item).toBeUndefined();
					return;
				}
				if (result.error) throw new Error(`UpdateItem failed: ${result.error.message}\ninput: ${JSON.stringify(item)}`);
				const expected: Record<string, unknown> = { ...(old ?? {}), ...key };
				for (const [field, v] of Object.entries(JSON.parse(JSON.stringify(input)) as IDataObject)) {
					if (v === null && removeNullFields) delete expected[field];
					else expected[field] = v;
				}
				const { exact, ...rest } = Item!;
				expect(exact).toEqual(old ? EXACT : undefined);
				expect(numbersOf(unmarshall(rest, { wrapNumbers: true }))).toEqual(expected);
				// The output is the record as stored (ReturnValues ALL_NEW).
				expect(result.items.map((i) => i.json)).toEqual([{ Attributes: old ? { ...expected, exact: EXACT.N } : expected }]);
			}),
			{ numRuns: Number(process.env.FC_RUNS ?? 40) },
		);
		console.log(`Update From Input, key from ${keyFrom}, Create If Missing ${createIfMissing}: ${runs} generated updates checked on DynamoDB Local`);
	});
});
