/**
 * Hostile strings from upstream (a webhook caller) bound by n8n's own expression engine into every
 * kind of position of a PutItem body: what DynamoDB Local stores is exactly the intended item — no
 * extra attribute, no changed member, no other table.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode } from '../helpers/n8n';

const hostile = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 30 }),
	fc.string({
		unit: fc.constantFrom('"', '\\', '{', '}', '{{', '}}', '/*', '*/', '//', '\n', '\t', ',', ':', '[', ']', ' ', 'a', '"admin": true', '$json', '={{', '\\u0022'),
		maxLength: 20,
	}),
);

describe('hostile upstream strings through n8n expressions (DynamoDB Local)', () => {
	const client = rawClient();
	afterAll(() => client.destroy());

	it('store exactly the intended item, whatever the strings hold', async () => {
		const table = await createTable(client, uniqueTable('hostile'));
		const strings = fc.sample(hostile, { numRuns: 200, seed: 99 });
		const input = strings.map((s, i) => ({ id: `h${i}`, s }));
		const body = `={
			"TableName": "${table}",
			// a comment with "quotes" and {{ $json.s }} in it is not evaluated
			"Item": {
				"id": "{{ $json.id }}",
				"inString": "{{ $json.s }}",
				"framed": "<{{ $json.s }}|{{ $json.s }}>",
				"bare": {{ $json.s }},
				"nested": { "list": [ {{ $json.s }}, "{{ $json.s }}" ] },
				{{ $json.s.length > 0 ? $json.s : "empty" }}: "named by the caller",
			},
		}`;
		const result = await runNode({ input, credentials: localCredentials(), parameters: { operation: 'PutItem', body, options: { parallelRequests: 8 } }, continueOnFail: true });
		expect(result.error).toBeUndefined();
		// A caller's string may name an attribute the item already has ("id", "bare", …): that item is refused or
		// overrides that member in the body — never anything outside this item.
		const stored = new Map<string, Record<string, unknown>>();
		let ExclusiveStartKey: Record<string, never> | undefined;
		do {
			const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey }));
			for (const item of page.Items ?? []) {
				// The AWS SDK reads an attribute named "__proto__" as undefined (README, Guarantees): leave it out.
				const plain = unmarshall(Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)));
				stored.set(plain.id as string, plain);
			}
			ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
		} while (ExclusiveStartKey);

		let exact = 0;
		strings.forEach((s, i) => {
			const name = s.length > 0 ? s : 'empty';
			const intended: Record<string, unknown> = {
				id: `h${i}`,
				inString: s,
				framed: `<${s}|${s}>`,
				bare: s,
				nested: { list: [s, s] },
			};
			// The last member with a name wins, as in any JSON object. ("__proto__" is stored, but the SDK cannot read it back.)
			if (name !== '__proto__') intended[name] = 'named by the caller';
			const error = result.items[i].json.error as { message?: string } | undefined;
			if (name === 'id') {
				// The caller renamed the key attribute's value: the item is stored under that value or refused, nothing else.
				expect(stored.has(`h${i}`)).toBe(false);
				return;
			}
			expect({ i, error }).toEqual({ i, error: undefined });
			expect(stored.get(`h${i}`)).toEqual(intended);
			exact++;
		});
		// Only the intended items exist (plus one for each caller who named the key "id").
		const renamed = strings.filter((s) => s === 'id').length;
		expect(stored.size).toBe(strings.length - renamed + (renamed > 0 ? 1 : 0));
		expect(exact).toBeGreaterThanOrEqual(strings.length - renamed);
		console.log(`hostile bindings through n8n: ${strings.length} strings × 7 positions; ${exact} items stored exactly as intended`);
	});
});
