import { NumberValueImpl as NumberValue } from '@aws-sdk/util-dynamodb';
import { InputError } from '../shapes/errors';
import { Memo } from '../shapes/memo';
import { setMember } from '../shapes/setMember';
import { bindValues, compiled, inStringText, type Evaluate, type Template } from './bind';
import { parseBody } from './parse';

/**
 * An input item's request body from the body template.
 *
 * The template is parsed once, with each `{{ … }}` marked in its place; an item's body is then
 * that tree with the item's values filled in: writing each item's text and parsing it again costs
 * more than the rest of the node's own work per item. Reference: binding the text and parsing it
 * (bindBody + parseBody); test/unit/properties.test.ts "the parsed template (body/template.ts) gives
 * what binding and parsing the text give". The text path still runs where the tree cannot: a
 * template the marks cannot go into (an expression in a member name or next to other tokens), and
 * an item whose value at an expression is an object, an array or any other non-scalar.
 */
export function bodyOf(raw: string, evaluate: Evaluate): unknown {
	if (!raw.startsWith('=')) return parseBody(fixed(raw));
	const template = compiled(raw);
	const values = template.expressions.map(evaluate);
	const tree = treeOf(raw, template);
	return tree !== null && values.every(isScalar) ? fill(tree, values) : parseBody(bindValues(template, values));
}

const EXPRESSION = /\{\{[\s\S]*?\}\}/;

/** A Fixed-mode body is sent as written: `{{ … }}` in it would go out as text, never bound. */
function fixed(raw: string): string {
	const expression = EXPRESSION.exec(raw);
	if (expression) {
		throw new InputError(
			'',
			`the body holds ${expression[0].slice(0, 40)} but the field is in Fixed mode, so it would be sent as text`,
			'Switch the Request Body field to Expression (hover the field, then pick Expression) so {{ … }} is evaluated for each item.',
		);
	}
	return raw;
}

/** An expression standing as a whole JSON value. */
class Hole {
	constructor(readonly n: number) {}
}

/** A string with expressions inside: `parts` around the values of `holes`. */
class Text {
	constructor(
		readonly parts: string[],
		readonly holes: number[],
	) {}
}

/** An object's members in order (kept as pairs: a member may be named `__proto__`). */
class Members {
	constructor(readonly entries: Array<[string, Tree]>) {}
}

type Tree = Hole | Text | Members | Tree[] | string | number | boolean | null | NumberValue;

// Private-use characters mark the expressions in the parsed template: in a string, or as a whole value.
const IN_STRING = '\uE000';
const VALUE = '\uE001';
const END = '\uE002';
/** Templates that write a mark character themselves (or its \u escape) take the text path. */
const WRITES_A_MARK = /[\uE000-\uE002]|\\u[eE]00[0-2]/;
const HAS_MARK = /[\uE000-\uE002]/;
const MARK = /\uE000(\d+)\uE002/g;
const WHOLE_VALUE = /^\uE001(\d+)\uE002$/;

/** Trees by template text, as many as bind.ts keeps splits. */
const trees = new Memo<string, Tree | null>(100);

/** The template's tree, parsed once per template text; null when it takes the text path. */
function treeOf(raw: string, template: Template): Tree | null {
	return trees.get(raw, () => (WRITES_A_MARK.test(raw) ? null : parseMarked(template)));
}

class NotPlain extends Error {}

function parseMarked({ literals, expressions, inString }: Template): Tree | null {
	let text = literals[0];
	for (let n = 0; n < expressions.length; n++) text += (inString[n] ? `${IN_STRING}${n}${END}` : `"${VALUE}${n}${END}"`) + literals[n + 1];
	try {
		return mark(parseBody(text));
	} catch {
		return null; // Not valid JSON once marked (e.g. `-{{ … }}`), or a mark where no value can be: the text path decides.
	}
}

function mark(value: unknown): Tree {
	if (typeof value === 'string') return markString(value);
	if (Array.isArray(value)) return value.map(mark);
	if (value !== null && typeof value === 'object' && !(value instanceof NumberValue)) {
		return new Members(
			Object.keys(value).map((key) => {
				if (HAS_MARK.test(key)) throw new NotPlain();
				return [key, mark((value as Record<string, unknown>)[key])];
			}),
		);
	}
	return value as Tree;
}

function markString(value: string): Tree {
	if (!HAS_MARK.test(value)) return value;
	const whole = WHOLE_VALUE.exec(value);
	if (whole) return new Hole(Number(whole[1]));
	const parts: string[] = [];
	const holes: number[] = [];
	let from = 0;
	for (const m of value.matchAll(MARK)) {
		parts.push(value.slice(from, m.index));
		holes.push(Number(m[1]));
		from = m.index! + m[0].length;
	}
	parts.push(value.slice(from));
	// A value's mark inside a longer string: the text path's reading of the template differs, so it decides.
	if (parts.some((p) => HAS_MARK.test(p))) throw new NotPlain();
	return new Text(parts, holes);
}

const isScalar = (v: unknown) => v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint';

/** A scalar as its JSON text would parse: undefined, NaN and ±Infinity as null, -0 as 0, bigints exact. */
function valueAt(v: unknown): unknown {
	if (typeof v === 'number') return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
	if (typeof v === 'bigint') return parseBody(v.toString());
	return v ?? null;
}

function fill(tree: Tree, values: unknown[]): unknown {
	if (tree instanceof Hole) return valueAt(values[tree.n]);
	if (tree instanceof Text) {
		let out = tree.parts[0];
		for (let k = 0; k < tree.holes.length; k++) out += inStringText(values[tree.holes[k]]) + tree.parts[k + 1];
		return out;
	}
	if (tree instanceof Members) {
		const out: Record<string, unknown> = {};
		for (const [key, member] of tree.entries) setMember(out, key, fill(member, values));
		return out;
	}
	if (Array.isArray(tree)) return tree.map((t) => fill(t, values));
	return tree;
}
