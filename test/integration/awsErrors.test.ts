/** Structured AWS errors from a real DynamoDB Local: conditional checks and cancelled transactions. */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode } from '../helpers/n8n';

describe('AWS errors from DynamoDB Local', () => {
	const client = rawClient();
	let table: string;
	beforeAll(async () => {
		table = await createTable(client, uniqueTable('err'));
		await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'a' }, version: { N: '1' }, name: { S: 'Ada' } } }));
	});
	afterAll(() => client.destroy());

	it('ConditionalCheckFailedException: code, status, request id, and the existing item when asked for', async () => {
		const body = `={ "TableName": "${table}", "Item": { "id": "a", "version": 2 }, "ConditionExpression": "version = :v", "ExpressionAttributeValues": { ":v": {{ $json.expected }} }, "ReturnValuesOnConditionCheckFailure": "ALL_OLD" }`;
		const result = await runNode({ input: [{ expected: 5 }], credentials: localCredentials(), parameters: { operation: 'PutItem', body }, continueOnFail: true });
		const error = result.items[0].json.error as Record<string, unknown>;
		expect(error).toMatchObject({ code: 'ConditionalCheckFailedException', message: expect.stringMatching(/^ConditionalCheckFailedException: /), httpStatusCode: 400 });
		expect(error.requestId).toEqual(expect.any(String));
		// DynamoDB Local 1.25 does return the item (real DynamoDB does too; test/wire/awsErrors.test.ts checks the wire form).
		expect(error.item).toEqual({ id: 'a', version: 1, name: 'Ada' });
		const stored = await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'a' } } }));
		expect(stored.Item!.version).toEqual({ N: '1' });
	});

	it('TransactionCanceledException: a reason per action index, nothing applied', async () => {
		const body = `{ "TransactItems": [
			{ "Put": { "TableName": "${table}", "Item": { "id": "t1" } } },
			{ "Put": { "TableName": "${table}", "Item": { "id": "a", "version": 9 }, "ConditionExpression": "attribute_not_exists(id)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD" } },
			{ "Update": { "TableName": "${table}", "Key": { "id": "t3" }, "UpdateExpression": "SET n = :n", "ExpressionAttributeValues": { ":n": 1 } } },
		] }`;
		const result = await runNode({ input: [{}], credentials: localCredentials(), parameters: { operation: 'TransactWriteItems', body }, continueOnFail: true });
		const error = result.items[0].json.error as { code: string; cancellationReasons: Array<Record<string, unknown>> };
		expect(error.code).toBe('TransactionCanceledException');
		expect(error.cancellationReasons).toHaveLength(3);
		expect(error.cancellationReasons[0]).toEqual({ index: 0, code: 'None' });
		expect(error.cancellationReasons[1]).toMatchObject({ index: 1, code: 'ConditionalCheckFailed', item: { id: 'a', version: 1, name: 'Ada' } });
		expect(error.cancellationReasons[2]).toEqual({ index: 2, code: 'None' });
		for (const id of ['t1', 't3']) {
			expect((await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } } }))).Item).toBeUndefined();
		}

		// Without Continue On Fail: the reasons are on the error n8n shows.
		const failed = await runNode({ input: [{}], credentials: localCredentials(), parameters: { operation: 'TransactWriteItems', body } });
		expect(failed.error!.message).toMatch(/^TransactionCanceledException: /);
		expect((failed.error as unknown as { errorResponse: { cancellationReasons: unknown[] } }).errorResponse.cancellationReasons).toHaveLength(3);
	});

	it('a ClientRequestToken makes a retried TransactWriteItems idempotent', async () => {
		const body = `={ "ClientRequestToken": "order-{{ $json.order }}", "TransactItems": [ { "Update": { "TableName": "${table}", "Key": { "id": "counter" }, "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": { ":one": 1 } } } ] }`;
		// The same input twice (a retried execution): the second is recognised and not applied again.
		const result = await runNode({ input: [{ order: 42 }, { order: 42 }], credentials: localCredentials(), parameters: { operation: 'TransactWriteItems', body } });
		expect(result.error).toBeUndefined();
		const stored = await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'counter' } } }));
		expect(stored.Item!.n).toEqual({ N: '1' });
	});
});
