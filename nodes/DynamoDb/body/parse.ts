import { NumberValueImpl as NumberValue } from '@aws-sdk/util-dynamodb';
import { exactNumber } from '../shapes/numbers';
import { setMember } from '../shapes/setMember';

/** A parse failure at a position of the body text (1-based line and column). */
export class BodyParseError extends Error {
	constructor(
		readonly reason: string,
		readonly line: number,
		readonly column: number,
	) {
		super(`${reason} at line ${line}, column ${column}`);
		this.name = 'BodyParseError';
	}
}

/**
 * Parses a request body as users paste it: JSON plus `//` and `/* *\/` comments and trailing
 * commas. Numbers that a JS number cannot hold exactly stay exact as `NumberValue`, so
 * 38-digit DynamoDB numbers are never rounded. An empty body (or only comments) is `{}`.
 */
export function parseBody(text: string): unknown {
	const plain = plainJson(text);
	if (plain !== NOT_PLAIN) return plain;
	const p = new Parser(text);
	p.skipSpace();
	if (p.atEnd()) return {};
	const value = p.value();
	p.skipSpace();
	if (!p.atEnd()) p.fail('Unexpected text after the JSON value');
	return value;
}

const NOT_PLAIN = Symbol('not plain JSON');
/** A literal of more than 15 digits (points counted too) or with an exponent: one JSON.parse might round. */
const LONG_NUMBER = /[0-9][0-9.]{15}|[0-9][eE]/;

/**
 * The common case first: strict JSON whose numbers all have at most 15 significant digits and no
 * exponent (every such literal is exactly the JS number JSON.parse gives), nested no deeper than
 * MAX_DEPTH. JSON.parse then builds what the parser below would (own `__proto__` members, last
 * duplicate wins) at a fraction of the cost; anything else (comments, trailing commas, long numbers,
 * errors and their positions) goes through the parser.
 * Reference: the Parser below; test/unit/properties.test.ts "takes the JSON.parse fast path only where it gives what the parser gives".
 */
function plainJson(text: string): unknown {
	if (LONG_NUMBER.test(text)) return NOT_PLAIN;
	let opens = 0;
	// A text no longer than MAX_DEPTH cannot nest deeper than it.
	for (let i = text.length > MAX_DEPTH ? 0 : text.length; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if ((c === 123 || c === 91) && ++opens > MAX_DEPTH) return NOT_PLAIN;
	}
	try {
		return JSON.parse(text);
	} catch {
		return NOT_PLAIN;
	}
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Deeper bodies are refused before they can exhaust the stack (DynamoDB allows 32 levels in an item). */
export const MAX_DEPTH = 256;

class Parser {
	private pos = 0;
	private depth = 0;
	constructor(private readonly text: string) {}

	atEnd() {
		return this.pos >= this.text.length;
	}

	fail(reason: string, at = this.pos): never {
		const before = this.text.slice(0, at).split('\n');
		throw new BodyParseError(reason, before.length, before[before.length - 1].length + 1);
	}

	skipSpace() {
		const t = this.text;
		for (;;) {
			const c = t[this.pos];
			if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\uFEFF') this.pos++;
			else if (c === '/' && t[this.pos + 1] === '/') {
				const end = t.indexOf('\n', this.pos);
				this.pos = end < 0 ? t.length : end + 1;
			} else if (c === '/' && t[this.pos + 1] === '*') {
				const end = t.indexOf('*/', this.pos + 2);
				if (end < 0) this.fail('Unclosed /* comment');
				this.pos = end + 2;
			} else return;
		}
	}

	value(): unknown {
		const c = this.text[this.pos];
		if (c === '{') return this.object();
		if (c === '[') return this.array();
		if (c === '"') return this.string();
		if (c === '-' || (c >= '0' && c <= '9')) return this.number();
		for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
			if (this.text.startsWith(word, this.pos)) {
				this.pos += word.length;
				return v;
			}
		}
		if (c === undefined) this.fail('Unexpected end of the body');
		if (c === "'") this.fail('Strings must use double quotes (")');
		this.fail(`Unexpected character ${JSON.stringify(c)}`);
	}

	/** Parses comma-separated entries up to `close`, allowing one trailing comma. */
	private entries(close: string, entry: () => void) {
		if (++this.depth > MAX_DEPTH) this.fail(`Arrays and objects nested deeper than ${MAX_DEPTH} levels`);
		this.pos++;
		for (;;) {
			this.skipSpace();
			if (this.text[this.pos] === close) break;
			entry();
			this.skipSpace();
			const c = this.text[this.pos];
			if (c === ',') this.pos++;
			else if (c !== close) this.fail(c === undefined ? `Missing "${close}"` : `Expected "," or "${close}"`);
		}
		this.pos++;
		this.depth--;
	}

	object() {
		const out: Record<string, unknown> = {};
		this.entries('}', () => {
			if (this.text[this.pos] !== '"') this.fail('Expected a member name in double quotes');
			const key = this.string();
			this.skipSpace();
			if (this.text[this.pos] !== ':') this.fail('Expected ":" after the member name');
			this.pos++;
			this.skipSpace();
			setMember(out, key, this.value());
		});
		return out;
	}

	array() {
		const out: unknown[] = [];
		this.entries(']', () => out.push(this.value()));
		return out;
	}

	string() {
		const t = this.text;
		let out = '';
		let start = ++this.pos;
		for (;;) {
			const c = t[this.pos];
			if (c === '"') break;
			if (c === undefined) this.fail('Unclosed string');
			if (c < ' ') this.fail('Control character in a string (write \\n for a newline)');
			if (c === '\\') {
				out += t.slice(start, this.pos);
				const e = t[this.pos + 1];
				if (e === 'u') {
					const hex = t.slice(this.pos + 2, this.pos + 6);
					if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape');
					out += String.fromCharCode(parseInt(hex, 16));
					this.pos += 6;
				} else if (e in ESCAPES) {
					out += ESCAPES[e];
					this.pos += 2;
				} else this.fail('Invalid escape in a string');
				start = this.pos;
			} else this.pos++;
		}
		out += t.slice(start, this.pos++);
		return out;
	}

	number() {
		NUMBER.lastIndex = this.pos;
		const m = NUMBER.exec(this.text);
		if (!m) this.fail('Invalid number');
		this.pos += m[0].length;
		return exactNumber(m[0]) ?? NumberValue.from(m[0]);
	}
}
