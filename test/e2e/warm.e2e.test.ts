/**
 * Warm clients in a real n8n: 200 webhook calls (Webhook → DynamoDB PutItem), DynamoDB Local reached
 * over TLS through a local proxy that counts the TLS connections n8n opens. Asserted: the count (one
 * connection for all 200, where a client per execution opened 200). The added latency over a
 * Webhook → No Op floor is written to .e2e/warm.json for the closing note; timings are the bench's job.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startTlsProxy, type Certificate, type TlsProxy } from '../../scripts/tlsProxy';
import { n8nLogTail, postJson, rawClient, scanPlain, state } from './helpers';

const CALLS = 200;
const TABLE = 'webhook_warm';
const client = rawClient();
let proxy: TlsProxy;

/** n8n's REST API as the signed-in owner (what the editor does). */
async function rest(method: string, route: string, body?: unknown): Promise<any> {
	const { n8nUrl, owner } = state() as unknown as { n8nUrl: string; owner: { cookie: string } };
	const response = await fetch(`${n8nUrl}/rest${route}`, { method, headers: { cookie: owner.cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /rest${route}: HTTP ${response.status} ${text}`);
	return JSON.parse(text).data;
}

/** A workflow Webhook (answers when the last node is done) → `node`, created and published. */
async function publishWebhook(name: string, webhookPath: string, node: Record<string, unknown>) {
	const webhook = { id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', options: {} } };
	const workflow = await rest('POST', '/workflows', {
		name,
		nodes: [webhook, { id: randomUUID(), position: [220, 0], typeVersion: 1, ...node }],
		connections: { Webhook: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	});
	// Published as the editor's Publish button does (scripts/e2e.js publish): the current version activated.
	const { versionId } = await rest('GET', `/workflows/${workflow.id}`);
	await rest('POST', `/workflows/${workflow.id}/activate`, { versionId });
}

/** A webhook call; until the webhook is registered (n8n may publish after the activation call returns), asked again. */
async function call(webhookPath: string, body: unknown) {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const response = await postJson(`/webhook/${webhookPath}`, body);
		if (response.status !== 404 || !response.text.includes('is not registered') || Date.now() > deadline) return response;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** `CALLS` webhook calls one after the other; resolves to the median time per call in ms. */
async function callSequentially(webhookPath: string): Promise<number> {
	const times: number[] = [];
	for (let n = 0; n < CALLS; n++) {
		const start = performance.now();
		const response = await call(webhookPath, { id: `w-${n}` });
		times.push(performance.now() - start);
		if (response.status !== 200) throw new Error(`call ${n}: HTTP ${response.status} ${response.text}\n--- n8n log ---\n${n8nLogTail()}`);
	}
	return times.sort((a, b) => a - b)[CALLS >> 1];
}

beforeAll(async () => {
	const { dynamoEndpoint, tls } = state() as unknown as { dynamoEndpoint: string; tls: Certificate };
	proxy = await startTlsProxy(dynamoEndpoint, tls);
	await client.send(
		new CreateTableCommand({ TableName: TABLE, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
	);
	const credential = await rest('POST', '/credentials', {
		name: 'DynamoDB Local over TLS (e2e)',
		type: 'dynamoDbApi',
		data: { region: 'us-east-1', accessKeyId: 'AKIAE2ELOCAL00000001', secretAccessKey: 'e2e/secret/for/dynamodb/local', endpoint: proxy.endpoint },
	});
	await publishWebhook('Warm: webhook → PutItem over TLS', 'warm-put', {
		name: 'Put',
		type: 'n8n-nodes-dynamodb.dynamoDb',
		parameters: { operation: 'PutItem', body: `={ "TableName": "${TABLE}", "Item": { "id": "{{ $json.body.id }}" } }`, options: {} },
		credentials: { dynamoDbApi: { id: credential.id, name: credential.name } },
	});
	await publishWebhook('Warm: webhook → No Op (floor)', 'warm-floor', { name: 'No Op', type: 'n8n-nodes-base.noOp', parameters: {} });
});

afterAll(async () => {
	client.destroy();
	await proxy?.close();
});

describe('warm clients in n8n', () => {
	it(`${CALLS} webhook calls that each put an item open one TLS connection, not one per call`, async () => {
		const floorMs = await callSequentially('warm-floor');
		proxy.reset();
		const putMs = await callSequentially('warm-put');
		const connections = proxy.connections();
		fs.writeFileSync(path.join(state().runDir, 'warm.json'), JSON.stringify({ calls: CALLS, connections, floorMs, putMs, addedMs: putMs - floorMs }, null, 2));
		console.log(`${CALLS} webhook calls: ${connections} TLS connection(s); median per call ${putMs.toFixed(1)} ms against ${floorMs.toFixed(1)} ms for Webhook → No Op (+${(putMs - floorMs).toFixed(1)} ms)`);
		expect((await scanPlain(client, TABLE)).map((item) => item.id).sort()).toEqual(Array.from({ length: CALLS }, (_, n) => `w-${n}`).sort());
		expect(connections).toBe(1);
	});
});
