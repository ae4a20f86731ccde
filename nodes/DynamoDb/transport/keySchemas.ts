import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sender } from './send';

/**
 * How long a table's key schema (DescribeTable) is reused by later executions on the same warm
 * client. A key schema never changes in place: only a table deleted and created again under the
 * same name has a new one, and that is noticed sooner: an item without a cached key attribute, or a
 * batch call refused as invalid (run/bulkMode.ts), makes the next look-up ask DynamoDB again. One minute keeps
 * DescribeTable to one call a minute per table however many Bulk Mode executions run.
 */
export const KEY_SCHEMA_TTL_MS = 60_000;

interface Known {
	/** The key attribute names; undefined when DescribeTable could not tell (no permission, no table). */
	names: string[] | undefined;
	at: number;
}

/** Per client: a cache that lives and dies with the client, and is never shared by another credential. */
const cached = new WeakMap<DynamoDBClient, Map<string, Known>>();

export interface KeySchemas {
	/** The key attribute names of `table`; cached ones only while fresh and when every one is in `item`. */
	of(table: string, item?: Record<string, unknown>): Promise<string[] | undefined>;
	/**
	 * The key attribute names of `table`, which the request cannot go without (Update From Input, Key
	 * From Input): like `of`, but DescribeTable's failure (no permission, no table) is the error.
	 */
	need(table: string, item?: Record<string, unknown>): Promise<string[]>;
	/** Forgets the tables' key names: the next execution asks DynamoDB again. */
	forget(tables: Iterable<string>): void;
}

export function keySchemas(client: DynamoDBClient): KeySchemas {
	let known = cached.get(client);
	if (!known) cached.set(client, (known = new Map()));
	const tables = known;
	const describe = sender(client, 'DescribeTable');
	const fresh = (table: string, item?: Record<string, unknown>) => {
		const hit = tables.get(table);
		// An item without one of the cached key attributes is a sign of a table created anew with other keys.
		return hit && Date.now() - hit.at < KEY_SCHEMA_TTL_MS && (!item || !hit.names || hit.names.every((n) => n in item)) ? hit : undefined;
	};
	const ask = async (table: string) => {
		const { Table } = (await describe({ TableName: table })) as { Table?: { KeySchema?: Array<{ AttributeName?: string }> } };
		const names = Table?.KeySchema?.map((k) => k.AttributeName!);
		tables.set(table, { names, at: Date.now() });
		return names;
	};
	return {
		async of(table, item) {
			const hit = fresh(table, item);
			if (hit) return hit.names;
			try {
				return await ask(table);
			} catch {
				tables.set(table, { names: undefined, at: Date.now() });
				return undefined; // No DescribeTable permission: writes of one key can still not share a call (see batch/writes.ts).
			}
		},
		async need(table, item) {
			const names = fresh(table, item)?.names ?? (await ask(table));
			if (!names?.length) throw new Error(`DescribeTable gave no key schema for table ${JSON.stringify(table)}`);
			return names;
		},
		forget(names) {
			for (const table of names) tables.delete(table);
		},
	};
}
