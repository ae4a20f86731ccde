import type { IExecuteFunctions } from 'n8n-workflow';
import type { BatchPolicy } from '../batch/call';
import { sendBatch } from '../batch/request';
import type { BodyDefaults } from '../body/defaults';
import type { NotFound } from '../output/records';
import type { Operation } from '../operations/types';
import type { ValueMode } from '../shapes/attributeValues';
import type { ClientOptions } from '../transport/client';
import type { Send } from '../transport/send';

/** The node's Options collection (see description.ts). */
export interface Options extends BodyDefaults {
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
	waitUntilDone?: boolean;
	maxWait?: number;
}

/** Settings of the whole execution, read once from the first item's options. */
export interface Run {
	client: ClientOptions;
	policy: BatchPolicy;
	parallel: number;
	bulkMode: boolean;
	accept: boolean;
	continueOnFail: boolean;
	/** The first item's options these settings come from. */
	options: Options;
	/** The options hold no expression: every item's are the first item's. */
	sameOptions: boolean;
}

/**
 * The Operation parameter. Fast path: an action name as written is what n8n's resolving read
 * (`ctx.getNodeParameter('operation', 0)`, the reference) returns for it, without that read's cost per
 * execution (n8n's expression context and a search of the node's description); anything else, an
 * expression included, takes the reference read (test/integration/editorTraps.test.ts).
 */
export function operationName(ctx: IExecuteFunctions): string {
	const written = ctx.getNodeParameter('operation', 0, undefined, { rawExpressions: true });
	return typeof written === 'string' && !written.startsWith('=') ? written : (ctx.getNodeParameter('operation', 0) as string);
}

/**
 * Fast path: options without an expression are read as written, which is what n8n's resolving read
 * (`ctx.getNodeParameter('options', i)`, the reference) returns for them: none of them has a
 * validateType, so n8n neither converts nor checks them. That read's cost (the expression context,
 * a search of the description) is then paid only where an expression is. The object is the node's
 * own parameter: read, never written. Reference tests: test/unit/fastPath.test.ts "options read as
 * written equal n8n resolving them" (a property test) and test/integration/options.test.ts "options
 * written as expressions are read for each item; options without one are the same for every item".
 */
export function executionSettings(ctx: IExecuteFunctions, operation: Operation): Run {
	const written = optionsOf(ctx, operation, 0, { rawExpressions: true });
	const sameOptions = !hasExpression(written);
	const options = sameOptions ? written : optionsOf(ctx, operation, 0);
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
		bulkMode: options.bulkMode === true && operation.bulkMode !== undefined,
		accept: options.acceptUnprocessed === true,
		continueOnFail,
		options,
		sameOptions,
	};
}

/** Batch operations: requests of any size split into calls within DynamoDB's limits, unprocessed ones retried. */
export function batchAware(operation: Operation, send: Send, run: Run): Send {
	const { batch } = operation;
	return batch ? async (input) => await sendBatch(batch, send, input, run.policy, run.accept) : send;
}

/** The body template (raw text: the same for every item) and each item's options (read once when they hold no expression). */
export interface Reader {
	body: unknown;
	options(i: number): Options;
}

export function reader(ctx: IExecuteFunctions, operation: Operation, run: Run): Reader {
	const body = ctx.getNodeParameter('body', 0, '', { rawExpressions: true }) as unknown;
	return { body, options: (i) => (run.sameOptions ? run.options : optionsOf(ctx, operation, i)) };
}

/**
 * Item i's options, the table among them wherever the node's version keeps it: version 1 under
 * Options (`options.table`, as workflows saved with it have it), version 2 right under Operation
 * (`table`, read only for one-table operations). The node's own parameter is never written: version
 * 2's table goes into a copy.
 */
function optionsOf(ctx: IExecuteFunctions, operation: Operation, i: number, how?: { rawExpressions: true }): Options {
	const options = ctx.getNodeParameter('options', i, {}, how) as Options;
	if (ctx.getNode().typeVersion < 2 || !operation.table) return options;
	const table = ctx.getNodeParameter('table', i, undefined, how) as Options['table'];
	return { ...options, table, tableField: 'Table' };
}

const hasExpression = (value: unknown): boolean =>
	typeof value === 'string' ? value.startsWith('=') : typeof value === 'object' && value !== null && Object.values(value).some(hasExpression);
