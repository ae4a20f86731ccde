/**
 * Structured AWS errors at the wire: a local endpoint answers with AWS's documented error bodies,
 * the node's real SDK client receives them, and n8n shows what a user needs to act on.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { TEST_ACCESS_KEY_ID } from '../helpers/local';
import { runNode } from '../helpers/n8n';
import { recordForScan, TEST_SESSION_TOKEN } from '../helpers/secrets';
import { awsError, WireServer } from '../helpers/wire';

describe('AWS errors at the wire', () => {
	let wire: WireServer;
	beforeAll(async () => (wire = await WireServer.start()));
	afterAll(async () => await wire.close());

	it('ConditionalCheckFailedException carries the existing item (ReturnValuesOnConditionCheckFailure: ALL_OLD)', async () => {
		wire.answer({
			status: 400,
			body: {
				__type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
				message: 'The conditional request failed',
				Item: { id: { S: 'a1' }, version: { N: '7' }, tags: { SS: ['x'] }, pic: { B: 'AAEC' } },
			},
		});
		const body = '={ "TableName": "users", "Item": { "id": "a1", "version": 8 }, "ConditionExpression": "version = :v", "ExpressionAttributeValues": { ":v": 7 }, "ReturnValuesOnConditionCheckFailure": "ALL_OLD" }';
		const failed = await runNode({ input: [{}], credentials: wire.credentials(), parameters: { operation: 'PutItem', body } });
		expect(wire.requests[0].json).toMatchObject({ ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
		expect(failed.error!.message).toBe('ConditionalCheckFailedException: The conditional request failed');
		expect(failed.error!.httpCode).toBe('ConditionalCheckFailedException');
		const item = { id: 'a1', version: 7, tags: ['x'], pic: 'AAEC' };
		expect((failed.error as unknown as { errorResponse: Record<string, unknown> }).errorResponse.item).toEqual(item);

		const continued = await runNode({ input: [{}], credentials: wire.credentials(), parameters: { operation: 'PutItem', body }, continueOnFail: true });
		expect(continued.items[0].json.error).toMatchObject({ code: 'ConditionalCheckFailedException', httpStatusCode: 400, item });
		expect(continued.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('TransactionCanceledException carries CancellationReasons per action index', async () => {
		wire.answer({
			status: 400,
			body: {
				__type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
				message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
				CancellationReasons: [
					{ Code: 'None' },
					{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { id: { S: 'b' }, n: { N: '1' } } },
				],
			},
		});
		const result = await runNode({
			input: [{}],
			credentials: wire.credentials(),
			parameters: {
				operation: 'TransactWriteItems',
				body: '{ "TransactItems": [ { "Put": { "TableName": "t", "Item": { "id": "a" } } }, { "Put": { "TableName": "t", "Item": { "id": "b" }, "ConditionExpression": "attribute_not_exists(id)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD" } } ] }',
			},
			continueOnFail: true,
		});
		expect(result.items[0].json.error).toMatchObject({
			code: 'TransactionCanceledException',
			cancellationReasons: [
				{ index: 0, code: 'None' },
				{ index: 1, code: 'ConditionalCheckFailed', message: 'The conditional request failed', item: { id: 'b', n: 1 } },
			],
		});
	});

	it('throttling after the retries are spent says so, and what to change', async () => {
		wire.answer(awsError(400, 'ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded.'));
		const result = await runNode({
			input: [{}],
			credentials: wire.credentials(),
			parameters: { operation: 'GetItem', body: '{ "TableName": "t", "Key": { "id": "a" } }', options: { maxAttempts: 2 } },
		});
		// Max Attempts bounds the retries: two requests, then the failure (never retried on and on).
		expect(wire.requests).toHaveLength(2);
		expect(result.error!.message).toBe(
			'ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was exceeded. (still throttled after 2 attempts)',
		);
		expect(result.error!.description).toMatch(/^DynamoDB kept throttling this request and the retries are spent: raise the table's capacity \(or switch it to on-demand\), lower Parallel Requests, or raise Max Attempts.* HTTP 400, request id WIRE\d+REQUESTID0+$/);

		wire.answer(awsError(400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.'));
		const continued = await runNode({
			input: [{}],
			credentials: wire.credentials(),
			parameters: { operation: 'DescribeTable', body: '{ "TableName": "t" }', options: { maxAttempts: 3 } },
			continueOnFail: true,
		});
		expect(wire.requests).toHaveLength(3);
		expect(continued.items[0].json.error).toMatchObject({
			code: 'ThrottlingException',
			message: 'ThrottlingException: Rate of requests exceeds the allowed throughput. (still throttled after 3 attempts)',
			hint: expect.stringContaining('raise Max Attempts'),
		});
	});

	it('TransactWriteItems retried by the SDK keeps one ClientRequestToken (generated when the body has none)', async () => {
		wire.answer((_, index) => (index === 0 ? awsError(500, 'InternalServerError', 'try again') : { body: {} }));
		const body = '{ "TransactItems": [ { "Put": { "TableName": "t", "Item": { "id": "a" } } } ] }';
		const result = await runNode({ input: [{}], credentials: wire.credentials(), parameters: { operation: 'TransactWriteItems', body } });
		expect(result.error).toBeUndefined();
		expect(wire.requests).toHaveLength(2);
		const tokens = wire.requests.map((r) => (r.json as { ClientRequestToken?: string }).ClientRequestToken);
		expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
		expect(tokens[1]).toBe(tokens[0]);

		wire.answer((_, index) => (index === 0 ? awsError(500, 'InternalServerError', 'try again') : { body: {} }));
		const own = await runNode({
			input: [{ order: 42 }],
			credentials: wire.credentials(),
			parameters: { operation: 'TransactWriteItems', body: '={ "ClientRequestToken": "order-{{ $json.order }}", "TransactItems": [ { "Put": { "TableName": "t", "Item": { "id": "a" } } } ] }' },
		});
		expect(own.error).toBeUndefined();
		expect(wire.requests.map((r) => (r.json as { ClientRequestToken?: string }).ClientRequestToken)).toEqual(['order-42', 'order-42']);
	});

	it('ResourceNotFoundException names the table and where it was looked for, with AWS\'s own words (n8n would call it a wrong host)', async () => {
		wire.answer(awsError(400, 'ResourceNotFoundException', 'Requested resource not found: Table: nope not found'));
		const credentials = wire.credentials();
		const result = await runNode({ input: [{}], credentials, parameters: { operation: 'DescribeTable', body: '{ "TableName": "nope" }' } });
		expect(result.error!.message).toBe(`Table "nope": not found in region us-east-1 at endpoint ${String(credentials.endpoint)} (ResourceNotFoundException)`);
		expect(result.error!.httpCode).toBe('ResourceNotFoundException');
		expect(result.error!.description).toMatch(/^DynamoDB answered: Requested resource not found: Table: nope not found\. Check the table name, and the credential's Region and Endpoint URL\. HTTP 400, request id /);
		// Batch requests name every table they asked for.
		wire.answer(awsError(400, 'ResourceNotFoundException', 'Requested resource not found'));
		const batch = await runNode({ input: [{}], credentials, parameters: { operation: 'BatchGetItem', body: '{ "RequestItems": { "a": { "Keys": [{ "id": "1" }] }, "b": { "Keys": [{ "id": "2" }] } } }' } });
		expect(batch.error!.message).toMatch(/^Tables "a", "b": not found in region us-east-1/);
	});

	it('an endpoint that echoes the request headers in its errors cannot make the node show the keys', async () => {
		// The Authorization header holds the access key id; X-Amz-Security-Token the session token.
		wire.answer((request) => awsError(400, 'ValidationException', `bad request; headers were ${JSON.stringify(request.headers)}`));
		const credentials = { ...wire.credentials(), sessionToken: TEST_SESSION_TOKEN };
		const body = '{ "TableName": "t", "Key": { "id": "a" } }';
		const failed = await runNode({ input: [{}], credentials, parameters: { operation: 'GetItem', body } });
		expect(wire.requests[0].headers.authorization).toContain(TEST_ACCESS_KEY_ID);
		expect(wire.requests[0].headers['x-amz-security-token']).toBe(TEST_SESSION_TOKEN);
		expect(failed.error!.message).toContain('headers were');
		// The access key id is not a secret (AWS prints it in its own errors); the session token is.
		expect(failed.error!.message).toContain(`Credential=${TEST_ACCESS_KEY_ID}/`);
		expect(failed.error!.message).toContain('"x-amz-security-token":"***"');
		expect(failed.error!.message).not.toContain(TEST_SESSION_TOKEN);
		const continued = await runNode({ input: [{}], credentials, parameters: { operation: 'GetItem', body }, continueOnFail: true });
		expect(JSON.stringify(continued.items)).toContain('"x-amz-security-token\\":\\"***\\"');

		// The credential dialog's message too.
		const node = new DynamoDb();
		const test = node.methods.credentialTest.dynamoDbApiTest;
		const dialog = await test.call({} as ICredentialTestFunctions, { id: 'c', name: 'c', type: 'dynamoDbApi', data: credentials } as unknown as ICredentialsDecrypted);
		recordForScan('credential test (echoing endpoint)', dialog);
		expect(dialog.status).toBe('Error');
		expect(dialog.message).toContain(`Credential=${TEST_ACCESS_KEY_ID}/`);
		expect(dialog.message).not.toContain(TEST_SESSION_TOKEN);
	});
});
