#!/usr/bin/env node
// The main job, end to end on an embedded DynamoDB Local: the built node, run by n8n's engine,
// creates a table, stores webhook-like items (bound with expressions), queries them, prints them.
// The SDK warns that its 2027 releases need Node 22; the lockfile pins this release.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { start } = require('./dynamodb-local');
const { runNode, outputOf } = require('./engine');
const { DynamoDb } = require('../dist/nodes/DynamoDb/DynamoDb.node.js');

const orders = [
	{ customer: 'ada', orderId: 'o-1001', total: 42.5, items: ['notebook', 'pen'], note: 'gift wrap, "please"' },
	{ customer: 'ada', orderId: 'o-1002', total: 19, items: ['ink'], note: null },
	{ customer: 'grace', orderId: 'o-2001', total: 7.25, items: ['compiler manual'], note: 'rush' },
];

async function main() {
	const server = await start();
	console.log(`DynamoDB Local on ${server.endpoint}\n`);
	const credentials = { region: 'us-east-1', accessKeyId: 'demo', secretAccessKey: 'demo', endpoint: server.endpoint };
	const nodeType = new DynamoDb();
	const step = async (title, input, parameters) => {
		const items = outputOf(await runNode({ nodeType, input, parameters, credentials }));
		console.log(`▶ ${title}: ${items.length} output item(s)`);
		return items;
	};
	try {
		await step('CreateTable orders', [{}], {
			operation: 'CreateTable',
			body: JSON.stringify({
				TableName: 'orders',
				AttributeDefinitions: [
					{ AttributeName: 'customer', AttributeType: 'S' },
					{ AttributeName: 'orderId', AttributeType: 'S' },
				],
				KeySchema: [
					{ AttributeName: 'customer', KeyType: 'HASH' },
					{ AttributeName: 'orderId', KeyType: 'RANGE' },
				],
				BillingMode: 'PAY_PER_REQUEST',
			}),
		});
		await step('PutItem, one per input item, bound with {{ $json… }}', orders, {
			operation: 'PutItem',
			body: '={ "TableName": "orders", "Item": { "customer": "{{ $json.customer }}", "orderId": "{{ $json.orderId }}", "total": {{ $json.total }}, "items": {{ $json.items }}, "note": {{ $json.note }} } }',
		});
		const found = await step('Query customer = ada', [{ customer: 'ada' }], {
			operation: 'Query',
			body: '={ "TableName": "orders", "KeyConditionExpression": "customer = :c", "ExpressionAttributeValues": { ":c": "{{ $json.customer }}" } }',
			options: { returnAll: true },
		});
		console.log('\nRecords (plain JSON, one n8n item each):');
		for (const { json } of found) console.log(`  ${JSON.stringify(json)}`);
	} finally {
		server.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
