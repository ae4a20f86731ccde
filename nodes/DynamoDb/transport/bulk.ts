import { InputError } from '../shapes/errors';
import { canonical, getKind, keyId, wireSize, writeId, writeKind } from './batching';
import { sendUnits, type BatchPolicy, type Outcome, type Unit } from './calls';
import type { Send } from './send';

/**
 * Bulk mode: the PutItem / DeleteItem / GetItem requests of many input items sent as
 * BatchWriteItem / BatchGetItem calls. BatchWriteItem has no conditions and returns no values,
 * so a body that asks for them is refused (never silently dropped).
 */
const ALLOWED: Record<string, string[]> = {
	PutItem: ['TableName', 'Item'],
	DeleteItem: ['TableName', 'Key'],
	GetItem: ['TableName', 'Key', 'ConsistentRead', 'ProjectionExpression', 'ExpressionAttributeNames', 'AttributesToGet'],
};
/** Members that may stay when they ask for the default (what the batch call does anyway). */
const NEUTRAL: Record<string, unknown> = { ReturnValues: 'NONE', ReturnConsumedCapacity: 'NONE', ReturnItemCollectionMetrics: 'NONE' };

/** Checks that a converted request can go into a batch call; explains why not otherwise. */
export function checkBulkRequest(action: string, input: Record<string, unknown>): void {
	const allowed = ALLOWED[action];
	for (const [member, value] of Object.entries(input)) {
		if (allowed.includes(member) || (member in NEUTRAL && NEUTRAL[member] === value)) continue;
		const batch = action === 'GetItem' ? 'BatchGetItem' : 'BatchWriteItem';
		throw new InputError(
			member,
			`Bulk Mode sends ${action} requests as ${batch}, which has no ${member} ` +
				`(it takes only ${allowed.join(', ')}). Remove ${member} from the body, or turn Bulk Mode off to send one ${action} per item.`,
		);
	}
}

/** A table's key attribute names (DescribeTable), given an item that is to be written to it. */
export type KeyOf = (table: string, item?: Record<string, unknown>) => Promise<string[] | undefined>;

/** A prepared request of input item `index`, or the error preparing it. */
export type Prepared = { index: number; input: Record<string, unknown> } | { index: number; error: unknown };

/** Per input item: the outcome of its request, and for GetItem the item read (added key attributes removed). */
export interface BulkResult {
	index: number;
	outcome: Outcome | { status: 'failed'; error: unknown };
	/** For an unprocessed request: the request as it would go in UnprocessedItems / UnprocessedKeys. */
	unprocessed?: Record<string, unknown>;
}

/** Prepared requests that can go into a batch call, as they come. */
type Valid = AsyncIterable<Array<{ index: number; input: Record<string, unknown> }>>;

/**
 * Sends the prepared requests of all input items as batches, slice by slice as they are prepared
 * (calls go out while later items are still being prepared). Duplicate keys: reads are sent once
 * and shared; writes of one key go in order (a later write waits for the earlier one's call).
 * `keyOf` names a table's key attributes (DescribeTable), so two puts of one item never share a call.
 */
export async function sendBulk(
	action: string,
	prepared: AsyncIterable<readonly Prepared[]>,
	send: Send,
	policy: BatchPolicy,
	keyOf: KeyOf,
): Promise<BulkResult[]> {
	const results: BulkResult[] = [];
	// A request that cannot be sent fails on its own input item; the others go on.
	async function* valid(): Valid {
		for await (const slice of prepared) {
			const ok: Array<{ index: number; input: Record<string, unknown> }> = [];
			for (const p of slice) {
				try {
					if ('error' in p) throw p.error;
					checkBulkRequest(action, p.input);
					ok.push(p);
				} catch (error) {
					results.push({ index: p.index, outcome: { status: 'failed', error } });
				}
			}
			yield ok;
		}
	}
	if (action === 'GetItem') results.push(...(await sendGets(valid(), send, policy)));
	else results.push(...(await sendWrites(action, valid(), send, policy, keyOf)));
	return results.sort((a, b) => a.index - b.index);
}

async function sendWrites(action: string, valid: Valid, send: Send, policy: BatchPolicy, keyOf: KeyOf): Promise<BulkResult[]> {
	const keyNames = new Map<string, string[] | undefined>();
	const units: Unit[] = [];
	async function* slices() {
		for await (const slice of valid) {
			const start = units.length;
			for (const { index, input } of slice) {
				const table = input.TableName as string;
				if (action === 'PutItem' && !keyNames.has(table)) keyNames.set(table, await keyOf(table, input.Item as Record<string, unknown>));
				const request = action === 'PutItem' ? { PutRequest: { Item: input.Item } } : { DeleteRequest: { Key: input.Key } };
				units.push({ table, group: table, request, id: writeId(table, request, keyNames.get(table)), size: wireSize(request), origin: index });
			}
			yield units.slice(start);
		}
	}
	const { outcome } = await sendUnits(writeKind({}, (t) => keyNames.get(t)), send, slices(), policy);
	return units.map((unit) => ({
		index: unit.origin,
		outcome: outcome(unit),
		unprocessed: { UnprocessedItems: { [unit.table]: [unit.request] } },
	}));
}

/** Key attributes added to a projection so a read item can be matched to its key; removed from the output. */
interface Projection {
	settings: Record<string, unknown>;
	added: string[];
}

function projectionFor(input: Record<string, unknown>): Projection {
	const { TableName: _t, Key, ...settings } = input;
	const keyNames = Object.keys(Key as object);
	const names = (settings.ExpressionAttributeNames ?? {}) as Record<string, string>;
	if (typeof settings.ProjectionExpression === 'string') {
		// The top-level attribute of each path (`a.b`, `a[0]`, `#n.b`), names from ExpressionAttributeNames resolved.
		const projected = new Set(
			settings.ProjectionExpression.split(',').map((path) => {
				const top = path.split(/[.[]/)[0].trim();
				return names[top] ?? top;
			}),
		);
		const added = keyNames.filter((k) => !projected.has(k));
		if (added.length === 0) return { settings, added };
		const aliases = Object.fromEntries(added.map((k, n) => [freeName(names, n), k]));
		return {
			settings: {
				...settings,
				ProjectionExpression: [settings.ProjectionExpression, ...Object.keys(aliases)].join(', '),
				ExpressionAttributeNames: { ...names, ...aliases },
			},
			added,
		};
	}
	if (Array.isArray(settings.AttributesToGet)) {
		const added = keyNames.filter((k) => !(settings.AttributesToGet as string[]).includes(k));
		return { settings: { ...settings, AttributesToGet: [...(settings.AttributesToGet as string[]), ...added] }, added };
	}
	return { settings, added: [] };
}

/** The n-th name placeholder for an added key attribute, one the user's ExpressionAttributeNames does not have. */
function freeName(names: Record<string, string>, n: number): string {
	let name = `#bulkKey${n}`;
	while (name in names) name = `${name}_`;
	return name;
}

async function sendGets(valid: Valid, send: Send, policy: BatchPolicy): Promise<BulkResult[]> {
	const groups = new Map<string, Record<string, unknown>>();
	const byId = new Map<string, { unit: Unit; added: string[] }>();
	const of: Array<{ index: number; id: string }> = [];
	async function* slices() {
		for await (const slice of valid) {
			const fresh: Unit[] = [];
			for (const { index, input } of slice) {
				const table = input.TableName as string;
				const { settings, added } = projectionFor(input);
				const group = `${JSON.stringify(table)}:${canonical(settings)}`;
				groups.set(group, settings);
				const key = input.Key as Record<string, unknown>;
				const id = keyId(group, key);
				// One read per key and settings: input items asking for the same item share it.
				if (!byId.has(id)) {
					const unit = { table, group, request: key, id, size: wireSize(key), origin: index };
					byId.set(id, { unit, added });
					fresh.push(unit);
				}
				of.push({ index, id });
			}
			yield fresh;
		}
	}
	const { outcome } = await sendUnits(getKind({}, groups, true), send, slices(), policy);
	return of.map(({ index, id }) => {
		const { unit, added } = byId.get(id)!;
		const o = outcome(unit);
		const result: BulkResult = { index, outcome: o, unprocessed: { UnprocessedKeys: { [unit.table]: { ...groups.get(unit.group), Keys: [unit.request] } } } };
		if (o.status === 'done' && o.value && added.length > 0) {
			const item = { ...(o.value as Record<string, unknown>) };
			for (const k of added) delete item[k];
			result.outcome = { status: 'done', value: item };
		}
		return result;
	});
}
