import { bindBody } from '../../nodes/DynamoDb/body/bind';
import { parseBody } from '../../nodes/DynamoDb/body/parse';

/** Evaluates `{{ $json.x }}`-style expressions against one item, like n8n would. */
const evaluator = (json: Record<string, unknown>) => (expression: string) => {
	const path = /^\{\{\s*\$json\.(\w+)\s*\}\}$/.exec(expression)?.[1];
	if (!path) throw new Error(`unexpected expression ${expression}`);
	return json[path];
};

describe('bindBody', () => {
	it('returns text without the leading = unchanged (no expressions evaluated)', () => {
		expect(bindBody('{"a": "{{ $json.x }}"}', evaluator({ x: 1 }))).toBe('{"a": "{{ $json.x }}"}');
	});

	it('escapes a value bound inside a string literal so it stays one string', () => {
		const hostile = 'x", "admin": true, "y": "\\\n}}{{';
		const body = parseBody(bindBody('={"name": "Hi {{ $json.name }}!", "id": "1"}', evaluator({ name: hostile })));
		expect(body).toEqual({ name: `Hi ${hostile}!`, id: '1' });
	});

	it('inserts a bare value as its JSON: objects, arrays, numbers, booleans, null', () => {
		const json = { o: { a: [1, 'two'] }, n: 3.5, b: false, z: null, s: 'he said "no"' };
		const text = '={"o": {{ $json.o }}, "n": {{ $json.n }}, "b": {{ $json.b }}, "z": {{ $json.z }}, "s": {{ $json.s }}, "u": {{ $json.missing }}}';
		expect(parseBody(bindBody(text, evaluator(json)))).toEqual({ ...json, u: null });
	});

	it('writes objects as JSON text inside strings, and null/undefined as empty', () => {
		const text = '={"a": "{{ $json.o }}", "b": "[{{ $json.z }}{{ $json.missing }}]"}';
		expect(parseBody(bindBody(text, evaluator({ o: { k: 'v"' }, z: null })))).toEqual({ a: '{"k":"v\\""}', b: '[]' });
	});

	it('tracks string state across escaped quotes and ignores quotes in comments', () => {
		const text = '={\n // a "quoted" comment\n "a": "say \\"{{ $json.x }}\\"", /* "x" */ "b": {{ $json.x }}\n}';
		expect(parseBody(bindBody(text, evaluator({ x: 'q"' })))).toEqual({ a: 'say "q""', b: 'q"' });
	});
});
