import { runNode } from '../helpers/n8n';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../helpers/local';
import { WireServer, type WireRequest } from '../helpers/wire';
import { wireCases } from './cases';

/** What every request of the node must look like on the wire: AWS JSON 1.0, signed with SigV4. */
function expectSignedDynamoDbRequest(request: WireRequest, action: string) {
	expect(request.method).toBe('POST');
	expect(request.path).toBe('/');
	expect(request.headers['x-amz-target']).toBe(`DynamoDB_20120810.${action}`);
	expect(request.headers['content-type']).toBe('application/x-amz-json-1.0');
	expect(request.headers.authorization).toMatch(
		new RegExp(`^AWS4-HMAC-SHA256 Credential=${TEST_ACCESS_KEY_ID}/\\d{8}/us-east-1/dynamodb/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}$`),
	);
	expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
	expect(request.text).not.toContain(TEST_SECRET_ACCESS_KEY);
}

describe('control-plane operations at the wire (the SDK’s real signed requests)', () => {
	let server: WireServer;
	beforeAll(async () => {
		server = await WireServer.start();
	});
	afterAll(async () => {
		await server.close();
	});

	it('has one case per action', () => {
		const actions = wireCases.map((c) => c.action);
		expect(new Set(actions).size).toBe(actions.length);
	});

	it.each(wireCases.map((c) => [c.action, c.title, c] as const))('%s %s', async (action, _title, c) => {
		server.answer({ body: c.response });
		const input = c.input ?? [{}];
		const result = await runNode({
			input,
			credentials: server.credentials(),
			parameters: { operation: action, body: c.body },
		});
		expect(result.error).toBeUndefined();

		// One request per input item, nothing more (no endpoint discovery, no retries).
		expect(server.requests).toHaveLength(input.length);
		for (const request of server.requests) {
			expectSignedDynamoDbRequest(request, action);
			expect(request.json).toEqual(c.wire);
		}

		expect(result.items.map((i) => i.json)).toEqual(c.output);
		expect(result.items.map((i) => i.pairedItem)).toEqual(c.output.map(() => ({ item: 0 })));
		for (const item of result.items) expect(JSON.stringify(item.json)).not.toContain('$metadata');
	});
});
