import { isSafeObjectProperty } from 'n8n-workflow';
import { Memo } from '../shapes/memo';

/**
 * A fast path for the most common binding, `{{ $json.field }}` (also `$json.a.b`, `$json["a b"]`,
 * `$json.list[0]`): the input item's own value, read directly, since n8n's expression engine costs
 * about a millisecond per expression. Only plain leaf values (string, number, boolean, null) take it;
 * anything else (a missing member, an object, a name n8n refuses such as `__proto__`, any other
 * expression) is left to n8n, so results are the same either way.
 * Reference: n8n's evaluateExpression; test/unit/fastPath.test.ts "equals n8n evaluating the expression".
 */
const WHOLE = /^\{\{\s*\$json((?:\s*(?:\.[A-Za-z_$][\w$]*|\[\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\d+)\s*\]))*)\s*\}\}$/;
const STEP = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\d+))\s*\]/g;

/** Paths by expression text: a body holds a few, the same for every item. */
const paths = new Memo<string, Array<string | number> | null>(1000);

/** The member path of a `{{ $json… }}` expression, or null when it is anything else. Kept per expression text. */
export function jsonPathOf(expression: string): Array<string | number> | null {
	return paths.get(expression, readPath);
}

function readPath(expression: string): Array<string | number> | null {
	const match = WHOLE.exec(expression);
	if (!match || /\\/.test(match[1])) return null;
	const path: Array<string | number> = [];
	for (const step of match[1].matchAll(STEP)) path.push(step[1] ?? step[2] ?? step[3] ?? Number(step[4]));
	// n8n refuses some member names (its expression sandbox): those expressions fail in n8n, so here too.
	return path.every((step) => typeof step === 'number' || isSafeObjectProperty?.(step) === true) ? path : null;
}

/** The plain leaf value at `path` in `json`, or `undefined` when n8n must evaluate the expression. */
export function readJsonPath(json: unknown, path: Array<string | number>): string | number | boolean | null | undefined {
	let value = json;
	for (const step of path) {
		if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, step)) return undefined;
		value = (value as Record<string | number, unknown>)[step];
	}
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	return undefined;
}
