import type { Operation } from './types';
import { tableActive, tableDeleted } from './waits';

/** Tables, their settings and the account's limits. */
export const tableOperations: Operation[] = [
	{
		action: 'CreateTable',
		name: 'Create Table',
		description: 'Create a table with its key schema, indexes and capacity mode',
		access: 'write',
		wait: tableActive('TableName'),
		table: true,
		example: {
			TableName: 'users',
			// Only key attributes (of the table and its indexes) are declared; other attributes are schemaless.
			AttributeDefinitions: [
				{ AttributeName: 'id', AttributeType: 'S' },
				{ AttributeName: 'email', AttributeType: 'S' },
			],
			KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
			GlobalSecondaryIndexes: [
				{ IndexName: 'by_email', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
			],
			BillingMode: 'PAY_PER_REQUEST',
		},
	},
	{
		action: 'UpdateTable',
		name: 'Update Table',
		description: "Change a table's capacity mode, throughput, indexes, streams or replicas",
		access: 'write',
		wait: tableActive('TableName'),
		table: true,
		example: {
			TableName: 'users',
			BillingMode: 'PROVISIONED',
			ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
			// Switching to provisioned capacity needs throughput for every global secondary index too.
			GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'by_email', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } } }],
		},
	},
	{
		action: 'DeleteTable',
		name: 'Delete Table',
		description: 'Delete a table and all of its items (destructive, irreversible)',
		access: 'destructive',
		wait: tableDeleted,
		table: true,
		example: { TableName: 'users' },
	},
	{
		action: 'DescribeTable',
		name: 'Describe Table',
		description: "Get a table's status, key schema, indexes, item count and settings (read-only)",
		access: 'read',
		table: true,
		example: { TableName: 'users' },
	},
	{
		action: 'ListTables',
		name: 'List Tables',
		description: 'List the table names in this account and region (read-only)',
		access: 'read',
		pagination: { input: 'ExclusiveStartTableName', output: 'LastEvaluatedTableName', list: 'TableNames', pageSize: 'Limit' },
		example: { Limit: 100 },
	},
	{
		action: 'DescribeTimeToLive',
		name: 'Describe Time to Live',
		description: "Get a table's Time to Live status and attribute (read-only)",
		access: 'read',
		table: true,
		example: { TableName: 'users' },
	},
	{
		action: 'UpdateTimeToLive',
		name: 'Update Time to Live',
		description: 'Turn Time to Live on or off: items expire when the named epoch-seconds attribute passes',
		access: 'write',
		wait: {
			describe: 'DescribeTimeToLive',
			input: { TableName: 'request.TableName' },
			states: [
				{
					at: 'TimeToLiveDescription',
					label: 'Time to Live',
					status: 'TimeToLiveStatus',
					done: { by: 'TimeToLiveSpecification.Enabled', is: { true: ['ENABLED'], false: ['DISABLED'] } },
				},
			],
		},
		table: true,
		example: { TableName: 'users', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires_at' } },
	},
	{
		action: 'DescribeLimits',
		name: 'Describe Limits',
		description: "Get the account's and tables' maximum provisioned capacity in this region (read-only)",
		access: 'read',
		example: {},
	},
	{
		action: 'DescribeEndpoints',
		name: 'Describe Endpoints',
		description: 'Get the regional endpoint addresses for DynamoDB (read-only)',
		access: 'read',
		example: {},
	},
];
