import type { Operation } from './types';
import { globalTableActive, replicaAutoScalingActive } from './waits';

const targetTracking = { TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } };

/**
 * Global tables. CreateGlobalTable, UpdateGlobalTable, Describe/ListGlobalTable(s) and the global
 * table settings operations are for version 2017.11.29 (legacy); current global tables (version
 * 2019.11.21) add replicas with UpdateTable's ReplicaUpdates and scale them with the replica
 * auto scaling operations.
 */
export const globalTableOperations: Operation[] = [
	{
		action: 'CreateGlobalTable',
		name: 'Create Global Table (Legacy)',
		description:
			'Make same-named tables in several regions one global table, version 2017.11.29 (the tables must exist, empty, with streams of new and old images)',
		access: 'write',
		wait: globalTableActive,
		example: { GlobalTableName: 'users', ReplicationGroup: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] },
	},
	{
		action: 'DescribeGlobalTable',
		name: 'Describe Global Table (Legacy)',
		description: "Get a version 2017.11.29 global table's status and replica regions (read-only)",
		access: 'read',
		example: { GlobalTableName: 'users' },
	},
	{
		action: 'DescribeGlobalTableSettings',
		name: 'Describe Global Table Settings (Legacy)',
		description: "Get the capacity, auto scaling and table class settings of each replica of a version 2017.11.29 global table (read-only)",
		access: 'read',
		example: { GlobalTableName: 'users' },
	},
	{
		action: 'ListGlobalTables',
		name: 'List Global Tables (Legacy)',
		description: 'List the version 2017.11.29 global tables, optionally those with a replica in one region (read-only)',
		access: 'read',
		pagination: { input: 'ExclusiveStartGlobalTableName', output: 'LastEvaluatedGlobalTableName', list: 'GlobalTables', pageSize: 'Limit' },
		example: { RegionName: 'us-east-1', Limit: 25 },
	},
	{
		action: 'UpdateGlobalTable',
		name: 'Update Global Table (Legacy)',
		description: 'Add or remove replica regions of a version 2017.11.29 global table (a new region needs an empty same-named table)',
		access: 'write',
		wait: globalTableActive,
		example: { GlobalTableName: 'users', ReplicaUpdates: [{ Create: { RegionName: 'ap-southeast-2' } }] },
	},
	{
		action: 'UpdateGlobalTableSettings',
		name: 'Update Global Table Settings (Legacy)',
		description: "Change a version 2017.11.29 global table's billing mode, write capacity and each replica's read capacity",
		access: 'write',
		example: {
			GlobalTableName: 'users',
			GlobalTableBillingMode: 'PROVISIONED',
			GlobalTableProvisionedWriteCapacityUnits: 10,
			ReplicaSettingsUpdate: [
				{ RegionName: 'us-east-1', ReplicaProvisionedReadCapacityUnits: 10 },
				{ RegionName: 'eu-west-1', ReplicaProvisionedReadCapacityUnits: 5 },
			],
		},
	},
	{
		action: 'DescribeTableReplicaAutoScaling',
		name: 'Describe Table Replica Auto Scaling',
		description: "Get the auto scaling settings of every replica of a global table, version 2019.11.21 (read-only)",
		access: 'read',
		table: true,
		example: { TableName: 'users' },
	},
	{
		action: 'UpdateTableReplicaAutoScaling',
		name: 'Update Table Replica Auto Scaling',
		description: "Change the auto scaling of a global table's write capacity and of its replicas' read capacity, version 2019.11.21",
		access: 'write',
		wait: replicaAutoScalingActive,
		table: true,
		example: {
			TableName: 'users',
			ProvisionedWriteCapacityAutoScalingUpdate: { MinimumUnits: 5, MaximumUnits: 100, ScalingPolicyUpdate: targetTracking },
			ReplicaUpdates: [
				{
					RegionName: 'eu-west-1',
					ReplicaProvisionedReadCapacityAutoScalingUpdate: { MinimumUnits: 5, MaximumUnits: 100, ScalingPolicyUpdate: targetTracking },
				},
			],
		},
	},
];
