import type { Batch } from '../operations/types';
import { sendUnits, type BatchKind, type BatchPolicy, type Unit } from './calls';
import type { Send } from './send';

/** PartiQL statement errors that mean "not run, send again". */
const STATEMENT_RETRY = new Set(['ProvisionedThroughputExceeded', 'ThrottlingError', 'RequestLimitExceeded']);

/**
 * A number's identity as DynamoDB compares numbers: `1.50`, `01.5` and `15e-1` are one key, and
 * DynamoDB answers it as `1.5`. Text that is not a number stays as it is.
 */
export function numberId(text: string): string {
	const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
	if (!m || (m[2] === '' && !m[3])) return text;
	const fraction = m[3] ?? '';
	const digits = (m[2] + fraction).replace(/^0+/, '');
	if (digits === '') return '0';
	const significant = digits.replace(/0+$/, '');
	const exponent = Number(m[4] ?? 0) - fraction.length + (digits.length - significant.length);
	return `${m[1] === '-' ? '-' : ''}${significant}e${exponent}`;
}

/** A stable text for an attribute value or key: member order, set order and number spelling do not matter. */
export function canonical(value: unknown): string {
	if (value instanceof Uint8Array) return `b:${Buffer.from(value).toString('base64')}`;
	if (value instanceof Set) return canonical([...value]);
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
		entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${member(k, v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

function member(name: string, value: unknown): string {
	if (name === 'N' && typeof value === 'string') return JSON.stringify(numberId(value));
	if (name === 'SS' || name === 'NS' || name === 'BS') {
		const members = [...((value as Iterable<unknown>) ?? [])].map((v) => (name === 'NS' && typeof v === 'string' ? numberId(v) : v));
		return `[${members.map(canonical).sort().join(',')}]`;
	}
	return canonical(value);
}

/** Approximate JSON size of a request on the wire (bytes as base64). */
export function wireSize(value: unknown): number {
	if (typeof value === 'string') return Buffer.byteLength(value) + 2;
	if (value instanceof Uint8Array) return Math.ceil(value.length / 3) * 4 + 2;
	if (value === null || typeof value !== 'object') return String(value).length;
	if (value instanceof Set) return wireSize([...value]);
	let size = 2;
	if (Array.isArray(value)) for (const v of value) size += wireSize(v) + 1;
	else for (const [k, v] of Object.entries(value)) if (v !== undefined) size += Buffer.byteLength(k) + 4 + wireSize(v);
	return size;
}

const pick = (item: Record<string, unknown>, names: string[]) => Object.fromEntries(names.map((n) => [n, item[n]]));

/** The id of a write request: its table and key (Item's key attributes when known, else the whole Item). */
export function writeId(table: string, request: Record<string, unknown>, keyNames?: string[]): string {
	const put = request.PutRequest as { Item?: Record<string, unknown> } | undefined;
	const del = request.DeleteRequest as { Key?: Record<string, unknown> } | undefined;
	if (put?.Item && keyNames) {
		// Fast form for the usual string and number keys; anything else in canonical form.
		let text = `${JSON.stringify(table)}:`;
		for (const name of keyNames.length > 1 ? [...keyNames].sort() : keyNames) {
			const v = put.Item[name] as { S?: unknown; N?: unknown } | undefined;
			if (typeof v?.S === 'string') text += `S${JSON.stringify(v.S)}`;
			else if (typeof v?.N === 'string') text += `N${numberId(v.N)}`;
			else return `${JSON.stringify(table)}:${canonical(pick(put.Item, keyNames))}`;
		}
		return text;
	}
	const key = del?.Key ?? put?.Item;
	if (del?.Key) return writeId(table, { PutRequest: { Item: del.Key } }, Object.keys(del.Key).sort());
	return `${JSON.stringify(table)}:${canonical(key)}`;
}

export const keyId = (group: string, key: Record<string, unknown>) => `${group}:${canonical(key)}`;

/** BatchWriteItem: write requests grouped by table; UnprocessedItems sent again. */
export function writeKind(shared: Record<string, unknown>, keyNames: (table: string) => string[] | undefined): BatchKind {
	return {
		max: 25,
		build(units) {
			const RequestItems: Record<string, unknown[]> = {};
			for (const unit of units) (RequestItems[unit.table] ??= []).push(unit.request);
			return { ...shared, RequestItems };
		},
		settle(units, response) {
			const unprocessed = (response.UnprocessedItems ?? {}) as Record<string, Array<Record<string, unknown>>>;
			const left = Object.entries(unprocessed).flatMap(([table, list]) => list.map((r) => writeId(table, r, keyNames(table))));
			return split(units, left, () => undefined);
		},
	};
}

/** A read item that matches none of the keys of its call: Bulk Mode cannot say which input item it answers. */
export class UnmatchedRecordError extends Error {
	constructor(table: string) {
		super(`DynamoDB returned an item of table "${table}" that matches none of the keys asked for: it cannot be paired with an input item`);
		this.name = 'UnmatchedRecordError';
	}
}

/**
 * BatchGetItem: keys grouped by table (one settings group per table and call); UnprocessedKeys sent
 * again. A call's records are its answer as they came (`answer`: the projection may leave out the
 * key, so nothing is matched or dropped); with `pair` (Bulk Mode, whose projection always holds the
 * key) each record is also the value of the unit whose key it has, and a record with no unit is an error.
 */
export function getKind(shared: Record<string, unknown>, groups: Map<string, Record<string, unknown>>, pair = false): BatchKind {
	return {
		max: 100,
		groups,
		build(units) {
			const RequestItems: Record<string, { Keys: unknown[] }> = {};
			for (const unit of units) (RequestItems[unit.table] ??= { ...groups.get(unit.group), Keys: [] }).Keys.push(unit.request);
			return { ...shared, RequestItems };
		},
		settle(units, response) {
			const records = (response.Responses ?? {}) as Record<string, Array<Record<string, unknown>>>;
			const found = new Map<string, unknown>();
			const groupOf = new Map(units.map((u) => [u.table, u]));
			if (pair) {
				const ids = new Set(units.map((u) => u.id));
				for (const [table, items] of Object.entries(records)) {
					const sample = groupOf.get(table);
					const names = sample ? Object.keys(sample.request) : [];
					for (const item of items) {
						const id = sample && keyId(sample.group, pick(item, names));
						if (!id || !ids.has(id)) throw new UnmatchedRecordError(table);
						found.set(id, item);
					}
				}
			}
			const unprocessed = (response.UnprocessedKeys ?? {}) as Record<string, { Keys?: Array<Record<string, unknown>> }>;
			const left = Object.entries(unprocessed).flatMap(([table, k]) => (k.Keys ?? []).map((key) => keyId(groupOf.get(table)?.group ?? table, key)));
			const settled = split(units, left, (unit) => found.get(unit.id));
			// A call whose unprocessed keys are not all known goes again whole: its records are read again, not kept twice.
			return settled.accounted ? { ...settled, answer: records } : settled;
		},
	};
}

/** A BatchExecuteStatement answer that does not have one entry per statement sent. */
export class AnswerCountError extends Error {
	constructor(sent: number, answered: number) {
		super(`DynamoDB answered ${answered} results for ${sent} statements of one BatchExecuteStatement call: the results cannot be paired with the statements`);
		this.name = 'AnswerCountError';
	}
}

/** BatchExecuteStatement: answers in statement order; throttled statements sent again. */
export function statementKind(shared: Record<string, unknown>): BatchKind {
	return {
		max: 25,
		build: (units) => ({ ...shared, Statements: units.map((u) => u.request) }),
		settle(units, response) {
			const answers = (response.Responses ?? []) as Array<{ Error?: { Code?: string } }>;
			// Answers are matched by position: a count that differs would pair answers with the wrong statements.
			if (answers.length !== units.length) throw new AnswerCountError(units.length, answers.length);
			const values = new Map<Unit, unknown>();
			const lastValues = new Map<Unit, unknown>();
			const again: Unit[] = [];
			units.forEach((unit, k) => {
				if (STATEMENT_RETRY.has(answers[k]?.Error?.Code ?? '')) {
					again.push(unit);
					lastValues.set(unit, answers[k]);
				} else values.set(unit, answers[k]);
			});
			return { values, again, lastValues };
		},
	};
}

/** Units whose id is listed as left over go again; when a left-over id matches none, all go again (never lost). */
function split(units: Unit[], left: string[], value: (unit: Unit) => unknown) {
	const values = new Map<Unit, unknown>();
	if (left.length === 0) {
		for (const unit of units) values.set(unit, value(unit));
		return { values, again: [], accounted: true };
	}
	const leftIds = new Set(left);
	const again = units.filter((u) => leftIds.has(u.id));
	if (again.length < leftIds.size) return { values, again: units, accounted: false };
	for (const unit of units) if (!leftIds.has(unit.id)) values.set(unit, value(unit));
	return { values, again, accounted: true };
}

/** What is still unprocessed after every retry round: returned in the output or raised, never dropped. */
export class UnprocessedRequestsError extends Error {
	constructor(
		readonly count: number,
		readonly total: number,
		readonly member: string,
		readonly unprocessed: Record<string, unknown>,
		rounds: number,
	) {
		super(
			`${count} of ${total} requests were still unprocessed after ${rounds} retry rounds (DynamoDB throttled them): nothing was dropped, ` +
				`they are listed in ${member}. Raise the table's capacity, lower Parallel Requests, raise Max Unprocessed Retries, ` +
				'or turn on Accept Unprocessed to get them in the output instead of an error.',
		);
		this.name = 'UnprocessedRequestsError';
	}
}

/**
 * A BatchWriteItem, BatchGetItem or BatchExecuteStatement request of any size: split into calls
 * within DynamoDB's limits, sent with bounded parallelism, unprocessed requests retried, and the
 * answers merged into one response of the operation's own shape. What is still unprocessed is in
 * the response's UnprocessedItems / UnprocessedKeys (with `accept`) or raises UnprocessedRequestsError.
 */
export async function sendBatch(batch: Batch, action: string, send: Send, input: Record<string, unknown>, policy: BatchPolicy, accept: boolean) {
	const { [batch.requests]: requests, ...shared } = input;
	if (batch.requests === 'Statements') return await sendStatements(send, (requests ?? []) as Array<Record<string, unknown>>, shared, policy, accept);
	const requestItems = (requests ?? {}) as Record<string, unknown>;
	return action === 'BatchGetItem'
		? await sendGets(send, requestItems as Record<string, Record<string, unknown>>, shared, policy, accept)
		: await sendWrites(send, requestItems as Record<string, Array<Record<string, unknown>>>, shared, policy, accept);
}

async function sendWrites(send: Send, requestItems: Record<string, Array<Record<string, unknown>>>, shared: Record<string, unknown>, policy: BatchPolicy, accept: boolean) {
	// Keys of put requests are known when the same table has delete requests (the key's attribute names).
	const keyNames = new Map<string, string[]>();
	for (const [table, list] of Object.entries(requestItems)) {
		const del = list.find((r) => r.DeleteRequest) as { DeleteRequest: { Key: object } } | undefined;
		if (del?.DeleteRequest?.Key) keyNames.set(table, Object.keys(del.DeleteRequest.Key));
	}
	const units: Unit[] = Object.entries(requestItems).flatMap(([table, list]) =>
		list.map((request, origin) => ({ table, group: table, request, id: writeId(table, request, keyNames.get(table)), size: wireSize(request), origin })),
	);
	const { outcome, responses } = await sendUnits(writeKind(shared, (t) => keyNames.get(t)), send, units, policy);
	const unprocessed: Record<string, unknown[]> = {};
	for (const unit of units) {
		const o = outcome(unit);
		if (o.status === 'failed') throw o.error;
		if (o.status !== 'done') (unprocessed[unit.table] ??= []).push(unit.request);
	}
	const output = { ...mergeMeta(responses), UnprocessedItems: unprocessed };
	return finish(output, 'UnprocessedItems', units.length, accept, policy);
}

async function sendGets(send: Send, requestItems: Record<string, Record<string, unknown>>, shared: Record<string, unknown>, policy: BatchPolicy, accept: boolean) {
	const groups = new Map<string, Record<string, unknown>>();
	const units: Unit[] = [];
	for (const [table, { Keys, ...settings }] of Object.entries(requestItems)) {
		groups.set(table, settings);
		((Keys ?? []) as Array<Record<string, unknown>>).forEach((key, origin) =>
			units.push({ table, group: table, request: key, id: keyId(table, key), size: wireSize(key), origin }),
		);
	}
	const { outcome, responses, answers } = await sendUnits(getKind(shared, groups), send, units, policy);
	// Every record of every answer, in the order of the calls' first keys.
	const position = new Map(units.map((unit, n) => [unit, n]));
	const found: Record<string, unknown[]> = {};
	for (const table of Object.keys(requestItems)) found[table] = [];
	for (const { answer } of answers.sort((a, b) => position.get(a.first)! - position.get(b.first)!)) {
		for (const [table, records] of Object.entries(answer as Record<string, unknown[]>)) (found[table] ??= []).push(...records);
	}
	const unprocessed: Record<string, { Keys: unknown[] }> = {};
	for (const unit of units) {
		const o = outcome(unit);
		if (o.status === 'failed') throw o.error;
		if (o.status !== 'done') (unprocessed[unit.table] ??= { ...groups.get(unit.group), Keys: [] }).Keys.push(unit.request);
	}
	const output = { ...mergeMeta(responses), Responses: found, UnprocessedKeys: unprocessed };
	return finish(output, 'UnprocessedKeys', units.length, accept, policy);
}

async function sendStatements(send: Send, statements: Array<Record<string, unknown>>, shared: Record<string, unknown>, policy: BatchPolicy, accept: boolean) {
	const units: Unit[] = statements.map((request, origin) => ({ table: '', group: '', request, id: String(origin), size: wireSize(request), origin }));
	const { outcome, responses } = await sendUnits(statementKind(shared), send, units, policy);
	let left = 0;
	const answers = units.map((unit) => {
		const o = outcome(unit);
		if (o.status === 'failed') throw o.error;
		if (o.status !== 'done') left++;
		return 'value' in o ? o.value : undefined;
	});
	const output = { ...mergeMeta(responses), Responses: answers };
	if (left > 0 && !accept) throw new UnprocessedRequestsError(left, units.length, 'Responses (entries with an Error)', { Responses: answers }, policy.maxRounds);
	return output;
}

function finish(output: Record<string, unknown>, member: string, total: number, accept: boolean, policy: BatchPolicy) {
	const left = Object.values(output[member] as Record<string, unknown[] | { Keys: unknown[] }>).reduce<number>(
		(n, v) => n + (Array.isArray(v) ? v.length : v.Keys.length),
		0,
	);
	if (left > 0 && !accept) throw new UnprocessedRequestsError(left, total, member, { [member]: output[member] }, policy.maxRounds);
	return output;
}

/** ConsumedCapacity lists concatenated and ItemCollectionMetrics merged per table, across calls. */
export function mergeMeta(responses: Array<Record<string, unknown>>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const capacity = responses.flatMap((r) => (r.ConsumedCapacity as unknown[] | undefined) ?? []);
	if (capacity.length > 0) out.ConsumedCapacity = capacity;
	const metrics: Record<string, unknown[]> = {};
	for (const r of responses) {
		for (const [table, list] of Object.entries((r.ItemCollectionMetrics ?? {}) as Record<string, unknown[]>)) (metrics[table] ??= []).push(...list);
	}
	if (Object.keys(metrics).length > 0) out.ItemCollectionMetrics = metrics;
	return out;
}
