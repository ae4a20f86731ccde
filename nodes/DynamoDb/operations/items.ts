import type { Operation, Pagination } from './types';

const key = { id: 'user_1' };

/** Query and Scan page by item key: a page of at most Limit items, continued after LastEvaluatedKey. */
const byItemKey: Pagination = { input: 'ExclusiveStartKey', output: 'LastEvaluatedKey', list: 'Items', pageSize: 'Limit' };

/** Reading and writing items: single-item, query/scan, batch and transaction operations. */
export const itemOperations: Operation[] = [
	{
		action: 'GetItem',
		name: 'Get Item',
		title: 'Get an item',
		description: 'Read one item by its primary key (read-only)',
		access: 'read',
		table: true,
		records: 'Item',
		bulkMode: { into: 'BatchGetItem', kind: 'get', members: ['TableName', 'Key', 'ConsistentRead', 'ProjectionExpression', 'ExpressionAttributeNames', 'AttributesToGet'] },
		example: { TableName: 'users', Key: key, ConsistentRead: true },
		notes: { ConsistentRead: 'Reads the latest write (an eventually consistent read costs half).' },
	},
	{
		action: 'PutItem',
		name: 'Put Item',
		title: 'Put an item',
		description: 'Create an item, or replace an existing item with the same key (overwrites)',
		access: 'write',
		table: true,
		itemFromInput: true,
		bulkMode: { into: 'BatchWriteItem', kind: 'write', request: 'PutRequest', members: ['TableName', 'Item'] },
		example: {
			TableName: 'users',
			Item: { id: 'user_1', name: 'Ada Lovelace', age: 36, tags: { $SS: ['math', 'poetry'] } },
			ConditionExpression: 'attribute_not_exists(id)',
		},
		notes: {
			Item: 'Plain JSON values; a string set is {"$SS": [...]}, typed values like {"S": "x"} work too.',
			ConditionExpression: 'Refuses to overwrite an item with this id: remove it to overwrite.',
		},
	},
	{
		action: 'UpdateItem',
		name: 'Update Item',
		title: 'Update an item',
		description: "Change an item's attributes with an update expression, creating the item if it does not exist",
		access: 'write',
		table: true,
		example: {
			TableName: 'users',
			Key: key,
			UpdateExpression: 'SET #name = :name, visits = if_not_exists(visits, :zero) + :one',
			ExpressionAttributeNames: { '#name': 'name' },
			ExpressionAttributeValues: { ':name': 'Ada King', ':zero': 0, ':one': 1 },
			ReturnValues: 'ALL_NEW',
		},
		notes: { UpdateExpression: '#name stands for the attribute "name" (a reserved word), :name for a value below.' },
	},
	{
		action: 'DeleteItem',
		name: 'Delete Item',
		title: 'Delete an item',
		description: 'Delete one item by its primary key (destructive)',
		access: 'destructive',
		table: true,
		bulkMode: { into: 'BatchWriteItem', kind: 'write', request: 'DeleteRequest', members: ['TableName', 'Key'] },
		example: { TableName: 'users', Key: key, ReturnValues: 'ALL_OLD' },
		notes: { ReturnValues: 'Answers with the item as it was before the delete.' },
	},
	{
		action: 'Query',
		name: 'Query',
		title: 'Query items',
		description: 'Read the items that share a partition key, optionally filtered and sorted by sort key (read-only)',
		access: 'read',
		table: true,
		records: 'Items',
		pagination: byItemKey,
		example: {
			TableName: 'users',
			KeyConditionExpression: 'id = :id',
			ExpressionAttributeValues: { ':id': 'user_1' },
		},
		notes: { KeyConditionExpression: 'Partition key = a value; AND a sort key range to narrow it.' },
	},
	{
		action: 'Scan',
		name: 'Scan',
		title: 'Scan a table',
		description: 'Read every item of a table or index, optionally filtered (read-only)',
		access: 'read',
		table: true,
		records: 'Items',
		pagination: byItemKey,
		example: {
			TableName: 'users',
			FilterExpression: 'age >= :min',
			ExpressionAttributeValues: { ':min': 18 },
		},
		notes: { FilterExpression: 'Applied after reading: a Scan still reads (and bills) every item.' },
	},
	{
		action: 'BatchGetItem',
		name: 'Batch Get Items',
		title: 'Get many items by key',
		description: 'Read many items by key from one or more tables (read-only)',
		access: 'read',
		records: 'Responses.*',
		batch: { kind: 'get', requests: 'RequestItems', max: 100, unprocessed: 'UnprocessedKeys' },
		example: { RequestItems: { users: { Keys: [key, { id: 'user_2' }], ProjectionExpression: 'id, #name', ExpressionAttributeNames: { '#name': 'name' } } } },
		notes: { RequestItems: 'Table name → keys to read, as many as you like: the node sends 100 per call.' },
	},
	{
		action: 'BatchWriteItem',
		name: 'Batch Write Items',
		title: 'Put or delete many items',
		description: 'Put or delete many items in one or more tables, without conditions (overwrites and deletes)',
		access: 'destructive',
		batch: { kind: 'write', requests: 'RequestItems', max: 25, unprocessed: 'UnprocessedItems' },
		example: {
			RequestItems: {
				users: [
					{ PutRequest: { Item: { id: 'user_2', name: 'Grace Hopper' } } },
					{ DeleteRequest: { Key: { id: 'user_3' } } },
				],
			},
		},
		notes: { RequestItems: 'Table name → puts and deletes, as many as you like: the node sends 25 per call.' },
	},
	{
		action: 'TransactGetItems',
		name: 'Transact Get Items',
		title: 'Get items in a transaction',
		description: 'Read up to 100 items atomically, as one consistent snapshot (read-only)',
		access: 'read',
		records: 'Responses[].Item',
		example: { TransactItems: [{ Get: { TableName: 'users', Key: key } }, { Get: { TableName: 'users', Key: { id: 'user_2' } } }] },
	},
	{
		action: 'TransactWriteItems',
		name: 'Transact Write Items',
		title: 'Write items in a transaction',
		description: 'Write up to 100 items atomically: all puts, updates, deletes and condition checks succeed or none do',
		access: 'destructive',
		example: {
			TransactItems: [
				{ Put: { TableName: 'users', Item: { id: { S: 'user_4' }, name: { S: 'Alan Turing' } }, ConditionExpression: 'attribute_not_exists(id)' } },
				{ Update: { TableName: 'users', Key: key, UpdateExpression: 'SET visits = :v', ExpressionAttributeValues: { ':v': 1 } } },
				{ Delete: { TableName: 'users', Key: { id: 'user_3' } } },
			],
			ClientRequestToken: 'order-2026-0001',
		},
		notes: {
			TransactItems: 'Values may be typed DynamoDB JSON too, as in the Put: {"S": "text"}, {"N": "1"}.',
			ClientRequestToken: 'Makes a retry of the same transaction within 10 minutes a no-op.',
		},
	},
];
