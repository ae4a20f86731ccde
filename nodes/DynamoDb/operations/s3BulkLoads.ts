import type { Operation } from './types';

const bulkOperationArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/users/bulk-operation/01732492800000-a1b2c3d4';

/** S3 bulk loads (AWS's "bulk operations"): asynchronous loads from Amazon S3 into an existing table; not the node's Bulk Mode. */
export const s3BulkLoadOperations: Operation[] = [
	{
		action: 'StartBulkPutItems',
		name: 'Start Bulk Put Items',
		description: 'Start writing every item of S3 objects into an existing table (puts overwrite items with the same key)',
		access: 'write',
		wait: {
			waiter: 'waitForBulkOperationCompleted',
			describe: 'DescribeBulkOperation',
			input: { BulkOperationArn: 'answer.BulkOperationDescription.BulkOperationArn' },
			states: [
				{
					at: 'BulkOperationDescription',
					label: 'bulk operation',
					name: 'BulkOperationArn',
					status: 'BulkOperationStatus',
					// Items it could not write are in the S3 report (FailedItemCount); the operation itself finished.
					done: ['COMPLETED', 'COMPLETED_WITH_ERRORS'],
					failed: ['CANCELLED', 'FAILED'],
					reason: ['FailureCode', 'FailureMessage'],
				},
			],
		},
		table: true,
		example: {
			TableName: 'users',
			InputS3Configuration: { S3Bucket: 'my-dynamodb-imports', S3KeyPrefix: 'users/', InputFormat: 'DYNAMODB_JSON', InputCompressionType: 'GZIP' },
			// Where DynamoDB reports the items it could not write.
			OutputS3Configuration: { S3Bucket: 'my-dynamodb-reports', S3KeyPrefix: 'users/', OutputType: ['ERROR', 'CONDITION_CHECK_FAILURE'] },
			PerformanceTier: 'STANDARD',
		},
	},
	{
		action: 'DescribeBulkOperation',
		name: 'Describe Bulk Operation',
		description: "Get a bulk operation's status, progress, failures and bytes written (read-only)",
		access: 'read',
		example: { BulkOperationArn: bulkOperationArn },
	},
	{
		action: 'ListBulkOperations',
		name: 'List Bulk Operations',
		description: 'List the bulk operations of this account and region with their status (read-only)',
		access: 'read',
		pagination: { input: 'NextToken', output: 'NextToken', list: 'BulkOperationsSummaryList', pageSize: 'MaxResults' },
		example: { MaxResults: 10 },
	},
	{
		action: 'CancelBulkOperation',
		name: 'Cancel Bulk Operation',
		description: 'Stop an in-progress bulk operation; items it already wrote stay written',
		access: 'write',
		example: { BulkOperationArn: bulkOperationArn },
	},
];
