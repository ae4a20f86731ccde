import type { Operation } from './types';
import { tableActive } from './waits';

const tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/users';
const backupArn = `${tableArn}/backup/01732492800000-a1b2c3d4`;

/** On-demand backups, point-in-time recovery, and exports to / imports from Amazon S3. */
export const backupOperations: Operation[] = [
	{
		action: 'CreateBackup',
		name: 'Create Backup',
		description: 'Create an on-demand backup of a table (the table is not changed)',
		access: 'write',
		wait: {
			describe: 'DescribeBackup',
			input: { BackupArn: 'answer.BackupDetails.BackupArn' },
			states: [{ at: 'BackupDescription.BackupDetails', label: 'backup', name: 'BackupName', status: 'BackupStatus', done: ['AVAILABLE'], failed: ['DELETED'] }],
			output: { BackupDetails: 'BackupDescription.BackupDetails' },
		},
		table: true,
		example: { TableName: 'users', BackupName: 'users-2026-11-25' },
	},
	{
		action: 'DescribeBackup',
		name: 'Describe Backup',
		description: "Get a backup's status, size, and the source table's schema and settings (read-only)",
		access: 'read',
		example: { BackupArn: backupArn },
	},
	{
		action: 'ListBackups',
		name: 'List Backups',
		description: 'List the backups of one table or of all tables, optionally by type and creation time (read-only)',
		access: 'read',
		pagination: { input: 'ExclusiveStartBackupArn', output: 'LastEvaluatedBackupArn', list: 'BackupSummaries', pageSize: 'Limit' },
		example: {
			TableName: 'users',
			BackupType: 'USER',
			// Creation-time window: ISO-8601, epoch seconds or epoch milliseconds.
			TimeRangeLowerBound: '2026-11-01T00:00:00Z',
			TimeRangeUpperBound: '2026-11-25T00:00:00Z',
		},
	},
	{
		action: 'DeleteBackup',
		name: 'Delete Backup',
		description: 'Delete an on-demand backup (destructive, irreversible)',
		access: 'destructive',
		example: { BackupArn: backupArn },
	},
	{
		action: 'RestoreTableFromBackup',
		name: 'Restore Table From Backup',
		description: 'Create a new table from an on-demand backup (the backup and the source table are not changed)',
		access: 'write',
		wait: tableActive('TargetTableName'),
		example: { TargetTableName: 'users_restored', BackupArn: backupArn, BillingModeOverride: 'PAY_PER_REQUEST' },
	},
	{
		action: 'DescribeContinuousBackups',
		name: 'Describe Continuous Backups',
		description: "Get whether point-in-time recovery is on and a table's earliest and latest restorable times (read-only)",
		access: 'read',
		table: true,
		example: { TableName: 'users' },
	},
	{
		action: 'UpdateContinuousBackups',
		name: 'Update Continuous Backups',
		description: 'Turn point-in-time recovery on or off for a table and set its recovery period (1–35 days)',
		access: 'write',
		table: true,
		example: { TableName: 'users', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 } },
	},
	{
		action: 'RestoreTableToPointInTime',
		name: 'Restore Table to Point in Time',
		description: "Create a new table from a table's point-in-time recovery data as of a given second (the source is not changed)",
		access: 'write',
		wait: tableActive('TargetTableName'),
		example: {
			SourceTableName: 'users',
			TargetTableName: 'users_2026_11_24',
			// Or "UseLatestRestorableTime": true instead of a time.
			RestoreDateTime: '2026-11-24T12:00:00Z',
			BillingModeOverride: 'PAY_PER_REQUEST',
		},
	},
	{
		action: 'ExportTableToPointInTime',
		name: 'Export Table to Point in Time',
		description: "Export a table's data as of a point in time to Amazon S3 (needs point-in-time recovery; the table is not changed)",
		access: 'write',
		wait: {
			waiter: 'waitForExportCompleted',
			describe: 'DescribeExport',
			input: { ExportArn: 'answer.ExportDescription.ExportArn' },
			states: [
				{ at: 'ExportDescription', label: 'export', name: 'ExportArn', status: 'ExportStatus', done: ['COMPLETED'], failed: ['FAILED'], reason: ['FailureCode', 'FailureMessage'] },
			],
		},
		example: {
			TableArn: tableArn,
			S3Bucket: 'my-dynamodb-exports',
			S3Prefix: 'users/',
			ExportTime: '2026-11-24T12:00:00Z',
			ExportFormat: 'DYNAMODB_JSON',
			ExportType: 'FULL_EXPORT',
		},
	},
	{
		action: 'DescribeExport',
		name: 'Describe Export',
		description: "Get an export's status, S3 location, item count and size (read-only)",
		access: 'read',
		example: { ExportArn: `${tableArn}/export/01732492800000-a1b2c3d4` },
	},
	{
		action: 'ListExports',
		name: 'List Exports',
		description: 'List the exports to Amazon S3 of one table or of all tables (read-only)',
		access: 'read',
		pagination: { input: 'NextToken', output: 'NextToken', list: 'ExportSummaries', pageSize: 'MaxResults' },
		example: { TableArn: tableArn, MaxResults: 25 },
	},
	{
		action: 'ImportTable',
		name: 'Import Table',
		description: 'Create a new table and load it with data from Amazon S3 (DynamoDB JSON, Amazon Ion or CSV)',
		access: 'write',
		wait: {
			waiter: 'waitForImportCompleted',
			describe: 'DescribeImport',
			input: { ImportArn: 'answer.ImportTableDescription.ImportArn' },
			states: [
				{
					at: 'ImportTableDescription',
					label: 'import',
					name: 'ImportArn',
					status: 'ImportStatus',
					done: ['COMPLETED'],
					failed: ['FAILED', 'CANCELLED'],
					reason: ['FailureCode', 'FailureMessage'],
				},
			],
		},
		example: {
			S3BucketSource: { S3Bucket: 'my-dynamodb-imports', S3KeyPrefix: 'users/' },
			InputFormat: 'DYNAMODB_JSON',
			InputCompressionType: 'GZIP',
			TableCreationParameters: {
				TableName: 'users_imported',
				AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
				KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
				BillingMode: 'PAY_PER_REQUEST',
			},
		},
	},
	{
		action: 'DescribeImport',
		name: 'Describe Import',
		description: "Get an import's status, source, target table and item counts (read-only)",
		access: 'read',
		example: { ImportArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/users_imported/import/01732492800000-a1b2c3d4' },
	},
	{
		action: 'ListImports',
		name: 'List Imports',
		description: 'List the imports from Amazon S3 into one table or into all tables (read-only)',
		access: 'read',
		pagination: { input: 'NextToken', output: 'NextToken', list: 'ImportSummaryList', pageSize: 'PageSize' },
		example: { TableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/users_imported', PageSize: 25 },
	},
];
