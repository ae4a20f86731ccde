import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { bindBody } from './body/bind';
import { withDefaults, type BodyDefaults } from './body/defaults';
import { jsonPathOf, readJsonPath } from './body/fastPath';
import { parseBody } from './body/parse';
import { properties } from './description';
import { getIndexes, searchTables } from './methods/tables';
import { toNodeError, describeError } from './output/errors';
import { fetchPages } from './output/paginate';
import { splitRecords, whenNotFound, type NotFound } from './output/records';
import { getOperation } from './operations/registry';
import type { Operation } from './operations/types';
import type { ValueMode } from './shapes/attributeValues';
import { toSdkInput } from './shapes/toInput';
import { fromSdkOutput } from './shapes/toOutput';
import { createClient, redact, type ClientOptions, type DynamoDbCredentials } from './transport/client';
import { testCredentials } from './transport/credentialTest';
import { sendBatch, UnprocessedRequestsError, type BatchPolicy } from './transport/batching';
import { sendBulk, type Prepared } from './transport/bulk';
import { mapLimit } from './transport/concurrency';
import { sender, type Send } from './transport/send';

interface Options extends BodyDefaults {
	attributeValues?: ValueMode;
	simplify?: boolean;
	returnAll?: boolean;
	limit?: number;
	notFound?: NotFound;
	parallelRequests?: number;
	bulkMode?: boolean;
	maxUnprocessedRetries?: number;
	acceptUnprocessed?: boolean;
	retryMode?: 'standard' | 'adaptive';
	maxAttempts?: number;
	connectionTimeout?: number;
	requestTimeout?: number;
}

export class DynamoDb implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DynamoDB',
		name: 'dynamoDb',
		icon: { light: 'file:dynamodb.svg', dark: 'file:dynamodb.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Every Amazon DynamoDB API operation: items, queries, batches, transactions, PartiQL, tables, backups and more',
		defaults: { name: 'DynamoDB' },
		usableAsTool: true,
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'dynamoDbApi', required: true, testedBy: 'dynamoDbApiTest' }],
		properties,
	};

	methods = {
		listSearch: { searchTables },
		loadOptions: { getIndexes },
		credentialTest: {
			async dynamoDbApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				return await testCredentials(credential.data as unknown as DynamoDbCredentials);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = getOperation(this.getNodeParameter('operation', 0) as string);
		const run = executionSettings(this, operation);
		const credentials = (await this.getCredentials('dynamoDbApi')) as unknown as DynamoDbCredentials;
		const client = createClient(credentials, run.client);
		const send = batchAware(operation, sender(client, operation.action), run);
		try {
			const read = reader(this);
			const results = run.bulk ? await runBulk(this, operation, client, run, read) : await runItems(this, run, (i) => runItem(this, i, operation, send, read));
			return [collect(this, results, (text) => redact(text, credentials))];
		} finally {
			client.destroy();
		}
	}
}

/** Settings of the whole execution, read once from the first item's options. */
interface Run {
	client: ClientOptions;
	policy: BatchPolicy;
	parallel: number;
	bulk: boolean;
	accept: boolean;
	continueOnFail: boolean;
}

type ItemResult = { items: INodeExecutionData[] } | { error: unknown };

function executionSettings(ctx: IExecuteFunctions, operation: Operation): Run {
	const options = ctx.getNodeParameter('options', 0, {}) as Options;
	const continueOnFail = ctx.continueOnFail();
	const parallel = Math.max(1, Math.floor(options.parallelRequests ?? 1));
	return {
		client: {
			retryMode: options.retryMode,
			maxAttempts: options.maxAttempts,
			connectionTimeout: options.connectionTimeout || undefined,
			requestTimeout: options.requestTimeout || undefined,
		},
		// Batches keep several calls in flight even when items go one at a time.
		policy: { concurrency: Math.max(parallel, 4), maxRounds: options.maxUnprocessedRetries ?? 8, stopOnError: !continueOnFail },
		parallel,
		bulk: options.bulkMode === true && operation.bulk !== undefined,
		accept: options.acceptUnprocessed === true,
		continueOnFail,
	};
}

/** Batch operations: requests of any size split into calls within DynamoDB's limits, unprocessed ones retried. */
function batchAware(operation: Operation, send: Send, run: Run): Send {
	const { batch } = operation;
	return batch ? async (input) => await sendBatch(batch, operation.action, send, input, run.policy, run.accept) : send;
}

/** Every input item through `one`, with up to Parallel Requests in flight; results in input order. */
async function runItems(ctx: IExecuteFunctions, run: Run, one: (i: number) => Promise<INodeExecutionData[]>): Promise<ItemResult[]> {
	let failed = false;
	const indexes = ctx.getInputData().map((_, i) => i);
	const results = await mapLimit(
		indexes,
		run.parallel,
		async (i): Promise<ItemResult> => {
			try {
				return { items: await one(i) };
			} catch (error) {
				failed = true;
				return { error };
			}
		},
		// Without Continue On Fail the execution fails at the first failing item: start no more.
		() => failed && !run.continueOnFail,
	);
	return results.filter((r): r is ItemResult => r !== undefined);
}

/** Bulk mode without Continue On Fail: a request not sent because another one failed first. */
class NotSentError extends Error {
	constructor() {
		super('Not sent: the request of another item failed first');
	}
}

/** Results in input order → output items; the first failure fails the execution unless Continue On Fail. */
function collect(ctx: IExecuteFunctions, results: ItemResult[], hide: (text: string) => string): INodeExecutionData[] {
	const continueOnFail = ctx.continueOnFail();
	const out: INodeExecutionData[] = [];
	// Without Continue On Fail: the first real failure by input order (not an item left unsent because of it).
	const failure = continueOnFail ? -1 : results.findIndex((r) => 'error' in r && !(r.error instanceof NotSentError));
	if (failure >= 0) throw toNodeError(ctx.getNode(), (results[failure] as { error: unknown }).error, failure, hide);
	results.forEach((result, i) => {
		if ('items' in result) {
			for (const item of result.items) out.push(item);
			return;
		}
		if (!continueOnFail) throw toNodeError(ctx.getNode(), result.error, i, hide);
		out.push({ json: { error: JSON.parse(hide(JSON.stringify(describeError(result.error, i)))) }, pairedItem: { item: i } });
	});
	return out;
}

/** The body template (raw text: the same for every item) and each item's options (read once when they hold no expression). */
interface Reader {
	body: unknown;
	options(i: number): Options;
}

function reader(ctx: IExecuteFunctions): Reader {
	const body = ctx.getNodeParameter('body', 0, '', { rawExpressions: true }) as unknown;
	const fixed = hasExpression(ctx.getNode().parameters.options) ? undefined : (ctx.getNodeParameter('options', 0, {}) as Options);
	return { body, options: (i) => fixed ?? (ctx.getNodeParameter('options', i, {}) as Options) };
}

const hasExpression = (value: unknown): boolean =>
	typeof value === 'string' ? value.startsWith('=') : typeof value === 'object' && value !== null && Object.values(value).some(hasExpression);

/** Input item i → the SDK input of its request: bind → parse → defaults → convert. */
function prepareInput(ctx: IExecuteFunctions, i: number, operation: Operation, options: Options, raw: unknown): Record<string, unknown> {
	const json = ctx.getInputData()[i].json;
	const evaluate = (expression: string) => {
		// `{{ $json.field }}` read directly (same value, without n8n's per-expression cost); anything else by n8n.
		const path = jsonPathOf(expression);
		const value = path ? readJsonPath(json, path) : undefined;
		return value !== undefined ? value : ctx.evaluateExpression(expression, i);
	};
	const text = typeof raw === 'string' ? bindBody(raw, evaluate) : JSON.stringify(raw);
	const body = withDefaults(operation, parseBody(text), options, json);
	return toSdkInput(operation.action, body, options.attributeValues ?? 'auto');
}

/** SDK output (for the request `input`) → the output items of input item i. */
function shape(operation: Operation, response: Record<string, unknown>, options: Options, i: number, input: IDataObject = {}): INodeExecutionData[] {
	const simplify = options.simplify ?? true;
	const notFound = options.notFound ?? 'none';
	const json = fromSdkOutput(operation.action, response, simplify) as IDataObject;
	const records = simplify
		? splitRecords(operation, json, notFound, response as IDataObject, input)
		: operation.records === 'Item' && !json.Item
			? whenNotFound(notFound, json)
			: [json];
	// Accepted unprocessed keys of a BatchGetItem stay visible next to its records.
	const member = operation.batch?.unprocessed;
	const left = member && simplify && operation.records ? (json[member] as IDataObject | undefined) : undefined;
	if (left && Object.keys(left).length > 0) records.push({ [member!]: left });
	return records.map((record) => ({ json: record, pairedItem: { item: i } }));
}

/** One input item through the pipeline: bind → parse → convert → send → shape. */
async function runItem(ctx: IExecuteFunctions, i: number, operation: Operation, send: Send, read: Reader): Promise<INodeExecutionData[]> {
	const options = read.options(i);
	const input = prepareInput(ctx, i, operation, options, read.body);
	const response = operation.pagination ? await fetchPages(send, input, operation.pagination, options) : await send(input);
	return shape(operation, response, options, i, input as IDataObject);
}

/** Bulk Mode: every input item's request prepared, sent in BatchWriteItem / BatchGetItem calls, shaped per item. */
async function runBulk(ctx: IExecuteFunctions, operation: Operation, client: DynamoDBClient, run: Run, read: Reader): Promise<ItemResult[]> {
	const count = ctx.getInputData().length;
	const options: Options[] = [];
	const prepared: Prepared[] = [];
	for (let i = 0; i < count; i++) {
		try {
			options[i] = read.options(i);
			prepared.push({ index: i, input: prepareInput(ctx, i, operation, options[i], read.body) });
		} catch (error) {
			prepared.push({ index: i, error });
		}
	}
	const describeTable = sender(client, 'DescribeTable');
	const keyOf = async (table: string) => {
		try {
			const { Table } = (await describeTable({ TableName: table })) as { Table?: { KeySchema?: Array<{ AttributeName?: string }> } };
			return Table?.KeySchema?.map((k) => k.AttributeName!);
		} catch {
			return undefined; // No DescribeTable permission: writes of one key can still not share a call (see bulk.ts).
		}
	};
	const results = await sendBulk(operation.action, prepared, sender(client, operation.bulk!), run.policy, keyOf);
	let written: { options: Options; records: IDataObject[] } | undefined;
	return results.map(({ index, outcome, unprocessed }): ItemResult => {
		if (outcome.status === 'done' && operation.bulk === 'BatchWriteItem') {
			// A write answers nothing: shaped once per options, copied per item.
			const itemOptions = options[index] ?? {};
			if (written?.options !== itemOptions) written = { options: itemOptions, records: shape(operation, {}, itemOptions, index).map((r) => r.json) };
			return { items: written.records.map((json) => ({ json: { ...json }, pairedItem: { item: index } })) };
		}
		if (outcome.status === 'done') {
			try {
				return { items: shape(operation, outcome.value ? { Item: outcome.value } : {}, options[index] ?? {}, index) };
			} catch (error) {
				return { error }; // If Item Not Found: Fail
			}
		}
		if (outcome.status === 'unprocessed') {
			if (!run.accept) return { error: new UnprocessedRequestsError(1, 1, Object.keys(unprocessed!)[0], unprocessed!, run.policy.maxRounds) };
			const json = fromSdkOutput(operation.bulk!, unprocessed!, options[index]?.simplify ?? true) as IDataObject;
			return { items: [{ json, pairedItem: { item: index } }] };
		}
		if (outcome.status === 'skipped') return { error: new NotSentError() };
		return { error: outcome.error };
	});
}
