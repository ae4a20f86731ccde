import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { IDataObject } from 'n8n-workflow';
import type { ActiveTrigger } from '../../scripts/poller';
import { rawClient, uniqueTable } from '../helpers/local';
import { activateOn, createStreamTable, emittedJson } from '../helpers/trigger';

const WRITES = 2000;
const ITEMS = 150;
const WRITERS = 4;

/**
 * Exactly once under load: 2,000 puts, updates and deletes while the trigger polls on a timer that
 * does not wait for the previous poll (as n8n's ticks), with one n8n restart in the middle. Every
 * change record must come out once, in per-item order, none missing.
 */
describe('DynamoDB Trigger under load', () => {
	const client = rawClient();
	afterAll(() => client.destroy());

	it(`${WRITES} mixed writes while overlapping polls run: each change emitted once, in per-item order`, async () => {
		const table = await createStreamTable(client, uniqueTable('load'));
		let trigger: ActiveTrigger = await activateOn(table, { options: { maxRecordsPerPoll: 120 } });
		const triggers = [trigger];

		// What each item's stream must show: every write below changes the item, so each makes one record.
		const expected = new Map<string, string[]>();
		const present = new Map<string, number | undefined>();
		let seed = 7;
		const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
		const plan: Array<{ id: string; op: 'put' | 'update' | 'delete'; v: number }> = [];
		for (let i = 0; i < WRITES; i++) {
			const id = `i${Math.floor(random() * ITEMS)}`;
			const exists = present.get(id) !== undefined;
			const roll = random();
			const op = exists && roll < 0.25 ? 'delete' : roll < 0.6 ? 'put' : 'update';
			plan.push({ id, op, v: i });
			const events = expected.get(id) ?? [];
			events.push(op === 'delete' ? `REMOVE:${present.get(id)}` : `${exists ? 'MODIFY' : 'INSERT'}:${i}`);
			expected.set(id, events);
			present.set(id, op === 'delete' ? undefined : i);
		}

		let inFlight = 0;
		let overlapping = 0;
		let ticking = true;
		const pending = new Set<Promise<unknown>>();
		const timer = setInterval(() => {
			if (!ticking) return;
			if (inFlight > 0) overlapping++;
			inFlight++;
			const p = trigger.tick().finally(() => {
				inFlight--;
				pending.delete(p);
			});
			pending.add(p);
		}, 15);

		// Writers own disjoint items (id hash % WRITERS), so one item's writes happen in plan order.
		const write = async ({ id, op, v }: (typeof plan)[number]) => {
			const key = { id: { S: id } };
			if (op === 'put') await client.send(new PutItemCommand({ TableName: table, Item: { ...key, v: { N: String(v) } } }));
			else if (op === 'update') await client.send(new UpdateItemCommand({ TableName: table, Key: key, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: String(v) } } }));
			else await client.send(new DeleteItemCommand({ TableName: table, Key: key }));
		};
		const restartAt = WRITES / 2;
		let done = 0;
		await Promise.all(
			Array.from({ length: WRITERS }, async (_, w) => {
				for (const step of plan.filter((s) => Number(s.id.slice(1)) % WRITERS === w)) {
					await write(step);
					if (++done === restartAt) {
						// n8n restarted: no more ticks of this activation; the new one starts from what n8n saved.
						ticking = false;
						await Promise.all(pending);
						trigger = await trigger.restart();
						triggers.push(trigger);
						ticking = true;
					}
				}
			}),
		);
		const total = () => triggers.reduce((n, t) => n + emittedJson(t).length, 0);
		const deadline = Date.now() + 60_000;
		while (total() < WRITES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		// A few more polls: nothing further may come.
		await new Promise((r) => setTimeout(r, 300));
		ticking = false;
		clearInterval(timer);
		await Promise.all(pending);

		const out: IDataObject[] = triggers.flatMap((t) => emittedJson(t));
		const errors = triggers.flatMap((t) => t.errors);
		console.log(`trigger under load: ${WRITES} writes on ${ITEMS} items, ${out.length} records emitted over ${triggers.reduce((n, t) => n + t.emitted.length, 0)} emitting polls, ${overlapping} ticks started while another ran, one restart`);
		expect(errors).toEqual([]);
		expect(overlapping).toBeGreaterThan(0);
		expect(out).toHaveLength(WRITES);
		expect(new Set(out.map((i) => i.eventId)).size).toBe(WRITES);
		const got = new Map<string, string[]>();
		for (const item of out) {
			const id = (item.keys as IDataObject).id as string;
			const v = ((item.eventName === 'REMOVE' ? item.oldImage : item.newImage) as IDataObject).v;
			got.set(id, [...(got.get(id) ?? []), `${item.eventName as string}:${String(v)}`]);
		}
		expect(got).toEqual(expected);
	}, 120_000);
});
