/**
 * Property: plain JSON → the node → DynamoDB Local → the node → plain JSON loses nothing, for
 * every type an item can hold (strings of any code point, numbers — exact up to 38 digits —,
 * booleans, null, lists, maps, and sets and binary through their plain-JSON markers).
 */
import fc from 'fast-check';
import { isExactNumber } from '../../nodes/DynamoDb/shapes/numbers';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode } from '../helpers/n8n';

/** A value as generated: its body text, and the plain JSON the node must give back. */
interface Gen {
	text: string;
	/** Expected output; sets are compared unordered (DynamoDB does not keep set order). */
	out: unknown;
	set?: boolean;
}

const DYNAMO_TAGS = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL', '$SS', '$NS', '$BS', '$B']);

/** Numbers DynamoDB holds: 0, or magnitudes from 1e-130 to below 1e126. */
const jsNumber = fc.oneof(
	fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
	fc.double({ min: -9.99e125, max: 9.99e125, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-130).map((x) => (Object.is(x, -0) ? 0 : x)),
);
/** Up to 38 significant digits, written as they are: exact in DynamoDB, a string where a JS number would round. */
const bigNumberText = fc
	.tuple(fc.boolean(), fc.integer({ min: 1, max: 9 }), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 15, maxLength: 37 }))
	.map(([neg, first, rest]) => `${neg ? '-' : ''}${first}${rest}`);

const text = fc.string({ unit: 'binary', maxLength: 24 });
/**
 * Attribute names. "__proto__" is left out: the node stores it as data, but the AWS SDK's response
 * parser drops an attribute of that name when reading (README, Guarantees).
 */
const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((k) => !DYNAMO_TAGS.has(k) && k !== '__proto__');
const bytes = fc.uint8Array({ maxLength: 24 });

const scalar: fc.Arbitrary<Gen> = fc.oneof(
	text.map((s) => ({ text: JSON.stringify(s), out: s })),
	jsNumber.map((n) => ({ text: JSON.stringify(n), out: n })),
	bigNumberText.map((t) => ({ text: t, out: isExactNumber(t, Number(t)) ? Number(t) : t })),
	fc.boolean().map((b) => ({ text: JSON.stringify(b), out: b })),
	fc.constant({ text: 'null', out: null }),
	bytes.map((b) => ({ text: JSON.stringify({ $B: Buffer.from(b).toString('base64') }), out: Buffer.from(b).toString('base64') })),
	fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 5 }).map((ss) => ({ text: JSON.stringify({ $SS: ss }), out: ss, set: true })),
	fc.uniqueArray(jsNumber, { minLength: 1, maxLength: 5 }).map((ns) => ({ text: JSON.stringify({ $NS: ns }), out: ns, set: true })),
	fc
		.uniqueArray(fc.uint8Array({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4, selector: (b) => Buffer.from(b).toString('base64') })
		.map((bs) => {
			const b64 = bs.map((b) => Buffer.from(b).toString('base64'));
			return { text: JSON.stringify({ $BS: b64 }), out: b64, set: true };
		}),
);

const value: fc.Arbitrary<Gen> = fc.letrec<{ v: Gen }>((tie) => ({
	v: fc.oneof(
		{ depthSize: 'small', maxDepth: 4 },
		scalar,
		fc.array(tie('v'), { maxLength: 4 }).map((items) => ({ text: `[${items.map((i) => i.text).join(',')}]`, out: items })),
		fc.uniqueArray(fc.tuple(name, tie('v')), { maxLength: 4, selector: ([k]) => k }).map((entries) => ({
			text: `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v.text}`).join(',')}}`,
			out: Object.fromEntries(entries),
		})),
	),
})).v;

/** A whole item: key `id` plus up to 8 attributes of any type. */
const item = fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), fc.uniqueArray(fc.tuple(name.filter((k) => k !== 'id'), value), { maxLength: 8, selector: ([k]) => k }));

/** The plain JSON expected back: generated values unwrapped, set members in a canonical order. */
function expectedOf(g: Gen): unknown {
	if (g.set) return sortSet(g.out as unknown[]);
	if (Array.isArray(g.out)) return (g.out as Gen[]).map(expectedOf);
	if (g.out && typeof g.out === 'object') return Object.fromEntries(Object.entries(g.out as Record<string, Gen>).map(([k, v]) => [k, expectedOf(v)]));
	return g.out;
}

/** The actual output, with the set members at the generated set positions in the same canonical order. */
function canonical(actual: unknown, g: Gen): unknown {
	if (g.set) return Array.isArray(actual) ? sortSet(actual) : actual;
	if (Array.isArray(g.out)) return Array.isArray(actual) ? actual.map((a, i) => ((g.out as Gen[])[i] ? canonical(a, (g.out as Gen[])[i]) : a)) : actual;
	if (g.out && typeof g.out === 'object' && actual && typeof actual === 'object') {
		const spec = g.out as Record<string, Gen>;
		return Object.fromEntries(Object.entries(actual).map(([k, v]) => [k, spec[k] ? canonical(v, spec[k]) : v]));
	}
	return actual;
}

const sortSet = (list: unknown[]) => [...list].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));

describe('plain JSON round trip through DynamoDB Local (property)', () => {
	const client = rawClient();
	let table: string;
	beforeAll(async () => {
		table = await createTable(client, uniqueTable('prop'));
	});
	afterAll(() => client.destroy());

	it('PutItem then GetItem gives back exactly what was put, for any item', async () => {
		let runs = 0;
		await fc.assert(
			fc.asyncProperty(item, async ([id, attributes]) => {
				runs++;
				const body = `{"TableName": ${JSON.stringify(table)}, "Item": {"id": ${JSON.stringify(id)}${attributes.map(([k, v]) => `, ${JSON.stringify(k)}: ${v.text}`).join('')}}}`;
				const put = await runNode({ input: [{}], credentials: localCredentials(), parameters: { operation: 'PutItem', body, options: { attributeValues: 'plain' } } });
				if (put.error) throw new Error(`PutItem failed: ${put.error.message}\n${body}`);
				const got = await runNode({
					input: [{}],
					credentials: localCredentials(),
					parameters: { operation: 'GetItem', body: JSON.stringify({ TableName: table, Key: { id }, ConsistentRead: true }) },
				});
				if (got.error) throw new Error(`GetItem failed: ${got.error.message}`);
				expect(got.items).toHaveLength(1);
				const spec: Gen = { text: '', out: Object.fromEntries(attributes) };
				const expected = { id, ...(expectedOf(spec) as object) };
				expect(canonical(got.items[0].json, { text: '', out: { ...spec.out as object, id: { text: '', out: id } } })).toEqual(expected);
			}),
			{
				numRuns: 100,
				// Member names that are Object.prototype names in JS stay data, at the top and inside maps,
				// including one-member maps (which must not be taken for a type tag or a $SS-style marker).
				examples: [
					[
						[
							'constructor',
							[
								['constructor', { text: '{"constructor":"c"}', out: { constructor: { text: '', out: 'c' } } }],
								['toString', { text: '{"toString":{"hasOwnProperty":[1]}}', out: { toString: { text: '', out: { hasOwnProperty: { text: '', out: [{ text: '', out: 1 }] } } } } }],
								['valueOf', { text: '"x"', out: 'x' }],
							],
						],
					],
				],
			},
		);
		console.log(`round trip: ${runs} generated items put and read back through DynamoDB Local`);
	});
});
