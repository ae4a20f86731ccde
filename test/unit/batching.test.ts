import { canonical, numberId, writeId } from '../../nodes/DynamoDb/batch/identity';
import { sendUnits } from '../../nodes/DynamoDb/batch/sendUnits';
import { chunk, MAX_REQUEST_BYTES, wireSize, type Unit } from '../../nodes/DynamoDb/batch/units';
import { writeKind } from '../../nodes/DynamoDb/batch/writes';
import { mapLimit } from '../../nodes/DynamoDb/transport/concurrency';

const unit = (n: number, extra: Partial<Unit> = {}): Unit => {
	const request = { PutRequest: { Item: { id: { S: `i${n}` } } } };
	return { table: 't', group: 't', request, id: writeId('t', request, ['id']), size: wireSize(request), origin: n, ...extra };
};
const units = (n: number) => Array.from({ length: n }, (_, i) => unit(i));
const sizes = (chunks: Unit[][]) => chunks.map((c) => c.length);

describe('chunk', () => {
	it.each([
		[0, []],
		[1, [1]],
		[25, [25]],
		[26, [25, 1]],
		[1000, Array(40).fill(25)],
	])('%i write requests → calls of %j', (n, expected) => {
		const chunks = chunk(units(n), 25);
		expect(sizes(chunks)).toEqual(expected);
		expect(chunks.flat().map((u) => u.origin)).toEqual(units(n).map((u) => u.origin));
	});

	it.each([
		[100, [100]],
		[101, [100, 1]],
	])('%i keys → calls of %j', (n, expected) => {
		expect(sizes(chunk(units(n), 100))).toEqual(expected);
	});

	it('keeps each call under the request size limit (items near 400 KB)', () => {
		const big = (n: number) => unit(n, { size: 700 * 1024 });
		const chunks = chunk(Array.from({ length: 50 }, (_, i) => big(i)), 25);
		for (const c of chunks) expect(c.reduce((s, u) => s + u.size, 0)).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
		expect(sizes(chunks)).toEqual([23, 23, 4]);
		// One request larger than the limit still goes (alone): DynamoDB answers for it.
		expect(sizes(chunk([unit(0), unit(1, { size: MAX_REQUEST_BYTES + 1 }), unit(2)], 25))).toEqual([1, 1, 1]);
	});

	it('never puts two settings groups of one table in one call', () => {
		const a = (n: number) => unit(n, { group: 'A' });
		const b = (n: number) => unit(n, { group: 'B' });
		expect(sizes(chunk([a(0), a(1), b(2), b(3), a(4)], 100))).toEqual([2, 2, 1]);
		expect(sizes(chunk([a(0), unit(1, { table: 'u', group: 'u' }), a(2)], 100))).toEqual([3]);
	});
});

describe('waves', () => {
	it('puts repeated keys in later waves, in input order', async () => {
		const x = (n: number) => unit(n, { id: 'x' });
		// Each call the driver sends is one wave here (fewer units than a call holds), in the order sent.
		const w: Unit[][] = [];
		const all = [x(0), unit(1), x(2), unit(3), x(4)];
		const send = async (input: Record<string, unknown>) => {
			w.push((input.RequestItems as { t: Unit['request'][] }).t.map((r) => all.find((u) => u.request === r)!));
			return { UnprocessedItems: {} };
		};
		await sendUnits(writeKind({}, () => ['id']), send, all, { concurrency: 1, maxRounds: 0 });
		expect(w.map((wave) => wave.map((u) => u.origin))).toEqual([[0, 1, 3], [2], [4]]);
	});
});

describe('canonical', () => {
	it('ignores member order and set order, keeps list order', () => {
		expect(canonical({ b: { SS: ['y', 'x'] }, a: { N: '1' } })).toBe(canonical({ a: { N: '1' }, b: { SS: ['x', 'y'] } }));
		expect(canonical({ a: { L: [{ S: 'x' }, { S: 'y' }] } })).not.toBe(canonical({ a: { L: [{ S: 'y' }, { S: 'x' }] } }));
		expect(canonical({ B: new Uint8Array([1, 2]) })).toBe(canonical({ B: Buffer.from([1, 2]) }));
	});
});

describe('sendUnits', () => {
	const noSleep = { sleep: async () => {}, random: () => 0.5 };

	it('re-sends what comes back unprocessed until everything is written', async () => {
		const written: string[] = [];
		let calls = 0;
		const send = async (input: Record<string, unknown>) => {
			calls++;
			const list = (input.RequestItems as Record<string, Array<{ PutRequest: { Item: { id: { S: string } } } }>>).t;
			// Writes the first half of each call, leaves the rest unprocessed.
			const keep = Math.ceil(list.length / 2);
			written.push(...list.slice(0, keep).map((r) => r.PutRequest.Item.id.S));
			return { UnprocessedItems: list.length > keep ? { t: list.slice(keep) } : {} };
		};
		const all = units(100);
		const { outcome } = await sendUnits(writeKind({}, () => ['id']), send, all, { concurrency: 3, maxRounds: 10, ...noSleep });
		expect(all.map((u) => outcome(u).status)).toEqual(all.map(() => 'done'));
		expect(written.sort()).toEqual(all.map((u) => `i${u.origin}`).sort());
		expect(calls).toBeGreaterThan(4);
	});

	it('after the last round, marks what is left unprocessed (never done, never dropped)', async () => {
		let calls = 0;
		const send = async (input: Record<string, unknown>) => {
			calls++;
			return { UnprocessedItems: input.RequestItems };
		};
		const all = units(30);
		const delays: number[] = [];
		const policy = { concurrency: 1, maxRounds: 3, baseDelayMs: 100, maxDelayMs: 250, sleep: async (ms: number) => void delays.push(ms), random: () => 1 };
		const { outcome } = await sendUnits(writeKind({}, () => ['id']), send, all, policy);
		expect(all.map((u) => outcome(u).status)).toEqual(all.map(() => 'unprocessed'));
		expect(calls).toBe(2 * 4); // two calls (25 + 5), each sent once and retried 3 rounds
		// Exponential backoff with a cap (random() = 1 gives the ceiling of the full-jitter range).
		expect(delays.slice(0, 3)).toEqual([100, 200, 250]);
	});

	it('sends full calls while later units are still arriving, and repeats of an id only after its earlier write', async () => {
		const events: string[] = [];
		const send = async (input: Record<string, unknown>) => {
			const list = (input.RequestItems as Record<string, Array<{ PutRequest: { Item: { id: { S: string } } } }>>).t;
			events.push(`call ${list.map((r) => r.PutRequest.Item.id.S).join(',')}`);
			return { UnprocessedItems: {} };
		};
		const all = units(60);
		const again = unit(3); // a second write of i3: after every first write, in a later call
		async function* slices() {
			for (const [from, to] of [[0, 30], [30, 60]]) {
				events.push(`slice ${from}`);
				yield from === 30 ? [...all.slice(from, to), again] : all.slice(from, to);
				await new Promise((resolve) => setImmediate(resolve));
			}
		}
		const { outcome } = await sendUnits(writeKind({}, () => ['id']), send, slices(), { concurrency: 2, maxRounds: 1, ...noSleep });
		const ids = (n: number, m: number) => Array.from({ length: m - n }, (_, k) => `i${n + k}`).join(',');
		expect(events).toEqual(['slice 0', `call ${ids(0, 25)}`, 'slice 30', `call ${ids(25, 50)}`, `call ${ids(50, 60)}`, 'call i3']);
		expect([...all, again].map((u) => outcome(u).status)).toEqual([...all, again].map(() => 'done'));
	});

	it('treats a throttled call as a round, and pins an invalid request on its own unit', async () => {
		let throttles = 1;
		const send = async (input: Record<string, unknown>) => {
			const list = (input.RequestItems as Record<string, Array<{ PutRequest: { Item: { id: { S: string } } } }>>).t;
			if (throttles-- > 0) throw Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
			if (list.some((r) => r.PutRequest.Item.id.S === 'i7')) throw Object.assign(new Error('bad item'), { name: 'ValidationException' });
			return { UnprocessedItems: {} };
		};
		const all = units(10);
		const { outcome } = await sendUnits(writeKind({}, () => ['id']), send, all, { concurrency: 2, maxRounds: 2, ...noSleep });
		expect(all.map((u) => outcome(u).status)).toEqual(all.map((u) => (u.origin === 7 ? 'failed' : 'done')));
	});
});

describe('mapLimit', () => {
	it('keeps order with several calls in flight, and never more than the limit', async () => {
		let inFlight = 0;
		let peak = 0;
		const out = await mapLimit([5, 1, 4, 2, 3, 0], 3, async (n) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((r) => setTimeout(r, n));
			inFlight--;
			return n * 10;
		});
		expect(out).toEqual([50, 10, 40, 20, 30, 0]);
		expect(peak).toBe(3);
	});

	it('starts nothing more once stopped', async () => {
		const started: number[] = [];
		let stop = false;
		await mapLimit([0, 1, 2, 3, 4, 5], 2, async (n) => {
			started.push(n);
			if (n === 1) stop = true;
		}, () => stop);
		expect(started).toEqual([0, 1]);
	});
});

describe('numberId', () => {
	it('gives every spelling of a number one identity, as DynamoDB compares numbers', () => {
		for (const group of [
			['7', '07', '7.0', '7.00', '70e-1', '0.7e1', '+7'],
			['1.5', '1.50', '015e-1', '0.15E1'],
			['0', '-0', '0.0', '0e5', '-0.000'],
			['-12.5', '-125e-1', '-0012.50'],
			['12345678901234567890123456789012345678', '1234567890123456789012345678901234567.8e1'],
		]) {
			expect(new Set(group.map(numberId)).size).toBe(1);
		}
		expect(numberId('1.5')).not.toBe(numberId('15'));
		expect(numberId('-1')).not.toBe(numberId('1'));
		expect(numberId('not a number')).toBe('not a number');
		expect(canonical({ id: { N: '1.50' } })).toBe(canonical({ id: { N: '1.5' } }));
		expect(canonical({ s: { NS: ['1.0', '2'] } })).toBe(canonical({ s: { NS: ['2.00', '1'] } }));
		expect(writeId('t', { PutRequest: { Item: { id: { N: '1.50' } } } }, ['id'])).toBe(writeId('t', { DeleteRequest: { Key: { id: { N: '1.5' } } } }));
	});
});
