/**
 * Wait Until Done at the wire, for what DynamoDB Local lacks or settles at once: a local endpoint
 * answers the operation, then its Describe call as AWS does while the resource is still going,
 * then done (or failed, or never done). The node runs in n8n-core's engine.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { getOperation, operations } from '../../nodes/DynamoDb/operations/registry';
import { runNode } from '../helpers/n8n';
import { awsError, WireServer, type WireAnswer } from '../helpers/wire';

const account = '123456789012';
const tableArn = `arn:aws:dynamodb:us-east-1:${account}:table/users`;
const exportArn = `${tableArn}/export/01732492800000-a1b2c3d4`;
const importArn = `arn:aws:dynamodb:us-east-1:${account}:table/users_imported/import/01732492800000-a1b2c3d4`;
const bulkArn = `${tableArn}/bulk-operation/01732492800000-a1b2c3d4`;
const backupArn = `${tableArn}/backup/01732492800000-a1b2c3d4`;
const streamArn = `arn:aws:kinesis:us-east-1:${account}:stream/users-changes`;
const example = (action: string) => JSON.stringify(getOperation(action).example);

const exportDescription = (status: string, extra: IDataObject = {}) => ({ ExportDescription: { ExportArn: exportArn, ExportStatus: status, TableArn: tableArn, ...extra } });
const table = (name: string, status: string, extra: IDataObject = {}) => ({ TableName: name, TableArn: tableArn, TableStatus: status, ...extra });
const destination = (status: string) => ({ StreamArn: streamArn, DestinationStatus: status });

interface WaitCase {
	action: string;
	/** The operation's answer (the resource still going). */
	answer: IDataObject;
	/** The Describe request the node must send. */
	describe: [string, IDataObject];
	/** The Describe answer while still going, and once done. */
	pending: IDataObject;
	done: IDataObject;
	/** Members the output must have (the settled description). */
	output: IDataObject;
}

/** One case per Wait Until Done row that DynamoDB Local cannot show (test/integration/wait.test.ts has the tables). */
const cases: WaitCase[] = [
	{
		action: 'ExportTableToPointInTime',
		answer: exportDescription('IN_PROGRESS'),
		describe: ['DescribeExport', { ExportArn: exportArn }],
		pending: exportDescription('IN_PROGRESS'),
		done: exportDescription('COMPLETED', { ItemCount: 1234 }),
		output: exportDescription('COMPLETED', { ItemCount: 1234 }),
	},
	{
		action: 'ImportTable',
		answer: { ImportTableDescription: { ImportArn: importArn, ImportStatus: 'IN_PROGRESS' } },
		describe: ['DescribeImport', { ImportArn: importArn }],
		pending: { ImportTableDescription: { ImportArn: importArn, ImportStatus: 'IN_PROGRESS' } },
		done: { ImportTableDescription: { ImportArn: importArn, ImportStatus: 'COMPLETED', ImportedItemCount: 10 } },
		output: { ImportTableDescription: { ImportArn: importArn, ImportStatus: 'COMPLETED', ImportedItemCount: 10 } },
	},
	{
		action: 'StartBulkPutItems',
		answer: { BulkOperationDescription: { BulkOperationArn: bulkArn, BulkOperationStatus: 'IN_PROGRESS' } },
		describe: ['DescribeBulkOperation', { BulkOperationArn: bulkArn }],
		pending: { BulkOperationDescription: { BulkOperationArn: bulkArn, BulkOperationStatus: 'IN_PROGRESS', ProcessedItemCount: 10 } },
		done: { BulkOperationDescription: { BulkOperationArn: bulkArn, BulkOperationStatus: 'COMPLETED_WITH_ERRORS', ProcessedItemCount: 99, FailedItemCount: 1 } },
		output: { BulkOperationDescription: { BulkOperationArn: bulkArn, BulkOperationStatus: 'COMPLETED_WITH_ERRORS', ProcessedItemCount: 99, FailedItemCount: 1 } },
	},
	{
		action: 'CreateBackup',
		answer: { BackupDetails: { BackupArn: backupArn, BackupName: 'users-2026-11-25', BackupStatus: 'CREATING' } },
		describe: ['DescribeBackup', { BackupArn: backupArn }],
		pending: { BackupDescription: { BackupDetails: { BackupArn: backupArn, BackupName: 'users-2026-11-25', BackupStatus: 'CREATING' } } },
		done: { BackupDescription: { BackupDetails: { BackupArn: backupArn, BackupName: 'users-2026-11-25', BackupStatus: 'AVAILABLE', BackupSizeBytes: 2048 } } },
		output: { BackupDetails: { BackupArn: backupArn, BackupName: 'users-2026-11-25', BackupStatus: 'AVAILABLE', BackupSizeBytes: 2048 } },
	},
	...['RestoreTableFromBackup', 'RestoreTableToPointInTime'].map(
		(action): WaitCase => ({
			action,
			answer: { TableDescription: table(getOperation(action).example.TargetTableName as string, 'CREATING') },
			describe: ['DescribeTable', { TableName: getOperation(action).example.TargetTableName as string }],
			pending: { Table: table(getOperation(action).example.TargetTableName as string, 'CREATING') },
			done: { Table: table(getOperation(action).example.TargetTableName as string, 'ACTIVE', { ItemCount: 1234 }) },
			output: { TableDescription: table(getOperation(action).example.TargetTableName as string, 'ACTIVE', { ItemCount: 1234 }) },
		}),
	),
	{
		action: 'UpdateContributorInsights',
		answer: { TableName: 'users', ContributorInsightsStatus: 'ENABLING' },
		describe: ['DescribeContributorInsights', { TableName: 'users' }],
		pending: { TableName: 'users', ContributorInsightsStatus: 'ENABLING' },
		done: { TableName: 'users', ContributorInsightsStatus: 'ENABLED', ContributorInsightsRuleList: ['DynamoDBContributorInsights-PKC-users'] },
		output: { TableName: 'users', ContributorInsightsStatus: 'ENABLED', ContributorInsightsRuleList: ['DynamoDBContributorInsights-PKC-users'] },
	},
	...(
		[
			['EnableKinesisStreamingDestination', 'ENABLING', 'ACTIVE'],
			['UpdateKinesisStreamingDestination', 'UPDATING', 'ACTIVE'],
			['DisableKinesisStreamingDestination', 'DISABLING', 'DISABLED'],
		] as const
	).map(
		([action, going, settled]): WaitCase => ({
			action,
			answer: { TableName: 'users', StreamArn: streamArn, DestinationStatus: going },
			describe: ['DescribeKinesisStreamingDestination', { TableName: 'users' }],
			pending: { TableName: 'users', KinesisDataStreamDestinations: [destination(going)] },
			done: { TableName: 'users', KinesisDataStreamDestinations: [{ StreamArn: `${streamArn}-other`, DestinationStatus: 'ENABLE_FAILED' }, destination(settled)] },
			output: { TableName: 'users', StreamArn: streamArn, DestinationStatus: settled },
		}),
	),
	{
		action: 'UpdateTimeToLive',
		answer: { TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires_at' } },
		describe: ['DescribeTimeToLive', { TableName: 'users' }],
		pending: { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLING', AttributeName: 'expires_at' } },
		done: { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires_at' } },
		output: { TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires_at' }, TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires_at' } },
	},
	...['CreateGlobalTable', 'UpdateGlobalTable'].map(
		(action): WaitCase => ({
			action,
			answer: { GlobalTableDescription: { GlobalTableName: 'users', GlobalTableStatus: 'CREATING' } },
			describe: ['DescribeGlobalTable', { GlobalTableName: 'users' }],
			pending: { GlobalTableDescription: { GlobalTableName: 'users', GlobalTableStatus: 'ACTIVE', ReplicationGroup: [{ RegionName: 'eu-west-1', ReplicaStatus: 'CREATING' }] } },
			done: { GlobalTableDescription: { GlobalTableName: 'users', GlobalTableStatus: 'ACTIVE', ReplicationGroup: [{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE' }] } },
			output: { GlobalTableDescription: { GlobalTableName: 'users', GlobalTableStatus: 'ACTIVE', ReplicationGroup: [{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE' }] } },
		}),
	),
	{
		action: 'UpdateTableReplicaAutoScaling',
		answer: { TableAutoScalingDescription: { TableName: 'users', TableStatus: 'UPDATING' } },
		describe: ['DescribeTableReplicaAutoScaling', { TableName: 'users' }],
		pending: { TableAutoScalingDescription: { TableName: 'users', TableStatus: 'UPDATING', Replicas: [{ RegionName: 'eu-west-1', ReplicaStatus: 'UPDATING' }] } },
		done: { TableAutoScalingDescription: { TableName: 'users', TableStatus: 'ACTIVE', Replicas: [{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE' }] } },
		output: { TableAutoScalingDescription: { TableName: 'users', TableStatus: 'ACTIVE', Replicas: [{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE' }] } },
	},
];

/** Shown against DynamoDB Local in test/integration/wait.test.ts. */
const onLocal = ['CreateTable', 'UpdateTable', 'DeleteTable'];

describe('Wait Until Done at the wire', () => {
	let server: WireServer;
	beforeAll(async () => {
		server = await WireServer.start();
	});
	afterAll(async () => {
		await server.close();
	});

	/** Answers `action` with `answer`, then its Describe call with `describes` one after the other (the last one again and again). */
	function serve(action: string, answer: WireAnswer, describe: string, describes: WireAnswer[]) {
		let n = 0;
		server.answer((request) => {
			if (request.action === action) return answer;
			if (request.action === describe) return describes[Math.min(n++, describes.length - 1)];
			return awsError(400, 'ValidationException', `unexpected ${request.action}`);
		});
	}

	const run = (action: string, options: IDataObject, continueOnFail = false) =>
		runNode({ input: [{}], credentials: server.credentials(), continueOnFail, parameters: { operation: action, body: example(action), options: options as INodeParameters } });

	it('has a case for every Wait Until Done row DynamoDB Local does not show', () => {
		const rows = operations.filter((o) => o.wait).map((o) => o.action);
		expect([...cases.map((c) => c.action), ...onLocal].sort()).toEqual(rows.sort());
	});

	it.each(cases.map((c) => [c.action, c] as const))('%s: describes until done, outputs the settled description', async (_, c) => {
		serve(c.action, { body: c.answer }, c.describe[0], [{ body: c.pending }, { body: c.pending }, { body: c.done }]);
		const result = await run(c.action, { waitUntilDone: true, maxWait: 6 });
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => r.action)).toEqual([c.action, c.describe[0], c.describe[0], c.describe[0]]);
		for (const r of server.requests.slice(1)) expect(r.json).toEqual(c.describe[1]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject(c.output);
	});

	it('without Wait Until Done: the answer as it came, no Describe call', async () => {
		serve('ExportTableToPointInTime', { body: exportDescription('IN_PROGRESS') }, 'DescribeExport', [{ body: exportDescription('COMPLETED') }]);
		const result = await run('ExportTableToPointInTime', {});
		expect(server.requests.map((r) => r.action)).toEqual(['ExportTableToPointInTime']);
		expect(result.items.map((i) => i.json)).toEqual([exportDescription('IN_PROGRESS')]);
	});

	it('IN_PROGRESS five times, then COMPLETED: six checks, backing off, well within Max Wait', async () => {
		const going = { body: exportDescription('IN_PROGRESS') };
		serve('ExportTableToPointInTime', { body: exportDescription('IN_PROGRESS') }, 'DescribeExport', [going, going, going, going, going, { body: exportDescription('COMPLETED') }]);
		const result = await run('ExportTableToPointInTime', { waitUntilDone: true, maxWait: 6 });
		// No error: done before Max Wait ran out on the node's own clock.
		expect(result.error).toBeUndefined();
		expect(server.requests.filter((r) => r.action === 'DescribeExport')).toHaveLength(6);
		expect(result.items[0].json).toEqual(exportDescription('COMPLETED'));
	});

	it('FAILED: the item fails with AWS’s reason; with Continue On Fail it becomes an error item', async () => {
		const failed = exportDescription('FAILED', { FailureCode: 'S3AccessDenied', FailureMessage: 'Access Denied to bucket my-dynamodb-exports' });
		serve('ExportTableToPointInTime', { body: exportDescription('IN_PROGRESS') }, 'DescribeExport', [{ body: exportDescription('IN_PROGRESS') }, { body: failed }]);
		const result = await run('ExportTableToPointInTime', { waitUntilDone: true, maxWait: 10 });
		expect(result.error?.message).toBe(
			`ExportTableToPointInTime was accepted but did not finish: export ${exportArn} FAILED (S3AccessDenied: Access Denied to bucket my-dynamodb-exports).`,
		);

		serve('ExportTableToPointInTime', { body: exportDescription('IN_PROGRESS') }, 'DescribeExport', [{ body: failed }]);
		const kept = await run('ExportTableToPointInTime', { waitUntilDone: true, maxWait: 10 }, true);
		expect(kept.error).toBeUndefined();
		expect(kept.items[0].json.error).toMatchObject({ code: 'WaitFailed', message: expect.stringContaining('S3AccessDenied: Access Denied to bucket') });
	});

	it('never finishes: checks until Max Wait has passed on its clock, then fails, saying the state it was in and that it may still finish', async () => {
		// The node's clock is the test's: each check "takes" 400 ms of it, so Max Wait 1.5 s has passed
		// after the fourth (400, 800, 1200, 1600 ms), whatever the machine's speed.
		let now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
		const pending = exportDescription('IN_PROGRESS');
		server.answer((request) => {
			if (request.action === 'ExportTableToPointInTime') return { body: pending };
			if (request.action === 'DescribeExport') now += 400;
			return { body: pending };
		});
		try {
			const result = await run('ExportTableToPointInTime', { waitUntilDone: true, maxWait: 1.5 });
			expect(result.error?.message).toBe(
				`ExportTableToPointInTime was accepted but had not finished after Max Wait (1.5 s): export ${exportArn} IN_PROGRESS. ` +
					'It may still finish: DescribeExport shows its progress, or raise Max Wait (Seconds).',
			);
		} finally {
			clock.mockRestore();
		}
		// Not given up before Max Wait, and not one check after it.
		expect(server.requests.map((r) => r.action)).toEqual(['ExportTableToPointInTime', 'DescribeExport', 'DescribeExport', 'DescribeExport', 'DescribeExport']);
	});

	it('a Describe call that is refused fails the item, saying the operation was accepted and which permission waiting needs', async () => {
		serve('ExportTableToPointInTime', { body: exportDescription('IN_PROGRESS') }, 'DescribeExport', [
			awsError(400, 'AccessDeniedException', `User: arn:aws:iam::${account}:user/n8n is not authorized to perform: dynamodb:DescribeExport`),
		]);
		const result = await run('ExportTableToPointInTime', { waitUntilDone: true, maxWait: 10 });
		expect(result.error?.message).toBe(
			'AccessDeniedException: ExportTableToPointInTime was accepted, but DescribeExport (to wait until it is done; needs dynamodb:DescribeExport) failed: ' +
				`User: arn:aws:iam::${account}:user/n8n is not authorized to perform: dynamodb:DescribeExport`,
		);
		expect(server.requests.map((r) => r.action)).toEqual(['ExportTableToPointInTime', 'DescribeExport']);
	});

	it('a replica that cannot be created fails UpdateTable with AWS’s reason', async () => {
		serve('UpdateTable', { body: { TableDescription: table('users', 'UPDATING') } }, 'DescribeTable', [
			{ body: { Table: table('users', 'UPDATING', { Replicas: [{ RegionName: 'eu-west-1', ReplicaStatus: 'CREATING' }] }) } },
			{ body: { Table: table('users', 'ACTIVE', { Replicas: [{ RegionName: 'eu-west-1', ReplicaStatus: 'CREATION_FAILED', ReplicaStatusDescription: 'KMS key not accessible in eu-west-1' }] }) } },
		]);
		const result = await run('UpdateTable', { waitUntilDone: true, maxWait: 10 });
		expect(result.error?.message).toBe(
			'UpdateTable was accepted but did not finish: table users ACTIVE, replica eu-west-1 CREATION_FAILED (KMS key not accessible in eu-west-1).',
		);
	});
});
