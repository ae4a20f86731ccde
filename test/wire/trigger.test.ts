import type { IDataObject } from 'n8n-workflow';
import { FakeStream } from '../helpers/streams';
import { activateOn, emittedJson, tick } from '../helpers/trigger';
import { awsError, WireServer } from '../helpers/wire';

/**
 * The trigger's real SDK clients against a local endpoint speaking the DynamoDB Streams API, for
 * what DynamoDB Local cannot show: split shards, closed shards, paged DescribeStream, expired
 * iterators, trimmed data, throttling, TTL's service identity.
 */
describe('DynamoDB Trigger at the wire (a local DynamoDB Streams endpoint)', () => {
	let wire: WireServer;
	let stream: FakeStream;
	beforeAll(async () => {
		wire = await WireServer.start();
	});
	afterAll(async () => await wire.close());
	beforeEach(() => {
		stream = new FakeStream();
		wire.answer(stream.respond);
	});

	const activate = (more: IDataObject = {}) => activateOn('users', { startFrom: 'oldest', ...more }, wire.endpoint);
	const seqs = (items: IDataObject[]) => items.map((i) => i.sequenceNumber as string);
	const calls = (action: string) => wire.requests.filter((r) => r.action === action).map((r) => r.json as IDataObject);

	it('a split: the parent is read to its end before its children, DescribeStream is paged, nothing missing or doubled, and the requests are signed Streams calls', async () => {
		const parent = stream.addShard('shard-parent');
		const expected = [stream.write('shard-parent', 'INSERT', 'a', 1), stream.write('shard-parent', 'INSERT', 'b', 1), stream.write('shard-parent', 'MODIFY', 'a', 2)];
		stream.close(parent.id);
		// Listed children first: the order in DescribeStream must not decide the reading order.
		stream.shards.unshift({ id: 'shard-child-1', parent: parent.id, records: [], closed: false, trimmed: 0 }, { id: 'shard-child-2', parent: parent.id, records: [], closed: false, trimmed: 0 });
		const c1 = [stream.write('shard-child-1', 'MODIFY', 'a', 3), stream.write('shard-child-1', 'REMOVE', 'a')];
		const c2 = [stream.write('shard-child-2', 'MODIFY', 'b', 2)];
		stream.addShard('shard-unrelated');
		const u = [stream.write('shard-unrelated', 'INSERT', 'z', 1)];

		const trigger = await activate();
		const out = emittedJson(trigger);
		expect(seqs(out).sort()).toEqual([...expected, ...c1, ...c2, ...u].map((r) => r.seq).sort());
		// Each item's changes in order: a 1 → 2 (parent) → 3 → removed (child), b 1 → 2.
		const history = (id: string) => out.filter((i) => (i.keys as IDataObject).id === id).map((i) => `${i.eventName as string}:${((i.newImage ?? i.oldImage) as IDataObject).v ?? '-'}`);
		expect(history('a')).toEqual(['INSERT:1', 'MODIFY:2', 'MODIFY:3', 'REMOVE:-']);
		expect(history('b')).toEqual(['INSERT:1', 'MODIFY:2']);
		const parentLast = Math.max(...expected.map((r) => seqs(out).indexOf(r.seq)));
		expect(Math.min(...[...c1, ...c2].map((r) => seqs(out).indexOf(r.seq)))).toBeGreaterThan(parentLast);
		// DescribeStream page after page (2 shards a page here).
		expect(calls('DescribeStream').map((c) => c.ExclusiveStartShardId ?? null)).toEqual([null, 'shard-child-2']);
		const signed = wire.requests.find((r) => r.action === 'GetRecords')!;
		expect(signed.headers['x-amz-target']).toBe('DynamoDBStreams_20120810.GetRecords');
		expect(signed.headers.authorization).toMatch(/Credential=AKIATESTLOCAL0000001\/\d{8}\/us-east-1\/dynamodb\/aws4_request/);

		// The closed parent, read to its end, is not read again; the open children continue after their last record.
		wire.requests.length = 0;
		const more = stream.write('shard-child-2', 'INSERT', 'c', 1);
		expect(seqs(await tick(trigger))).toEqual([more.seq]);
		// While the stream read is enabled it is the table's current one: no DescribeTable per poll.
		expect(calls('DescribeTable')).toEqual([]);
		expect(calls('GetShardIterator').map((c) => `${c.ShardId as string}:${c.ShardIteratorType as string}:${c.SequenceNumber ?? ''}`).sort()).toEqual(
			[`shard-child-1:AFTER_SEQUENCE_NUMBER:${c1[1].seq}`, `shard-child-2:AFTER_SEQUENCE_NUMBER:${c2[0].seq}`, `shard-unrelated:AFTER_SEQUENCE_NUMBER:${u[0].seq}`].sort(),
		);
		const { position } = trigger.saved()['node:DynamoDB Trigger'] as { position: { shards: Record<string, IDataObject> } };
		expect(position.shards['shard-parent']).toEqual({ after: expected[2].seq, done: true });
	});

	it('a child found after its parent closed mid-way is read after the parent ends; a cap stops in the parent and the children wait', async () => {
		stream.addShard('p');
		const before = Array.from({ length: 5 }, (_, i) => stream.write('p', 'INSERT', `k${i}`, 1));
		const trigger = await activate({ options: { maxRecordsPerPoll: 3 } });
		expect(seqs(emittedJson(trigger))).toEqual(before.slice(0, 3).map((r) => r.seq));
		const late = stream.write('p', 'MODIFY', 'k0', 2);
		stream.close('p');
		stream.addShard('child', 'p');
		const child = [stream.write('child', 'MODIFY', 'k0', 3), stream.write('child', 'MODIFY', 'k1', 2)];
		expect(seqs(await tick(trigger))).toEqual([before[3].seq, before[4].seq, late.seq]);
		expect(seqs(await tick(trigger))).toEqual(child.map((r) => r.seq));
		expect(await tick(trigger)).toEqual([]);
	});

	it('an expired iterator is renewed from the last record read, silently, with nothing doubled', async () => {
		stream.addShard('s');
		const trigger = await activate({ options: { maxRecordsPerPoll: 5000 } });
		const records = Array.from({ length: 2500 }, (_, i) => stream.write('s', 'INSERT', `e${i}`));
		let pages = 0;
		// The second GetRecords of the poll meets an iterator that expired meanwhile.
		stream.faults.push((r) => (r.action === 'GetRecords' && ++pages === 2 ? (stream.expireIterators(), undefined) : undefined));
		const out = await tick(trigger);
		expect(seqs(out)).toEqual(records.map((r) => r.seq));
		const renewals = calls('GetShardIterator').filter((c) => c.SequenceNumber === records[999].seq);
		expect(renewals).toEqual([expect.objectContaining({ ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' })]);
		expect(calls('GetRecords').every((c) => (c.Limit as number) <= 1000)).toBe(true);
	});

	it('a position older than the retention continues from the oldest record, and the first item says what was lost in `gap`', async () => {
		stream.addShard('s');
		const trigger = await activate();
		const seen = stream.write('s', 'INSERT', 't0');
		expect(seqs(await tick(trigger))).toEqual([seen.seq]);
		const lost = [stream.write('s', 'INSERT', 't1'), stream.write('s', 'INSERT', 't2')];
		const kept = [stream.write('s', 'INSERT', 't3'), stream.write('s', 'INSERT', 't4')];
		stream.shard('s').trimmed = 3; // t0..t2 are older than 24 hours now
		const out = await tick(trigger);
		expect(seqs(out)).toEqual(kept.map((r) => r.seq));
		expect(out[0].gap).toEqual([{ streamArn: stream.streamArn, shardId: 's', afterSequenceNumber: seen.seq, reason: expect.stringMatching(/24 hours/) }]);
		expect(out[1]).not.toHaveProperty('gap');
		expect(lost).toHaveLength(2);
		expect(await tick(trigger)).toEqual([]);
	});

	it('a shard that left the stream unfinished is reported as a gap on the next item emitted', async () => {
		stream.addShard('old');
		const trigger = await activate({ options: { maxRecordsPerPoll: 1 } });
		const [first] = [stream.write('old', 'INSERT', 'g1'), stream.write('old', 'INSERT', 'g2')];
		expect(seqs(await tick(trigger))).toEqual([first.seq]);
		stream.close('old');
		stream.shards.splice(0, 1); // gone after 24 hours, with g2 unread
		stream.addShard('new');
		const next = stream.write('new', 'INSERT', 'g3');
		const out = await tick(trigger);
		expect(seqs(out)).toEqual([next.seq]);
		expect(out[0].gap).toEqual([{ streamArn: stream.streamArn, shardId: 'old', afterSequenceNumber: first.seq, reason: expect.stringMatching(/left the stream/) }]);
	});

	it('throttling (LimitExceededException) and a transient 500 are retried with backoff; nothing lost or doubled', async () => {
		stream.addShard('s');
		const trigger = await activate();
		const records = [stream.write('s', 'INSERT', 'l1'), stream.write('s', 'INSERT', 'l2')];
		const throttle = (r: { action?: string }) => (r.action === 'GetRecords' ? awsError(400, 'LimitExceededException', 'Too many readers on this shard') : undefined);
		stream.faults.push(throttle, throttle, throttle, (r) => (r.action === 'DescribeStream' ? awsError(500, 'InternalServerError', 'try again') : undefined));
		const out = await tick(trigger);
		expect(seqs(out)).toEqual(records.map((r) => r.seq));
		expect(stream.faults).toEqual([]);
		expect(calls('GetRecords').length).toBeGreaterThanOrEqual(4);
	});

	it('TTL expiries: ttlExpired from the service identity; TTL Expiries only / exclude', async () => {
		stream.addShard('s');
		const all = await activate();
		const only = await activate({ ttlExpiries: 'only' });
		const none = await activate({ ttlExpiries: 'exclude' });
		const byRequest = stream.write('s', 'REMOVE', 'x1');
		const expired = stream.write('s', 'REMOVE', 'x2', undefined, true);
		expect((await tick(all)).map((i) => [i.sequenceNumber, i.ttlExpired])).toEqual([
			[byRequest.seq, false],
			[expired.seq, true],
		]);
		expect(seqs(await tick(only))).toEqual([expired.seq]);
		expect(seqs(await tick(none))).toEqual([byRequest.seq]);
	});

	it('empty maps in an image, as AWS sends them ({"M":{}}) and as DynamoDB Local 3.x does ({}), come out as {} wherever they are', async () => {
		// DynamoDB Local 3.3.1 drops their type (test/integration/trigger.test.ts): here, AWS's spelling and Local's side by side.
		stream.addShard('s');
		const trigger = await activate();
		const image = { id: { S: 'e1' }, empty: { M: {} }, nested: { M: { inner: { M: {} }, list: { L: [{ M: {} }, { L: [] }] } } } };
		const asLocal = { id: { S: 'e2' }, empty: {}, nested: { M: { inner: {}, list: { L: [{}, { L: [] }] } } } };
		stream.write('s', 'INSERT', 'e1', undefined, false, image);
		stream.write('s', 'INSERT', 'e2', undefined, false, asLocal as never);
		expect((await tick(trigger)).map((i) => i.newImage)).toEqual([
			{ id: 'e1', empty: {}, nested: { inner: {}, list: [{}, []] } },
			{ id: 'e2', empty: {}, nested: { inner: {}, list: [{}, []] } },
		]);
	});
});
