/** Helpers shared by the integration tests: registry examples, node runs, stored items as JSON. */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { prefilledBody } from '../../nodes/DynamoDb/operations/prefilled';
import { getOperation } from '../../nodes/DynamoDb/operations/registry';
import { localCredentials } from '../helpers/local';
import { runNode, type RunResult } from '../helpers/n8n';

/**
 * The body the editor prefills for the operation (Expression mode, comment lines and all), with the
 * table `users` renamed; a one-table operation's TableName (left to the Table option) written back in.
 */
export function exampleBody(action: string, table: string): string {
	const operation = getOperation(action);
	const text = prefilledBody(operation).replace(/\busers\b/g, table);
	return operation.table ? text.replace(/^=\{/, `={\n  "TableName": ${JSON.stringify(table)},`) : text;
}

/** Runs the DynamoDB node once in n8n-core's engine against DynamoDB Local. */
export function run(
	operation: string,
	body: string,
	options: IDataObject = {},
	input: IDataObject[] = [{}],
	extra: { continueOnFail?: boolean; endpoint?: string } = {},
): Promise<RunResult> {
	const parameters = { operation, body, options } as INodeParameters;
	return runNode({ input, parameters, credentials: localCredentials(extra.endpoint), continueOnFail: extra.continueOnFail });
}

/** Output items' JSON, after asserting the run did not fail. */
export function jsonOf(result: RunResult): IDataObject[] {
	if (result.error) throw new Error(`the node failed: ${result.error.message}`);
	return result.items.map((i) => i.json);
}

/** A typed DynamoDB item as JSON: bytes as base64, set members sorted (DynamoDB does not keep set order). */
export function typedJson(value: unknown): unknown {
	if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
	if (Array.isArray(value)) return value.map(typedJson);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			if (v === undefined) continue;
			out[k] = (k === 'SS' || k === 'NS' || k === 'BS') && Array.isArray(v) ? (typedJson(v) as string[]).slice().sort() : typedJson(v);
		}
		return out;
	}
	return value;
}

export async function storedItem(client: DynamoDBClient, table: string, key: Record<string, AttributeValue>) {
	const { Item } = await client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }));
	return Item;
}

export async function scanAll(client: DynamoDBClient, table: string): Promise<Record<string, AttributeValue>[]> {
	const items: Record<string, AttributeValue>[] = [];
	let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
	do {
		const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey, ConsistentRead: true }));
		items.push(...(page.Items ?? []));
		ExclusiveStartKey = page.LastEvaluatedKey;
	} while (ExclusiveStartKey);
	return items;
}

/** How many items the table holds (a consistent, paginated Scan with Select COUNT). */
export async function countItems(client: DynamoDBClient, table: string): Promise<number> {
	let total = 0;
	let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
	do {
		const page = await client.send(new ScanCommand({ TableName: table, Select: 'COUNT', ExclusiveStartKey, ConsistentRead: true }));
		total += page.Count ?? 0;
		ExclusiveStartKey = page.LastEvaluatedKey;
	} while (ExclusiveStartKey);
	return total;
}
