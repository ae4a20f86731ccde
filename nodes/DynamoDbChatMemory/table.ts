/**
 * The table is checked before this node reads or writes it: a table keyed by the session alone
 * would take every message of a session as a new version of one item (each write replacing the
 * last), so a key schema that does not fit is an error before anything is written, not a surprise
 * after. DescribeTable answers are kept per warm client for a few minutes (a key schema never
 * changes in place; a table deleted and created anew is noticed at the next check or failure).
 */
import type { DynamoDBClient, TableDescription } from '@aws-sdk/client-dynamodb';
import { sender } from '../DynamoDb/transport/send';
import { ChatMemoryError } from './errors';
import type { Attributes } from './layout';

export const TABLE_CHECK_TTL_MS = 5 * 60_000;

const checked = new WeakMap<DynamoDBClient, Map<string, number>>();

/**
 * Rejects with a ChatMemoryError that says what to do when `table` is missing or keyed otherwise.
 * Nothing to wait for (undefined) while an earlier check is fresh: each turn's reads and writes skip it.
 */
export function checkTable(client: DynamoDBClient, table: string, attributes: Attributes): Promise<void> | undefined {
	let tables = checked.get(client);
	if (!tables) checked.set(client, (tables = new Map()));
	const key = `${table}\0${attributes.session}\0${attributes.message}`;
	const at = tables.get(key);
	if (at !== undefined && Date.now() - at < TABLE_CHECK_TTL_MS) return undefined;
	return describe(client, table, attributes, tables, key);
}

async function describe(client: DynamoDBClient, table: string, attributes: Attributes, tables: Map<string, number>, key: string): Promise<void> {
	let description: TableDescription | undefined;
	try {
		description = ((await sender(client, 'DescribeTable')({ TableName: table })) as { Table?: TableDescription }).Table;
	} catch (error) {
		if ((error as Error).name === 'ResourceNotFoundException') throw missingTable(table, attributes);
		if ((error as Error).name === 'AccessDeniedException') {
			throw new ChatMemoryError(
				`DynamoDB Chat Memory could not check the key schema of table "${table}": the credential may not call dynamodb:DescribeTable`,
				'Allow dynamodb:DescribeTable, dynamodb:Query and dynamodb:BatchWriteItem on the table (docs/chat-memory.md › Permissions). The check keeps a table keyed by the session alone from overwriting each message with the next.',
			);
		}
		throw error;
	}
	const wrong = keyMismatch(description, attributes);
	if (wrong) throw new ChatMemoryError(`Table "${table}" does not fit DynamoDB Chat Memory: ${wrong}`, fixFor(table, attributes));
	tables.set(key, Date.now());
}

/** Forgets what was checked about `table` (after a failure that may mean it changed). */
export function forgetTable(client: DynamoDBClient, table: string): void {
	const tables = checked.get(client);
	for (const key of [...(tables?.keys() ?? [])]) if (key.startsWith(`${table}\0`)) tables!.delete(key);
}

function keyMismatch(table: TableDescription | undefined, attributes: Attributes): string | undefined {
	const keys = table?.KeySchema ?? [];
	const type = (name: string) => table?.AttributeDefinitions?.find((d) => d.AttributeName === name)?.AttributeType;
	const partition = keys.find((k) => k.KeyType === 'HASH')?.AttributeName;
	const sort = keys.find((k) => k.KeyType === 'RANGE')?.AttributeName;
	const has = `its key is ${partition} (${type(partition ?? '')}, partition)${sort ? ` + ${sort} (${type(sort)}, sort)` : ' with no sort key'}`;
	const needs = `it needs the partition key ${attributes.session} (string) and the sort key ${attributes.message} (string)`;
	if (partition !== attributes.session || sort !== attributes.message || type(partition) !== 'S' || type(sort) !== 'S') return `${has}; ${needs}`;
	return undefined;
}

function fixFor(table: string, attributes: Attributes): string {
	return (
		`If the table's own keys are strings, set Options › Session ID Attribute and Message ID Attribute to their names. ` +
		`Otherwise use a table made for the chat memory, e.g. created with the DynamoDB node's Create Table:\n${createTableBody(table, attributes)}`
	);
}

function missingTable(table: string, attributes: Attributes): ChatMemoryError {
	return new ChatMemoryError(
		`Table "${table}" does not exist (in this credential's account and region)`,
		`Create it with the DynamoDB node, operation Create Table, body:\n${createTableBody(table, attributes)}\n` +
			`then, for Message TTL, operation Update Time To Live, body:\n${JSON.stringify({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: attributes.ttl } }, null, 2)}`,
	);
}

/** The CreateTable body for a chat memory table with these attribute names (on-demand capacity). */
export function createTableBody(table: string, attributes: Attributes): string {
	return JSON.stringify(
		{
			TableName: table,
			AttributeDefinitions: [
				{ AttributeName: attributes.session, AttributeType: 'S' },
				{ AttributeName: attributes.message, AttributeType: 'S' },
			],
			KeySchema: [
				{ AttributeName: attributes.session, KeyType: 'HASH' },
				{ AttributeName: attributes.message, KeyType: 'RANGE' },
			],
			BillingMode: 'PAY_PER_REQUEST',
		},
		null,
		2,
	);
}
