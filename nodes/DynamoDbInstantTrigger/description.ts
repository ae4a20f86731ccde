import type { INodeProperties } from 'n8n-workflow';
import { properties as pollingProperties } from '../DynamoDbTrigger/description';

/** The DynamoDB Trigger's parameters this trigger shares, as it defines them: one definition for both. */
const SHARED = ['table', 'events', 'ttlExpiries', 'startFrom', 'simplify'];

export const DEFAULT_CHECKPOINT_TABLE = 'n8n-dynamodb-checkpoints';
export const DEFAULT_BATCH = 1000;
export const MAX_IN_FLIGHT = 10;

/** Parameter names and values are public (workflows store them): never rename one once shipped. */
export const properties: INodeProperties[] = [
	{
		displayName:
			'Instant: reads each shard of the stream about once a second for as long as the workflow is active, on n8n\'s main instance (about 86,400 GetRecords a day per shard, with or without changes). The DynamoDB Trigger polls instead: at each Poll Time under n8n\'s durable scheduler, costing nothing in between.',
		name: 'instantNotice',
		type: 'notice',
		default: '',
	},
	...SHARED.map((name) => {
		const property = pollingProperties.find((p) => p.name === name);
		if (!property) throw new Error(`the DynamoDB Trigger has no parameter ${name}`);
		return property;
	}),
	{
		displayName: 'Checkpoint Table',
		name: 'checkpointTable',
		type: 'string',
		required: true,
		default: DEFAULT_CHECKPOINT_TABLE,
		description:
			'A DynamoDB table (same credential) where the trigger keeps its place in the stream once each execution has finished, so a restart continues after the last change delivered. Created with on-demand capacity if missing (its String partition key is documented). One item per workflow and trigger node.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Max Records per Execution',
				name: 'maxRecordsPerExecution',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10000 },
				default: DEFAULT_BATCH,
				description: 'The most changes one execution gets (one item each); a burst starts one execution per this many changes, none skipped',
			},
			{
				displayName: 'Executions in Flight',
				name: 'executionsInFlight',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_IN_FLIGHT },
				default: 1,
				description:
					'How many executions may run at once; reading waits while that many are running. With 1, an item\'s changes are handled in order across executions too.',
			},
		],
	},
];
