/**
 * Expression placeholders generated next to a body's own (`#name`, `:value`): never one the body
 * already has. The body's placeholders are the keys of its ExpressionAttributeNames and
 * ExpressionAttributeValues and every `#…` / `:…` token in its expressions (one written there but
 * not defined is still the user's); the generated ones share a prefix none of those starts with, so
 * no generated name can equal any of them, whatever comes after the prefix.
 */

const TOKEN = /[#:][A-Za-z0-9_]+/g;

/** Every placeholder the request names: defined ones and those written in its expressions. */
export function placeholdersOf(request: Record<string, unknown>, expressionMembers: readonly string[]): Set<string> {
	const used = new Set<string>();
	for (const member of ['ExpressionAttributeNames', 'ExpressionAttributeValues']) {
		const map = request[member];
		if (map && typeof map === 'object') for (const key of Object.keys(map)) used.add(key);
	}
	for (const member of expressionMembers) {
		const text = request[member];
		if (typeof text === 'string') for (const token of text.match(TOKEN) ?? []) used.add(token);
	}
	return used;
}

/** A prefix (after `#` or `:`) that no placeholder in `used` starts with: `f`, else `f_`, `f__`, … */
export function freePrefix(used: Iterable<string>, base = 'f'): string {
	const taken = [...used].map((p) => p.slice(1));
	let prefix = base;
	while (taken.some((t) => t.startsWith(prefix))) prefix += '_';
	return prefix;
}

/**
 * Generated placeholders with one free prefix: `#f0`, `#f1`, … for names and `:f0`, … for values,
 * numbered in base 36 so that hundreds of fields keep the expression short (DynamoDB takes 4 KB).
 */
export class Placeholders {
	readonly names: Record<string, string> = {};
	readonly values: Record<string, unknown> = {};
	private nameCount = 0;
	private valueCount = 0;
	private readonly byAttribute = new Map<string, string>();

	constructor(private readonly prefix: string) {}

	/** The name placeholder of an attribute (one per attribute, however often it is named). */
	name(attribute: string): string {
		let placeholder = this.byAttribute.get(attribute);
		if (!placeholder) {
			placeholder = `#${this.prefix}${(this.nameCount++).toString(36)}`;
			this.byAttribute.set(attribute, placeholder);
			this.names[placeholder] = attribute;
		}
		return placeholder;
	}

	/** A new value placeholder holding `value`. */
	value(value: unknown): string {
		const placeholder = `:${this.prefix}${(this.valueCount++).toString(36)}`;
		this.values[placeholder] = value;
		return placeholder;
	}
}
