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
	/** Forgets the tables' key names: the next execution asks DynamoDB again. */
	forget(tables: Iterable<string>): void;
}

export function keySchemas(client: DynamoDBClient): KeySchemas {
	let known = cached.get(client);
	if (!known) cached.set(client, (known = new Map()));
	const tables = known;
	const describe = sender(client, 'DescribeTable');
	return {
		async of(table, item) {
			const hit = tables.get(table);
			// An item without one of the cached key attributes is a sign of a table created anew with other keys.
			if (hit && Date.now() - hit.at < KEY_SCHEMA_TTL_MS && (!item || !hit.names || hit.names.every((n) => n in item))) return hit.names;
			let names: string[] | undefined;
			try {
				const { Table } = (await describe({ TableName: table })) as { Table?: { KeySchema?: Array<{ AttributeName?: string }> } };
				names = Table?.KeySchema?.map((k) => k.AttributeName!);
			} catch {
				names = undefined; // No DescribeTable permission: writes of one key can still not share a call (see batch/writes.ts).
			}
			tables.set(table, { names, at: Date.now() });
			return names;
		},
		forget(names) {
			for (const table of names) tables.delete(table);
		},
	};
}
