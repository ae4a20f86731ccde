/** The one rule of the node's module-level caches (nodes/DynamoDb/shapes/memo.ts). */
import { Memo } from '../../nodes/DynamoDb/shapes/memo';

describe('Memo', () => {
	it('computes a key once and gives the kept value after (null and undefined values too)', () => {
		const memo = new Memo<string, unknown>(10);
		let computed = 0;
		const compute = (key: string) => (computed++, key === 'none' ? null : key === 'missing' ? undefined : key.length);
		for (let round = 0; round < 3; round++) {
			expect(memo.get('abc', compute)).toBe(3);
			expect(memo.get('none', compute)).toBeNull();
			expect(memo.get('missing', compute)).toBeUndefined();
		}
		expect(computed).toBe(3);
	});

	it('keeps at most max entries: a new key in a full memo makes the oldest go, first in, first out', () => {
		const memo = new Memo<number, number>(3);
		const seen: number[] = [];
		const compute = (key: number) => (seen.push(key), key * 2);
		for (const key of [1, 2, 3, 1, 4]) memo.get(key, compute);
		expect(memo.size).toBe(3);
		expect(seen).toEqual([1, 2, 3, 4]); // 1 was still kept when asked again
		memo.get(2, compute);
		memo.get(1, compute); // 1 went when 4 came (the oldest), so it is computed again
		expect(seen).toEqual([1, 2, 3, 4, 1]);
		for (let key = 100; key < 1100; key++) memo.get(key, compute);
		expect(memo.size).toBe(3);
	});
});
