/**
 * Property-based tests (fast-check) of the steps hostile input goes through first:
 * binding ({{ … }} values into the body text), parsing, and the schema walk.
 */
import fc from 'fast-check';
import { bindBody } from '../../nodes/DynamoDb/body/bind';
import { NumberValueImpl as NumberValue } from '@aws-sdk/util-dynamodb';
import * as parse from '../../nodes/DynamoDb/body/parse';
import { BodyParseError, parseBody } from '../../nodes/DynamoDb/body/parse';
import { isExactNumber } from '../../nodes/DynamoDb/shapes/numbers';
import { bodyOf } from '../../nodes/DynamoDb/body/template';
import { operations } from '../../nodes/DynamoDb/operations/registry';
import { InputError } from '../../nodes/DynamoDb/shapes/errors';
import { toSdkInput } from '../../nodes/DynamoDb/shapes/toInput';

/** Counts what these properties tried, for the issue's closing note. */
const tried = { bindings: 0, parses: 0, bodies: 0 };
afterAll(() => console.log(`hostile inputs tried: ${tried.bindings} bindings, ${tried.parses} parser texts, ${tried.bodies} request bodies`));

/** Strings an attacker would send: quotes, backslashes, braces, comment markers, control characters, any code point. */
const hostileString = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: fc.constantFrom('"', '\\', '{', '}', '{{', '}}', '/*', '*/', '//', '\n', '\r', '\t', '\u0000', '\u2028', ',', ':', '[', ']', 'a', ' ', '\ud800', '\udfff', '$json'), maxLength: 30 }),
	fc.string({ maxLength: 20 }),
);

/** A body template: literal JSON, with bound slots at bare value, member-name and in-string positions. */
type Template =
	| { kind: 'literal'; value: unknown }
	| { kind: 'bare'; slot: number }
	| { kind: 'inString'; prefix: string; slot: number; suffix: string }
	| { kind: 'array'; items: Template[] }
	| { kind: 'object'; members: Array<{ key: { literal: string } | { slot: number }; value: Template }> };

const SLOTS = 4;
const slot = fc.nat({ max: SLOTS - 1 });
/** Literal text around a slot inside a string: no quote/backslash/newline so the template itself is valid. */
const safeText = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '-', '{', '}', '/', '*', ':', ','), maxLength: 6 }).filter((s) => !s.includes('{{') && !s.endsWith('{') && !s.startsWith('}'));

/** Literal strings of the template itself: `{{` there would be an expression of the template, not data. */
const literalText = fc.string({ maxLength: 8 }).filter((s) => !s.includes('{{') && !s.endsWith('{'));

const template: fc.Arbitrary<Template> = fc.letrec<{ t: Template }>((tie) => ({
	t: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.record({ kind: fc.constant('literal' as const), value: fc.oneof(literalText, fc.integer(), fc.boolean(), fc.constant(null)) }),
		fc.record({ kind: fc.constant('bare' as const), slot }),
		fc.record({ kind: fc.constant('inString' as const), prefix: safeText, slot, suffix: safeText }),
		fc.record({ kind: fc.constant('array' as const), items: fc.array(tie('t'), { maxLength: 4 }) }),
		fc.record({
			kind: fc.constant('object' as const),
			members: fc.array(
				fc.record({ key: fc.oneof(fc.record({ literal: literalText }), fc.record({ slot })), value: tie('t') }),
				{ maxLength: 4 },
			),
		}),
	),
})).t;

const expr = (n: number) => `{{ $json.v${n} }}`;

/** The template as body text, with random whitespace and comments between tokens. */
function render(t: Template, gap: () => string): string {
	switch (t.kind) {
		case 'literal':
			return JSON.stringify(t.value);
		case 'bare':
			return expr(t.slot);
		case 'inString':
			return `"${t.prefix}${expr(t.slot)}${t.suffix}"`;
		case 'array':
			return `[${t.items.map((i) => gap() + render(i, gap) + gap()).join(',')}]`;
		case 'object':
			// `{ {{` not `{{{`: n8n, like the binder, reads `{{` from the first brace on.
			return `{ ${t.members
				.map((m) => `${gap()}${'literal' in m.key ? JSON.stringify(m.key.literal) : expr(m.key.slot)}${gap()}:${gap()}${render(m.value, gap)}${gap()}`)
				.join(',')}}`;
	}
}

/** What the body must parse to: the template's structure with the bound values in their places. */
function expected(t: Template, values: unknown[]): unknown {
	switch (t.kind) {
		case 'literal':
			return t.value;
		case 'bare':
			return values[t.slot] === undefined ? null : values[t.slot];
		case 'inString': {
			const v = values[t.slot];
			const text = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
			return t.prefix + text + t.suffix;
		}
		case 'array':
			return t.items.map((i) => expected(i, values));
		case 'object': {
			const out: Record<string, unknown> = {};
			for (const m of t.members) {
				const key = 'literal' in m.key ? m.key.literal : String(values[m.key.slot]);
				Object.defineProperty(out, key, { value: expected(m.value, values), enumerable: true, writable: true, configurable: true });
			}
			return out;
		}
	}
}

const gaps = fc.array(fc.constantFrom('', ' ', '\n', '\t', '/* "x" {{ $json.v0 }} */', '// "}}\n', ' /**/ '), { minLength: 1, maxLength: 8 });

function bind(text: string, values: unknown[]): string {
	return bindBody(`=${text}`, (expression) => {
		const n = /^\{\{ \$json\.v(\d) \}\}$/.exec(expression)?.[1];
		if (n === undefined) throw new Error(`the binder evaluated ${JSON.stringify(expression)}, which is no expression of the template`);
		return values[Number(n)];
	});
}

describe('binding never changes the structure of the request', () => {
	it('any strings, in any position (bare value, member name, inside a string literal)', () => {
		fc.assert(
			fc.property(template, fc.array(hostileString, { minLength: SLOTS, maxLength: SLOTS }), gaps, (t, values, gapList) => {
				tried.bindings++;
				let g = 0;
				const text = render(t, () => gapList[g++ % gapList.length]);
				expect(parseBody(bind(text, values))).toEqual(expected(t, values));
			}),
			{ numRuns: 3000 },
		);
	});

	it('any JSON values at bare and in-string positions (member names bound to strings)', () => {
		const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString, fc.constant(undefined));
		fc.assert(
			fc.property(template, fc.array(value, { minLength: SLOTS, maxLength: SLOTS }), (t, raw) => {
				tried.bindings++;
				// -0 has no JSON form of its own (JSON.stringify(-0) is "0"), at any depth: compare with what JSON carries.
				const values = raw.map((v) => (v === undefined ? v : JSON.parse(JSON.stringify(v))));
				const keyed = rekey(t, values);
				expect(parseBody(bind(render(keyed, () => ' '), values))).toEqual(expected(keyed, values));
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('the parsed template (body/template.ts) gives what binding and parsing the text give', () => {
	/** A result or error in a form where -0, NumberValue, member order and `__proto__` members all count. */
	const canon = (v: unknown): unknown =>
		v instanceof NumberValue
			? `NumberValue ${v.toString()}`
			: typeof v === 'number' && Object.is(v, -0)
				? '-0'
				: Array.isArray(v)
					? v.map(canon)
					: v !== null && typeof v === 'object'
						? Object.keys(v).map((k) => [k, canon((v as Record<string, unknown>)[k])])
						: v;
	const outcome = (make: () => unknown) => {
		try {
			return { value: canon(make()) };
		} catch (error) {
			return { error: String(error) };
		}
	};
	const evaluator = (values: unknown[]) => (expression: string) => {
		const n = /^\{\{ \$json\.v(\d) \}\}$/.exec(expression)?.[1];
		if (n === undefined) throw new Error(`no expression of the template: ${expression}`);
		return values[Number(n)];
	};
	const same = (text: string, values: unknown[]) => {
		tried.bindings++;
		const ev = evaluator(values);
		expect(outcome(() => bodyOf(`=${text}`, ev))).toEqual(outcome(() => parseBody(bindBody(`=${text}`, ev))));
	};
	/** Scalars with tricky JSON forms, the mark characters, objects (which take the text path), and strings an attacker sends. */
	const value = fc.oneof(
		hostileString,
		fc.constantFrom(-0, 0, NaN, Infinity, -Infinity, 1e21, 1e-7, 2 ** 53 + 2, 0.1, -1.5e-300, undefined, null, true, false),
		fc.double(),
		fc.bigInt(),
		fc.string({ unit: fc.constantFrom('\uE000', '\uE001', '\uE002', '0', '1', 'a', '\\', '"'), maxLength: 8 }),
		fc.jsonValue({ maxDepth: 2 }),
	);
	const values = fc.array(value, { minLength: SLOTS, maxLength: SLOTS });

	it('on random templates, whitespace and comments', () => {
		fc.assert(
			fc.property(template, values, gaps, (t, vs, gapList) => {
				let g = 0;
				same(render(t, () => gapList[g++ % gapList.length]), vs);
			}),
			{ numRuns: 3000 },
		);
	});

	it('on templates with exact numbers, __proto__, mark characters, and expressions where no mark can go', () => {
		const texts = [
			'{"__proto__": {{ $json.v0 }}, "big": 123456789012345678901234567890, "tiny": 1e-400, "z": -0.0, "s": "a{{ $json.v1 }}b{{ $json.v2 }}"}',
			'{"k{{ $json.v0 }}": 1, "v": {{ $json.v1 }}}',
			'{"n": -{{ $json.v0 }}, "m": {{ $json.v1 }}}',
			'[{{ $json.v0 }}{{ $json.v1 }}]',
			'{"a": "\\uE000{{ $json.v0 }}\\uE002", "b": {{ $json.v1 }}}',
			'{"a": "\uE0010\uE002", "b": "{{ $json.v0 }}"}',
			'{"a": {{ $json.v0 }}, "a": {{ $json.v1 }}, "c": "{{ $json.v2 }}{{ $json.v3 }}"}',
			'{ {{ $json.v0 }}: {{ $json.v1 }} }',
			'// {{ $json.v3 }}\n{"a": [ {{ $json.v0 }}, /* {{ $json.v2 }} */ "{{ $json.v1 }}", ], }',
			'{{ $json.v0 }}',
			'"{{ $json.v0 }}"',
		];
		fc.assert(
			fc.property(fc.constantFrom(...texts), values, (text, vs) => same(text, vs)),
			{ numRuns: 3000 },
		);
	});

	it('builds the body without parsing text when every value is a scalar, and parses text when one is an object', () => {
		const spy = jest.spyOn(parse, 'parseBody');
		try {
			const text = '={"TableName": "t", "Item": {"id": "{{ $json.v0 }}", "n": {{ $json.v1 }}, "tags": ["x", "{{ $json.v0 }}-2"]}}';
			bodyOf(text, evaluator(['warm', 1]));
			spy.mockClear();
			expect(bodyOf(text, evaluator(['a"b', 2]))).toEqual({ TableName: 't', Item: { id: 'a"b', n: 2, tags: ['x', 'a"b-2'] } });
			expect(spy).not.toHaveBeenCalled();
			expect(bodyOf(text, evaluator(['c', { deep: [1] }]))).toEqual({ TableName: 't', Item: { id: 'c', n: { deep: [1] }, tags: ['x', 'c-2'] } });
			expect(spy).toHaveBeenCalledTimes(1);
		} finally {
			spy.mockRestore();
		}
	});
});

/** Member-name slots must hold strings: other values there make invalid JSON, not injected structure. */
function rekey(t: Template, values: unknown[]): Template {
	if (t.kind === 'array') return { ...t, items: t.items.map((i) => rekey(i, values)) };
	if (t.kind !== 'object') return t;
	return {
		...t,
		members: t.members.map((m) => ({
			key: 'slot' in m.key && typeof values[m.key.slot] !== 'string' ? { literal: `k${m.key.slot}` } : m.key,
			value: rekey(m.value, values),
		})),
	};
}

describe('the body parser', () => {
	const parseOnly = (text: string) => {
		tried.parses++;
		try {
			parseBody(text);
		} catch (error) {
			if (!(error instanceof BodyParseError)) throw new Error(`parseBody threw ${String(error)} for ${JSON.stringify(text).slice(0, 200)}`);
			if (!(error.line >= 1 && error.column >= 1 && / at line \d+, column \d+$/.test(error.message))) {
				throw new Error(`no line and column in ${JSON.stringify(error.message)}`);
			}
		}
	};

	it('throws nothing but BodyParseError (with line and column) for arbitrary text', () => {
		fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), parseOnly), { numRuns: 5000 });
		const tokens = fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', ',', '/', '*', '//', '/*', '*/', '\n', 'true', 'nul', '1', '-', '.', 'e', '+', '0', '\\u12', '\\u00e9', ' ', "'", 'a');
		fc.assert(fc.property(fc.array(tokens, { maxLength: 60 }).map((t) => t.join('')), parseOnly), { numRuns: 10000 });
	});

	it('throws nothing but BodyParseError for valid JSON cut or spliced anywhere', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.nat(), fc.nat(), fc.string({ maxLength: 3 }), (value, a, b, insert) => {
				const text = JSON.stringify(value, null, 1);
				const i = a % (text.length + 1);
				const j = i + (b % (text.length - i + 1));
				parseOnly(text.slice(0, i) + insert + text.slice(j));
			}),
			{ numRuns: 5000 },
		);
	});

	it('parses what JSON.parse parses to the same value (numbers kept exact)', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				tried.parses++;
				const text = JSON.stringify(value);
				expect(JSON.stringify(parseBody(text), (_, v) => (typeof v === 'object' && v?.constructor?.name === 'NumberValue' ? Number(v.toString()) : v))).toBe(
					JSON.stringify(JSON.parse(text)),
				);
			}),
			{ numRuns: 3000 },
		);
	});

	it('takes the JSON.parse fast path only where it gives what the parser gives (body/parse.ts plainJson)', () => {
		// A trailing comment keeps the same value but sends the text through the parser: the reference.
		const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.bigInt().map(String), fc.constantFrom('1e400', '-0', '0.1000000000000000055511151231257827', '123456789012345678901234567890'));
		const text = fc.oneof(
			fc.jsonValue().map((v) => JSON.stringify(v)),
			fc.tuple(fc.jsonValue(), number).map(([v, n]) => `{"v": ${JSON.stringify(v)}, "n": ${n}, "l": [${n}, ${n}]}`),
			fc.jsonValue().map((v) => JSON.stringify({ __proto__: v, a: v }).replace('"a"', '"__proto__"')),
		);
		fc.assert(
			fc.property(text, (t) => {
				expect(parseBody(t)).toEqual(parseBody(`${t}\n// parser`));
			}),
			{ numRuns: 3000 },
		);
	});

	it('knows a number is exact whatever its written form (negative exponents included)', () => {
		expect(isExactNumber('0.' + '0'.repeat(129) + '1', 1e-130)).toBe(true);
		expect(isExactNumber('-0.0000001', -1e-7)).toBe(true);
		expect(isExactNumber('1e-7', 1e-7)).toBe(true);
		expect(isExactNumber('1.0000000000000001', 1)).toBe(false);
		fc.assert(
			fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
				const x = Object.is(n, -0) ? 0 : n;
				// DynamoDB writes numbers out in full decimal: the same value must still count as exact.
				const full = x.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 100, maximumSignificantDigits: 21 });
				expect(isExactNumber(String(x), x)).toBe(true);
				if (Number(full) === x) expect(isExactNumber(full, x)).toBe(true);
			}),
			{ numRuns: 3000 },
		);
	});

	it('refuses nesting too deep for a stack with a BodyParseError, not a crash', () => {
		for (const open of ['[', '{"a":']) {
			const error = (() => {
				try {
					parseBody(open.repeat(200_000));
				} catch (e) {
					return e;
				}
			})();
			expect(error).toBeInstanceOf(BodyParseError);
			expect((error as Error).message).toMatch(/nested deeper than/);
		}
	});
});

describe('the schema walk (validation before sending)', () => {
	/** Every registry example, with one subtree replaced by arbitrary JSON or a hostile string. */
	const mutated = fc
		.record({
			operation: fc.constantFrom(...operations),
			at: fc.nat(),
			replacement: fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString, fc.constant(null)),
			mode: fc.constantFrom('auto' as const, 'typed' as const, 'plain' as const),
		})
		.map(({ operation, at, replacement, mode }) => {
			const body = structuredClone(operation.example) as unknown;
			const slots: Array<[Record<string, unknown> | unknown[], string | number]> = [];
			const collect = (v: unknown) => {
				if (Array.isArray(v)) v.forEach((x, i) => (slots.push([v, i]), collect(x)));
				else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) slots.push([v as Record<string, unknown>, k]), collect(x);
			};
			collect(body);
			if (slots.length === 0) return { action: operation.action, body: replacement, mode };
			const [parent, key] = slots[at % slots.length];
			(parent as Record<string | number, unknown>)[key] = replacement;
			return { action: operation.action, body, mode };
		});

	it('answers any body of any operation with the SDK input or an InputError, never a crash', () => {
		fc.assert(
			fc.property(mutated, ({ action, body, mode }) => {
				tried.bodies++;
				try {
					toSdkInput(action, body, mode);
				} catch (error) {
					if (!(error instanceof InputError)) throw new Error(`${action}: ${String(error)} for ${JSON.stringify(body).slice(0, 300)}`);
				}
			}),
			{ numRuns: 5000 },
		);
	});

	it('accepts every registry example unchanged', () => {
		for (const o of operations) expect(() => toSdkInput(o.action, structuredClone(o.example), 'auto')).not.toThrow();
	});
});
