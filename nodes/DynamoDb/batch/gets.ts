import type { Send } from '../transport/send';
import type { BulkItems, BulkSent } from './bulkTypes';
import { split, type BatchKind, type BatchPolicy, type Outcome } from './call';
import { UnmatchedRecordError } from './errors';
import { canonical, keyId, pick } from './identity';
import { acceptOrRaise, mergeMeta } from './response';
import { sendUnits } from './sendUnits';
import { wireSize, type Unit } from './units';

/**
 * BatchGetItem: keys grouped by table (one settings group per table and call); UnprocessedKeys sent
 * again. A call's records are its answer as they came (`answer`: the projection may leave out the
 * key, so nothing is matched or dropped); with `pair` (Bulk Mode, whose projection always holds the
 * key) each record is also the value of the unit whose key it has, and a record with no unit is an error.
 */
export function getKind(shared: Record<string, unknown>, groups: Map<string, Record<string, unknown>>, pair = false): BatchKind {
	return {
		max: 100,
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

/** A BatchGetItem request of any size: one response with every record once and what is left in UnprocessedKeys. */
export async function sendGetRequests(send: Send, requests: unknown, shared: Record<string, unknown>, policy: BatchPolicy, accept: boolean) {
	const requestItems = (requests ?? {}) as Record<string, Record<string, unknown>>;
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
	return acceptOrRaise(output, 'UnprocessedKeys', units.length, accept, policy);
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

/**
 * Bulk Mode reads (GetItem): each input item's key becomes one key of a BatchGetItem call, its read
 * settings the call's settings for its table. Input items asking for the same item with the same
 * settings share one read.
 */
export async function bulkGets(items: BulkItems, send: Send, policy: BatchPolicy): Promise<BulkSent> {
	const groups = new Map<string, Record<string, unknown>>();
	const byId = new Map<string, { unit: Unit; added: string[] }>();
	const of: Array<{ index: number; id: string }> = [];
	async function* slices() {
		for await (const slice of items) {
			const fresh: Unit[] = [];
			for (const { index, input } of slice) {
				const table = input.TableName as string;
				const { settings, added } = projectionFor(input);
				const group = `${JSON.stringify(table)}:${canonical(settings)}`;
				groups.set(group, settings);
				const key = input.Key as Record<string, unknown>;
				const id = keyId(group, key);
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
	return {
		results: of.map(({ index, id }) => {
			const { unit, added } = byId.get(id)!;
			return { index, outcome: withoutAdded(outcome(unit), added), unit };
		}),
		unprocessed: (unit) => ({ UnprocessedKeys: { [unit.table]: { ...groups.get(unit.group), Keys: [unit.request] } } }),
	};
}

/** The item read, without the key attributes added to its projection. */
function withoutAdded(outcome: Outcome, added: string[]): Outcome {
	if (outcome.status !== 'done' || !outcome.value || added.length === 0) return outcome;
	const item = { ...(outcome.value as Record<string, unknown>) };
	for (const k of added) delete item[k];
	return { status: 'done', value: item };
}
