import { Memo } from '../shapes/memo';

/** Evaluates the n8n expression inside one `{{ … }}` (given with its braces) for the current item. */
export type Evaluate = (expression: string) => unknown;

/**
 * Resolves the `{{ … }}` of a body template as JSON values, never as text.
 *
 * Inside a JSON string literal the value is escaped into that string; elsewhere it becomes the
 * JSON of the value. So no upstream value (quotes, braces, backslashes, newlines) can change
 * the structure of the request: `"{{ $json.name }}"` stays one string whatever the name holds.
 * Text without the leading `=` of an n8n expression is plain JSON and is returned as it is.
 */
export function bindBody(raw: string, evaluate: Evaluate): string {
	if (!raw.startsWith('=')) return raw;
	const template = compiled(raw);
	return bindValues(template, template.expressions.map(evaluate));
}

/** The template's text with the values of its expressions (in order) in their places. */
export function bindValues({ literals, inString }: Template, values: unknown[]): string {
	let out = literals[0];
	for (let n = 0; n < values.length; n++) out += (inString[n] ? escapeInString(values[n]) : toJson(values[n])) + literals[n + 1];
	return out;
}

/** A template split at its `{{ … }}`: literal text around them, and whether each sits inside a JSON string. */
export interface Template {
	literals: string[];
	expressions: string[];
	inString: boolean[];
}

/** Splits by template text: the same for every input item; 100, since a template can be long. */
const templates = new Memo<string, Template>(100);
const splitRaw = (raw: string) => split(raw.slice(1));

/** The template's split, found once per template text (the same for every input item). */
export function compiled(raw: string): Template {
	return templates.get(raw, splitRaw);
}

function split(text: string): Template {
	const template: Template = { literals: [], expressions: [], inString: [] };
	let inString = false;
	let copied = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '{' && text[i + 1] === '{') {
			// n8n ends an expression at the first `}}`, so do we (write `} }` inside one).
			const end = text.indexOf('}}', i + 2);
			if (end < 0) break;
			template.literals.push(text.slice(copied, i));
			template.expressions.push(text.slice(i, end + 2));
			template.inString.push(inString);
			i = end + 1;
			copied = end + 2;
		} else if (inString && c === '\\') i++;
		else if (c === '"') inString = !inString;
		else if (!inString && c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
			// Comments are copied untouched: a quote in one must not flip the string state.
			const end = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2) + 1;
			i = end <= 0 ? text.length : end;
		}
	}
	template.literals.push(text.slice(copied));
	return template;
}

function toJson(value: unknown): string {
	if (value === undefined) return 'null';
	if (typeof value === 'bigint') return value.toString();
	return JSON.stringify(value) ?? 'null';
}

/** The value as it reads in a string: objects as their JSON, null and undefined as nothing. */
export function inStringText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The value as it reads in a string, escaped for a JSON string literal. */
function escapeInString(value: unknown): string {
	return JSON.stringify(inStringText(value)).slice(1, -1);
}
