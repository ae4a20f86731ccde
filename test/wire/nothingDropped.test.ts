/**
 * Every place where the node reads a response to decide what was done, tested at the wire with the
 * answers AWS may give: unprocessed requests echoed in DynamoDB's own number spelling, an unprocessed
 * key that was never asked for, statements throttled one by one, a page longer than the Limit, SDK
 * retries of a transaction. In each, what DynamoDB returned reaches the output once: never dropped,
 * never doubled.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runNode } from '../helpers/n8n';
import { awsError, WireServer, type WireRequest } from '../helpers/wire';

type Json = IDataObject;
type AV = Record<string, string>;

describe('nothing DynamoDB returns is dropped or doubled (wire)', () => {
	let server: WireServer;
	beforeAll(async () => (server = await WireServer.start()));
	afterAll(async () => await server.close());

	const run = (operation: string, body: unknown, options: Json = {}, input: Json[] = [{}], continueOnFail = false) =>
		runNode({ input, credentials: server.credentials(), continueOnFail, parameters: { operation, body: typeof body === 'string' ? body : JSON.stringify(body), options: options as INodeParameters } });
	/** DynamoDB answers a number in its own spelling: `1.50` comes back as `1.5`. */
	const respell = (v: AV): AV => (v.N ? { N: String(Number(v.N)) } : v);

	it('BatchWriteItem: UnprocessedItems echoed with respelled numbers are sent again, each request processed once', async () => {
		const processed: string[] = [];
		server.answer((request) => {
			const list = (request.json as { RequestItems: { t: Array<{ PutRequest: { Item: { id: AV; v: AV } } }> } }).RequestItems.t;
			// The first call processes the first half and echoes the rest as DynamoDB spells them.
			const keep = server.requests.length === 1 ? Math.ceil(list.length / 2) : list.length;
			processed.push(...list.slice(0, keep).map((r) => String(Number(r.PutRequest.Item.id.N))));
			const left = list.slice(keep).map((r) => ({ PutRequest: { Item: { id: respell(r.PutRequest.Item.id), v: r.PutRequest.Item.v } } }));
			return { body: { UnprocessedItems: left.length ? { t: left } : {} } };
		});
		const puts = Array.from({ length: 10 }, (_, i) => ({ PutRequest: { Item: { id: { N: `${i}.50` }, v: { S: 'x' } } } }));
		const result = await run('BatchWriteItem', { RequestItems: { t: puts } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ UnprocessedItems: {} }]);
		expect(server.requests.map((r) => ((r.json as { RequestItems: { t: unknown[] } }).RequestItems.t ?? []).length)).toEqual([10, 5]);
		expect(processed.sort()).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 0.5)).sort());
	});

	it('BatchGetItem: records without their key (projection), UnprocessedKeys respelled: every record once, only the left keys asked again', async () => {
		server.answer((request) => {
			const keys = (request.json as { RequestItems: { t: { Keys: Array<{ id: AV }> } } }).RequestItems.t.Keys;
			const first = server.requests.length === 1;
			const served = first ? keys.slice(0, 1) : keys;
			const Responses = { t: served.map((k) => ({ City: { S: `city ${Number(k.id.N)}` } })) };
			const left = first ? keys.slice(1).map((k) => ({ id: respell(k.id) })) : [];
			return { body: { Responses, UnprocessedKeys: left.length ? { t: { Keys: left, ProjectionExpression: 'City' } } : {} } };
		});
		const Keys = ['1.50', '2.50', '3.50'].map((N) => ({ id: { N } }));
		const result = await run('BatchGetItem', { RequestItems: { t: { Keys, ProjectionExpression: 'City' } } }, { attributeValues: 'typed' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ City: 'city 1.5' }, { City: 'city 2.5' }, { City: 'city 3.5' }]);
		expect(server.requests.map((r) => (r.json as { RequestItems: { t: { Keys: unknown[]; ProjectionExpression: string } } }).RequestItems.t)).toEqual([
			{ Keys, ProjectionExpression: 'City' },
			{ Keys: Keys.slice(1), ProjectionExpression: 'City' },
		]);
	});

	it('BatchGetItem: an unprocessed key that was never asked for sends the call again whole, and its records are kept once', async () => {
		server.answer(() =>
			server.requests.length === 1
				? { body: { Responses: { t: [{ City: { S: 'a' } }] }, UnprocessedKeys: { t: { Keys: [{ id: { S: 'never asked' } }] } } } }
				: { body: { Responses: { t: [{ City: { S: 'a' } }, { City: { S: 'b' } }] }, UnprocessedKeys: {} } },
		);
		const result = await run('BatchGetItem', { RequestItems: { t: { Keys: [{ id: 'a' }, { id: 'b' }], ProjectionExpression: 'City' } } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ City: 'a' }, { City: 'b' }]);
		expect(server.requests).toHaveLength(2);
	});

	it('Bulk Mode GetItem: an item that matches none of the keys asked for is an error, never a silent "not found"', async () => {
		server.answer({ body: { Responses: { t: [{ id: { S: 'someone else' }, v: { S: '1' } }] }, UnprocessedKeys: {} } });
		const result = await run('GetItem', '={ "TableName": "t", "Key": { "id": "{{ $json.id }}" } }', { bulkMode: true }, [{ id: 'a' }, { id: 'b' }], true);
		expect(result.items.map((i) => JSON.stringify(i.json.error))).toEqual([expect.stringContaining('matches none of the keys'), expect.stringContaining('matches none of the keys')]);
	});

	const statementsOf = (r: WireRequest) => (r.json as { Statements: Array<{ Statement: string }> }).Statements.map((s) => s.Statement);

	it('BatchExecuteStatement: a throttled statement is sent again alone, every answer lands once at its statement', async () => {
		server.answer((request) => {
			const statements = statementsOf(request);
			const Responses = statements.map((s) =>
				server.requests.length === 1 && s.endsWith("'2'") ? { Error: { Code: 'ThrottlingError', Message: 'slow down' } } : { Item: { id: { S: s.slice(-2, -1) } } },
			);
			return { body: { Responses } };
		});
		const Statements = ['1', '2', '3'].map((id) => ({ Statement: `SELECT * FROM t WHERE id = '${id}'` }));
		const result = await run('BatchExecuteStatement', { Statements });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }]);
		expect(server.requests.map(statementsOf)).toEqual([Statements.map((s) => s.Statement), [Statements[1].Statement]]);
	});

	it('BatchExecuteStatement: an answer with fewer results than statements is an error, not answers paired with the wrong statements', async () => {
		server.answer({ body: { Responses: [{ Item: { id: { S: '1' } } }] } });
		const result = await run('BatchExecuteStatement', { Statements: [{ Statement: "SELECT * FROM t WHERE id = '1'" }, { Statement: "SELECT * FROM t WHERE id = '2'" }] });
		expect(result.error?.message).toMatch(/answered 1 results for 2 statements/);
	});

	it('a page longer than the Limit (ListTagsOfResource has no page size) comes whole, with the cursor after its last record', async () => {
		server.answer({ body: { Tags: [1, 2, 3].map((n) => ({ Key: `k${n}`, Value: 'v' })), NextToken: 'bmV4dA==' } });
		const result = await run('ListTagsOfResource', { ResourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t' }, { limit: 2 });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ Tags: [1, 2, 3].map((n) => ({ Key: `k${n}`, Value: 'v' })), NextToken: 'bmV4dA==' }]);
		expect(server.requests).toHaveLength(1);
	});

	it('TransactWriteItems retried by the SDK carries one ClientRequestToken: DynamoDB applies it once', async () => {
		server.answer((_, index) => (index === 0 ? awsError(500, 'InternalServerError', 'try again') : { body: {} }));
		const body = { TransactItems: [{ Update: { TableName: 't', Key: { id: 'c' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } }] };
		const result = await run('TransactWriteItems', body, { maxAttempts: 2 });
		expect(result.error).toBeUndefined();
		const tokens = server.requests.map((r) => (r.json as { ClientRequestToken?: string }).ClientRequestToken);
		expect(tokens).toHaveLength(2);
		expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
		expect(tokens[1]).toBe(tokens[0]);
	});
});
