import { InputError } from '../shapes/errors';

/**
 * An UpdateExpression as its four sections (`SET a = :a, b = :b REMOVE c ADD n :one DELETE s :x`),
 * so generated clauses join the body's own in the right section: DynamoDB takes each section once.
 */

export const SECTIONS = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
export type Section = (typeof SECTIONS)[number];
export type Sections = Record<Section, string[]>;

/**
 * A section keyword: a whole word at the start or after a space, comma or parenthesis. Attribute
 * names cannot be these words (they are reserved), and placeholders (`#set`, `:add`) start with # or :.
 */
const KEYWORD = /(^|[\s,)])(SET|REMOVE|ADD|DELETE)(?=\s)/gi;

/** The clauses of each section of `expression`, in order; a section written twice has the clauses of both. */
export function sectionsOf(expression: string | undefined): Sections {
	const sections: Sections = { SET: [], REMOVE: [], ADD: [], DELETE: [] };
	if (!expression?.trim()) return sections;
	const marks = [...expression.matchAll(KEYWORD)].map((m) => ({ section: m[2].toUpperCase() as Section, at: m.index! + m[1].length, end: m.index! + m[0].length }));
	const before = expression.slice(0, marks[0]?.at ?? expression.length).trim();
	// Generated clauses cannot be joined to text that is in no section.
	if (before) throw new InputError('UpdateExpression', `expected SET, REMOVE, ADD or DELETE first, got "${before.slice(0, 40)}"`);
	marks.forEach((mark, n) => {
		const text = expression.slice(mark.end, marks[n + 1]?.at ?? expression.length);
		sections[mark.section].push(...clausesOf(text));
	});
	return sections;
}

/** The clauses of one section: split at commas outside parentheses and brackets. */
function clausesOf(text: string): string[] {
	const clauses: string[] = [];
	let depth = 0;
	let from = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '(' || c === '[') depth++;
		else if (c === ')' || c === ']') depth--;
		else if (c === ',' && depth === 0) {
			clauses.push(text.slice(from, i).trim());
			from = i + 1;
		}
	}
	clauses.push(text.slice(from).trim());
	return clauses.filter(Boolean);
}

/** The sections as one UpdateExpression, in the order SET, REMOVE, ADD, DELETE; empty sections left out. */
export function expressionOf(sections: Sections): string {
	return SECTIONS.filter((s) => sections[s].length > 0)
		.map((s) => `${s} ${sections[s].join(', ')}`)
		.join(' ');
}

/**
 * The top-level attributes the clauses change (`a.b[1] = …` changes `a`), with `#name` placeholders
 * read from `names`: a generated clause on one of them would overlap the body's own.
 */
export function changedAttributes(sections: Sections, names: Record<string, string>): Set<string> {
	const changed = new Set<string>();
	for (const section of SECTIONS) {
		for (const clause of sections[section]) {
			const path = section === 'SET' ? clause.split('=')[0] : clause.trim().split(/\s+/)[0];
			const top = path.trim().split(/[.[]/)[0].trim();
			if (top) changed.add(top.startsWith('#') ? (names[top] ?? top) : top);
		}
	}
	return changed;
}
