import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';
import { listen, type Listening } from '../../scripts/listener';
import { MemoryStore } from '../../nodes/DynamoDbInstantTrigger/checkpoint';
import { DynamoDbInstantTrigger } from '../../nodes/DynamoDbInstantTrigger/DynamoDbInstantTrigger.node';
import { Listener, TIMING } from '../../nodes/DynamoDbInstantTrigger/listen';
import type { InstantSettings } from '../../nodes/DynamoDbInstantTrigger/settings';
import { readBody } from '../helpers/http';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../helpers/local';
import { recordForScan } from '../helpers/secrets';
import { FakeStream } from '../helpers/streams';
import { parametersFor } from '../helpers/trigger';
import { awsError, WireServer, type WireAnswer, type WireRequest } from '../helpers/wire';

/**
 * The instant trigger's real SDK clients against a local endpoint speaking the DynamoDB Streams API
 * (test/helpers/streams.ts) and the checkpoint table's GetItem/PutItem: what DynamoDB Local cannot
 * show (split shards, trimmed data, failures that last), and what each read sends.
 */
describe('DynamoDB Instant Trigger at the wire', () => {
	let wire: WireServer;
	let stream: FakeStream;
	let checkpoints: Map<string, IDataObject>;
	const open: Listening[] = [];
	beforeAll(async () => {
		wire = await WireServer.start();
	});
	afterAll(async () => await wire.close());
	beforeEach(() => {
		stream = new FakeStream();
		checkpoints = new Map();
		wire.answer(withCheckpoints(stream, checkpoints));
	});
	afterEach(async () => {
		await Promise.all(open.splice(0).map((l) => l.stop()));
	});

	const start = async (more: IDataObject = {}) => {
		const l = await listen({ nodeType: new DynamoDbInstantTrigger(), parameters: parametersFor('users', { startFrom: 'oldest', checkpointTable: 'checkpoints', ...more }), credentials: wire.credentials() });
		open.push(l);
		return l;
	};
	const seqs = (items: IDataObject[]) => items.map((i) => i.sequenceNumber as string);
	const actions = (from = 0) => wire.requests.slice(from).map((r) => r.action);
	const itemsOf = (l: Listening) => {
		const items = l.items();
		recordForScan('instant trigger at the wire', items, l.errors);
		return items;
	};

	it('a split: the parent is read to its end before its children; in between, each read is one GetRecords per open shard on a kept iterator, signed for DynamoDB Streams', async () => {
		stream.addShard('p');
		const before = [stream.write('p', 'INSERT', 'a', 1), stream.write('p', 'MODIFY', 'a', 2)];
		const l = await start();
		await l.until(() => l.items().length === 2, 20_000, 'the parent');
		// Steady state: three more reads, each a single GetRecords (no DescribeStream, no GetShardIterator).
		const from = wire.requests.length;
		await l.until(() => actions(from).length >= 3, 20_000, 'three reads');
		expect(new Set(actions(from))).toEqual(new Set(['GetRecords']));
		const signed = wire.requests[wire.requests.length - 1];
		expect(signed.headers['x-amz-target']).toBe('DynamoDBStreams_20120810.GetRecords');
		expect(signed.headers.authorization).toMatch(/Credential=AKIATESTLOCAL0000001\/\d{8}\/us-east-1\/dynamodb\/aws4_request/);

		const late = stream.write('p', 'MODIFY', 'a', 3);
		stream.close('p');
		stream.addShard('c1', 'p');
		stream.addShard('c2', 'p');
		const children = [stream.write('c1', 'MODIFY', 'a', 4), stream.write('c2', 'INSERT', 'b', 1), stream.write('c1', 'REMOVE', 'a')];
		await l.until(() => l.items().length === 6, 20_000, 'the children');
		const out = itemsOf(l);
		expect(seqs(out.slice(0, 3))).toEqual([...before, late].map((r) => r.seq));
		expect(seqs(out.slice(3)).sort()).toEqual(children.map((r) => r.seq).sort());
		const history = out.filter((i) => (i.keys as IDataObject).id === 'a').map((i) => `${i.eventName as string}:${((i.newImage ?? i.oldImage) as IDataObject).v ?? '-'}`);
		expect(history).toEqual(['INSERT:1', 'MODIFY:2', 'MODIFY:3', 'MODIFY:4', 'REMOVE:-']);
		// The parent's end made the trigger list the shards again at once (not after a minute).
		expect(actions(from)).toContain('DescribeStream');
		expect(l.errors).toEqual([]);
	});

	it('the checkpoint is a PutItem of the position after each finished execution (sequence numbers, never iterators); a restart reads after it', async () => {
		stream.addShard('s');
		const first = [stream.write('s', 'INSERT', 'a', 1)];
		let l = await start();
		await l.until(() => l.items().length === 1 && l.executions[0].finishedAt !== undefined);
		await l.stop();
		const puts = wire.requests.filter((r) => r.action === 'PutItem').map((r) => r.json as { TableName: string; Item: Record<string, { S: string }> });
		expect(puts.length).toBeGreaterThan(0);
		const last = puts[puts.length - 1];
		expect(last.TableName).toBe('checkpoints');
		expect(last.Item.id.S).toBe(`${l.workflowId}/instant-1`);
		expect(JSON.parse(last.Item.position.S)).toEqual({ streamArn: stream.streamArn, shards: { s: { after: first[0].seq } } });
		expect(last.Item.position.S).not.toMatch(/iter/);

		const next = stream.write('s', 'MODIFY', 'a', 2);
		const again = await listen({ nodeType: new DynamoDbInstantTrigger(), parameters: parametersFor('users', { startFrom: 'oldest', checkpointTable: 'checkpoints' }), credentials: wire.credentials(), workflowId: l.workflowId });
		open.push((l = again));
		await l.until(() => l.items().length === 1);
		expect(seqs(itemsOf(l))).toEqual([next.seq]);
		const iterators = wire.requests.filter((r) => r.action === 'GetShardIterator').map((r) => r.json as IDataObject);
		expect(iterators[iterators.length - 1]).toMatchObject({ ShardId: 's', ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: first[0].seq });
	});

	it('a position older than the retention: the first item emitted says what was lost in `gap`', async () => {
		stream.addShard('s');
		const old = [stream.write('s', 'INSERT', 'a', 1), stream.write('s', 'INSERT', 'b', 1)];
		checkpoints.set('w-trim/instant-1', { position: { S: JSON.stringify({ streamArn: stream.streamArn, shards: { s: { after: old[0].seq } } }) } });
		stream.shard('s').trimmed = 2;
		const kept = stream.write('s', 'INSERT', 'c', 1);
		const l = await listen({ nodeType: new DynamoDbInstantTrigger(), parameters: parametersFor('users', { checkpointTable: 'checkpoints' }), credentials: wire.credentials(), workflowId: 'w-trim' });
		open.push(l);
		await l.until(() => l.items().length === 1);
		const [item] = itemsOf(l);
		expect(item.sequenceNumber).toBe(kept.seq);
		expect(item.gap).toEqual([{ streamArn: stream.streamArn, shardId: 's', afterSequenceNumber: old[0].seq, reason: expect.stringMatching(/24 hours/) }]);
	});

	describe('the listener on its own (short retry waits)', () => {
		const settings: InstantSettings = {
			table: 'users',
			filter: { events: new Set(['INSERT', 'MODIFY', 'REMOVE']), ttl: 'include' },
			startFrom: 'oldest',
			simplify: true,
			maxRecords: 1000,
			oneItemPerPoll: false,
			checkpointTable: 'checkpoints',
			inFlight: 1,
		};
		const timing = { ...TIMING, readEveryMs: 50, minReadGapMs: 10, retries: 3, backoffMs: () => 20, closeWaitMs: 2000 };
		const clientsFor = (endpoint: string) => {
			const config = { region: 'us-east-1', endpoint, maxAttempts: 1, credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY } };
			return { tables: new DynamoDBClient(config), streams: new DynamoDBStreamsClient(config) };
		};

		it('a failure that lasts is retried with backoff, then reported through n8n\'s error path (never a silent stop); nothing read after it is lost', async () => {
			stream.addShard('s');
			const a = stream.write('s', 'INSERT', 'a', 1);
			const delivered: IDataObject[] = [];
			const retries: number[] = [];
			let failed: Error | undefined;
			const clients = clientsFor(wire.endpoint);
			const store = new MemoryStore();
			const listener = new Listener(clients, settings, store, { deliver: async (items) => void delivered.push(...items), fail: (e) => (failed = e), retrying: (_e, attempt) => retries.push(attempt) }, timing);
			await listener.start();
			while (delivered.length < 1) await new Promise((r) => setTimeout(r, 10));
			// From now on every GetRecords is refused.
			stream.faults.push(...Array.from({ length: 50 }, () => (r: WireRequest) => (r.action === 'GetRecords' ? awsError(500, 'InternalServerError', 'Internal server error') : undefined)));
			stream.write('s', 'INSERT', 'b', 1);
			while (!failed) await new Promise((r) => setTimeout(r, 10));
			expect(retries).toEqual([1, 2, 3]);
			expect(failed.name).toBe('InternalServerError');
			await listener.stop();
			// The checkpoint is after `a` only: `b` was never delivered, so it comes after the reactivation.
			expect((await store.load())!.shards.s).toEqual({ after: a.seq });
			clients.tables.destroy();
			clients.streams.destroy();
		});

		it('executions that finish out of order: the checkpoint moves only past batches whose execution and every earlier one have finished', async () => {
			stream.addShard('s');
			const records = [stream.write('s', 'INSERT', 'a', 1), stream.write('s', 'INSERT', 'b', 1), stream.write('s', 'INSERT', 'c', 1)];
			const finish: Array<() => void> = [];
			const saved: string[] = [];
			const store = new MemoryStore();
			const recording = { load: () => store.load(), save: async (p: Parameters<MemoryStore['save']>[0]) => void saved.push(p.shards.s.after!) };
			const clients = clientsFor(wire.endpoint);
			const listener = new Listener(clients, { ...settings, maxRecords: 1, inFlight: 3 }, recording, { deliver: () => new Promise<void>((r) => finish.push(r)), fail: (e) => { throw e; }, retrying: () => undefined }, timing);
			await listener.start();
			// The first position (before `a`) is written at activation: a restart before any execution loses nothing.
			expect(saved).toEqual([undefined]);
			saved.length = 0;
			while (finish.length < 3) await new Promise((r) => setTimeout(r, 10));
			const settle = () => new Promise((r) => setTimeout(r, 50));
			finish[2]();
			finish[1]();
			await settle();
			expect(saved).toEqual([]);
			finish[0]();
			await settle();
			expect(saved).toEqual([records[2].seq]);
			expect(listener.stats).toMatchObject({ executions: 3, maxInFlight: 3 });
			await listener.stop();
			clients.tables.destroy();
			clients.streams.destroy();
		});

		it('deactivation stops a read in flight at once: close resolves while DynamoDB has not answered, and nothing is sent afterwards', async () => {
			stream.addShard('s');
			stream.write('s', 'INSERT', 'a', 1);
			const held: ServerResponse[] = [];
			let sent = 0;
			let holding = false;
			const server = createServer(async (req, res) => {
				const text = (await readBody(req)).toString('utf8');
				const action = String(req.headers['x-amz-target']).replace(/^DynamoDB(Streams)?_20120810\./, '');
				sent++;
				if (holding && action === 'GetRecords') return void held.push(res);
				const answer = stream.respond({ method: 'POST', path: '/', headers: req.headers, text, json: JSON.parse(text), action });
				res.writeHead(answer.status ?? 200, { 'content-type': 'application/x-amz-json-1.0' });
				res.end(JSON.stringify(answer.body ?? {}));
			});
			await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
			const clients = clientsFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
			const delivered: IDataObject[] = [];
			let failed: Error | undefined;
			const listener = new Listener(clients, settings, new MemoryStore(), { deliver: async (items) => void delivered.push(...items), fail: (e) => (failed = e), retrying: () => undefined }, timing);
			await listener.start();
			while (delivered.length < 1) await new Promise((r) => setTimeout(r, 10));
			holding = true;
			while (held.length < 1) await new Promise((r) => setTimeout(r, 10));
			await listener.stop();
			const after = sent;
			await new Promise((r) => setTimeout(r, 300));
			expect(sent).toBe(after);
			expect(failed).toBeUndefined();
			for (const res of held) res.destroy();
			server.closeAllConnections();
			await new Promise((r) => server.close(r));
			clients.tables.destroy();
			clients.streams.destroy();
		});
	});
});

/** The stream stand-in, plus the checkpoint table's GetItem and PutItem kept in `items` (DescribeTable answers ACTIVE). */
function withCheckpoints(stream: FakeStream, items: Map<string, IDataObject>) {
	return (request: WireRequest): WireAnswer => {
		const input = (request.json ?? {}) as { TableName?: string; Key?: { id: { S: string } }; Item?: IDataObject & { id: { S: string } } };
		if (request.action === 'GetItem' && input.TableName === 'checkpoints') {
			const item = items.get(input.Key!.id.S);
			return { body: item ? { Item: { id: input.Key!.id, ...item } } : {} };
		}
		if (request.action === 'PutItem' && input.TableName === 'checkpoints') {
			items.set(input.Item!.id.S, input.Item!);
			return { body: {} };
		}
		return stream.respond(request);
	};
}
