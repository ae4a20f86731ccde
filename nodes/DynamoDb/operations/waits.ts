import type { Wait, WaitState } from './types';

/** Max Wait (Seconds) when the option is not set: tables settle in seconds to minutes, indexes and exports can take longer. */
export const DEFAULT_MAX_WAIT = 600;

/** Replica states from which a replica does not become ACTIVE by itself. */
const replicaFailed = ['CREATION_FAILED', 'REGION_DISABLED', 'INACCESSIBLE_ENCRYPTION_CREDENTIALS', 'REPLICATION_NOT_AUTHORIZED', 'ARCHIVING', 'ARCHIVED'];

const replicas = (at: string): WaitState => ({
	at,
	label: 'replica',
	name: 'RegionName',
	status: 'ReplicaStatus',
	done: ['ACTIVE'],
	failed: replicaFailed,
	reason: ['ReplicaStatusDescription'],
});

/** A table is done when it, each of its global secondary indexes and each replica is ACTIVE. */
const tableStates: WaitState[] = [
	{
		at: 'Table',
		label: 'table',
		name: 'TableName',
		status: 'TableStatus',
		done: ['ACTIVE'],
		failed: ['INACCESSIBLE_ENCRYPTION_CREDENTIALS', 'REPLICATION_NOT_AUTHORIZED', 'ARCHIVING', 'ARCHIVED'],
		reason: ['ArchivalSummary.ArchivalReason'],
	},
	// A new index is CREATING (backfilling) while the table is already ACTIVE again.
	{ at: 'Table.GlobalSecondaryIndexes[]', label: 'index', name: 'IndexName', status: 'IndexStatus', done: ['ACTIVE'] },
	replicas('Table.Replicas[]'),
];

/** The table named by `tableName` (a request path) ACTIVE with its indexes and replicas; the output's TableDescription is the settled one. */
export const tableActive = (tableName: string): Wait => ({
	waiter: 'waitForTableExists',
	describe: 'DescribeTable',
	input: { TableName: `request.${tableName}` },
	states: tableStates,
	// DescribeTable may not see a table it was just asked to create yet.
	notFound: { error: 'ResourceNotFoundException', means: 'pending' },
	output: { TableDescription: 'Table' },
});

/** The table is gone: DescribeTable answers ResourceNotFoundException. */
export const tableDeleted: Wait = {
	waiter: 'waitForTableNotExists',
	describe: 'DescribeTable',
	input: { TableName: 'request.TableName' },
	states: [{ at: 'Table', label: 'table', name: 'TableName', status: 'TableStatus', done: [] }],
	notFound: { error: 'ResourceNotFoundException', means: 'done' },
};

/** A version 2019.11.21 table's auto scaling settled: the table and each replica ACTIVE. */
export const replicaAutoScalingActive: Wait = {
	describe: 'DescribeTableReplicaAutoScaling',
	input: { TableName: 'request.TableName' },
	states: [
		{ at: 'TableAutoScalingDescription', label: 'table', name: 'TableName', status: 'TableStatus', done: ['ACTIVE'], failed: tableStates[0].failed },
		replicas('TableAutoScalingDescription.Replicas[]'),
	],
};

/** A version 2017.11.29 global table ACTIVE with each replica region ACTIVE. */
export const globalTableActive: Wait = {
	describe: 'DescribeGlobalTable',
	input: { GlobalTableName: 'request.GlobalTableName' },
	states: [
		{ at: 'GlobalTableDescription', label: 'global table', name: 'GlobalTableName', status: 'GlobalTableStatus', done: ['ACTIVE'] },
		replicas('GlobalTableDescription.ReplicationGroup[]'),
	],
};

/** The Kinesis streaming destination of the request's StreamArn in one of `done`; the output's DestinationStatus is the settled one. */
export const kinesisDestination = (done: string[], failed?: string[], waiter?: Wait['waiter']): Wait => ({
	waiter,
	describe: 'DescribeKinesisStreamingDestination',
	input: { TableName: 'request.TableName' },
	states: [
		{
			at: 'KinesisDataStreamDestinations[StreamArn=StreamArn]',
			label: 'Kinesis destination',
			name: 'StreamArn',
			status: 'DestinationStatus',
			done,
			failed,
			reason: ['DestinationStatusDescription'],
		},
	],
	output: { DestinationStatus: 'KinesisDataStreamDestinations[StreamArn=StreamArn].DestinationStatus' },
});
