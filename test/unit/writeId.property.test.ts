/**
 * writeId's fast form (string and number keys written as text without building the canonical form)
 * must agree with its reference: two write requests have one id exactly when their tables are the same
 * and their keys are the same item as DynamoDB compares keys, i.e. when `canonical` of the keys agrees.
 * A wrong answer either way is a real loss: an unprocessed write matched to the wrong request, or not
 * matched at all.
 */
import fc from 'fast-check';
import { canonical, pick, writeId } from '../../nodes/DynamoDb/batch/identity';

/** Few values in many spellings, so that pairs often name one item: `1`, `1.0`, `01`, `1e0`. */
const spelled = fc
	.tuple(fc.integer({ min: -2, max: 2 }), fc.constantFrom('', '.0', '.00', 'e0', 'E+0'), fc.boolean())
	.map(([n, tail, zero]) => `${n < 0 ? '-' : ''}${zero ? '0' : ''}${Math.abs(n)}${tail}`);

const keyValue = fc.oneof(
	fc.record({ S: fc.constantFrom('', 'a', 'b', '1', 'a"b') }),
	fc.record({ N: spelled }),
	fc.record({ B: fc.uint8Array({ maxLength: 1, max: 2 }) }),
);

const keyNames = fc.constantFrom(['id'], ['pk', 'sk'], ['sk', 'pk']);

const request = fc.record({
	table: fc.constantFrom('t', 'u'),
	names: keyNames,
	pk: keyValue,
	sk: keyValue,
	other: fc.string({ maxLength: 3 }),
	del: fc.boolean(),
});

type Request = typeof request extends fc.Arbitrary<infer R> ? R : never;

function idOf(r: Request): { id: string; reference: string } {
	const item: Record<string, unknown> = r.names.length === 1 ? { id: r.pk } : { pk: r.pk, sk: r.sk };
	const names = [...r.names];
	const key = pick(item, names);
	const body = r.del ? { DeleteRequest: { Key: key } } : { PutRequest: { Item: { ...item, note: { S: r.other } } } };
	return { id: writeId(r.table, body, r.del ? undefined : names), reference: `${r.table}:${canonical(key)}` };
}

describe('writeId fast form', () => {
	it('gives two write requests one id exactly when table and canonical key agree', () => {
		fc.assert(
			fc.property(request, request, (a, b) => {
				const x = idOf(a);
				const y = idOf(b);
				expect(x.id === y.id).toBe(x.reference === y.reference);
			}),
			{ numRuns: 3000 },
		);
	});

	it('matches a key respelled as DynamoDB echoes it', () => {
		fc.assert(
			fc.property(request, fc.integer({ min: -999, max: 999 }), (r, n) => {
				const sent = { ...r, pk: { N: `${n}.0` } };
				const echoed = { ...r, pk: { N: String(n) } };
				expect(idOf(sent).id).toBe(idOf(echoed).id);
			}),
		);
	});
});
