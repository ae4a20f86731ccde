/**
 * Issue 10: records read with a projection that leaves out the key reach the output (BatchGetItem,
 * Bulk Mode GetItem, TransactGetItems), exactly as projected. DynamoDB Local.
 */
import { BatchWriteItemCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { rawClient, uniqueTable } from '../helpers/local';
import { jsonOf, run } from './support';

describe('reads whose projection leaves out the key', () => {
	const client = rawClient();
	let cities: string;
	let scores: string;
	beforeAll(async () => {
		cities = uniqueTable('cities');
		scores = uniqueTable('scores');
		const table = (TableName: string, type: 'S' | 'N') =>
			new CreateTableCommand({
				TableName,
				AttributeDefinitions: [{ AttributeName: 'Id', AttributeType: type }],
				KeySchema: [{ AttributeName: 'Id', KeyType: 'HASH' }],
				BillingMode: 'PAY_PER_REQUEST',
			});
		await client.send(table(cities, 'S'));
		await client.send(table(scores, 'N'));
		await client.send(
			new BatchWriteItemCommand({
				RequestItems: {
					[cities]: [
						{ PutRequest: { Item: { Id: { S: '1' }, City: { S: 'Lisbon' }, Country: { S: 'PT' } } } },
						{ PutRequest: { Item: { Id: { S: '2' }, City: { S: 'Oslo' }, Country: { S: 'NO' } } } },
					],
					[scores]: [{ PutRequest: { Item: { Id: { N: '1.5' }, score: { N: '7' } } } }],
				},
			}),
		);
	});
	afterAll(() => client.destroy());

	const issueBody = () => JSON.stringify({ RequestItems: { [cities]: { Keys: [{ Id: { S: '1' } }, { Id: { S: '2' } }], ProjectionExpression: 'City' } }, ReturnConsumedCapacity: 'TOTAL' });

	it('BatchGetItem with ProjectionExpression "City" gives both records (the body of the issue), Simplify on', async () => {
		const out = jsonOf(await run('BatchGetItem', issueBody()));
		expect(out.sort((a, b) => String(a.City).localeCompare(String(b.City)))).toEqual([{ City: 'Lisbon' }, { City: 'Oslo' }]);
	});

	it('… and Simplify off, with the consumed capacity', async () => {
		const [out] = jsonOf(await run('BatchGetItem', issueBody(), { simplify: false }));
		expect((out.Responses as Record<string, unknown[]>)[cities]).toHaveLength(2);
		expect(out.UnprocessedKeys).toEqual({});
		expect(out.ConsumedCapacity).toEqual([expect.objectContaining({ TableName: cities })]);
	});

	it('Bulk Mode GetItem: the key is asked for under a name that cannot clash with the body’s own, then removed; numbers in any spelling', async () => {
		const body = `={ "TableName": "${scores}", "Key": { "Id": {{ $json.id }} }, "ProjectionExpression": "#bulkKey0", "ExpressionAttributeNames": { "#bulkKey0": "score" } }`;
		const out = jsonOf(await run('GetItem', body, { bulkMode: true, attributeValues: 'typed', notFound: 'empty' }, [{ id: { N: '1.50' } }, { id: { N: '015e-1' } }, { id: { N: '2' } }]));
		expect(out).toEqual([{ score: 7 }, { score: 7 }, {}]);
	});

	it('TransactGetItems: one item per Get, in order, as projected', async () => {
		const get = (id: string) => ({ Get: { TableName: cities, Key: { Id: id }, ProjectionExpression: 'Country' } });
		expect(jsonOf(await run('TransactGetItems', JSON.stringify({ TransactItems: [get('2'), get('nope'), get('1')] })))).toEqual([{ Country: 'NO' }, {}, { Country: 'PT' }]);
	});
});
