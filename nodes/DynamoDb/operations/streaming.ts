import type { Operation } from './types';
import { kinesisDestination } from './waits';

const streamArn = 'arn:aws:kinesis:us-east-1:123456789012:stream/users-changes';

/** Change data capture into Amazon Kinesis Data Streams. */
export const streamingOperations: Operation[] = [
	{
		action: 'DescribeKinesisStreamingDestination',
		name: 'Describe Kinesis Streaming Destination',
		description: "Get the Kinesis data streams a table's changes are sent to, with their status (read-only)",
		access: 'read',
		table: true,
		example: { TableName: 'users' },
	},
	{
		action: 'EnableKinesisStreamingDestination',
		name: 'Enable Kinesis Streaming Destination',
		description: "Start sending a table's item changes to a Kinesis data stream",
		access: 'write',
		wait: kinesisDestination(['ACTIVE'], ['ENABLE_FAILED', 'DISABLED'], 'waitForKinesisStreamingDestinationActive'),
		table: true,
		example: { TableName: 'users', StreamArn: streamArn, EnableKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MICROSECOND' } },
	},
	{
		action: 'UpdateKinesisStreamingDestination',
		name: 'Update Kinesis Streaming Destination',
		description: 'Change the settings of a Kinesis streaming destination (precision of the change records\' creation time)',
		access: 'write',
		wait: kinesisDestination(['ACTIVE'], ['ENABLE_FAILED', 'DISABLED']),
		table: true,
		example: { TableName: 'users', StreamArn: streamArn, UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MILLISECOND' } },
	},
	{
		action: 'DisableKinesisStreamingDestination',
		name: 'Disable Kinesis Streaming Destination',
		description: "Stop sending a table's item changes to a Kinesis data stream",
		access: 'write',
		wait: kinesisDestination(['DISABLED']),
		table: true,
		example: { TableName: 'users', StreamArn: streamArn },
	},
];
