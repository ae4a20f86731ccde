import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { NodeApiError, NodeOperationError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';
import { BodyParseError } from '../body/parse';
import { InputError } from '../shapes/errors';
import { plainValue, toJsonSafe } from '../shapes/toOutput';
import { UnprocessedRequestsError } from '../batch/errors';
import { isAwsError, isThrottling, networkCode, timeoutOf } from '../transport/failures';

/** Where requests went, for errors that depend on it: "region eu-west-1", or "region us-east-1 at endpoint http://localhost:8000". */
export type Place = string;

export const placeOf = (region: string, endpoint?: string): Place =>
	endpoint?.trim() ? `region ${region} at endpoint ${endpoint.trim()}` : `region ${region}`;

/** The tables a failed request named (TableName, RequestItems), recorded where it was sent. */
const tablesOf = new WeakMap<object, string[]>();

export function noteRequest(error: unknown, input: Record<string, unknown>): void {
	if (typeof error !== 'object' || error === null) return;
	const named = typeof input.TableName === 'string' ? [input.TableName] : [];
	const items = input.RequestItems;
	tablesOf.set(error, items && typeof items === 'object' ? [...named, ...Object.keys(items)] : named);
}

/**
 * One failure, described once where it is told apart from the others (below), redacted once, then
 * presented: as the error item with Continue On Fail (`errorItem`) or as n8n's error (`nodeError`).
 * `message` is one short sentence (n8n adds the item index itself).
 */
export type Failure =
	/** The body text is not JSON: where. */
	| { kind: 'parse'; message: string; line: number; column: number }
	/** Bad input at a path of the body; `detail` says what to do. */
	| { kind: 'input'; message: string; path: string; detail?: string }
	/** An answer from AWS: its code and request id, and what the answer carries (the existing item, the reasons per action). */
	| { kind: 'aws'; code: string; message: string; httpStatusCode?: number; requestId?: string; hint?: string; cancellationReasons?: IDataObject[]; item?: IDataObject }
	/** What DynamoDB left unprocessed after the retries, in its own members (UnprocessedItems, …): never lost. */
	| { kind: 'unprocessed'; code: string; message: string; unprocessed: IDataObject }
	/** Anything else: a timeout, a connection failure (its system code), a check of the node's own. */
	| { kind: 'other'; message: string; code?: string };

/** What went wrong with `error`, with every credential secret removed by `redact`. */
export function describeFailure(error: unknown, redact: (text: string) => string, place?: Place): Failure {
	return redacted(classify(error, place), redact);
}

function classify(error: unknown, place?: Place): Failure {
	if (error instanceof BodyParseError) {
		return { kind: 'parse', message: `The request body is not valid JSON: ${error.message}`, line: error.line, column: error.column };
	}
	if (error instanceof InputError) {
		return { kind: 'input', message: error.path ? error.message : capitalized(error.message), path: error.path, detail: error.detail };
	}
	if (isAwsError(error)) {
		const { httpStatusCode, requestId, attempts } = error.$metadata;
		const failure: Failure & { kind: 'aws' } = { kind: 'aws', code: error.name, message: `${error.name}: ${error.message}`, httpStatusCode, requestId };
		const tables = tablesOf.get(error) ?? [];
		if (error.name === 'ResourceNotFoundException' && tables.length > 0) {
			const names = tables.map((t) => `"${t}"`).join(', ');
			failure.message = `${tables.length === 1 ? 'Table' : 'Tables'} ${names}: not found${place ? ` in ${place}` : ''} (ResourceNotFoundException)`;
			failure.hint = `DynamoDB answered: ${error.message}. Check the table name, and the credential's Region and Endpoint URL.`;
		}
		if (isThrottling(error) || error.name === 'LimitExceededException') {
			failure.message = `${failure.message} (still throttled after ${attempts ?? 1} attempts)`;
			failure.hint = `DynamoDB kept throttling this request and the retries are spent: raise the table's capacity (or switch it to on-demand), lower Parallel Requests, or raise Max Attempts (Retry Mode "adaptive" also slows down on throttling).`;
		}
		// TransactionCanceledException: reasons per action index; ConditionalCheckFailedException: the existing item.
		if (Array.isArray(error.CancellationReasons)) failure.cancellationReasons = error.CancellationReasons.map(cancellationReason);
		if (error.Item) failure.item = plainItem(error.Item);
		return failure;
	}
	if (error instanceof UnprocessedRequestsError) {
		return { kind: 'unprocessed', code: error.name, message: error.message, unprocessed: toJsonSafe(error.unprocessed) as IDataObject };
	}
	const timeout = timeoutOf(error);
	if (timeout) return { kind: 'other', message: timeout, code: 'TimeoutError' };
	return { kind: 'other', message: (error as Error)?.message ?? String(error), code: networkCode(error) };
}

/**
 * Every text of the failure through `redact`: its strings and the member names of the data it
 * carries (an item's attribute names are data too); the failure's own fields stay as they are.
 */
function redacted(failure: Failure, redact: (text: string) => string): Failure {
	const hide = (value: unknown): unknown => {
		if (typeof value === 'string') return redact(value);
		if (Array.isArray(value)) return value.map(hide);
		if (value === null || typeof value !== 'object') return value;
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), hide(v)]));
	};
	return Object.fromEntries(Object.entries(failure).map(([k, v]) => [k, k === 'kind' ? v : hide(v)])) as Failure;
}

/** The error item's JSON (Continue On Fail): the failure's fields without its kind, in the order they read. */
export function errorItem(failure: Failure): IDataObject {
	switch (failure.kind) {
		case 'parse':
			return { message: failure.message, line: failure.line, column: failure.column };
		case 'input':
			return { message: failure.message, path: failure.path, ...(failure.detail ? { description: failure.detail } : {}) };
		case 'aws': {
			const { kind: _, ...rest } = failure;
			return defined(rest);
		}
		case 'unprocessed':
			return { message: failure.message, code: failure.code, ...failure.unprocessed };
		case 'other':
			return { message: failure.message, ...(failure.code ? { code: failure.code } : {}) };
	}
}

/** The error n8n shows: an API error for AWS's answers (Error code: the AWS code), an operation error for everything else. */
export function nodeError(node: INode, failure: Failure, itemIndex: number): NodeApiError | NodeOperationError {
	const { message } = failure;
	if (failure.kind === 'aws') {
		const description = [failure.hint, `HTTP ${failure.httpStatusCode ?? '?'}, request id ${failure.requestId ?? '?'}`].filter(Boolean).join(' ');
		const apiError = new NodeApiError(node, errorItem(failure) as JsonObject, { message, description, httpCode: failure.code, itemIndex });
		// NodeApiError swaps a message containing a system error code for its own text, and
		// "ResourceNotFoundException" contains "ENOTFOUND" ("…incorrect host (domain) value"): keep AWS's words.
		apiError.message = message;
		return apiError;
	}
	return new NodeOperationError(node, message, { itemIndex, description: descriptionOf(failure) });
}

/** n8n's description line of an operation error: where in the body, what was left unprocessed, or what to check. */
function descriptionOf(failure: Exclude<Failure, { kind: 'aws' }>): string | undefined {
	switch (failure.kind) {
		case 'parse':
			return undefined;
		case 'input':
			return failure.path ? [`At ${failure.path} in the request body.`, failure.detail].filter(Boolean).join(' ') : failure.detail || undefined;
		case 'unprocessed':
			return `Unprocessed: ${JSON.stringify(failure.unprocessed).slice(0, 4000)}`;
		case 'other':
			return failure.code === 'TimeoutError' ? 'Check the Endpoint URL and the network path to it; raise Connection Timeout, Request Timeout or Max Attempts for slow links.' : undefined;
	}
}

/** The object without its undefined members (an error item holds only what is known). */
const defined = (value: object): IDataObject => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as IDataObject;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A typed item carried by an error (`{"id": {"S": "a"}}`) → plain JSON, like the node's records. */
function plainItem(item: unknown): IDataObject {
	return plainValue({ M: item as Record<string, AttributeValue> }) as IDataObject;
}

/** One entry of CancellationReasons, for the transaction action at `index`. */
function cancellationReason(reason: { Code?: string; Message?: string; Item?: unknown }, index: number): IDataObject {
	const out: IDataObject = { index, code: reason.Code ?? 'None' };
	if (reason.Message) out.message = reason.Message;
	if (reason.Item) out.item = plainItem(reason.Item);
	return out;
}
