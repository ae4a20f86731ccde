/**
 * Property: whatever the table (hash or hash + range key, S / N / B keys), the items and the
 * projection (none, ProjectionExpression with or without the key, #names, nested paths, or the
 * legacy AttributesToGet), BatchGetItem (request-level, split into calls of 100 keys) and Bulk Mode
 * GetItem give exactly the records that one GetItem per key gives: the same records, the same
 * attributes, nothing dropped, nothing doubled, nothing added. Run against DynamoDB Local.
 */
import { BatchWriteItemCommand, CreateTableCommand, type AttributeValue, type ScalarAttributeType } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode, type RunResult } from '../helpers/n8n';

type KeyType = ScalarAttributeType;
interface Schema {
	hash: KeyType;
	range?: KeyType;
}

/** Key attribute names; one is a DynamoDB reserved word (it can only be projected through #names). */
const HASH = 'Id';
const RANGE = 'name';
const RESERVED = new Set([RANGE, 'data']);

/** A key value: how the body spells it (numbers in any spelling DynamoDB accepts) and what it is. */
interface KeyValue {
	spelled: AttributeValue;
	stored: AttributeValue;
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const keyValue = (type: KeyType): fc.Arbitrary<KeyValue> => {
	if (type === 'S') return fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }).map((s) => ({ spelled: { S: s }, stored: { S: s } }));
	if (type === 'B') return fc.uint8Array({ minLength: 1, maxLength: 6 }).map((b) => ({ spelled: { B: b }, stored: { B: b } }));
	// A small set of numbers, each in several spellings: 7, 07, 7.0, 7.00, 70e-1, 0.7e1 are one key.
	return fc.tuple(fc.integer({ min: -30, max: 30 }), digits(0, 2), fc.integer({ min: 0, max: 3 })).map(([n, zeros, form]) => {
		const text = String(Math.abs(n));
		const sign = n < 0 ? '-' : '';
		const spelling = [`${sign}${zeros}${text}`, `${sign}${text}.${zeros}0`, `${sign}${text}0e-1`, `${sign}0.${text}e${text.length}`][form];
		return { spelled: { N: n === 0 && form === 3 ? '0' : spelling }, stored: { N: String(n) } };
	});
};

const key = (schema: Schema) =>
	fc
		.tuple(keyValue(schema.hash), schema.range ? keyValue(schema.range) : fc.constant(undefined))
		.map(([h, r]) => ({ spelled: { [HASH]: h.spelled, ...(r && { [RANGE]: r.spelled }) }, stored: { [HASH]: h.stored, ...(r && { [RANGE]: r.stored }) } }));

/** Non-key attributes an item may have (one more reserved word, `data`). */
const attributes = fc.record(
	{
		City: fc.string({ maxLength: 5 }).map((s): AttributeValue => ({ S: s })),
		address: fc.record({ city: fc.string({ maxLength: 4 }), zip: fc.integer({ min: 0, max: 99999 }) }, { requiredKeys: [] }).map(
			(m): AttributeValue => ({ M: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'number' ? { N: String(v) } : { S: v }])) }),
		),
		tags: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }).map((l): AttributeValue => ({ L: l.map((S) => ({ S })) })),
		score: fc.integer().map((n): AttributeValue => ({ N: String(n) })),
		data: fc.uint8Array({ maxLength: 4 }).map((b): AttributeValue => ({ B: b })),
	},
	{ requiredKeys: [] },
);

/** Document paths a projection may ask for, from the top-level attribute down. */
const PATHS: string[][] = [[HASH], [RANGE], ['City'], ['address'], ['address', 'city'], ['address', 'zip'], ['tags'], ['tags', '[0]'], ['tags', '[2]'], ['score'], ['data'], ['nope']];
const overlaps = (a: string[], b: string[]) => a.slice(0, Math.min(a.length, b.length)).every((part, i) => part === b[i]);

interface Projection {
	settings: IDataObject;
	label: string;
}

/** No projection, a ProjectionExpression (parts through #names, some named like the node's own), or AttributesToGet. */
const projection = (schema: Schema): fc.Arbitrary<Projection> => {
	const usable = PATHS.filter((p) => schema.range || p[0] !== RANGE);
	const paths = fc
		.uniqueArray(fc.constantFrom(...usable), { minLength: 1, maxLength: 4 })
		.map((list) => list.filter((p, i) => !list.slice(0, i).some((q) => overlaps(p, q))));
	const expression = fc.tuple(paths, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), fc.constantFrom('#p', '#bulkKey')).map(([list, alias, prefix]): Projection => {
		const names: Record<string, string> = {};
		let n = 0;
		const part = (name: string) => {
			if (name.startsWith('[')) return name;
			if (!RESERVED.has(name) && !alias[n++ % alias.length]) return name;
			const placeholder = Object.entries(names).find(([, v]) => v === name)?.[0] ?? `${prefix}${Object.keys(names).length}`;
			names[placeholder] = name;
			return placeholder;
		};
		const text = list.map((p) => p.map(part).join('.').replace(/\.\[/g, '[')).join(', ');
		return { settings: { ProjectionExpression: text, ...(Object.keys(names).length > 0 && { ExpressionAttributeNames: names }) }, label: text };
	});
	const legacy = fc
		.uniqueArray(fc.constantFrom(...usable.filter((p) => p.length === 1).map((p) => p[0])), { minLength: 1, maxLength: 4 })
		.map((list): Projection => ({ settings: { AttributesToGet: list }, label: `AttributesToGet ${list.join(',')}` }));
	return fc.oneof(fc.constant<Projection>({ settings: {}, label: 'everything' }), expression, expression, legacy);
};

const schema: fc.Arbitrary<Schema> = fc.record({ hash: fc.constantFrom<KeyType>('S', 'N', 'B'), range: fc.option(fc.constantFrom<KeyType>('S', 'N', 'B'), { nil: undefined }) });

/** A case: the items stored, the keys asked for (found or not, repeated, differently spelled), the projection. */
const scenario = schema.chain((s) =>
	fc.record({
		schema: fc.constant(s),
		stored: fc.uniqueArray(fc.tuple(key(s), attributes), { minLength: 1, maxLength: 60, size: 'medium', selector: ([k]) => JSON.stringify(typed(k.stored)) }),
		extra: fc.array(key(s), { maxLength: 10 }),
		// A few keys, or more than one call of 100.
		picks: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 95, max: 140 })).chain((n) => fc.array(fc.nat(), { minLength: n, maxLength: n })),
		projection: projection(s),
	}),
);

/** Typed JSON the node's body accepts: bytes as base64. */
const typed = (value: unknown): unknown =>
	value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typed(v)])) : value;

/** Records compared as multisets: each as canonical JSON text, sorted. */
const texts = (records: IDataObject[]) => records.map((r) => JSON.stringify(sortKeys(r))).sort();
const sortKeys = (v: unknown): unknown =>
	Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as IDataObject)[k])])) : v;

function outputs(result: RunResult, what: string): IDataObject[] {
	if (result.error) throw new Error(`${what} failed: ${result.error.message}`);
	return result.items.map((i) => i.json);
}

describe('BatchGetItem and Bulk Mode GetItem return what one GetItem per key returns (property, DynamoDB Local)', () => {
	const client = rawClient();
	const tables = new Map<string, string>();
	afterAll(() => client.destroy());

	/** One table per key schema, made on first use. */
	async function tableFor(s: Schema): Promise<string> {
		const label = `${s.hash}${s.range ?? ''}`;
		if (!tables.has(label)) {
			const name = uniqueTable(`bgp${label}`);
			await client.send(
				new CreateTableCommand({
					TableName: name,
					AttributeDefinitions: [{ AttributeName: HASH, AttributeType: s.hash }, ...(s.range ? [{ AttributeName: RANGE, AttributeType: s.range }] : [])],
					KeySchema: [{ AttributeName: HASH, KeyType: 'HASH' }, ...(s.range ? [{ AttributeName: RANGE, KeyType: 'RANGE' as const }] : [])],
					BillingMode: 'PAY_PER_REQUEST',
				}),
			);
			tables.set(label, name);
		}
		return tables.get(label)!;
	}

	it('gives the same records with the same attributes, for any table, keys and projection', async () => {
		let cases = 0;
		let keysAsked = 0;
		let split = 0;
		await fc.assert(
			fc.asyncProperty(scenario, async ({ schema: s, stored, extra, picks, projection: p }) => {
				cases++;
				const table = await tableFor(s);
				// Items of earlier cases stay in the table: the reference below reads the same table, so they only add variety.
				for (let i = 0; i < stored.length; i += 25) {
					const requests = stored.slice(i, i + 25).map(([k, a]) => ({ PutRequest: { Item: { ...a, ...k.stored } } }));
					await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
				}
				const pool = [...stored.map(([k]) => k), ...extra];
				const keys = picks.map((n) => typed(pool[n % pool.length].spelled) as IDataObject);
				keysAsked += keys.length;
				if (keys.length > 100) split++;
				const settings = { ...p.settings, ConsistentRead: true };
				const typedKeys = { attributeValues: 'typed' };

				// Reference: one GetItem per key; a key with no item is an error item (If Item Not Found: Fail, Continue On Fail).
				// The key bound from the input item; the settings as literal JSON (ConsistentRead last: no `}}` outside a hole).
				const getBody = `={ "TableName": ${JSON.stringify(table)}, "Key": {{ $json.key }}, ${JSON.stringify(settings).slice(1, -1)} }`;
				const input = keys.map((k) => ({ key: k }));
				const run = (bulkMode: boolean) =>
					runNode({
						input,
						credentials: localCredentials(),
						continueOnFail: true,
						parameters: { operation: 'GetItem', body: getBody, options: { ...typedKeys, notFound: 'error', bulkMode, parallelRequests: 8 } },
					});
				const one = outputs(await run(false), `GetItem per key (${p.label})`);
				expect(one).toHaveLength(keys.length);
				const found = one.filter((r) => !r.error);

				// Bulk Mode: the same answer for every input item, in order.
				const bulk = outputs(await run(true), `Bulk Mode GetItem (${p.label})`);
				expect(bulk.map((r) => (r.error ? 'not found' : r))).toEqual(one.map((r) => (r.error ? 'not found' : r)));

				// Request-level BatchGetItem: the same records (as a multiset), in calls of 100 keys.
				const batchBody = JSON.stringify({ RequestItems: { [table]: { Keys: keys, ...settings } } });
				const batch = outputs(await runNode({ input: [{}], credentials: localCredentials(), parameters: { operation: 'BatchGetItem', body: batchBody, options: typedKeys } }), `BatchGetItem (${p.label})`);
				expect(texts(batch)).toEqual(texts(found));
				const raw = outputs(
					await runNode({ input: [{}], credentials: localCredentials(), parameters: { operation: 'BatchGetItem', body: batchBody, options: { ...typedKeys, simplify: false } } }),
					'BatchGetItem, Simplify off',
				);
				expect(raw).toHaveLength(1);
				expect((raw[0].Responses as Record<string, unknown[]>)[table]).toHaveLength(found.length);
				expect(raw[0].UnprocessedKeys).toEqual({});
			}),
			{ numRuns: 30 },
		);
		console.log(`BatchGetItem property: ${cases} generated cases, ${keysAsked} keys asked, ${split} cases split into calls of 100`);
		expect(split).toBeGreaterThan(0);
	});
});
