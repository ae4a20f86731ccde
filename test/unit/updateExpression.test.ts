/** The UpdateExpression sections and the generated placeholders Update From Input joins to a body's own. */
import { freePrefix, Placeholders, placeholdersOf } from '../../nodes/DynamoDb/body/placeholders';
import { changedAttributes, expressionOf, sectionsOf } from '../../nodes/DynamoDb/body/updateExpression';

describe('UpdateExpression sections', () => {
	it('reads each section in any order and case, with commas inside functions and lists kept in their clause', () => {
		const sections = sectionsOf('add #set :add, n :one set #l = list_append(#l, :new), a.b[1] = if_not_exists(a.b[1], :z) Remove #r, x.y[2] DELETE s :gone');
		expect(sections).toEqual({
			SET: ['#l = list_append(#l, :new)', 'a.b[1] = if_not_exists(a.b[1], :z)'],
			REMOVE: ['#r', 'x.y[2]'],
			ADD: ['#set :add', 'n :one'],
			DELETE: ['s :gone'],
		});
		expect(expressionOf(sections)).toBe('SET #l = list_append(#l, :new), a.b[1] = if_not_exists(a.b[1], :z) REMOVE #r, x.y[2] ADD #set :add, n :one DELETE s :gone');
	});

	it('joins a section written twice, and gives nothing for no expression', () => {
		expect(sectionsOf('SET a = :a SET b = :b').SET).toEqual(['a = :a', 'b = :b']);
		expect(expressionOf(sectionsOf(undefined))).toBe('');
		expect(expressionOf(sectionsOf('  '))).toBe('');
	});

	it('refuses text before the first section, where generated clauses could not go', () => {
		expect(() => sectionsOf('a = :a')).toThrow('UpdateExpression: expected SET, REMOVE, ADD or DELETE first, got "a = :a"');
	});

	it('knows the top-level attributes the clauses change, #names read from ExpressionAttributeNames', () => {
		const changed = changedAttributes(sectionsOf('SET #a.b = :x, c[0] = :y REMOVE #d ADD e :one DELETE #f :s'), { '#a': 'status', '#d': 'name', '#f': 'tags' });
		expect([...changed].sort()).toEqual(['c', 'e', 'name', 'status', 'tags']);
	});
});

describe('generated placeholders', () => {
	it('take a prefix no placeholder of the body starts with, defined or only written in an expression', () => {
		expect(freePrefix([])).toBe('f');
		expect(freePrefix(['#name', ':v'])).toBe('f');
		expect(freePrefix(['#f0'])).toBe('f_');
		expect(freePrefix([':fz', '#f_1'])).toBe('f__');
		const used = placeholdersOf(
			{ ExpressionAttributeNames: { '#a': 'x' }, ExpressionAttributeValues: { ':f1': 1 }, UpdateExpression: 'SET #a = :f1, #f_ = :q', ConditionExpression: 'attribute_exists(#fx)' },
			['UpdateExpression', 'ConditionExpression'],
		);
		expect([...used].sort()).toEqual(['#a', '#f_', '#fx', ':f1', ':q']);
		expect(freePrefix(used)).toBe('f__');
	});

	it('give one name placeholder per attribute and a new value placeholder per value, numbered in base 36', () => {
		const p = new Placeholders('f');
		const names = Array.from({ length: 40 }, (_, n) => p.name(`field ${n}`));
		expect(names.slice(0, 3)).toEqual(['#f0', '#f1', '#f2']);
		expect(names[36]).toBe('#f10');
		expect(p.name('field 0')).toBe('#f0');
		expect(p.name('__proto__')).toBe('#f14');
		expect(p.names['#f14']).toBe('__proto__');
		expect([p.value(1), p.value(1)]).toEqual([':f0', ':f1']);
	});
});
