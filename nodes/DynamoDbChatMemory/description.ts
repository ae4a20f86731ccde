import type { INodeProperties } from 'n8n-workflow';
import { tableProperty } from '../DynamoDb/methods/tables';
import { DEFAULT_WINDOW_TURNS } from './settings';

/** Defaults as literals (n8n's lint reads them); settings.ts's DEFAULT_ATTRIBUTES equal them (test/unit/chatMemory.test.ts).
 * Parameter names and values are public (workflows store them): never rename one once shipped. Named as n8n's own memory nodes name them. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Connect this node to an AI Agent (its Memory slot) or to a Chat Memory Manager',
		name: 'connectionNotice',
		type: 'notice',
		default: '',
	},
	tableProperty({
		required: true,
		description: 'The table that keeps the conversations: partition key sessionId, sort key messageId (strings; other names under Options). Running without one says how to create it.',
	}),
	{
		displayName: 'Session ID',
		name: 'sessionIdType',
		type: 'options',
		options: [
			{
				name: 'Connected Chat Trigger Node',
				value: 'fromInput',
				description: "Looks for an input field called 'sessionId' that is coming from a directly connected Chat Trigger",
			},
			{
				name: 'Define Below',
				value: 'customKey',
				description: 'Use an expression to reference data in previous nodes or enter static text',
			},
		],
		default: 'fromInput',
	},
	{
		displayName: 'Key',
		name: 'sessionKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.userId }}',
		description: 'The session ID: messages saved under one key form one conversation',
		displayOptions: { show: { sessionIdType: ['customKey'] } },
	},
	{
		displayName: 'Context Window Length',
		name: 'contextWindowLength',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_WINDOW_TURNS,
		hint: 'How many past interactions the model receives as context',
		description: 'The newest interactions (a question and its answer) read back for each turn, in one Query however long the conversation is',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Message ID Attribute',
				name: 'messageIdAttribute',
				type: 'string',
				default: 'messageId',
				description: "The table's sort key (string): each message's position in its session, time-ordered",
			},
			{
				displayName: 'Message TTL (Days)',
				name: 'messageTtlDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: "Days after which a message expires (written to the TTL Attribute; the table's Time to Live must be on for that attribute). 0: messages stay until cleared.",
			},
			{
				displayName: 'Session ID Attribute',
				name: 'sessionIdAttribute',
				type: 'string',
				default: 'sessionId',
				description: "The table's partition key (string): holds the session ID",
			},
			{
				displayName: 'TTL Attribute',
				name: 'ttlAttribute',
				type: 'string',
				default: 'expiresAt',
				description: "The attribute DynamoDB's Time to Live reads (epoch seconds), written when Message TTL is set",
			},
		],
	},
];
