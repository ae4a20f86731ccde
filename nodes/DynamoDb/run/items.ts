import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { fromInputOf, isPrefilled, withDefaults } from '../body/defaults';
import { explainInputError } from '../body/explain';
import { jsonPathOf, readJsonPath } from '../body/fastPath';
import { parseBody } from '../body/parse';
import { bodyOf } from '../body/template';
import { missingRecord } from '../body/updateFromInput';
import { noteRequest } from '../output/errors';
import { splitRecords, whenNotFound } from '../output/records';
import type { Operation } from '../operations/types';
import { toSdkInput } from '../shapes/toInput';
import { fromSdkOutput } from '../shapes/toOutput';
import { mapLimit } from '../transport/concurrency';
import { fetchPages } from '../transport/paginate';
import type { Send } from '../transport/send';
import type { ItemResult } from './collect';
import { completeFromInput, type KeyNames } from './fromInput';
import type { Options, Reader, Run } from './settings';
import { withSettled, type Settle } from './wait';

/** Input item i → its body: bind and parse (body/template.ts) → defaults (Table, Index). */
function bodyFor(ctx: IExecuteFunctions, i: number, operation: Operation, options: Options, raw: unknown): { body: unknown; json: IDataObject } {
	const json = ctx.getInputData()[i].json;
	const evaluate = (expression: string) => {
		// `{{ $json.field }}` read directly (same value, without n8n's per-expression cost); anything else by n8n.
		const path = jsonPathOf(expression);
		const value = path ? readJsonPath(json, path) : undefined;
		return value !== undefined ? value : ctx.evaluateExpression(expression, i);
	};
	const body = withDefaults(operation, typeof raw === 'string' ? bodyOf(raw, evaluate) : parseBody(JSON.stringify(raw)), options, isPrefilled(operation, raw));
	return { body, json };
}

/** Input item i → the SDK input of its request: its body, converted. */
export function prepareInput(ctx: IExecuteFunctions, i: number, operation: Operation, options: Options, raw: unknown): Record<string, unknown> {
	const { body } = bodyFor(ctx, i, operation, options, raw);
	try {
		return toSdkInput(operation.action, body, options.attributeValues ?? 'auto');
	} catch (error) {
		throw explainInputError(operation, body, error, options.tableField) ?? error;
	}
}

/**
 * Input item i → the SDK input of its request, with Item From Input, Update From Input or Key From
 * Input applied where the row has the trait and the option is on (run/fromInput.ts); else prepareInput's.
 */
export async function prepareRequest(ctx: IExecuteFunctions, i: number, operation: Operation, options: Options, raw: unknown, keyNames: KeyNames): Promise<Record<string, unknown>> {
	const from = fromInputOf(operation, options);
	if (!from) return prepareInput(ctx, i, operation, options, raw);
	// Fast path: the untouched example is dropped whole by withDefaults when a From Input option is on, so it is not
	// bound and parsed for each item. Reference: bodyFor, which gives the same body; test/integration/updateFromInput.test.ts
	// and keyFromInput.test.ts run the untouched example.
	const { body, json } = isPrefilled(operation, raw)
		? { body: withDefaults(operation, {}, options, true), json: ctx.getInputData()[i].json }
		: bodyFor(ctx, i, operation, options, raw);
	return await completeFromInput(from, operation, body, json, options, keyNames);
}

/** SDK output (for the request `input`) → the output items of input item i. */
export function outputItems(operation: Operation, response: Record<string, unknown>, options: Options, i: number, input: IDataObject = {}): INodeExecutionData[] {
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

/** One input item through the pipeline: bind → parse → convert → send → (wait until done) → output items. */
export async function runItem(ctx: IExecuteFunctions, i: number, operation: Operation, send: Send, read: Reader, keyNames: KeyNames, settle?: Settle): Promise<INodeExecutionData[]> {
	const options = read.options(i);
	const input = await prepareRequest(ctx, i, operation, options, read.body, keyNames);
	let response;
	try {
		response = operation.pagination ? await fetchPages(send, input, operation.pagination, options) : await send(input);
	} catch (error) {
		noteRequest(error, input);
		throw missingRecord(error, input) ?? error;
	}
	const settled = await settle?.(input, response, options);
	const items = outputItems(operation, response, options, i, input as IDataObject);
	return settled ? items.map((item) => ({ ...item, json: withSettled(operation.wait!, item.json, settled, input) })) : items;
}

/** Every input item through `one`, with up to Parallel Requests in flight; results in input order. */
export async function runItems(ctx: IExecuteFunctions, run: Run, one: (i: number) => Promise<INodeExecutionData[]>): Promise<ItemResult[]> {
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
