// Tables and rows the example workflows expect, created in DynamoDB Local with the raw SDK.
const { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient } = require('@aws-sdk/client-dynamodb');

const credentials = { accessKeyId: 'AKIAE2ELOCAL00000001', secretAccessKey: 'e2e/secret/for/dynamodb/local' };
const client = (endpoint) => new DynamoDBClient({ region: 'us-east-1', endpoint, credentials });

const TABLES = [
	// users has a stream: the trigger example (examples/trigger-audit-log.json) audits its changes into users_audit.
	{ TableName: 'users', keys: [['id', 'S', 'HASH']], stream: 'NEW_AND_OLD_IMAGES' },
	{ TableName: 'users_audit', keys: [['eventId', 'S', 'HASH']] },
	// events has a stream: the instant trigger example (examples/instant-trigger-audit-log.json) counts each change's deliveries in events_audit.
	{ TableName: 'events', keys: [['id', 'S', 'HASH']], stream: 'NEW_AND_OLD_IMAGES' },
	{ TableName: 'events_audit', keys: [['eventId', 'S', 'HASH']] },
	{ TableName: 'contacts', keys: [['id', 'S', 'HASH']] },
	{ TableName: 'orders', keys: [['customerId', 'S', 'HASH'], ['orderId', 'S', 'RANGE']] },
];

/** 7 orders of customer c-42 (the Query example reads them 2 per page) and 3 of c-7. */
const ORDERS = [
	...Array.from({ length: 7 }, (_, i) => ({ customerId: 'c-42', orderId: `o-${String(i + 1).padStart(3, '0')}`, total: 10 * (i + 1) })),
	...Array.from({ length: 3 }, (_, i) => ({ customerId: 'c-7', orderId: `o-${String(i + 1).padStart(3, '0')}`, total: 5 })),
];

/** Users already there: u-1 is the row the "edit a row" example changes; the others must never change. */
const USERS = [
	{ id: 'u-1', name: 'Ada Lovelace', email: 'ada@example.com', role: 'member' },
	{ id: 'u-2', name: 'Grace Hopper', email: 'grace@example.com', role: 'member' },
	{ id: 'admin', name: 'Root', email: 'root@example.com', role: 'admin' },
];

const typed = (row) =>
	Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? { N: String(v) } : { S: v }]));

async function seed(endpoint) {
	const db = client(endpoint);
	try {
		for (const { TableName, keys, stream } of TABLES) {
			await db.send(
				new CreateTableCommand({
					TableName,
					AttributeDefinitions: keys.map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
					KeySchema: keys.map(([AttributeName, , KeyType]) => ({ AttributeName, KeyType })),
					BillingMode: 'PAY_PER_REQUEST',
					...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream } } : {}),
				}),
			);
		}
		const put = (rows) => rows.map((row) => ({ PutRequest: { Item: typed(row) } }));
		await db.send(new BatchWriteItemCommand({ RequestItems: { orders: put(ORDERS), users: put(USERS) } }));
	} finally {
		db.destroy();
	}
}

module.exports = { seed, client, credentials, ORDERS, USERS };
