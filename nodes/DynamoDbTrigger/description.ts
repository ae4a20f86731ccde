import type { INodeProperties } from 'n8n-workflow';
import { tableProperty } from '../DynamoDb/methods/tables';
import { DEFAULT_MAX_RECORDS } from './settings';

/** Parameter names and values are public (workflows store them): never rename one once shipped. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Polled: runs at each Poll Time (at least a minute apart) under n8n\'s durable scheduler, so a change waits up to a poll interval. For changes within seconds use the DynamoDB Instant Trigger (it runs all the time on the main instance: about 86,400 GetRecords a day per shard).',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
	tableProperty({
		required: true,
		description: 'The table whose changes start the workflow. It needs DynamoDB Streams enabled (activation says how, if not).',
	}),
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		default: ['INSERT', 'MODIFY', 'REMOVE'],
		description: 'Which changes start the workflow',
		options: [
			{ name: 'Insert', value: 'INSERT', description: 'A new item was put' },
			{ name: 'Modify', value: 'MODIFY', description: 'An existing item was changed' },
			{ name: 'Remove', value: 'REMOVE', description: 'An item was deleted (by a request or by Time to Live)' },
		],
	},
	{
		displayName: 'TTL Expiries',
		name: 'ttlExpiries',
		type: 'options',
		default: 'include',
		description: 'Deletions DynamoDB makes itself when an item\'s Time to Live passes (their userIdentity is the DynamoDB service)',
		options: [
			{ name: 'Include', value: 'include', description: 'Like any other REMOVE' },
			{ name: 'Only TTL Expiries', value: 'only', description: 'Only the deletions made by Time to Live' },
			{ name: 'Exclude TTL Expiries', value: 'exclude', description: 'Only changes made by requests' },
		],
	},
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		default: 'now',
		description: 'Where the first activation starts; afterwards the trigger always continues where it stopped',
		options: [
			{ name: 'New Changes From Now', value: 'now', description: 'Only changes made after the trigger was activated' },
			{ name: 'Oldest Available', value: 'oldest', description: 'Every change the stream still keeps (up to 24 hours back)' },
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return each change as plain JSON (keys, newImage, oldImage, …) instead of the raw stream record',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Max Records per Poll',
				name: 'maxRecordsPerPoll',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100000 },
				default: DEFAULT_MAX_RECORDS,
				description: 'The most changes one poll emits (so also the most per poll interval); the rest follow on the next poll, none skipped',
			},
			{
				displayName: 'One Item per Poll',
				name: 'oneItemPerPoll',
				type: 'boolean',
				default: false,
				description: 'Whether to emit all changes of a poll as one item with a "records" array (one execution per batch) instead of one item per change',
			},
		],
	},
];
