import type { INodeProperties } from 'n8n-workflow';
import {
	createIfMissingOption,
	excludeFieldsOptions,
	fromInputNote,
	itemFromInputOption,
	keyFromInputOption,
	removeNullFieldsOption,
	updateFromInputOption,
} from './fromInputOptions';
import { tableProperty } from './methods/tables';
import { operations } from './operations/registry';
import { prefilledBody } from './operations/prefilled';
import { docsUrl, type Operation } from './operations/types';
import { DEFAULT_MAX_WAIT } from './operations/waits';

const actionsWith = (test: (o: (typeof operations)[number]) => unknown) => operations.filter(test).map((o) => o.action);

/** Proper names that stay capitalised in a sentence-case title. */
const PROPER = new Set(['PartiQL', 'Kinesis', 'S3', 'DynamoDB']);

/** The nodes panel's action title: the row's own, or its name in sentence case ("List backups"). */
const titleOf = (o: Operation) =>
	o.title ??
	o.name
		.split(' ')
		.map((word, i) => (i === 0 || PROPER.has(word) ? word : word.toLowerCase()))
		.join(' ');

/** The Operation list's label: the name with the AWS action name, so typing `PutItem` finds it. */
function labelOf(o: Operation): string {
	if (o.name === o.action) return o.name;
	return o.name.endsWith(')') ? `${o.name.slice(0, -1)}, ${o.action})` : `${o.name} (${o.action})`;
}

/**
 * One fixed resource, never shown: n8n names a node after its action ("Put an item") and titles the
 * nodes panel's actions only for an operation shown for a resource. A saved workflow never holds it
 * (it stays at its default), so it adds nothing to the public contract.
 */
const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'hidden',
	noDataExpression: true,
	default: 'dynamoDb',
	options: [{ name: 'DynamoDB', value: 'dynamoDb' }],
};

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'GetItem',
	displayOptions: { show: { resource: ['dynamoDb'] } },
	// Everyday operations first (the registry's order), not alphabetical.
	options: operations.map((o) => ({ name: labelOf(o), value: o.action, description: o.description, action: titleOf(o) })),
};

function bodyDescription(action: string) {
	return (
		`The ${action} request as in the <a href="${docsUrl(action)}">AWS API reference</a>. ` +
		'Bind upstream data with {{ $json.field }}: values go in as JSON values, so they can never change the structure of the request. ' +
		'Comments and trailing commas are allowed; attribute values may be typed ({"S": "x"}) or plain JSON.'
	);
}

/** Version 1's notice under the body, as version 1 has always shown it (the table under Options › Table). */
function notesOfVersion1(o: Operation): string {
	const lines = ["Changed the Operation? The body keeps what you typed: pick Reset Value in the field's menu to load this operation's example."];
	if (o.table) lines.push('The table: pick it under Options › Table, or write "TableName" in the body.');
	if (o.pagination) lines.push('Returns one page: add Options › Return All for every page, or Max Records.');
	const fromInput = fromInputNote(o);
	if (fromInput) lines.push(fromInput);
	lines.push('Comments and trailing commas are fine here, even where the editor marks them red.');
	// n8n's notice keeps text only (no line breaks or bold): one sentence after another.
	return lines.join(' ');
}

/** The option that lets an operation do without a body (fromInputOptions.ts), by the row's trait. */
const fromInputOptionOf = (o: Operation) =>
	o.itemFromInput ? itemFromInputOption : o.updateFromInput ? updateFromInputOption : o.keyFromInput ? keyFromInputOption : undefined;

/**
 * Version 2's notice: only what this operation needs, at most two short sentences — how to get more
 * than one page, or the option that makes the body unnecessary; and how to load this example. The
 * table needs no words: it stands above the body.
 */
function notesOfVersion2(o: Operation): string {
	const fromInput = fromInputOptionOf(o);
	const first = o.pagination
		? 'Returns one page: add Options › Return All or Max Records for more.'
		: fromInput && `No body needed with Options › ${fromInput.displayName} on.`;
	return [first, "Reset Value in the field's menu loads this operation's example."].filter(Boolean).join(' ');
}

/** One `body` per operation: same name, own example, shown only for its operation. */
const bodyProperties: INodeProperties[] = operations.map((o) => ({
	displayName: 'Request Body (JSON)',
	name: 'body',
	type: 'json',
	default: prefilledBody(o),
	typeOptions: { rows: 12 },
	displayOptions: { show: { operation: [o.action] } },
	description: bodyDescription(o.action),
}));

/** Display conditions of a node version: 1 as saved workflows have it, 2 and later for new nodes. */
const VERSION_1 = { '@version': [1] };
const VERSION_2 = { '@version': [{ _cnd: { gte: 2 } }] };

/**
 * The body's notes as a notice under it: n8n shows a parameter's hint only in Fixed mode (an
 * Expression-mode field shows its result there instead), and the prefilled bodies are expressions.
 * One notice per distinct text and version, shown for every operation it fits, not one per
 * operation: n8n resolves every property of the description in every execution (display conditions,
 * defaults, issues), so each property saved is work saved on each webhook call.
 */
function bodyNotices(notes: (o: Operation) => string, version: typeof VERSION_1 | typeof VERSION_2): INodeProperties[] {
	const actionsByNote = new Map<string, string[]>();
	for (const o of operations) {
		const text = notes(o);
		actionsByNote.set(text, [...(actionsByNote.get(text) ?? []), o.action]);
	}
	return [...actionsByNote].map(([text, actions]) => ({
		displayName: text,
		name: 'bodyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: actions, ...version } },
	}));
}

/** Operations on one table: the Table fills in their TableName. */
const tableActions = actionsWith((o) => o.table);

/** Version 2: the Table right under Operation, before the body, as n8n's own database nodes have it. */
const tableAboveBody: INodeProperties = tableProperty({
	description: 'The table for the request: the body may leave TableName out. A body naming another table is an error.',
	displayOptions: { show: { operation: tableActions, ...VERSION_2 } },
});

/** Operations that answer before they are done (Wait Until Done). */
const waitActions = actionsWith((o) => o.wait);

/** Operations that send batches (batch operations and Bulk Mode), for the unprocessed-request options. */
const batchActions = [...actionsWith((o) => o.batch), ...actionsWith((o) => o.bulkMode)];

/** How the body is read and what comes out: Attribute Values, Simplify, the pages, a missing item. */
const bodyAndOutputOptions: INodeProperties[] = [
	{
		displayName: 'Attribute Values',
		name: 'attributeValues',
		type: 'options',
		default: 'auto',
		description: 'How attribute values (Item, Key, ExpressionAttributeValues, …) in the body are read',
		options: [
			{ name: 'Auto', value: 'auto', description: 'Typed values like {"S": "x"} as they are, anything else as plain JSON' },
			{ name: 'DynamoDB JSON', value: 'typed', description: 'Only typed values like {"S": "x"} or {"N": "1"}' },
			{ name: 'Plain JSON', value: 'plain', description: 'Plain JSON; sets as {"$SS": […]}, {"$NS": […]}, {"$BS": […]}, binary as {"$B": "base64"}' },
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return plain JSON records (one item per record) instead of the raw DynamoDB response',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: { show: { '/operation': actionsWith((o) => o.pagination) } },
		// eslint-disable-next-line n8n-nodes-base/node-param-description-wrong-for-return-all
		description:
			'Whether to return all results or only up to a given limit. Without Return All or Max Records the node returns one page: what one request gives (at most 1 MB, or the body\'s Limit).',
	},
	{
		displayName: 'Max Records',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { '/operation': actionsWith((o) => o.pagination) } },
		// The lint rule's fixed text cannot say which Limit this is.
		// eslint-disable-next-line n8n-nodes-base/node-param-description-wrong-for-limit
		description:
			"Max number of results to return, across as many pages as that takes. Not the body's Limit: that is DynamoDB's page size (how many items one request reads).",
	},
	{
		displayName: 'If Item Not Found',
		name: 'notFound',
		type: 'options',
		default: 'none',
		displayOptions: { show: { '/operation': ['GetItem'] } },
		options: [
			{ name: 'Return Nothing', value: 'none', description: 'No output item for this input item' },
			{ name: 'Return an Empty Item', value: 'empty' },
			{ name: 'Fail', value: 'error', description: 'An error for this input item' },
		],
	},
];

/** Which table and index: the Table here only in version 1 (version 2 shows it under Operation). */
const tableOptions: INodeProperties[] = [
	tableProperty({
		description: 'The table for the request: the body may leave TableName out. A body naming another table is an error.',
		displayOptions: { show: { '/operation': tableActions, ...VERSION_1 } },
	}),
	{
		displayName: 'Index Name or ID',
		name: 'indexName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getIndexes', loadOptionsDependsOn: ['table.value', 'options.table.value', 'body'] },
		default: '',
		displayOptions: { show: { '/operation': ['Query', 'Scan'] } },
		description: 'Used when the body has no IndexName: the indexes of the table in use (the body\'s TableName, else the picked Table). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

/** Requests built from the input item instead of a body (fromInputOptions.ts). */
const fromInputOptions: INodeProperties[] = [
	itemFromInputOption,
	updateFromInputOption,
	createIfMissingOption,
	removeNullFieldsOption,
	...excludeFieldsOptions,
	keyFromInputOption,
];

/** Many items: how many requests at once, Bulk Mode, and the rounds for what a batch leaves unprocessed. */
const manyItemsOptions: INodeProperties[] = [
	{
		displayName: 'Parallel Requests',
		name: 'parallelRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 64 },
		default: 1,
		description:
			'How many requests (one per input item) are in flight at once; batch operations and Bulk Mode keep this many calls (at least 4) in flight. Output order and item pairing stay as with one at a time.',
	},
	{
		displayName: 'Bulk Mode',
		name: 'bulkMode',
		type: 'boolean',
		default: false,
		displayOptions: { show: { '/operation': actionsWith((o) => o.bulkMode) } },
		description:
			"Whether to combine the input items' requests into BatchWriteItem (25 per call) or BatchGetItem (100 per call) calls, several in flight. Still one output item per input item. BatchWriteItem has no conditions or return values: bodies with ConditionExpression or ReturnValues are refused.",
	},
	{
		displayName: 'Max Unprocessed Retries',
		name: 'maxUnprocessedRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 30 },
		default: 8,
		displayOptions: { show: { '/operation': batchActions } },
		description: 'How many rounds unprocessed (or throttled) batch requests are sent again, with exponential backoff and jitter, before they count as unprocessed',
	},
	{
		displayName: 'Accept Unprocessed',
		name: 'acceptUnprocessed',
		type: 'boolean',
		default: false,
		displayOptions: { show: { '/operation': batchActions } },
		description:
			'Whether requests DynamoDB still left unprocessed after every retry round are returned in the output (UnprocessedItems / UnprocessedKeys) instead of failing the item. They are never dropped either way.',
	},
];

/** The client's retries and timeouts (each distinct set of them is a warm client of its own). */
const clientOptions: INodeProperties[] = [
	{
		displayName: 'Retry Mode',
		name: 'retryMode',
		type: 'options',
		default: 'standard',
		description: "The AWS SDK's retry strategy for throttling and transient errors",
		options: [
			{ name: 'Standard', value: 'standard', description: 'Exponential backoff with jitter' },
			{ name: 'Adaptive', value: 'adaptive', description: 'Standard, plus client-side rate limiting that slows down while DynamoDB throttles' },
		],
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 3,
		description: 'How many times the AWS SDK tries one call (the first try included) when DynamoDB throttles or fails transiently',
	},
	{
		displayName: 'Connection Timeout (Ms)',
		name: 'connectionTimeout',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'How long to wait for a connection to DynamoDB before the attempt fails and is retried (0: no limit of its own). An endpoint that does not answer then fails clearly instead of hanging.',
	},
	{
		displayName: 'Request Timeout (Ms)',
		name: 'requestTimeout',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'How long one attempt may wait for an answer before it fails and is retried under Max Attempts (0: no limit of its own)',
	},
];

/** Operations that finish later: wait until they have, and for how long at most. */
const waitOptions: INodeProperties[] = [
	{
		displayName: 'Wait Until Done',
		name: 'waitUntilDone',
		type: 'boolean',
		default: false,
		displayOptions: { show: { '/operation': waitActions } },
		description:
			"Whether to output only once the operation has finished (a table ACTIVE with its indexes, an export COMPLETED, …), checking with its Describe call; the output then has the settled description. A resource that fails fails the item with AWS's reason.",
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_MAX_WAIT,
		displayOptions: { show: { '/operation': waitActions, waitUntilDone: [true] } },
		description:
			'How long Wait Until Done waits. When it passes, the item fails with the state the resource was in; the operation itself may still finish.',
	},
];

const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	// Alphabetical by display name (n8n's lint rule; it cannot read a sorted spread, test/unit/editor.test.ts checks the order).
	options: [...bodyAndOutputOptions, ...tableOptions, ...fromInputOptions, ...manyItemsOptions, ...clientOptions, ...waitOptions].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	),
};

export const properties: INodeProperties[] = [
	resourceProperty,
	operationProperty,
	tableAboveBody,
	...bodyProperties,
	...bodyNotices(notesOfVersion1, VERSION_1),
	...bodyNotices(notesOfVersion2, VERSION_2),
	optionsProperty,
];
