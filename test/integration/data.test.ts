/**
 * Issue 3 against DynamoDB Local through n8n-core: attribute types round trip in both input and
 * both output modes, pagination with Limit/Return All and the cursor, bindings that cannot be
 * injected, typed and plain keys, GetItem not found, and errors. What DynamoDB Local stored is
 * read back with a raw SDK client (it forgives malformed requests, so the stored typed item —
 * and, where it matters, the request on the wire — is what proves the marshalling).
 */
import {
	CreateTableCommand,
	ListTablesCommand,
	PutItemCommand,
	type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { createTable, rawClient, uniqueTable } from '../helpers/local';
import { startRecorder, type Recorder } from '../helpers/recorder';
import { jsonOf, run, scanAll, storedItem, typedJson } from './support';

const client = rawClient();
afterAll(() => client.destroy());

/** A decimal number's value as "sign digits@exponent", so "-1.5E-30" and "-0.0000…15" compare equal. */
function canon(text: string): string {
	const negative = text.startsWith('-');
	const [mantissa, exp = '0'] = text.replace(/^[-+]/, '').toLowerCase().split('e');
	const [int, frac = ''] = mantissa.split('.');
	const all = int + frac;
	const lead = all.length - all.replace(/^0+/, '').length;
	const digits = all.slice(lead).replace(/0+$/, '');
	return digits ? `${negative ? '-' : ''}${digits}@${int.length - lead + Number(exp)}` : '0';
}

/** Typed JSON with every N and NS member in canonical form (sets sorted). */
function canonNumbers(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonNumbers);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			if (k === 'N' && typeof v === 'string') out[k] = canon(v);
			else if (k === 'NS' && Array.isArray(v)) out[k] = v.map((x) => canon(String(x))).sort();
			else out[k] = canonNumbers(v);
		}
		return out;
	}
	return value;
}

const typedOf = (item: unknown) => canonNumbers(typedJson(item));

// ---------------------------------------------------------------------------------------------
describe('round trip of every attribute type', () => {
	const BIG = '12345678901234567890123456789012345678';
	const TINY = '-1.5E-30';
	const UNICODE = 'emoji 😀🚀👨‍👩‍👧 · CJK 漢字かな한글 · combining e\u0301 a\u0308 · RTL שלום · \u2028\u2029';
	const UNICODE_NAME = 'ключ 鍵 🔑';
	const DEPTH = 20;

	function deepTyped(level: number): AttributeValue {
		return level === DEPTH ? { M: { leaf: { S: 'bottom' } } } : { M: { level: { N: String(level) }, next: deepTyped(level + 1) } };
	}
	function deepPlain(level: number): unknown {
		return level === DEPTH ? { leaf: 'bottom' } : { level, next: deepPlain(level + 1) };
	}
	/** 20 levels of lists, each holding its level and the next list. */
	function deepListTyped(level: number): AttributeValue {
		return level === DEPTH ? { L: [{ S: 'bottom' }] } : { L: [{ N: String(level) }, deepListTyped(level + 1)] };
	}
	function deepListPlain(level: number): unknown {
		return level === DEPTH ? ['bottom'] : [level, deepListPlain(level + 1)];
	}

	/** The item as typed DynamoDB JSON (B as base64): also exactly what DynamoDB must store. */
	const typedItem = (id: string): Record<string, unknown> => ({
		id: { S: id },
		s: { S: 'text with "quotes", \\ backslash and {"S": "x"}' },
		empty_s: { S: '' },
		numeric_text: { S: '00123' },
		n_int: { N: '42' },
		n_neg: { N: '-7' },
		n_frac: { N: '3.14' },
		n_big: { N: BIG },
		n_tiny: { N: TINY },
		n_small: { N: '1.5E-7' },
		b: { B: 'AAEC/w==' },
		bool_t: { BOOL: true },
		bool_f: { BOOL: false },
		nul: { NULL: true },
		m: { M: { a: { N: '1' }, b: { S: 'x' }, inner: { M: { c: { BOOL: false } } } } },
		l: { L: [{ N: '1' }, { S: 'a' }, { BOOL: true }, { NULL: true }, { M: { k: { S: 'v' } } }, { L: [] }, { SS: ['x'] }] },
		ss: { SS: ['a', 'b', 'c'] },
		ns: { NS: ['1', '2.5', BIG, TINY] },
		bs: { BS: ['AAE=', '/w=='] },
		empty_l: { L: [] },
		empty_m: { M: {} },
		unicode: { S: UNICODE },
		[UNICODE_NAME]: { S: 'unicode attribute name' },
		deep: deepTyped(0),
		deep_list: deepListTyped(0),
	});

	/** The same item in plain JSON with the set and binary markers; BIG and TINY as bare number literals. */
	function plainBody(table: string, id: string): string {
		const item = {
			id,
			s: 'text with "quotes", \\ backslash and {"S": "x"}',
			empty_s: '',
			numeric_text: '00123',
			n_int: 42,
			n_neg: -7,
			n_frac: 3.14,
			n_big: '@BIG@',
			n_tiny: '@TINY@',
			n_small: '@SMALL@',
			b: { $B: 'AAEC/w==' },
			bool_t: true,
			bool_f: false,
			nul: null,
			m: { a: 1, b: 'x', inner: { c: false } },
			l: [1, 'a', true, null, { k: 'v' }, [], { $SS: ['x'] }],
			ss: { $SS: ['a', 'b', 'c'] },
			ns: { $NS: [1, 2.5, '@BIG@', '@TINY@'] },
			bs: { $BS: ['AAE=', '/w=='] },
			empty_l: [],
			empty_m: {},
			unicode: UNICODE,
			[UNICODE_NAME]: 'unicode attribute name',
			deep: deepPlain(0),
			deep_list: deepListPlain(0),
		};
		return JSON.stringify({ TableName: table, Item: item }, null, 2).replace(/"@BIG@"/g, BIG).replace(/"@TINY@"/g, TINY).replace(/"@SMALL@"/g, '1.5E-7');
	}

	/** What Simplify gives for the item (sets sorted; numbers exact or text). */
	function checkPlain(out: Record<string, unknown>, id: string) {
		const { n_big, ns, ss, bs, ...rest } = out;
		expect(rest).toEqual({
			id,
			s: 'text with "quotes", \\ backslash and {"S": "x"}',
			empty_s: '',
			numeric_text: '00123',
			n_int: 42,
			n_neg: -7,
			n_frac: 3.14,
			n_tiny: -1.5e-30,
			n_small: 1.5e-7,
			b: 'AAEC/w==',
			bool_t: true,
			bool_f: false,
			nul: null,
			m: { a: 1, b: 'x', inner: { c: false } },
			l: [1, 'a', true, null, { k: 'v' }, [], ['x']],
			empty_l: [],
			empty_m: {},
			unicode: UNICODE,
			[UNICODE_NAME]: 'unicode attribute name',
			deep: deepPlain(0),
			deep_list: deepListPlain(0),
		});
		// 38 digits do not fit a JS number: text, never a rounded number.
		expect(typeof n_big).toBe('string');
		expect(canon(n_big as string)).toBe(canon(BIG));
		expect((ss as string[]).slice().sort()).toEqual(['a', 'b', 'c']);
		expect((bs as string[]).slice().sort()).toEqual(['/w==', 'AAE=']);
		const numbers = ns as Array<number | string>;
		expect(numbers).toHaveLength(4);
		expect(numbers.filter((x) => typeof x === 'number').sort((a, b) => (a as number) - (b as number))).toEqual([-1.5e-30, 1, 2.5]);
		const texts = numbers.filter((x) => typeof x === 'string') as string[];
		expect(texts.map(canon)).toEqual([canon(BIG)]);
	}

	let table: string;
	let recorder: Recorder;
	beforeAll(async () => {
		table = await createTable(client, uniqueTable('rt'));
		recorder = await startRecorder();
	});
	afterAll(() => recorder.close());

	const inputs = [
		{ id: 'typed_in_typed_mode', mode: 'typed', body: (t: string, id: string) => JSON.stringify({ TableName: t, Item: typedItem(id) }) },
		{ id: 'typed_in_auto_mode', mode: undefined, body: (t: string, id: string) => JSON.stringify({ TableName: t, Item: typedItem(id) }) },
		{ id: 'plain_in_plain_mode', mode: 'plain', body: plainBody },
		{ id: 'plain_in_auto_mode', mode: undefined, body: plainBody },
	] as const;

	for (const { id, mode, body } of inputs) {
		it(`${id}: stored exactly as the typed item, read back in both output modes`, async () => {
			const before = recorder.requests.length;
			const put = await run('PutItem', body(table, id), mode ? { attributeValues: mode } : {}, [{}], { endpoint: recorder.endpoint });
			expect(jsonOf(put)).toEqual([{}]);
			// On the wire: every value typed, numbers as exact text.
			const wire = recorder.requests.slice(before);
			expect(wire.map((r) => r.target)).toEqual(['DynamoDB_20120810.PutItem']);
			expect(typedOf(wire[0].body.Item)).toEqual(typedOf(typedItem(id)));
			expect((wire[0].body.Item as Record<string, { N: string }>).n_big).toEqual({ N: BIG });
			// Stored by DynamoDB.
			expect(typedOf(await storedItem(client, table, { id: { S: id } }))).toEqual(typedOf(typedItem(id)));

			const getBody = JSON.stringify({ TableName: table, Key: { id } });
			const simple = jsonOf(await run('GetItem', getBody));
			expect(simple).toHaveLength(1);
			checkPlain(simple[0], id);

			const typed = jsonOf(await run('GetItem', getBody, { simplify: false }));
			expect(typed).toHaveLength(1);
			expect(Object.keys(typed[0])).toEqual(['Item']);
			expect(typedOf(typed[0].Item)).toEqual(typedOf(typedItem(id)));

			// The same record read by PartiQL: one item per record, simplified the same way.
			const partiql = jsonOf(await run('ExecuteStatement', JSON.stringify({ Statement: `SELECT * FROM "${table}" WHERE id = ?`, Parameters: [id] })));
			expect(partiql).toHaveLength(1);
			checkPlain(partiql[0], id);
		});
	}

	it('plain mode stores a typed-looking object as a map; typed mode rejects plain values', async () => {
		const body = JSON.stringify({ TableName: table, Item: { id: 'looks_typed', v: { S: 'x' } } });
		jsonOf(await run('PutItem', body, { attributeValues: 'plain' }));
		expect(typedJson(await storedItem(client, table, { id: { S: 'looks_typed' } }))).toEqual({
			id: { S: 'looks_typed' },
			v: { M: { S: { S: 'x' } } },
		});
		const rejected = await run('PutItem', JSON.stringify({ TableName: table, Item: { id: 'plain_in_typed' } }), { attributeValues: 'typed' });
		expect(rejected.error?.message).toMatch(/Item\.id/);
		expect(await storedItem(client, table, { id: { S: 'plain_in_typed' } })).toBeUndefined();
	});
});

// ---------------------------------------------------------------------------------------------
describe('pagination', () => {
	let queryTable: string;
	let scanTable: string;
	let recorder: Recorder;
	const ALL = Array.from({ length: 35 }, (_, i) => i);

	beforeAll(async () => {
		recorder = await startRecorder();
		queryTable = await createTable(client, uniqueTable('pgq'), true);
		scanTable = await createTable(client, uniqueTable('pgs'));
		for (const i of ALL) {
			await client.send(new PutItemCommand({ TableName: queryTable, Item: { id: { S: 'p' }, sk: { N: String(i) }, v: { S: `v${i}` } } }));
			await client.send(new PutItemCommand({ TableName: scanTable, Item: { id: { S: `s${i}` }, n: { N: String(i) } } }));
		}
		// Another partition, which the query must not return.
		await client.send(new PutItemCommand({ TableName: queryTable, Item: { id: { S: 'other' }, sk: { N: '0' } } }));
	});
	afterAll(() => recorder.close());

	const queryBody = (extra = '') =>
		`={ "TableName": "${queryTable}", "KeyConditionExpression": "id = :p", "ExpressionAttributeValues": { ":p": "p" }, "Limit": 10${extra} }`;
	const sent = (from: number, target: string) => recorder.requests.slice(from).filter((r) => r.target === `DynamoDB_20120810.${target}`);

	it('Query: Limit 23 over pages of 10 returns exactly 23; the cursor continues with no overlap and no gap', async () => {
		const before = recorder.requests.length;
		const first = jsonOf(await run('Query', queryBody(), { limit: 23 }, [{}], { endpoint: recorder.endpoint }));
		expect(first).toHaveLength(23);
		expect(first.map((r) => r.sk)).toEqual(ALL.slice(0, 23));
		// Three requests: 10 + 10 + 3 (the last page cut to what is still needed).
		expect(sent(before, 'Query').map((r) => r.body.Limit)).toEqual([10, 10, 3]);
		expect(first.slice(0, 22).every((r) => !('$cursor' in r))).toBe(true);
		const cursor = first[22].$cursor as { ExclusiveStartKey: unknown };
		expect(cursor).toBeDefined();
		expect(Object.keys(cursor)).toEqual(['ExclusiveStartKey']);

		// The next run (e.g. next workflow execution) binds the cursor from the last item.
		const mid = recorder.requests.length;
		const rest = jsonOf(
			await run('Query', queryBody(', "ExclusiveStartKey": {{ $json.cursor.ExclusiveStartKey }}'), { limit: 23 }, [{ cursor }], {
				endpoint: recorder.endpoint,
			}),
		);
		expect(sent(mid, 'Query')[0].body.ExclusiveStartKey).toEqual({ id: { S: 'p' }, sk: { N: '22' } });
		expect(rest.map((r) => r.sk)).toEqual(ALL.slice(23));
		expect(rest.some((r) => '$cursor' in r)).toBe(false);
		expect([...first, ...rest].map((r) => r.sk)).toEqual(ALL);
		expect(first.map((r) => r.v)).toEqual(ALL.slice(0, 23).map((i) => `v${i}`));
	});

	it('Scan: Limit 23 over pages of 10, then the cursor: all 35 seen exactly once', async () => {
		const body = (extra = '') => `={ "TableName": "${scanTable}", "Limit": 10${extra} }`;
		const before = recorder.requests.length;
		const first = jsonOf(await run('Scan', body(), { limit: 23 }, [{}], { endpoint: recorder.endpoint }));
		expect(first).toHaveLength(23);
		expect(sent(before, 'Scan').map((r) => r.body.Limit)).toEqual([10, 10, 3]);
		const cursor = first[22].$cursor;
		expect(cursor).toBeDefined();
		const rest = jsonOf(await run('Scan', body(', "ExclusiveStartKey": {{ $json.cursor.ExclusiveStartKey }}'), { returnAll: true }, [{ cursor }]));
		expect(rest).toHaveLength(12);
		const seen = [...first, ...rest].map((r) => r.n as number).sort((a, b) => a - b);
		expect(seen).toEqual(ALL);
	});

	it('ExecuteStatement: Limit 23 over pages of 10, then the NextToken cursor: all 35 seen exactly once', async () => {
		const body = (extra = '') => `={ "Statement": "SELECT * FROM \\"${scanTable}\\"", "Limit": 10${extra} }`;
		const before = recorder.requests.length;
		const first = jsonOf(await run('ExecuteStatement', body(), { limit: 23 }, [{}], { endpoint: recorder.endpoint }));
		expect(first).toHaveLength(23);
		expect(sent(before, 'ExecuteStatement').map((r) => r.body.Limit)).toEqual([10, 10, 3]);
		const cursor = first[22].$cursor as { NextToken: string };
		expect(Object.keys(cursor)).toEqual(['NextToken']);
		expect(typeof cursor.NextToken).toBe('string');
		const rest = jsonOf(await run('ExecuteStatement', body(', "NextToken": "{{ $json.cursor.NextToken }}"'), { returnAll: true }, [{ cursor }]));
		const seen = [...first, ...rest].map((r) => r.n as number).sort((a, b) => a - b);
		expect(seen).toEqual(ALL);
	});

	it('Return All returns every record, for Query and Scan', async () => {
		const q = jsonOf(await run('Query', queryBody(), { returnAll: true }));
		expect(q.map((r) => r.sk)).toEqual(ALL);
		expect(q.some((r) => '$cursor' in r)).toBe(false);
		const s = jsonOf(await run('Scan', `{ "TableName": "${scanTable}", "Limit": 10 }`, { returnAll: true }));
		expect(s.map((r) => r.n as number).sort((a, b) => a - b)).toEqual(ALL);
	});

	it('Select COUNT with Return All sums Count over all pages', async () => {
		const before = recorder.requests.length;
		const scan = jsonOf(
			await run('Scan', `{ "TableName": "${scanTable}", "Select": "COUNT", "Limit": 10 }`, { returnAll: true }, [{}], { endpoint: recorder.endpoint }),
		);
		expect(sent(before, 'Scan').length).toBeGreaterThanOrEqual(4);
		expect(scan).toHaveLength(1);
		expect(scan[0]).toMatchObject({ Count: 35, ScannedCount: 35 });
		const query = jsonOf(await run('Query', queryBody(', "Select": "COUNT"'), { returnAll: true }));
		expect(query).toHaveLength(1);
		expect(query[0]).toMatchObject({ Count: 35, ScannedCount: 35 });
	});

	it('ListTables: body Limit is the page size, the Limit option the number of names; the cursor continues', async () => {
		for (let i = 0; i < 6; i++) await createTable(client, uniqueTable('pglist'));
		const before = recorder.requests.length;
		const out = jsonOf(await run('ListTables', '{ "Limit": 2 }', { limit: 5 }, [{}], { endpoint: recorder.endpoint }));
		expect(sent(before, 'ListTables').map((r) => r.body.Limit)).toEqual([2, 2, 1]);
		expect(out).toHaveLength(1);
		const names = out[0].TableNames as string[];
		expect(names).toHaveLength(5);
		expect([...names].sort()).toEqual(names);
		expect(new Set(names).size).toBe(5);
		expect(out[0].LastEvaluatedTableName).toBe(names[4]);
		const next = jsonOf(
			await run('ListTables', '={ "Limit": 2, "ExclusiveStartTableName": "{{ $json.after }}" }', { limit: 3 }, [{ after: names[4] }]),
		);
		const more = next[0].TableNames as string[];
		expect(more).toHaveLength(3);
		expect(more.every((n) => n > names[4])).toBe(true);
		// Without the option, one page of the body's Limit, as DynamoDB answers it.
		const one = jsonOf(await run('ListTables', '{ "Limit": 2 }'));
		expect(one[0].TableNames).toEqual((await client.send(new ListTablesCommand({ Limit: 2 }))).TableNames);
		const all = jsonOf(await run('ListTables', '{ "Limit": 3 }', { returnAll: true }));
		expect(all[0].LastEvaluatedTableName).toBeUndefined();
		expect(all[0].TableNames).toEqual(expect.arrayContaining(names));
	});

	it('the cursor keeps key types a plain value cannot carry (binary and 38-digit number sort keys)', async () => {
		const table = uniqueTable('pgkey');
		await client.send(
			new CreateTableCommand({
				TableName: table,
				AttributeDefinitions: [
					{ AttributeName: 'id', AttributeType: 'B' },
					{ AttributeName: 'sk', AttributeType: 'N' },
				],
				KeySchema: [
					{ AttributeName: 'id', KeyType: 'HASH' },
					{ AttributeName: 'sk', KeyType: 'RANGE' },
				],
				BillingMode: 'PAY_PER_REQUEST',
			}),
		);
		const id = new Uint8Array([1, 2, 3, 255]);
		const sks = Array.from({ length: 5 }, (_, i) => `1234567890123456789012345678901234567${i}`);
		for (const sk of sks) await client.send(new PutItemCommand({ TableName: table, Item: { id: { B: id }, sk: { N: sk } } }));
		const body = (extra = '') =>
			`={ "TableName": "${table}", "KeyConditionExpression": "id = :id", "ExpressionAttributeValues": { ":id": { "B": "AQID/w==" } }, "Limit": 2${extra} }`;
		const first = jsonOf(await run('Query', body(), { limit: 3 }));
		expect(first.map((r) => r.sk)).toEqual(sks.slice(0, 3));
		const cursor = first[2].$cursor;
		const rest = await run('Query', body(', "ExclusiveStartKey": {{ $json.cursor.ExclusiveStartKey }}'), { returnAll: true }, [{ cursor }]);
		expect(rest.error).toBeUndefined();
		expect(jsonOf(rest).map((r) => r.sk)).toEqual(sks.slice(3));
	});
});

// ---------------------------------------------------------------------------------------------
describe('bindings that cannot be injected (webhook-shaped input items)', () => {
	const hostile = [
		'plain "quoted" name',
		'back\\slash \\" \\\\ \\u0041',
		'","admin":true,"x":"',
		'"}, "admin": {"BOOL": true}, "y": {"S": "',
		'}}',
		'{{',
		'{{ $json.headers.secret }}',
		'} }, "TableName": "other_table", "x": { {',
		'line1\nline2\r\n\ttab',
		'nul\u0000byte',
		'unicode 😀 漢字 e\u0301 \u2028\u2029',
		'/* not a comment */ // nor this',
		'","admin":true,"x":"'.repeat(5000) + '}}{{"\\'.repeat(2500), // ~100 KB + 15 KB
	];
	const input = hostile.map((name, i) => ({
		body: { id: `h${i}`, name },
		headers: { 'content-type': 'application/json', secret: 'never-stored' },
	}));

	async function expectVerbatim(table: string) {
		const items = await scanAll(client, table);
		expect(items).toHaveLength(hostile.length);
		for (const item of items) {
			expect(Object.keys(item).sort()).toEqual(['id', 'name']);
			const i = Number(item.id.S!.slice(1));
			expect(item.id).toEqual({ S: `h${i}` });
			expect(item.name).toEqual({ S: hostile[i] });
		}
	}

	it('has a 100 KB string among them', () => {
		expect(hostile[hostile.length - 1].length).toBeGreaterThanOrEqual(100_000);
	});

	it('inside a string literal: "{{ $json.body.name }}"', async () => {
		const table = await createTable(client, uniqueTable('inj'));
		const body = `={\n  "TableName": "${table}",\n  "Item": { "id": "{{ $json.body.id }}", "name": "{{ $json.body.name }}" }\n}`;
		const recorder = await startRecorder();
		try {
			const result = await run('PutItem', body, {}, input, { endpoint: recorder.endpoint });
			expect(jsonOf(result)).toHaveLength(hostile.length);
			// On the wire: one PutItem per input item, each with exactly TableName and Item{id, name}.
			expect(recorder.requests).toHaveLength(hostile.length);
			for (const r of recorder.requests) {
				expect(r.target).toBe('DynamoDB_20120810.PutItem');
				const i = Number(((r.body.Item as Record<string, { S: string }>).id.S ?? '').slice(1));
				expect(r.body).toEqual({ TableName: table, Item: { id: { S: `h${i}` }, name: { S: hostile[i] } } });
			}
			expect(new Set(recorder.requests.map((r) => JSON.stringify(r.body.Item))).size).toBe(hostile.length);
		} finally {
			await recorder.close();
		}
		await expectVerbatim(table);
	});

	it('as a bare value: {{ $json.body.name }}', async () => {
		const table = await createTable(client, uniqueTable('inj'));
		const body = `={ "TableName": "${table}", "Item": { "id": {{ $json.body.id }}, "name": {{ $json.body.name }} } }`;
		expect(jsonOf(await run('PutItem', body, {}, input))).toHaveLength(hostile.length);
		await expectVerbatim(table);
	});

	it('in typed JSON: { "S": "{{ $json.body.name }}" } and { "S": {{ $json.body.name }} }', async () => {
		for (const name of ['"{{ $json.body.name }}"', '{{ $json.body.name }}']) {
			const table = await createTable(client, uniqueTable('inj'));
			const body = `={ "TableName": "${table}", "Item": { "id": { "S": "{{ $json.body.id }}" }, "name": { "S": ${name} } } }`;
			expect(jsonOf(await run('PutItem', body, { attributeValues: 'typed' }, input))).toHaveLength(hostile.length);
			await expectVerbatim(table);
		}
	});

	it('a body written as one expression returning an object', async () => {
		const table = await createTable(client, uniqueTable('inj'));
		const body = `={{ { "TableName": "${table}", "Item": { "id": $json.body.id, "name": $json.body.name } } }}`;
		expect(jsonOf(await run('PutItem', body, {}, input))).toHaveLength(hostile.length);
		await expectVerbatim(table);
	});

	it('twice inside a longer string literal: "<{{ $json.body.name }}|{{ $json.body.name }}>"', async () => {
		const table = await createTable(client, uniqueTable('inj'));
		const body = `={ "TableName": "${table}", "Item": { "id": "{{ $json.body.id }}", "name": "<{{ $json.body.name }}|{{ $json.body.name }}>" } }`;
		expect(jsonOf(await run('PutItem', body, {}, input))).toHaveLength(hostile.length);
		const items = await scanAll(client, table);
		expect(items).toHaveLength(hostile.length);
		for (const item of items) {
			expect(Object.keys(item).sort()).toEqual(['id', 'name']);
			const name = hostile[Number(item.id.S!.slice(1))];
			expect(item.name).toEqual({ S: `<${name}|${name}>` });
		}
	});

	it('as PartiQL parameters: stored verbatim, the statement unchanged', async () => {
		const table = await createTable(client, uniqueTable('inj'));
		const body = `={ "Statement": "INSERT INTO \\"${table}\\" VALUE {'id': ?, 'name': ?}", "Parameters": ["{{ $json.body.id }}", {{ $json.body.name }}] }`;
		const result = await run('ExecuteStatement', body, {}, input);
		expect(result.error).toBeUndefined();
		await expectVerbatim(table);
	});

	it('with quotes inside the expression: "{{ $json["body"]["name"] }}"', async () => {
		const table = await createTable(client, uniqueTable('inj'));
		const body = `={ "TableName": "${table}", "Item": { "id": "{{ $json["body"]["id"] }}", "name": "{{ $json.body['name'] }}" } }`;
		expect(jsonOf(await run('PutItem', body, {}, input))).toHaveLength(hostile.length);
		await expectVerbatim(table);
	});

	it('a bound TableName is one name, whatever the string holds', async () => {
		const table = await createTable(client, uniqueTable('inj'));
		const body = '={ "TableName": "{{ $json.table }}", "Item": { "id": "x" } }';
		// Spliced in as text, this would be a valid request to `table` (ReturnValues added); bound as a value
		// it is one (invalid) table name, and nothing is written.
		const bad = await run('PutItem', body, {}, [{ table: `${table}", "ReturnValues": "NONE` }]);
		expect(bad.error).toBeDefined();
		expect(await scanAll(client, table)).toHaveLength(0);
	});
});

// ---------------------------------------------------------------------------------------------
describe('keys: typed and plain, and GetItem not found', () => {
	let table: string;
	let recorder: Recorder;
	beforeAll(async () => {
		recorder = await startRecorder();
		table = await createTable(client, uniqueTable('keys'), true);
		await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'k1' }, sk: { N: '1' }, v: { S: 'one' } } }));
		await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'k2' }, sk: { N: '2' }, v: { S: 'two' } } }));
	});
	afterAll(() => recorder.close());

	it('BatchGetItem with one typed key and one plain key', async () => {
		const before = recorder.requests.length;
		const body = `{ "RequestItems": { "${table}": { "Keys": [ { "id": { "S": "k1" }, "sk": { "N": "1" } }, { "id": "k2", "sk": 2 } ] } } }`;
		const out = jsonOf(await run('BatchGetItem', body, {}, [{}], { endpoint: recorder.endpoint }));
		expect(out.sort((a, b) => (a.sk as number) - (b.sk as number))).toEqual([
			{ id: 'k1', sk: 1, v: 'one' },
			{ id: 'k2', sk: 2, v: 'two' },
		]);
		const [wire] = recorder.requests.slice(before);
		expect(wire.target).toBe('DynamoDB_20120810.BatchGetItem');
		expect(wire.body.RequestItems).toEqual({
			[table]: {
				Keys: [
					{ id: { S: 'k1' }, sk: { N: '1' } },
					{ id: { S: 'k2' }, sk: { N: '2' } },
				],
			},
		});
	});

	it('GetItem with a plain key (bound from the input item)', async () => {
		const before = recorder.requests.length;
		const body = `={ "TableName": "${table}", "Key": { "id": {{ $json.id }}, "sk": {{ $json.sk }} } }`;
		const result = await run('GetItem', body, {}, [{ id: 'k2', sk: 2 }, { id: 'k1', sk: 1 }], { endpoint: recorder.endpoint });
		expect(jsonOf(result)).toEqual([
			{ id: 'k2', sk: 2, v: 'two' },
			{ id: 'k1', sk: 1, v: 'one' },
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const keys = recorder.requests.slice(before).map((r) => r.body.Key as { id: { S: string } });
		expect(keys.sort((a, b) => a.id.S.localeCompare(b.id.S))).toEqual([
			{ id: { S: 'k1' }, sk: { N: '1' } },
			{ id: { S: 'k2' }, sk: { N: '2' } },
		]);
	});

	const missing = () => `{ "TableName": "${table}", "Key": { "id": "nope", "sk": 0 } }`;

	it('not found, option none: no output item', async () => {
		const result = await run('GetItem', missing(), { notFound: 'none' });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		// Default is none too.
		expect((await run('GetItem', missing())).items).toEqual([]);
	});

	it('not found, option empty: one empty item', async () => {
		const result = await run('GetItem', missing(), { notFound: 'empty' });
		expect(jsonOf(result)).toEqual([{}]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('not found, option error: the run fails, or an error item with Continue On Fail', async () => {
		const failed = await run('GetItem', missing(), { notFound: 'error' });
		expect(failed.error?.message).toMatch(/^No item has this key/);
		const body = `={ "TableName": "${table}", "Key": { "id": {{ $json.id }}, "sk": {{ $json.sk }} } }`;
		const cont = await run('GetItem', body, { notFound: 'error' }, [{ id: 'k1', sk: 1 }, { id: 'nope', sk: 0 }], { continueOnFail: true });
		expect(cont.error).toBeUndefined();
		expect(cont.items.map((i) => i.json)).toEqual([{ id: 'k1', sk: 1, v: 'one' }, { error: { message: 'No item has this key' } }]);
		expect(cont.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

// ---------------------------------------------------------------------------------------------
describe('errors', () => {
	it('an invalid JSON body names the line and column; the item index is n8n\'s and the error item\'s pairing', async () => {
		const body = '{\n  "TableName": "t_x",\n  "Key": { "id": "a" }\n  "ConsistentRead": true\n}';
		const failed = await run('GetItem', body);
		expect(failed.error?.message).toMatch(/^The request body is not valid JSON: .*line 4, column 3/);
		const cont = await run('GetItem', body, {}, [{}, {}], { continueOnFail: true });
		expect(cont.items.map((i) => i.json)).toEqual([0, 1].map(() => ({ error: expect.objectContaining({ line: 4, column: 3, message: expect.stringMatching(/^The request body is not valid JSON: .*line 4, column 3/) }) })));
		expect(cont.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect((failed.error as unknown as { context: { itemIndex?: number } }).context.itemIndex).toBe(0);
	});

	it('ConditionalCheckFailedException carries the code, HTTP status and request id', async () => {
		const table = await createTable(client, uniqueTable('err'));
		await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'x1' }, v: { S: 'original' } } }));
		const body = `={ "TableName": "${table}", "Item": { "id": "{{ $json.id }}", "v": "new" }, "ConditionExpression": "attribute_not_exists(id)" }`;
		const failed = await run('PutItem', body, {}, [{ id: 'x1' }]);
		const error = failed.error!;
		expect(error).toBeDefined();
		expect(error.message).toMatch(/ConditionalCheckFailedException/);
		expect(error.httpCode).toBe('ConditionalCheckFailedException');
		expect(error.description).toMatch(/HTTP 400, request id [^?\s]+/);
		expect(typedJson(await storedItem(client, table, { id: { S: 'x1' } }))).toEqual({ id: { S: 'x1' }, v: { S: 'original' } });

		// Continue On Fail: the middle item fails, the others are stored.
		const result = await run('PutItem', body, {}, [{ id: 'a1' }, { id: 'x1' }, { id: 'c1' }], { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toEqual({});
		expect(result.items[2].json).toEqual({});
		expect(result.items[1].json).toEqual({
			error: {
				code: 'ConditionalCheckFailedException',
				message: expect.stringMatching(/^ConditionalCheckFailedException: /),
				httpStatusCode: 400,
				requestId: expect.stringMatching(/\S+/),
			},
		});
		const stored = (await scanAll(client, table)).map((i) => typedJson(i));
		expect(stored).toEqual(
			expect.arrayContaining([
				{ id: { S: 'a1' }, v: { S: 'new' } },
				{ id: { S: 'c1' }, v: { S: 'new' } },
				{ id: { S: 'x1' }, v: { S: 'original' } },
			]),
		);
		expect(stored).toHaveLength(3);
	});

	it('a cancelled transaction gives the reason per action; a failed condition can return the existing item', async () => {
		const table = await createTable(client, uniqueTable('err'));
		await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'x1' }, n: { N: '7' } } }));
		const transact = JSON.stringify({
			TransactItems: [
				{ Put: { TableName: table, Item: { id: 'new' } } },
				{ ConditionCheck: { TableName: table, Key: { id: 'x1' }, ConditionExpression: 'attribute_not_exists(id)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
			],
		});
		const cancelled = await run('TransactWriteItems', transact, {}, [{}], { continueOnFail: true });
		expect(cancelled.items).toHaveLength(1);
		const error = cancelled.items[0].json.error as Record<string, unknown>;
		expect(error).toMatchObject({ code: 'TransactionCanceledException', httpStatusCode: 400 });
		expect(error.cancellationReasons).toEqual([
			{ index: 0, code: 'None' },
			expect.objectContaining({ index: 1, code: 'ConditionalCheckFailed', item: { id: 'x1', n: 7 } }),
		]);
		expect(await storedItem(client, table, { id: { S: 'new' } })).toBeUndefined();

		const put = JSON.stringify({ TableName: table, Item: { id: 'x1' }, ConditionExpression: 'attribute_not_exists(id)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
		const failed = await run('PutItem', put, {}, [{}], { continueOnFail: true });
		expect(failed.items[0].json.error).toMatchObject({ code: 'ConditionalCheckFailedException', item: { id: 'x1', n: 7 } });
	});
});
