import type { Operation } from './types';

/**
 * The body the node prefills for an operation: its example as JSON text in Expression mode, so a
 * field dragged from the input panel lands where it is dropped and `{{ … }}` typed into it binds.
 * A one-table operation's example leaves TableName out: the Table option fills it in, so a picked
 * table is never overruled by an example's table. The row's notes become `//` comment lines (the
 * node reads comments; n8n's expression editor shows them without marking them as errors).
 */
export function prefilledBody(operation: Operation): string {
	const { TableName: _table, ...rest } = operation.example;
	let text = format(operation.table ? rest : operation.example, 0);
	for (const [member, note] of Object.entries(operation.notes ?? {})) {
		// Top-level members stand at two spaces' indent: the note goes on the line above.
		text = text.replace(new RegExp(`^  ${escape(JSON.stringify(member))}:`, 'm'), (line) => `  // ${note}\n${line}`);
	}
	return `=${text}`;
}

/** JSON with two-space indents, where a value that fits on its line stays on one line. */
function format(value: unknown, indent: number): string {
	const flat = inline(value);
	if (typeof value !== 'object' || value === null || (indent > 0 && indent + flat.length <= 72)) return flat;
	const pad = ' '.repeat(indent + 2);
	const lines = Array.isArray(value)
		? value.map((v) => pad + format(v, indent + 2))
		: Object.entries(value).map(([k, v]) => `${pad}${JSON.stringify(k)}: ${format(v, indent + 2)}`);
	if (lines.length === 0) return flat;
	const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
	return `${open}\n${lines.join(',\n')}\n${' '.repeat(indent)}${close}`;
}

function inline(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
	if (typeof value === 'object' && value !== null) {
		const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`);
		return members.length ? `{ ${members.join(', ')} }` : '{}';
	}
	return JSON.stringify(value);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
