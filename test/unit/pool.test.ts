/** The lease pool behind the warm clients (transport/pool.ts) and the client cache key (transport/client.ts clientKey). */
import fc from 'fast-check';
import { Pool } from '../../nodes/DynamoDb/transport/pool';
import { clientKey } from '../../nodes/DynamoDb/transport/client';

const IDLE = 5 * 60_000;

function pool(maxIdle = 8) {
	const closed: string[] = [];
	let made = 0;
	const p = new Pool<{ name: string; n: number }>((v) => closed.push(`${v.name}#${v.n}`), { idleMs: IDLE, maxIdle });
	const take = (name: string) => p.acquire(name, () => ({ name, n: ++made }));
	return { p, take, closed };
}

describe('lease pool', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	it('lends the same value for the same key, a new one for another key', () => {
		const { take } = pool();
		const a1 = take('a');
		const a2 = take('a');
		const b = take('b');
		expect(a2.value).toBe(a1.value);
		expect(b.value).not.toBe(a1.value);
	});

	it('never closes a value while a lease is open, however long it lasts; closes it the idle time after the last release', () => {
		const { p, take, closed } = pool();
		const first = take('a');
		const second = take('a');
		jest.advanceTimersByTime(10 * IDLE);
		first.release();
		jest.advanceTimersByTime(10 * IDLE);
		expect(closed).toEqual([]); // the second lease is still open
		second.release();
		jest.advanceTimersByTime(IDLE - 1);
		expect(closed).toEqual([]);
		jest.advanceTimersByTime(1);
		expect(closed).toEqual(['a#1']);
		expect(p.size()).toEqual({ open: 0, leased: 0 });
		expect(take('a').value.n).toBe(2); // closed: the next lease gets a new one
	});

	it('a lease taken while idle keeps the value and restarts the idle time at its release', () => {
		const { take, closed } = pool();
		take('a').release();
		jest.advanceTimersByTime(IDLE - 1000);
		const again = take('a');
		expect(again.value.n).toBe(1);
		jest.advanceTimersByTime(IDLE);
		expect(closed).toEqual([]);
		again.release();
		jest.advanceTimersByTime(IDLE - 1);
		expect(closed).toEqual([]);
		jest.advanceTimersByTime(1);
		expect(closed).toEqual(['a#1']);
	});

	it('keeps at most maxIdle idle values, closing the least recently used; leased values do not count and are never closed', () => {
		const { p, take, closed } = pool(2);
		const held = take('held');
		for (const name of ['a', 'b', 'c']) take(name).release();
		expect(closed).toEqual(['a#2']);
		take('b').release(); // b used again: c is now the least recently used
		take('d').release();
		expect(closed).toEqual(['a#2', 'c#4']);
		expect(p.size()).toEqual({ open: 3, leased: 1 });
		held.release();
		expect(closed).toEqual(['a#2', 'c#4', 'b#3']);
	});

	it('a second release of one lease does nothing (it cannot end another execution\'s lease)', () => {
		const { take, closed } = pool();
		const one = take('a');
		const two = take('a');
		one.release();
		one.release();
		jest.advanceTimersByTime(2 * IDLE);
		expect(closed).toEqual([]);
		two.release();
		jest.advanceTimersByTime(IDLE);
		expect(closed).toEqual(['a#1']);
	});

	it('clear() closes idle values now and leased ones at their release; the next acquire creates anew', () => {
		const { p, take, closed } = pool();
		take('idle').release();
		const busy = take('busy');
		p.clear();
		expect(closed).toEqual(['idle#1']);
		expect(take('busy').value.n).toBe(3);
		busy.release();
		expect(closed).toEqual(['idle#1', 'busy#2']);
	});

	it('keeps nothing when creating the value throws', () => {
		const { p } = pool();
		expect(() =>
			p.acquire('bad', () => {
				throw new Error('Endpoint URL "x" must start with http:// or https://');
			}),
		).toThrow('must start with');
		expect(p.size()).toEqual({ open: 0, leased: 0 });
	});
});

describe('client cache key', () => {
	const base = { region: 'eu-west-1', accessKeyId: 'AKIAKEYKEYKEYKEY0001', secretAccessKey: 'secret/one', endpoint: 'https://dynamodb.eu-west-1.amazonaws.com' };

	it('is the same for the same settings in any member order, and holds no secret in clear', () => {
		const key = clientKey('DynamoDB', base, { maxAttempts: 3 });
		const reordered = Object.fromEntries(Object.entries(base).reverse());
		expect(clientKey('DynamoDB', reordered, { maxAttempts: 3 })).toBe(key);
		expect(key).toMatch(/^[\w-]{43}$/);
		for (const value of Object.values(base)) expect(key).not.toContain(value);
	});

	it('differs when any credential field, any option or the kind differs, fields nobody listed included', () => {
		const field = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__');
		const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean());
		fc.assert(
			fc.property(fc.dictionary(field, value, { maxKeys: 8 }), field, value, fc.constantFrom('credentials', 'options'), (extra, name, changed, where) => {
				const credentials = { ...base, ...extra };
				const options = { maxAttempts: 3, ...extra };
				const before = clientKey('DynamoDB', credentials, options);
				const after = where === 'credentials' ? clientKey('DynamoDB', { ...credentials, [name]: changed }, options) : clientKey('DynamoDB', credentials, { ...options, [name]: changed });
				const same = where === 'credentials' ? (credentials as Record<string, unknown>)[name] === changed : (options as Record<string, unknown>)[name] === changed;
				expect(after === before).toBe(same);
			}),
		);
		expect(clientKey('DynamoDBStreams', base, {})).not.toBe(clientKey('DynamoDB', base, {}));
		expect(clientKey('DynamoDB', { ...base, secretAccessKey: 'secret/two' }, {})).not.toBe(clientKey('DynamoDB', base, {}));
	});
});
