import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { runNode } from '../helpers/n8n';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';

describe('DynamoDB node in n8n-core against DynamoDB Local', () => {
	const client = rawClient();
	afterAll(() => client.destroy());

	it('puts an item bound to the input item and reads it back', async () => {
		const table = await createTable(client, uniqueTable());
		const put = await runNode({
			input: [{ id: 'a1', name: 'Ada "the first" \\ Lovelace' }],
			credentials: localCredentials(),
			parameters: {
				operation: 'PutItem',
				body: `={ "TableName": "${table}", "Item": { "id": "{{ $json.id }}", "name": "{{ $json.name }}" } }`,
			},
		});
		expect(put.error).toBeUndefined();
		expect(put.items).toHaveLength(1);
		const stored = await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'a1' } } }));
		expect(stored.Item).toEqual({ id: { S: 'a1' }, name: { S: 'Ada "the first" \\ Lovelace' } });

		const get = await runNode({
			input: [{ id: 'a1' }],
			credentials: localCredentials(),
			parameters: { operation: 'GetItem', body: `={ "TableName": "${table}", "Key": { "id": {{ $json.id }} } }` },
		});
		expect(get.error).toBeUndefined();
		expect(get.items.map((i) => i.json)).toEqual([{ id: 'a1', name: 'Ada "the first" \\ Lovelace' }]);
		expect(get.items[0].pairedItem).toEqual({ item: 0 });
	});
});
