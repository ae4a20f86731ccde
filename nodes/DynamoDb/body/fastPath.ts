/**
 * A fast path for the most common binding, `{{ $json.field }}` (also `$json.a.b`, `$json["a b"]`,
 * `$json.list[0]`): the input item's own value, read directly instead of through n8n's expression
 * engine (which costs about a millisecond per expression). Only plain leaf values (string, number,
 * boolean, null) take the fast path; anything else (a missing member, an object, any other
 * expression) is evaluated by n8n as before, so results are the same either way.
 */
const WHOLE = /^\{\{\s*\$json((?:\s*(?:\.[A-Za-z_$][\w$]*|\[\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\d+)\s*\]))*)\s*\}\}$/;
const STEP = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\d+))\s*\]/g;

const paths = new Map<string, Array<string | number> | null>();

/** The member path of a `{{ $json… }}` expression, or null when it is anything else. Cached per expression text. */
export function jsonPathOf(expression: string): Array<string | number> | null {
	let path = paths.get(expression);
	if (path !== undefined) return path;
	const match = WHOLE.exec(expression);
	path = null;
	if (match && !/\\/.test(match[1])) {
		path = [];
		for (const step of match[1].matchAll(STEP)) path.push(step[1] ?? step[2] ?? step[3] ?? Number(step[4]));
	}
	if (paths.size < 1000) paths.set(expression, path);
	return path;
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
