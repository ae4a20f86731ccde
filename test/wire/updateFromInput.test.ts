/**
 * Update From Input at the wire: the signed UpdateItem request as it left the node's SDK client.
 * Property: whatever the input's field names and values (expression syntax, placeholder look-alikes)
 * and whatever placeholders the body uses itself, the UpdateExpression and ConditionExpression hold
 * the body's own text and generated placeholders only (no input text), the generated placeholders
 * are none of the body's, and each stands for exactly one input field and its value.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../helpers/n8n';
import { WireServer } from '../helpers/wire';

const HOSTILE = ['status', 'name', 'a.b', 'has space', '#f0', ':f0', '#f_0', 'f0', 'SET x = :y', ') OR attribute_exists(id', '#', ':', 'ü名', 'REMOVE', 'x, y = :z'];
const fieldName = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })).filter((k) => !['id', 'sk', '__proto__'].includes(k) && !k.startsWith('own_'));
const fieldValue = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null));

/** The body's own placeholders, drawn from names the generated ones would take without the check. */
const OWN_NAMES = ['#f0', '#f', '#f_0', '#f_', '#F0', '#fa', '#x', '#f1'];
const OWN_VALUES = [':f0', ':f', ':f_0', ':f_1', ':v', ':fz'];

interface Own {
	set: Array<[string, string]>;
	condition?: string;
	/** A placeholder written in the expression but defined nowhere: still the body's. */
	stray?: string;
}
const own: fc.Arbitrary<Own> = fc.record(
	{
		set: fc.uniqueArray(fc.tuple(fc.constantFrom(...OWN_NAMES), fc.constantFrom(...OWN_VALUES)), { maxLength: 3, selector: ([n]) => n }).map((pairs) => {
			const seen = new Set<string>();
			return pairs.filter(([, v]) => !seen.has(v) && seen.add(v));
		}),
		condition: fc.constantFrom(...OWN_NAMES),
		stray: fc.constantFrom('#f2', ':f2', '#f_9', ':f__'),
	},
	{ requiredKeys: ['set'] },
);

const typed = (v: unknown) => (v === null ? { NULL: true } : typeof v === 'string' ? { S: v } : typeof v === 'number' ? { N: String(v) } : { BOOL: v });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Update From Input at the wire', () => {
	let server: WireServer;
	beforeAll(async () => {
		server = await WireServer.start();
	});
	afterAll(async () => {
		await server.close();
	});

	it('sends no input text inside UpdateExpression or ConditionExpression, and no generated placeholder is one of the body’s (property)', async () => {
		server.answer((request) =>
			request.action === 'DescribeTable'
				? { body: { Table: { TableName: 'users', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }] } } }
				: { body: { Attributes: {} } },
		);
		let runs = 0;
		await fc.assert(
			fc.asyncProperty(fc.dictionary(fieldName, fieldValue, { minKeys: 1, maxKeys: 8 }), own, fc.boolean(), fc.boolean(), async (fields, body, createIfMissing, removeNullFields) => {
				runs++;
				const names: Record<string, string> = {};
				const values: Record<string, unknown> = {};
				body.set.forEach(([n, v], k) => {
					names[n] = `own_${k}`;
					values[v] = k;
				});
				if (body.condition) names[body.condition] = 'own_cond';
				const ownSet = body.set.map(([n, v]) => `${n} = ${v}`);
				// The stray placeholder sits in a clause that is never sent to DynamoDB in earnest: only the text matters here.
				if (body.stray) ownSet.push(body.stray.startsWith('#') ? `${body.stray} = :stray` : `#stray = ${body.stray}`);
				if (body.stray) Object.assign(body.stray.startsWith('#') ? values : names, body.stray.startsWith('#') ? { ':stray': 0 } : { '#stray': 'own_stray' });
				const request: IDataObject = { TableName: 'users' };
				if (ownSet.length) request.UpdateExpression = `SET ${ownSet.join(', ')}`;
				if (body.condition) request.ConditionExpression = `attribute_not_exists(${body.condition})`;
				if (Object.keys(names).length) request.ExpressionAttributeNames = names;
				if (Object.keys(values).length) request.ExpressionAttributeValues = values;
				const input = { id: 'k', sk: 1, ...fields };

				server.requests.length = 0;
				const result = await runNode({
					input: [input],
					credentials: server.credentials(),
					parameters: { operation: 'UpdateItem', body: JSON.stringify(request), options: { updateFromInput: true, createIfMissing, removeNullFields } },
				});
				if (result.error) throw new Error(`${result.error.message}\n${JSON.stringify(request)}\n${JSON.stringify(input)}`);
				const sent = server.requests.find((r) => r.action === 'UpdateItem')!.json as Record<string, Record<string, unknown> & string>;

				// The body's own placeholders: its maps' keys and every token in its expressions.
				const ownText = `${request.UpdateExpression ?? ''} ${request.ConditionExpression ?? ''}`;
				const ownTokens = new Set([...Object.keys(names), ...Object.keys(values), ...(ownText.match(/[#:][A-Za-z0-9_]+/g) ?? [])]);
				const generatedNames = Object.keys(sent.ExpressionAttributeNames).filter((k) => !(k in names));
				const generatedValues = Object.keys(sent.ExpressionAttributeValues ?? {}).filter((k) => !(k in values));
				for (const placeholder of [...generatedNames, ...generatedValues]) expect(ownTokens.has(placeholder)).toBe(false);
				// The body's own entries go out unchanged.
				for (const [k, v] of Object.entries(names)) expect(sent.ExpressionAttributeNames[k]).toBe(v);
				for (const [k, v] of Object.entries(values)) expect(sent.ExpressionAttributeValues[k]).toEqual({ N: String(v) });

				// The expressions: the body's own text, then generated clauses made of placeholders only.
				const placeholder = (mark: string) => `${mark}[A-Za-z0-9_]+`;
				const setClause = `${placeholder('#')} = ${placeholder(':')}`;
				const generatedSets = `${setClause}(?:, ${setClause})*`;
				const setPart = ownSet.length ? `SET ${ownSet.map(escape).join(', ')}(?:, ${generatedSets})?` : `(?:SET ${generatedSets})?`;
				const removePart = `(?:(?:^| )REMOVE ${placeholder('#')}(?:, ${placeholder('#')})*)?`;
				expect(sent.UpdateExpression).toMatch(new RegExp(`^${setPart}${removePart}$`));
				const exists = `attribute_exists\\(${placeholder('#')}\\)`;
				const condition = request.ConditionExpression
					? new RegExp(`^${createIfMissing ? escape(request.ConditionExpression as string) : `\\(${escape(request.ConditionExpression as string)}\\) AND ${exists}`}$`)
					: createIfMissing
						? undefined
						: new RegExp(`^${exists}$`);
				if (condition) expect(sent.ConditionExpression).toMatch(condition);
				else expect(sent.ConditionExpression).toBeUndefined();

				// Each generated clause stands for one input field and its value; every field is there once.
				const clauses = [...sent.UpdateExpression.matchAll(/(#[A-Za-z0-9_]+) = (:[A-Za-z0-9_]+)/g)].filter(([, n]) => generatedNames.includes(n));
				const removed = [...(/(?:^| )REMOVE (.*)$/.exec(sent.UpdateExpression)?.[1].split(', ') ?? [])];
				const seen: Record<string, unknown> = {};
				const nameOf = (n: string) => sent.ExpressionAttributeNames[n] as string;
				for (const [, n, v] of clauses) seen[nameOf(n)] = sent.ExpressionAttributeValues[v];
				for (const n of removed) seen[nameOf(n)] = 'REMOVE';
				const expected = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === null && removeNullFields ? 'REMOVE' : typed(v)]));
				expect(seen).toEqual(expected);
				expect(sent.Key).toEqual({ id: { S: 'k' }, sk: { N: '1' } });
			}),
			{ numRuns: 150 },
		);
		console.log(`Update From Input at the wire: ${runs} generated requests checked`);
	});
});
