/** DynamoDB Local, started by test/globalSetup.js: credentials for the node and a raw SDK client. */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

// Test secrets: a suite-wide check searches every output and error for them.
export const TEST_ACCESS_KEY_ID = 'AKIATESTLOCAL0000001';
export const TEST_SECRET_ACCESS_KEY = 'tEsT/sEcReT+kEy/for/dynamodb/local/0001';

export function localEndpoint(): string {
	const endpoint = process.env.DYNAMODB_LOCAL_ENDPOINT;
	if (!endpoint) throw new Error('DynamoDB Local is not running (test/globalSetup.js starts it)');
	return endpoint;
}

export function localCredentials(endpoint = localEndpoint()) {
	return { region: 'us-east-1', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY, endpoint };
}

export function rawClient(endpoint = localEndpoint()): DynamoDBClient {
	return new DynamoDBClient({
		region: 'us-east-1',
		endpoint,
		credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
	});
}

let counter = 0;
/** A fresh table name, so tests never see each other's data. */
export function uniqueTable(prefix = 't'): string {
	return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
}

/** A table keyed by `id` (string), optionally with a numeric sort key `sk`. */
export async function createTable(client: DynamoDBClient, name: string, withSortKey = false): Promise<string> {
	await client.send(
		new CreateTableCommand({
			TableName: name,
			AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, ...(withSortKey ? [{ AttributeName: 'sk', AttributeType: 'N' as const }] : [])],
			KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, ...(withSortKey ? [{ AttributeName: 'sk', KeyType: 'RANGE' as const }] : [])],
			BillingMode: 'PAY_PER_REQUEST',
		}),
	);
	return name;
}
