const { BatchWriteItemCommand, CreateTableCommand } = require('@aws-sdk/client-dynamodb');
const { marshall, unmarshall } = require('@aws-sdk/util-dynamodb');

// The same data for every case: items of 3 attributes, like the reference measurements in the notes.
const credentials = { region: 'us-east-1', accessKeyId: 'AKIABENCHLOCAL000001', secretAccessKey: 'bench/secret/for/dynamodb/local' };

function data(count) {
	return Array.from({ length: count }, (_, n) => ({ id: `item-${String(n).padStart(6, '0')}`, name: `name ${n}`, n }));
}

/**
 * A table with a stream (new and old images) holding `count` items written in batches of 25, so its
 * stream holds one INSERT record each; resolves to the stream's ARN. For the two triggers' benches.
 */
async function streamTableOf(client, table, count) {
	const { TableDescription } = await client.send(
		new CreateTableCommand({
			TableName: table,
			AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
			KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
			BillingMode: 'PAY_PER_REQUEST',
			StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
		}),
	);
	const items = data(count);
	for (let i = 0; i < items.length; i += 25) {
		let RequestItems = { [table]: items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: marshall(item) } })) };
		while (RequestItems && Object.keys(RequestItems).length) ({ UnprocessedItems: RequestItems } = await client.send(new BatchWriteItemCommand({ RequestItems })));
	}
	return TableDescription.LatestStreamArn;
}

/** What the raw SDK side of the trigger benches makes of a stream record: the change as plain JSON. */
function rawChange(record) {
	const change = record.dynamodb;
	return {
		eventName: record.eventName,
		keys: unmarshall(change.Keys),
		newImage: change.NewImage && unmarshall(change.NewImage),
		oldImage: change.OldImage && unmarshall(change.OldImage),
		sequenceNumber: change.SequenceNumber,
		eventId: record.eventID,
		approximateCreationDateTime: change.ApproximateCreationDateTime?.toISOString(),
	};
}

module.exports = { data, credentials, rawChange, streamTableOf };
