/** What scripts/e2e.js started (n8n, DynamoDB Local, imported workflows), for the e2e tests. */
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import fs from 'node:fs';

export interface E2eState {
	n8nUrl: string;
	dynamoEndpoint: string;
	workflows: Record<string, { id: string; file: string; nodes: { id: string; name: string; type: string }[] }>;
	manual: Record<string, string>;
	n8nLog: string;
	runDir: string;
	root: string;
	/** n8n's owner account (its session cookie authenticates REST calls). */
	owner: { email: string; password: string; cookie: string };
	/** POST <control>/stop, <control>/start: stops and starts n8n (same port, same database). */
	control: string;
}

export function state(): E2eState {
	const file = process.env.E2E_STATE;
	if (!file) throw new Error('Run the e2e with `npm run test:e2e` (scripts/e2e.js starts n8n and DynamoDB Local).');
	return JSON.parse(fs.readFileSync(file, 'utf8')) as E2eState;
}

export function rawClient(): DynamoDBClient {
	return new DynamoDBClient({
		region: 'us-east-1',
		endpoint: state().dynamoEndpoint,
		credentials: { accessKeyId: 'AKIAE2ELOCAL00000001', secretAccessKey: 'e2e/secret/for/dynamodb/local' },
	});
}

/** Every item of a table, typed (as DynamoDB stores it), sorted by its JSON. */
export async function scanTyped(client: DynamoDBClient, table: string): Promise<Record<string, AttributeValue>[]> {
	const items: Record<string, AttributeValue>[] = [];
	let start: Record<string, AttributeValue> | undefined;
	do {
		const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
		items.push(...(page.Items ?? []));
		start = page.LastEvaluatedKey;
	} while (start);
	return items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export async function scanPlain(client: DynamoDBClient, table: string) {
	return (await scanTyped(client, table)).map((item) => unmarshall(item));
}

export async function postJson(path: string, body: unknown): Promise<{ status: number; text: string; json: any }> {
	const response = await fetch(`${state().n8nUrl}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {}
	return { status: response.status, text, json };
}

/** The last lines of n8n's log, to explain a failed check. */
export function n8nLogTail(lines = 60): string {
	return fs.readFileSync(state().n8nLog, 'utf8').split('\n').slice(-lines).join('\n');
}
