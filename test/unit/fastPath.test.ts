import fc from 'fast-check';
import type { IDataObject, IExecuteFunctions, INodeParameters, INodeType } from 'n8n-workflow';
import { jsonPathOf, readJsonPath } from '../../nodes/DynamoDb/body/fastPath';

describe('the {{ $json.field }} fast path', () => {
	it.each([
		['{{ $json.id }}', ['id']],
		['{{$json.a.b}}', ['a', 'b']],
		['{{ $json["a b"] }}', ['a b']],
		["{{ $json['x'][0] }}", ['x', 0]],
		['{{ $json.list[12].name }}', ['list', 12, 'name']],
	])('reads %s as the path %j', (expression, path) => {
		expect(jsonPathOf(expression)).toEqual(path);
	});

	it.each(['{{ $json.id + 1 }}', '{{ $json.id.toUpperCase() }}', '{{ $json }}x', '{{ $input.item.json.id }}', '{{ $json["a\\"b"] }}', '{{ $json.a ?? 1 }}'])(
		'leaves %s to n8n',
		(expression) => expect(jsonPathOf(expression)).toBeNull(),
	);

	it('gives only plain leaf values; anything else goes to n8n (undefined)', () => {
		const json = { s: 'x "q"', n: 1.5, b: false, z: null, o: { k: 1 }, l: [1, 'two'], inf: Infinity };
		expect(readJsonPath(json, ['s'])).toBe('x "q"');
		expect(readJsonPath(json, ['n'])).toBe(1.5);
		expect(readJsonPath(json, ['b'])).toBe(false);
		expect(readJsonPath(json, ['z'])).toBeNull();
		expect(readJsonPath(json, ['l', 1])).toBe('two');
		expect(readJsonPath(json, ['o', 'k'])).toBe(1);
		expect(readJsonPath(json, ['o'])).toBeUndefined();
		expect(readJsonPath(json, ['missing'])).toBeUndefined();
		expect(readJsonPath(json, ['missing', 'deeper'])).toBeUndefined();
		expect(readJsonPath(json, ['inf'])).toBeUndefined();
		expect(readJsonPath(json, ['constructor'])).toBeUndefined();
		expect(readJsonPath(json, ['s', 'length'])).toBeUndefined();
	});
});

/**
 * The fast path against its reference, n8n's own expression engine: a probe node run by n8n-core
 * (scripts/engine.js) evaluates each expression with `evaluateExpression` for its item, and
 * wherever the fast path gives a value, it must be n8n's.
 */
describe('the {{ $json.field }} fast path equals n8n evaluating the expression', () => {
	const name = fc.constantFrom('a', 'b', 'id', 'a b', 'x-y', "it's", 'say "hi"', '0', '__proto__', 'constructor', 'length', 'ü');
	const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
		value: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			fc.string(),
			fc.double({ noNaN: true }),
			fc.integer(),
			fc.boolean(),
			fc.constant(null),
			fc.array(tie('value'), { maxLength: 3 }),
			fc.dictionary(name, tie('value'), { maxKeys: 4 }),
		),
	})).value;
	// A path, written as an expression in any of the spellings the fast path reads, and an item that
	// mostly holds a value there (else the comparison would rarely reach a value).
	const step = fc.oneof(fc.tuple(name, fc.nat({ max: 2 })), fc.nat({ max: 3 }));
	const spelled = (s: [string, number] | number) => {
		if (typeof s === 'number') return `[${s}]`;
		const [n, how] = s;
		if (how === 0 && /^[A-Za-z_$][\w$]*$/.test(n)) return `.${n}`;
		if (how === 1 && !/['\\]/.test(n)) return `['${n}']`;
		return `["${n.replace(/["\\]/g, '\\$&')}"]`;
	};
	const holding = (steps: Array<[string, number] | number>, leaf: unknown): unknown =>
		steps.reduceRight<unknown>((inner, s) => {
			if (typeof s === 'number') return Object.assign(Array.from({ length: s + 1 }, () => null), { [s]: inner });
			return Object.defineProperty({}, s[0], { value: inner, enumerable: true, writable: true, configurable: true });
		}, leaf);
	const leaf = fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.integer(), fc.boolean(), fc.constant(null), json);
	const testCase = fc
		.tuple(fc.tuple(name, fc.nat({ max: 2 })), fc.array(step, { maxLength: 2 }), leaf, fc.dictionary(name, json, { maxKeys: 3 }), fc.boolean(), fc.constantFrom('', ' ', '  '))
		.map(([first, rest, value, other, plant, pad]): [IDataObject, string] => {
			const steps = [first, ...rest];
			const item = plant ? { ...other, ...(holding(steps, value) as IDataObject) } : other;
			return [item as IDataObject, `{{${pad}$json${steps.map(spelled).join('')}${pad}}}`];
		});

	it('for any item and any $json path', async () => {
		const { runNode } = await import('../../scripts/engine');
		let compared = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(testCase, { minLength: 1, maxLength: 25 }), async (cases) => {
				const items = cases.map(([item]) => JSON.parse(JSON.stringify(item)) as IDataObject);
				const probe: INodeType = {
					description: { displayName: 'Probe', name: 'probe', group: ['transform'], version: 1, description: '', defaults: {}, inputs: ['main'], outputs: ['main'], properties: [] },
					async execute(this: IExecuteFunctions) {
						return [
							cases.map(([, expr], i) => {
								try {
									return { json: { value: this.evaluateExpression(expr, i) as IDataObject[string] } };
								} catch (error) {
									return { json: { refused: (error as Error).message } };
								}
							}),
						];
					},
				};
				const result = await runNode({ nodeType: probe, input: items, parameters: {}, credentials: {} });
				expect(result.error).toBeUndefined();
				cases.forEach(([, expr], i) => {
					// A path with escapes, or a value that is not a plain leaf, is left to n8n: nothing to compare.
					const path = jsonPathOf(expr);
					const fast = path && readJsonPath(items[i], path);
					if (fast === undefined || fast === null && path === null) return;
					compared++;
					expect({ expr, value: fast }).toEqual({ expr, value: result.items[i].json.value });
				});
			}),
			{ numRuns: 80 },
		);
		expect(compared).toBeGreaterThan(100);
	});
});

/**
 * Options without an expression are read as written (run/settings.ts executionSettings); the
 * reference is n8n's resolving read of them, `getNodeParameter('options', 0)`, in a probe node with
 * the DynamoDB node's own description, so n8n applies to them whatever it applies to this node's.
 */
describe('options read as written equal n8n resolving them', () => {
	it('for any options the description offers, without an expression', async () => {
		const { runNode } = await import('../../scripts/engine');
		const { DynamoDb } = await import('../../nodes/DynamoDb/DynamoDb.node');
		const { executionSettings } = await import('../../nodes/DynamoDb/run/settings');
		const { getOperation, operations } = await import('../../nodes/DynamoDb/operations/registry');
		const { description } = new DynamoDb();
		const offered = description.properties.find((p) => p.name === 'options')!.options as Array<{ name: string; type: string; options?: Array<{ value: unknown }> }>;
		const text = fc.string().filter((s) => !s.startsWith('='));
		const valueOf = (o: (typeof offered)[number]): fc.Arbitrary<unknown> => {
			if (o.type === 'boolean') return fc.boolean();
			if (o.type === 'number') return fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }));
			if (o.type === 'options' && o.options) return fc.constantFrom(...o.options.map((v) => v.value));
			if (o.type === 'resourceLocator') return fc.record({ __rl: fc.constant(true), mode: fc.constantFrom('list', 'name'), value: text });
			return text;
		};
		const options = fc.record(Object.fromEntries(offered.map((o) => [o.name, valueOf(o)])), { requiredKeys: [] });
		let compared = 0;
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...operations.map((o) => o.action)), options, async (action, written) => {
				const probe: INodeType = {
					description,
					async execute(this: IExecuteFunctions) {
						const run = executionSettings(this, getOperation(action));
						return [[{ json: { fast: run.options as IDataObject, sameOptions: run.sameOptions, reference: this.getNodeParameter('options', 0) as IDataObject } }]];
					},
				};
				const result = await runNode({ nodeType: probe, input: [{}], parameters: { operation: action, options: written as INodeParameters }, credentials: {} });
				expect(result.error).toBeUndefined();
				const { fast, sameOptions, reference } = result.items[0].json;
				expect(sameOptions).toBe(true);
				expect(fast).toEqual(reference);
				compared++;
			}),
			{ numRuns: 150 },
		);
		expect(compared).toBe(150);
	});
});
