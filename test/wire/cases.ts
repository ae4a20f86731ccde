/**
 * Every operation DynamoDB Local does not implement, tested at the wire: the node's body, the JSON
 * the SDK must send (timestamps as epoch seconds, blobs as base64, attribute values typed), the
 * answer DynamoDB documents for the action, and the items the node must output.
 */
import type { IDataObject } from 'n8n-workflow';
import { getOperation } from '../../nodes/DynamoDb/operations/registry';

export interface WireCase {
	action: string;
	/** What the test shows about this operation. */
	title: string;
	/** The node's `body` parameter as a user would leave it (comments, expressions allowed). */
	body: string;
	/** Items the source node emits; one request per item. */
	input?: IDataObject[];
	/** The request JSON on the wire (exactly). */
	wire: unknown;
	/** DynamoDB's answer, in the documented response shape (timestamps as epoch seconds). */
	response: unknown;
	/** The node's output items' json. */
	output: IDataObject[];
}

/** The body the node prefills for an operation: its registry example. */
const example = (action: string) => JSON.stringify(getOperation(action).example, null, 2);

const account = '123456789012';
const tableArn = `arn:aws:dynamodb:us-east-1:${account}:table/users`;
const backupArn = `${tableArn}/backup/01732492800000-a1b2c3d4`;
const exportArn = `${tableArn}/export/01732492800000-a1b2c3d4`;
const importedTableArn = `arn:aws:dynamodb:us-east-1:${account}:table/users_imported`;
const importArn = `${importedTableArn}/import/01732492800000-a1b2c3d4`;
const bulkArn = `${tableArn}/bulk-operation/01732492800000-a1b2c3d4`;
const streamArn = `arn:aws:kinesis:us-east-1:${account}:stream/users-changes`;
const globalTableArn = `arn:aws:dynamodb::${account}:global-table/users`;
const roleArn = `arn:aws:iam::${account}:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable`;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// 2026-11-25T00:00:00Z and friends, as DynamoDB sends them (epoch seconds, sometimes fractional).
const T0 = 1795564800;
const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

const backupDetails = (status: string) => ({
	BackupArn: backupArn,
	BackupName: 'users-2026-11-25',
	BackupSizeBytes: 2048,
	BackupStatus: status,
	BackupType: 'USER',
	BackupCreationDateTime: T0 + 0.25,
});
const backupDetailsOut = (status: string) => ({ ...backupDetails(status), BackupCreationDateTime: '2026-11-25T00:00:00.250Z' });

const sourceTable = {
	TableName: 'users',
	TableId: 'e7b3c8a2-0d4f-4b7e-9c1a-5f2d8e6a9b10',
	TableArn: tableArn,
	TableSizeBytes: 52428,
	KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
	TableCreationDateTime: 1767225600,
	ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
	ItemCount: 1234,
	BillingMode: 'PAY_PER_REQUEST',
};
const sourceTableOut = { ...sourceTable, TableCreationDateTime: '2026-01-01T00:00:00.000Z' };

const pitr = (status: string) => ({
	ContinuousBackupsDescription: {
		ContinuousBackupsStatus: 'ENABLED',
		PointInTimeRecoveryDescription: {
			PointInTimeRecoveryStatus: status,
			RecoveryPeriodInDays: 35,
			EarliestRestorableDateTime: 1792540800,
			LatestRestorableDateTime: T0 - 300,
		},
	},
});
const pitrOut = (status: string) => ({
	ContinuousBackupsDescription: {
		ContinuousBackupsStatus: 'ENABLED',
		PointInTimeRecoveryDescription: {
			PointInTimeRecoveryStatus: status,
			RecoveryPeriodInDays: 35,
			EarliestRestorableDateTime: '2026-10-21T00:00:00.000Z',
			LatestRestorableDateTime: '2026-11-24T23:55:00.000Z',
		},
	},
});

const restoredTable = (name: string, summary: IDataObject) => ({
	TableDescription: {
		TableName: name,
		TableStatus: 'CREATING',
		TableArn: `arn:aws:dynamodb:us-east-1:${account}:table/${name}`,
		TableId: '0f6e2d1c-3b4a-4c5d-8e7f-9a0b1c2d3e4f',
		CreationDateTime: T0 + 60,
		AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
		KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
		BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: T0 + 60 },
		ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
		ItemCount: 0,
		TableSizeBytes: 0,
		RestoreSummary: summary,
	},
});

const globalTable = (status: string, regions: IDataObject[], created = T0 - 86400) => ({
	GlobalTableDescription: {
		GlobalTableName: 'users',
		GlobalTableArn: globalTableArn,
		GlobalTableStatus: status,
		CreationDateTime: created,
		ReplicationGroup: regions,
	},
});
const globalTableOut = (status: string, regions: IDataObject[], created = T0 - 86400) => ({
	GlobalTableDescription: { ...globalTable(status, regions, created).GlobalTableDescription, CreationDateTime: iso(created) },
});

const replicaSettings = (region: string, read: number) => ({
	RegionName: region,
	ReplicaStatus: 'ACTIVE',
	ReplicaBillingModeSummary: { BillingMode: 'PROVISIONED', LastUpdateToPayPerRequestDateTime: T0 - 7 * 86400 },
	ReplicaProvisionedReadCapacityUnits: read,
	ReplicaProvisionedWriteCapacityUnits: 10,
	ReplicaProvisionedReadCapacityAutoScalingSettings: { AutoScalingDisabled: true },
	ReplicaProvisionedWriteCapacityAutoScalingSettings: { AutoScalingDisabled: true },
	ReplicaGlobalSecondaryIndexSettings: [],
	ReplicaTableClassSummary: { TableClass: 'STANDARD', LastUpdateDateTime: T0 - 86400 },
});
const replicaSettingsOut = (region: string, read: number) => ({
	...replicaSettings(region, read),
	ReplicaBillingModeSummary: { BillingMode: 'PROVISIONED', LastUpdateToPayPerRequestDateTime: '2026-11-18T00:00:00.000Z' },
	ReplicaTableClassSummary: { TableClass: 'STANDARD', LastUpdateDateTime: '2026-11-24T00:00:00.000Z' },
});

const autoScaling = (min: number, max: number) => ({
	MinimumUnits: min,
	MaximumUnits: max,
	AutoScalingDisabled: false,
	AutoScalingRoleArn: roleArn,
	ScalingPolicies: [
		{
			PolicyName: 'DynamoDBReadCapacityUtilization:table/users',
			TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, DisableScaleIn: false, ScaleInCooldown: 0, ScaleOutCooldown: 0 },
		},
	],
});
const tableAutoScaling = {
	TableAutoScalingDescription: {
		TableName: 'users',
		TableStatus: 'ACTIVE',
		Replicas: [
			{
				RegionName: 'us-east-1',
				ReplicaStatus: 'ACTIVE',
				GlobalSecondaryIndexes: [],
				ReplicaProvisionedReadCapacityAutoScalingSettings: autoScaling(5, 100),
				ReplicaProvisionedWriteCapacityAutoScalingSettings: autoScaling(5, 100),
			},
			{
				RegionName: 'eu-west-1',
				ReplicaStatus: 'ACTIVE',
				GlobalSecondaryIndexes: [],
				ReplicaProvisionedReadCapacityAutoScalingSettings: autoScaling(5, 100),
				ReplicaProvisionedWriteCapacityAutoScalingSettings: autoScaling(5, 100),
			},
		],
	},
};

const policy = JSON.stringify({
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'ReportingReadOnly',
			Effect: 'Allow',
			Principal: { AWS: `arn:aws:iam::${account}:role/reporting` },
			Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
			Resource: tableArn,
		},
	],
});

const bulkDescription = {
	BulkOperationArn: bulkArn,
	BulkOperationStatus: 'IN_PROGRESS',
	TableDetails: [{ TableName: 'users', TableId: 'e7b3c8a2-0d4f-4b7e-9c1a-5f2d8e6a9b10' }],
	ClientToken: 'load-users-2026-11-25',
	InputS3Configuration: { S3Bucket: 'my-dynamodb-imports', S3KeyPrefix: 'users/', InputFormat: 'DYNAMODB_JSON', InputCompressionType: 'GZIP' },
	OutputS3Configuration: { S3Bucket: 'my-dynamodb-reports', S3KeyPrefix: 'users/', OutputType: ['ERROR', 'CONDITION_CHECK_FAILURE'] },
	StartTime: T0 + 30,
	PerformanceTier: 'STANDARD',
};

export const wireCases: WireCase[] = [
	// ── Backups ────────────────────────────────────────────────────────────────────────────────
	{
		action: 'CreateBackup',
		title: 'sends the prefilled example and returns the backup with its creation time as ISO',
		body: example('CreateBackup'),
		wire: { TableName: 'users', BackupName: 'users-2026-11-25' },
		response: { BackupDetails: backupDetails('CREATING') },
		output: [{ BackupDetails: backupDetailsOut('CREATING') }],
	},
	{
		action: 'DescribeBackup',
		title: 'binds the backup ARN from the input item',
		body: '={ "BackupArn": {{ $json.arn }} }',
		input: [{ arn: backupArn }],
		wire: { BackupArn: backupArn },
		response: {
			BackupDescription: {
				BackupDetails: backupDetails('AVAILABLE'),
				SourceTableDetails: sourceTable,
				SourceTableFeatureDetails: {
					GlobalSecondaryIndexes: [{ IndexName: 'by_email', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
					TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires_at' },
					SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
				},
			},
		},
		output: [
			{
				BackupDescription: {
					BackupDetails: backupDetailsOut('AVAILABLE'),
					SourceTableDetails: sourceTableOut,
					SourceTableFeatureDetails: {
						GlobalSecondaryIndexes: [{ IndexName: 'by_email', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
						TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires_at' },
						SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
					},
				},
			},
		],
	},
	{
		action: 'ListBackups',
		title: 'sends an ISO time and epoch seconds both as epoch seconds, and keeps the cursor',
		body: `{
			"TableName": "users",
			"BackupType": "ALL",
			"TimeRangeLowerBound": "2026-11-01T00:00:00Z", // ISO-8601
			"TimeRangeUpperBound": 1795564800,             // epoch seconds
			"Limit": 2,
		}`,
		wire: { TableName: 'users', BackupType: 'ALL', TimeRangeLowerBound: 1793491200, TimeRangeUpperBound: 1795564800, Limit: 2 },
		response: {
			BackupSummaries: [
				{
					TableName: 'users',
					TableId: sourceTable.TableId,
					TableArn: tableArn,
					BackupArn: backupArn,
					BackupName: 'users-2026-11-25',
					BackupCreationDateTime: T0 + 0.25,
					BackupStatus: 'AVAILABLE',
					BackupType: 'USER',
					BackupSizeBytes: 2048,
				},
				{
					TableName: 'users',
					TableId: sourceTable.TableId,
					TableArn: tableArn,
					BackupArn: `${tableArn}/backup/01732406400000-0badf00d`,
					BackupName: 'users-deleted',
					BackupCreationDateTime: T0 - 86400,
					BackupExpiryDateTime: T0 + 34 * 86400,
					BackupStatus: 'AVAILABLE',
					BackupType: 'SYSTEM',
					BackupSizeBytes: 4096,
				},
			],
			LastEvaluatedBackupArn: `${tableArn}/backup/01732406400000-0badf00d`,
		},
		output: [
			{
				BackupSummaries: [
					{
						TableName: 'users',
						TableId: sourceTable.TableId,
						TableArn: tableArn,
						BackupArn: backupArn,
						BackupName: 'users-2026-11-25',
						BackupCreationDateTime: '2026-11-25T00:00:00.250Z',
						BackupStatus: 'AVAILABLE',
						BackupType: 'USER',
						BackupSizeBytes: 2048,
					},
					{
						TableName: 'users',
						TableId: sourceTable.TableId,
						TableArn: tableArn,
						BackupArn: `${tableArn}/backup/01732406400000-0badf00d`,
						BackupName: 'users-deleted',
						BackupCreationDateTime: '2026-11-24T00:00:00.000Z',
						BackupExpiryDateTime: '2026-12-29T00:00:00.000Z',
						BackupStatus: 'AVAILABLE',
						BackupType: 'SYSTEM',
						BackupSizeBytes: 4096,
					},
				],
				LastEvaluatedBackupArn: `${tableArn}/backup/01732406400000-0badf00d`,
			},
		],
	},
	{
		action: 'DeleteBackup',
		title: 'sends the backup ARN and returns the deleted backup',
		body: example('DeleteBackup'),
		wire: { BackupArn: backupArn },
		response: { BackupDescription: { BackupDetails: backupDetails('DELETED'), SourceTableDetails: sourceTable } },
		output: [{ BackupDescription: { BackupDetails: backupDetailsOut('DELETED'), SourceTableDetails: sourceTableOut } }],
	},
	{
		action: 'RestoreTableFromBackup',
		title: 'sends the prefilled example and returns the new table with its restore summary',
		body: example('RestoreTableFromBackup'),
		wire: { TargetTableName: 'users_restored', BackupArn: backupArn, BillingModeOverride: 'PAY_PER_REQUEST' },
		response: restoredTable('users_restored', { SourceBackupArn: backupArn, SourceTableArn: tableArn, RestoreDateTime: T0 + 0.25, RestoreInProgress: true }),
		output: [
			{
				TableDescription: {
					...restoredTable('users_restored', {}).TableDescription,
					CreationDateTime: '2026-11-25T00:01:00.000Z',
					BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: '2026-11-25T00:01:00.000Z' },
					RestoreSummary: { SourceBackupArn: backupArn, SourceTableArn: tableArn, RestoreDateTime: '2026-11-25T00:00:00.250Z', RestoreInProgress: true },
				},
			},
		],
	},
	// ── Point-in-time recovery ────────────────────────────────────────────────────────────────
	{
		action: 'DescribeContinuousBackups',
		title: 'returns the restorable window as ISO times',
		body: '{ "TableName": "users" }',
		wire: { TableName: 'users' },
		response: pitr('ENABLED'),
		output: [pitrOut('ENABLED')],
	},
	{
		action: 'UpdateContinuousBackups',
		title: 'sends the point-in-time recovery switch and period as booleans and numbers',
		body: example('UpdateContinuousBackups'),
		wire: { TableName: 'users', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 } },
		response: pitr('ENABLED'),
		output: [pitrOut('ENABLED')],
	},
	{
		action: 'RestoreTableToPointInTime',
		title: 'sends a restore time given in epoch milliseconds as epoch seconds',
		body: `{
			"SourceTableName": "users",
			"TargetTableName": "users_2026_11_24",
			"RestoreDateTime": 1795521600000, /* epoch milliseconds */
			"SSESpecificationOverride": { "Enabled": true, "SSEType": "KMS", "KMSMasterKeyId": "alias/users" }
		}`,
		wire: {
			SourceTableName: 'users',
			TargetTableName: 'users_2026_11_24',
			RestoreDateTime: 1795521600,
			SSESpecificationOverride: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/users' },
		},
		response: restoredTable('users_2026_11_24', { SourceTableArn: tableArn, RestoreDateTime: 1795521600, RestoreInProgress: true }),
		output: [
			{
				TableDescription: {
					...restoredTable('users_2026_11_24', {}).TableDescription,
					CreationDateTime: '2026-11-25T00:01:00.000Z',
					BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: '2026-11-25T00:01:00.000Z' },
					RestoreSummary: { SourceTableArn: tableArn, RestoreDateTime: '2026-11-24T12:00:00.000Z', RestoreInProgress: true },
				},
			},
		],
	},
	// ── Exports and imports ───────────────────────────────────────────────────────────────────
	{
		action: 'ExportTableToPointInTime',
		title: 'sends epoch seconds, typed filter values (binary as base64) and an SDK-made client token',
		body: `{
			"TableArn": "${tableArn}",
			"S3Bucket": "my-dynamodb-exports",
			"S3Prefix": "users/",
			"ExportTime": "1795521600",
			"ExportFormat": "ION",
			"FilterSpecification": {
				"FilterExpression": "tenant = :tenant AND age >= :min",
				"ExpressionAttributeValues": { ":tenant": { "B": "3q2+7w==" }, ":min": 18 }
			}
		}`,
		wire: {
			TableArn: tableArn,
			S3Bucket: 'my-dynamodb-exports',
			S3Prefix: 'users/',
			ExportTime: 1795521600,
			ExportFormat: 'ION',
			FilterSpecification: {
				FilterExpression: 'tenant = :tenant AND age >= :min',
				ExpressionAttributeValues: { ':tenant': { B: '3q2+7w==' }, ':min': { N: '18' } },
			},
			ClientToken: expect.stringMatching(uuid),
		},
		response: {
			ExportDescription: {
				ExportArn: exportArn,
				ExportStatus: 'IN_PROGRESS',
				StartTime: T0 + 5,
				TableArn: tableArn,
				TableId: sourceTable.TableId,
				ExportTime: 1795521600,
				S3Bucket: 'my-dynamodb-exports',
				S3Prefix: 'users/',
				S3SseAlgorithm: 'AES256',
				ExportFormat: 'ION',
				ExportType: 'FULL_EXPORT',
				FilterSpecification: {
					FilterExpression: 'tenant = :tenant AND age >= :min',
					ExpressionAttributeValues: { ':tenant': { B: '3q2+7w==' }, ':min': { N: '18' } },
				},
			},
		},
		output: [
			{
				ExportDescription: {
					ExportArn: exportArn,
					ExportStatus: 'IN_PROGRESS',
					StartTime: '2026-11-25T00:00:05.000Z',
					TableArn: tableArn,
					TableId: sourceTable.TableId,
					ExportTime: '2026-11-24T12:00:00.000Z',
					S3Bucket: 'my-dynamodb-exports',
					S3Prefix: 'users/',
					S3SseAlgorithm: 'AES256',
					ExportFormat: 'ION',
					ExportType: 'FULL_EXPORT',
					FilterSpecification: { FilterExpression: 'tenant = :tenant AND age >= :min', ExpressionAttributeValues: { ':tenant': '3q2+7w==', ':min': 18 } },
				},
			},
		],
	},
	{
		action: 'DescribeExport',
		title: 'returns an incremental export with every time as ISO',
		body: `{ "ExportArn": "${exportArn}" }`,
		wire: { ExportArn: exportArn },
		response: {
			ExportDescription: {
				ExportArn: exportArn,
				ExportStatus: 'COMPLETED',
				StartTime: T0 + 5,
				EndTime: T0 + 905,
				ExportManifest: 'users/AWSDynamoDB/01732492800000-a1b2c3d4/manifest-summary.json',
				TableArn: tableArn,
				ClientToken: 'export-users-1',
				S3Bucket: 'my-dynamodb-exports',
				ExportFormat: 'DYNAMODB_JSON',
				ExportType: 'INCREMENTAL_EXPORT',
				IncrementalExportSpecification: { ExportFromTime: 1795163400, ExportToTime: 1795521600, ExportViewType: 'NEW_AND_OLD_IMAGES' },
				BilledSizeBytes: 1048576,
				ItemCount: 1234,
			},
		},
		output: [
			{
				ExportDescription: {
					ExportArn: exportArn,
					ExportStatus: 'COMPLETED',
					StartTime: '2026-11-25T00:00:05.000Z',
					EndTime: '2026-11-25T00:15:05.000Z',
					ExportManifest: 'users/AWSDynamoDB/01732492800000-a1b2c3d4/manifest-summary.json',
					TableArn: tableArn,
					ClientToken: 'export-users-1',
					S3Bucket: 'my-dynamodb-exports',
					ExportFormat: 'DYNAMODB_JSON',
					ExportType: 'INCREMENTAL_EXPORT',
					IncrementalExportSpecification: {
						ExportFromTime: '2026-11-20T08:30:00.000Z',
						ExportToTime: '2026-11-24T12:00:00.000Z',
						ExportViewType: 'NEW_AND_OLD_IMAGES',
					},
					BilledSizeBytes: 1048576,
					ItemCount: 1234,
				},
			},
		],
	},
	{
		action: 'ListExports',
		title: 'sends the page size and keeps the next-page token',
		body: example('ListExports'),
		wire: { TableArn: tableArn, MaxResults: 25 },
		response: { ExportSummaries: [{ ExportArn: exportArn, ExportStatus: 'COMPLETED', ExportType: 'FULL_EXPORT' }], NextToken: 'bmV4dC1leHBvcnRz' },
		output: [{ ExportSummaries: [{ ExportArn: exportArn, ExportStatus: 'COMPLETED', ExportType: 'FULL_EXPORT' }], NextToken: 'bmV4dC1leHBvcnRz' }],
	},
	{
		action: 'ImportTable',
		title: 'sends CSV options, the new table definition and the given client token',
		body: `{
			"ClientToken": "import-users-2026-11-25",
			"S3BucketSource": { "S3Bucket": "my-dynamodb-imports", "S3KeyPrefix": "users/" },
			"InputFormat": "CSV",
			"InputFormatOptions": { "Csv": { "Delimiter": ";", "HeaderList": ["id", "name"] } },
			"InputCompressionType": "NONE",
			"TableCreationParameters": {
				"TableName": "users_imported",
				"AttributeDefinitions": [{ "AttributeName": "id", "AttributeType": "S" }],
				"KeySchema": [{ "AttributeName": "id", "KeyType": "HASH" }],
				"BillingMode": "PAY_PER_REQUEST"
			}
		}`,
		wire: {
			ClientToken: 'import-users-2026-11-25',
			S3BucketSource: { S3Bucket: 'my-dynamodb-imports', S3KeyPrefix: 'users/' },
			InputFormat: 'CSV',
			InputFormatOptions: { Csv: { Delimiter: ';', HeaderList: ['id', 'name'] } },
			InputCompressionType: 'NONE',
			TableCreationParameters: {
				TableName: 'users_imported',
				AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
				KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
				BillingMode: 'PAY_PER_REQUEST',
			},
		},
		response: {
			ImportTableDescription: {
				ImportArn: importArn,
				ImportStatus: 'IN_PROGRESS',
				TableArn: importedTableArn,
				ClientToken: 'import-users-2026-11-25',
				S3BucketSource: { S3Bucket: 'my-dynamodb-imports', S3KeyPrefix: 'users/' },
				InputFormat: 'CSV',
				InputCompressionType: 'NONE',
				StartTime: T0 + 10,
			},
		},
		output: [
			{
				ImportTableDescription: {
					ImportArn: importArn,
					ImportStatus: 'IN_PROGRESS',
					TableArn: importedTableArn,
					ClientToken: 'import-users-2026-11-25',
					S3BucketSource: { S3Bucket: 'my-dynamodb-imports', S3KeyPrefix: 'users/' },
					InputFormat: 'CSV',
					InputCompressionType: 'NONE',
					StartTime: '2026-11-25T00:00:10.000Z',
				},
			},
		],
	},
	{
		action: 'DescribeImport',
		title: 'returns the finished import with counts and ISO times',
		body: example('DescribeImport'),
		wire: { ImportArn: importArn },
		response: {
			ImportTableDescription: {
				ImportArn: importArn,
				ImportStatus: 'COMPLETED',
				TableArn: importedTableArn,
				TableId: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d',
				S3BucketSource: { S3Bucket: 'my-dynamodb-imports', S3KeyPrefix: 'users/' },
				ErrorCount: 0,
				CloudWatchLogGroupArn: `arn:aws:logs:us-east-1:${account}:log-group:/aws-dynamodb/imports:*`,
				InputFormat: 'DYNAMODB_JSON',
				InputCompressionType: 'GZIP',
				StartTime: T0 + 10,
				EndTime: T0 + 610,
				ProcessedSizeBytes: 1048576,
				ProcessedItemCount: 5000,
				ImportedItemCount: 5000,
			},
		},
		output: [
			{
				ImportTableDescription: {
					ImportArn: importArn,
					ImportStatus: 'COMPLETED',
					TableArn: importedTableArn,
					TableId: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d',
					S3BucketSource: { S3Bucket: 'my-dynamodb-imports', S3KeyPrefix: 'users/' },
					ErrorCount: 0,
					CloudWatchLogGroupArn: `arn:aws:logs:us-east-1:${account}:log-group:/aws-dynamodb/imports:*`,
					InputFormat: 'DYNAMODB_JSON',
					InputCompressionType: 'GZIP',
					StartTime: '2026-11-25T00:00:10.000Z',
					EndTime: '2026-11-25T00:10:10.000Z',
					ProcessedSizeBytes: 1048576,
					ProcessedItemCount: 5000,
					ImportedItemCount: 5000,
				},
			},
		],
	},
	{
		action: 'ListImports',
		title: 'sends PageSize (not Limit) and returns the summaries with ISO times',
		body: example('ListImports'),
		wire: { TableArn: importedTableArn, PageSize: 25 },
		response: {
			ImportSummaryList: [
				{
					ImportArn: importArn,
					ImportStatus: 'COMPLETED',
					TableArn: importedTableArn,
					S3BucketSource: { S3Bucket: 'my-dynamodb-imports', S3KeyPrefix: 'users/' },
					InputFormat: 'DYNAMODB_JSON',
					StartTime: T0 + 10,
					EndTime: T0 + 610,
				},
			],
		},
		output: [
			{
				ImportSummaryList: [
					{
						ImportArn: importArn,
						ImportStatus: 'COMPLETED',
						TableArn: importedTableArn,
						S3BucketSource: { S3Bucket: 'my-dynamodb-imports', S3KeyPrefix: 'users/' },
						InputFormat: 'DYNAMODB_JSON',
						StartTime: '2026-11-25T00:00:10.000Z',
						EndTime: '2026-11-25T00:10:10.000Z',
					},
				],
			},
		],
	},
	// ── Global tables ─────────────────────────────────────────────────────────────────────────
	{
		action: 'CreateGlobalTable',
		title: 'sends the replication group',
		body: example('CreateGlobalTable'),
		wire: { GlobalTableName: 'users', ReplicationGroup: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] },
		response: globalTable('CREATING', [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }], T0),
		output: [globalTableOut('CREATING', [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }], T0)],
	},
	{
		action: 'DescribeGlobalTable',
		title: 'returns the global table with its creation time as ISO',
		body: example('DescribeGlobalTable'),
		wire: { GlobalTableName: 'users' },
		response: globalTable('ACTIVE', [
			{ RegionName: 'us-east-1', ReplicaStatus: 'ACTIVE' },
			{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE' },
		]),
		output: [
			globalTableOut('ACTIVE', [
				{ RegionName: 'us-east-1', ReplicaStatus: 'ACTIVE' },
				{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE' },
			]),
		],
	},
	{
		action: 'DescribeGlobalTableSettings',
		title: 'returns every replica’s capacity settings',
		body: example('DescribeGlobalTableSettings'),
		wire: { GlobalTableName: 'users' },
		response: { GlobalTableName: 'users', ReplicaSettings: [replicaSettings('us-east-1', 10), replicaSettings('eu-west-1', 5)] },
		output: [{ GlobalTableName: 'users', ReplicaSettings: [replicaSettingsOut('us-east-1', 10), replicaSettingsOut('eu-west-1', 5)] }],
	},
	{
		action: 'ListGlobalTables',
		title: 'sends the region filter and keeps the last evaluated name',
		body: example('ListGlobalTables'),
		wire: { RegionName: 'us-east-1', Limit: 25 },
		response: {
			GlobalTables: [{ GlobalTableName: 'users', ReplicationGroup: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] }],
			LastEvaluatedGlobalTableName: 'users',
		},
		output: [
			{
				GlobalTables: [{ GlobalTableName: 'users', ReplicationGroup: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] }],
				LastEvaluatedGlobalTableName: 'users',
			},
		],
	},
	{
		action: 'UpdateGlobalTable',
		title: 'sends replica updates (not a Contributor Insights request)',
		body: `{
			"GlobalTableName": "users",
			"ReplicaUpdates": [
				{ "Create": { "RegionName": "ap-southeast-2" } },
				{ "Delete": { "RegionName": "eu-west-1" } },
			]
		}`,
		wire: { GlobalTableName: 'users', ReplicaUpdates: [{ Create: { RegionName: 'ap-southeast-2' } }, { Delete: { RegionName: 'eu-west-1' } }] },
		response: globalTable('UPDATING', [
			{ RegionName: 'us-east-1', ReplicaStatus: 'ACTIVE' },
			{ RegionName: 'ap-southeast-2', ReplicaStatus: 'CREATING' },
			{ RegionName: 'eu-west-1', ReplicaStatus: 'DELETING' },
		]),
		output: [
			globalTableOut('UPDATING', [
				{ RegionName: 'us-east-1', ReplicaStatus: 'ACTIVE' },
				{ RegionName: 'ap-southeast-2', ReplicaStatus: 'CREATING' },
				{ RegionName: 'eu-west-1', ReplicaStatus: 'DELETING' },
			]),
		],
	},
	{
		action: 'UpdateGlobalTableSettings',
		title: 'sends billing mode and capacities',
		body: example('UpdateGlobalTableSettings'),
		wire: {
			GlobalTableName: 'users',
			GlobalTableBillingMode: 'PROVISIONED',
			GlobalTableProvisionedWriteCapacityUnits: 10,
			ReplicaSettingsUpdate: [
				{ RegionName: 'us-east-1', ReplicaProvisionedReadCapacityUnits: 10 },
				{ RegionName: 'eu-west-1', ReplicaProvisionedReadCapacityUnits: 5 },
			],
		},
		response: { GlobalTableName: 'users', ReplicaSettings: [replicaSettings('us-east-1', 10), replicaSettings('eu-west-1', 5)] },
		output: [{ GlobalTableName: 'users', ReplicaSettings: [replicaSettingsOut('us-east-1', 10), replicaSettingsOut('eu-west-1', 5)] }],
	},
	{
		action: 'DescribeTableReplicaAutoScaling',
		title: 'returns the replicas’ auto scaling policies',
		body: example('DescribeTableReplicaAutoScaling'),
		wire: { TableName: 'users' },
		response: tableAutoScaling,
		output: [tableAutoScaling],
	},
	{
		action: 'UpdateTableReplicaAutoScaling',
		title: 'sends the nested auto scaling updates',
		body: example('UpdateTableReplicaAutoScaling'),
		wire: {
			TableName: 'users',
			ProvisionedWriteCapacityAutoScalingUpdate: {
				MinimumUnits: 5,
				MaximumUnits: 100,
				ScalingPolicyUpdate: { TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } },
			},
			ReplicaUpdates: [
				{
					RegionName: 'eu-west-1',
					ReplicaProvisionedReadCapacityAutoScalingUpdate: {
						MinimumUnits: 5,
						MaximumUnits: 100,
						ScalingPolicyUpdate: { TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } },
					},
				},
			],
		},
		response: tableAutoScaling,
		output: [tableAutoScaling],
	},
	// ── Tags, Contributor Insights, resource policies ─────────────────────────────────────────
	{
		action: 'TagResource',
		title: 'sends the tags; an empty answer is one empty item',
		body: example('TagResource'),
		wire: { ResourceArn: tableArn, Tags: [{ Key: 'team', Value: 'growth' }, { Key: 'env', Value: 'prod' }] },
		response: '',
		output: [{}],
	},
	{
		action: 'UntagResource',
		title: 'sends the tag keys; an empty answer is one empty item',
		body: example('UntagResource'),
		wire: { ResourceArn: tableArn, TagKeys: ['env'] },
		response: '',
		output: [{}],
	},
	{
		action: 'ListTagsOfResource',
		title: 'returns the tags',
		body: example('ListTagsOfResource'),
		wire: { ResourceArn: tableArn },
		response: { Tags: [{ Key: 'team', Value: 'growth' }, { Key: 'env', Value: 'prod' }] },
		output: [{ Tags: [{ Key: 'team', Value: 'growth' }, { Key: 'env', Value: 'prod' }] }],
	},
	{
		action: 'DescribeContributorInsights',
		title: 'sends table and index; returns the rules and the last update as ISO',
		body: '{ "TableName": "users", "IndexName": "by_email" }',
		wire: { TableName: 'users', IndexName: 'by_email' },
		response: {
			TableName: 'users',
			IndexName: 'by_email',
			ContributorInsightsRuleList: ['DynamoDBContributorInsights-PKC-users-by_email', 'DynamoDBContributorInsights-PKT-users-by_email'],
			ContributorInsightsStatus: 'ENABLED',
			ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS',
			LastUpdateDateTime: T0 - 3600,
		},
		output: [
			{
				TableName: 'users',
				IndexName: 'by_email',
				ContributorInsightsRuleList: ['DynamoDBContributorInsights-PKC-users-by_email', 'DynamoDBContributorInsights-PKT-users-by_email'],
				ContributorInsightsStatus: 'ENABLED',
				ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS',
				LastUpdateDateTime: '2026-11-24T23:00:00.000Z',
			},
		],
	},
	{
		action: 'ListContributorInsights',
		title: 'sends MaxResults and returns the summaries',
		body: example('ListContributorInsights'),
		wire: { TableName: 'users', MaxResults: 25 },
		response: {
			ContributorInsightsSummaries: [
				{ TableName: 'users', ContributorInsightsStatus: 'ENABLED', ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS' },
				{ TableName: 'users', IndexName: 'by_email', ContributorInsightsStatus: 'DISABLED' },
			],
		},
		output: [
			{
				ContributorInsightsSummaries: [
					{ TableName: 'users', ContributorInsightsStatus: 'ENABLED', ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS' },
					{ TableName: 'users', IndexName: 'by_email', ContributorInsightsStatus: 'DISABLED' },
				],
			},
		],
	},
	{
		action: 'UpdateContributorInsights',
		title: 'sends the action and mode',
		body: example('UpdateContributorInsights'),
		wire: { TableName: 'users', ContributorInsightsAction: 'ENABLE', ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS' },
		response: { TableName: 'users', ContributorInsightsStatus: 'ENABLING', ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS' },
		output: [{ TableName: 'users', ContributorInsightsStatus: 'ENABLING', ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS' }],
	},
	{
		action: 'GetResourcePolicy',
		title: 'returns the policy document as a string and its revision',
		body: example('GetResourcePolicy'),
		wire: { ResourceArn: tableArn },
		response: { Policy: policy, RevisionId: '1732492800000' },
		output: [{ Policy: policy, RevisionId: '1732492800000' }],
	},
	{
		action: 'PutResourcePolicy',
		title: 'sends the policy as a JSON string, not as an object',
		body: example('PutResourcePolicy'),
		wire: { ResourceArn: tableArn, Policy: policy },
		response: { RevisionId: '1732492800001' },
		output: [{ RevisionId: '1732492800001' }],
	},
	{
		action: 'DeleteResourcePolicy',
		title: 'sends the expected revision',
		body: `{ "ResourceArn": "${tableArn}", "ExpectedRevisionId": "1732492800001" }`,
		wire: { ResourceArn: tableArn, ExpectedRevisionId: '1732492800001' },
		response: { RevisionId: '1732492800002' },
		output: [{ RevisionId: '1732492800002' }],
	},
	// ── Kinesis streaming destinations ────────────────────────────────────────────────────────
	{
		action: 'DescribeKinesisStreamingDestination',
		title: 'returns the destinations',
		body: example('DescribeKinesisStreamingDestination'),
		wire: { TableName: 'users' },
		response: {
			TableName: 'users',
			KinesisDataStreamDestinations: [{ StreamArn: streamArn, DestinationStatus: 'ACTIVE', ApproximateCreationDateTimePrecision: 'MICROSECOND' }],
		},
		output: [
			{
				TableName: 'users',
				KinesisDataStreamDestinations: [{ StreamArn: streamArn, DestinationStatus: 'ACTIVE', ApproximateCreationDateTimePrecision: 'MICROSECOND' }],
			},
		],
	},
	{
		action: 'EnableKinesisStreamingDestination',
		title: 'sends the stream and its configuration (a shape shared with Disable)',
		body: example('EnableKinesisStreamingDestination'),
		wire: { TableName: 'users', StreamArn: streamArn, EnableKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MICROSECOND' } },
		response: {
			TableName: 'users',
			StreamArn: streamArn,
			DestinationStatus: 'ENABLING',
			EnableKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MICROSECOND' },
		},
		output: [
			{
				TableName: 'users',
				StreamArn: streamArn,
				DestinationStatus: 'ENABLING',
				EnableKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MICROSECOND' },
			},
		],
	},
	{
		action: 'DisableKinesisStreamingDestination',
		title: 'sends the stream to stop',
		body: example('DisableKinesisStreamingDestination'),
		wire: { TableName: 'users', StreamArn: streamArn },
		response: { TableName: 'users', StreamArn: streamArn, DestinationStatus: 'DISABLING' },
		output: [{ TableName: 'users', StreamArn: streamArn, DestinationStatus: 'DISABLING' }],
	},
	{
		action: 'UpdateKinesisStreamingDestination',
		title: 'sends the new precision',
		body: example('UpdateKinesisStreamingDestination'),
		wire: { TableName: 'users', StreamArn: streamArn, UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MILLISECOND' } },
		response: {
			TableName: 'users',
			StreamArn: streamArn,
			DestinationStatus: 'UPDATING',
			UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MILLISECOND' },
		},
		output: [
			{
				TableName: 'users',
				StreamArn: streamArn,
				DestinationStatus: 'UPDATING',
				UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MILLISECOND' },
			},
		],
	},
	// ── Bulk operations ───────────────────────────────────────────────────────────────────────
	{
		action: 'StartBulkPutItems',
		title: 'sends input and output S3 configurations with the given client token',
		body: `{
			"TableName": "users",
			"ClientToken": "load-users-2026-11-25",
			"InputS3Configuration": { "S3Bucket": "my-dynamodb-imports", "S3KeyPrefix": "users/", "InputFormat": "DYNAMODB_JSON", "InputCompressionType": "GZIP" },
			"OutputS3Configuration": { "S3Bucket": "my-dynamodb-reports", "S3KeyPrefix": "users/", "OutputType": ["ERROR", "CONDITION_CHECK_FAILURE"] },
			"MaxWriteRequestUnits": 2048,
			"PerformanceTier": "STANDARD"
		}`,
		wire: {
			TableName: 'users',
			ClientToken: 'load-users-2026-11-25',
			InputS3Configuration: { S3Bucket: 'my-dynamodb-imports', S3KeyPrefix: 'users/', InputFormat: 'DYNAMODB_JSON', InputCompressionType: 'GZIP' },
			OutputS3Configuration: { S3Bucket: 'my-dynamodb-reports', S3KeyPrefix: 'users/', OutputType: ['ERROR', 'CONDITION_CHECK_FAILURE'] },
			MaxWriteRequestUnits: 2048,
			PerformanceTier: 'STANDARD',
		},
		response: { BulkOperationDescription: { ...bulkDescription, MaxWriteRequestUnits: 2048 } },
		output: [{ BulkOperationDescription: { ...bulkDescription, MaxWriteRequestUnits: 2048, StartTime: '2026-11-25T00:00:30.000Z' } }],
	},
	{
		action: 'DescribeBulkOperation',
		title: 'returns progress, usage per index and ISO times',
		body: example('DescribeBulkOperation'),
		wire: { BulkOperationArn: bulkArn },
		response: {
			BulkOperationDescription: {
				...bulkDescription,
				BulkOperationStatus: 'COMPLETED_WITH_ERRORS',
				EndTime: T0 + 1830,
				ProcessedItemCount: 100000,
				ProcessedInputBytes: 52428800,
				TotalInputBytes: 52428800,
				FailedItemCount: 3,
				BulkOperationUsage: [
					{ TableName: 'users', BulkPutBytes: 41943040, Table: { BulkPutBytes: 31457280 }, GlobalSecondaryIndexes: { by_email: { BulkPutBytes: 10485760 } } },
				],
			},
		},
		output: [
			{
				BulkOperationDescription: {
					...bulkDescription,
					BulkOperationStatus: 'COMPLETED_WITH_ERRORS',
					StartTime: '2026-11-25T00:00:30.000Z',
					EndTime: '2026-11-25T00:30:30.000Z',
					ProcessedItemCount: 100000,
					ProcessedInputBytes: 52428800,
					TotalInputBytes: 52428800,
					FailedItemCount: 3,
					BulkOperationUsage: [
						{ TableName: 'users', BulkPutBytes: 41943040, Table: { BulkPutBytes: 31457280 }, GlobalSecondaryIndexes: { by_email: { BulkPutBytes: 10485760 } } },
					],
				},
			},
		],
	},
	{
		action: 'ListBulkOperations',
		title: 'sends MaxResults and returns the summaries with ISO times and the token',
		body: example('ListBulkOperations'),
		wire: { MaxResults: 10 },
		response: {
			BulkOperationsSummaryList: [
				{ BulkOperationArn: bulkArn, BulkOperationStatus: 'COMPLETED', StartTime: T0 + 30, EndTime: T0 + 1830 },
				{ BulkOperationArn: `${tableArn}/bulk-operation/01732579200000-feedbeef`, BulkOperationStatus: 'IN_PROGRESS', StartTime: T0 + 86400 },
			],
			NextToken: 'bmV4dC1idWxr',
		},
		output: [
			{
				BulkOperationsSummaryList: [
					{ BulkOperationArn: bulkArn, BulkOperationStatus: 'COMPLETED', StartTime: '2026-11-25T00:00:30.000Z', EndTime: '2026-11-25T00:30:30.000Z' },
					{ BulkOperationArn: `${tableArn}/bulk-operation/01732579200000-feedbeef`, BulkOperationStatus: 'IN_PROGRESS', StartTime: '2026-11-26T00:00:00.000Z' },
				],
				NextToken: 'bmV4dC1idWxr',
			},
		],
	},
	{
		action: 'CancelBulkOperation',
		title: 'sends the operation ARN',
		body: example('CancelBulkOperation'),
		wire: { BulkOperationArn: bulkArn },
		response: { BulkOperationArn: bulkArn, BulkOperationStatus: 'CANCELLING' },
		output: [{ BulkOperationArn: bulkArn, BulkOperationStatus: 'CANCELLING' }],
	},
	// ── Vector search, endpoints ──────────────────────────────────────────────────────────────
	{
		action: 'SearchVectors',
		title: 'sends a plain-number vector as typed N values and returns one plain record per match with its $score',
		body: `{
			"TableName": "products",
			"IndexName": "by_embedding",
			"SearchVector": [0.12, -0.48, 0.91, 0.05],
			"TopK": 2,
			"SearchConditionExpression": "category = :category",
			"ExpressionAttributeValues": { ":category": "books" },
			"ProjectionExpression": "id, title, cover"
		}`,
		wire: {
			TableName: 'products',
			IndexName: 'by_embedding',
			SearchVector: [{ N: '0.12' }, { N: '-0.48' }, { N: '0.91' }, { N: '0.05' }],
			TopK: 2,
			SearchConditionExpression: 'category = :category',
			ExpressionAttributeValues: { ':category': { S: 'books' } },
			ProjectionExpression: 'id, title, cover',
		},
		response: {
			SearchResults: [
				{ Item: { id: { S: 'p1' }, title: { S: 'Notes on the Analytical Engine' }, cover: { B: 'iVBORw0=' } }, Score: 0.9731 },
				{ Item: { id: { S: 'p7' }, title: { S: 'On Computable Numbers' }, pages: { N: '36' } }, Score: 0.8812 },
			],
			ConsumedCapacity: { VectorSearchRequestBytes: 16 },
		},
		output: [
			{ id: 'p1', title: 'Notes on the Analytical Engine', cover: 'iVBORw0=', $score: 0.9731 },
			{ id: 'p7', title: 'On Computable Numbers', pages: 36, $score: 0.8812 },
		],
	},
	{
		action: 'DescribeEndpoints',
		title: 'accepts an empty body and sends {}',
		body: '',
		wire: {},
		response: { Endpoints: [{ Address: 'dynamodb.us-east-1.amazonaws.com', CachePeriodInMinutes: 1440 }] },
		output: [{ Endpoints: [{ Address: 'dynamodb.us-east-1.amazonaws.com', CachePeriodInMinutes: 1440 }] }],
	},
];

