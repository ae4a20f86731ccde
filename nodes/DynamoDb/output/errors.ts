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
 * What went wrong, as plain JSON: the error item with Continue On Fail, and the error's details.
 * `message` is one short sentence (n8n adds the item index itself); `description` says more.
 */
export function describeError(error: unknown, place?: Place): IDataObject {
	if (error instanceof BodyParseError) {
		return { message: `The request body is not valid JSON: ${error.message}`, line: error.line, column: error.column };
	}
	if (error instanceof InputError) {
		return { message: error.path ? error.message : capitalized(error.message), path: error.path, ...(error.detail ? { description: error.detail } : {}) };
	}
	if (isAwsError(error)) {
		const { httpStatusCode, requestId, attempts } = error.$metadata;
		const details: IDataObject = { code: error.name, message: `${error.name}: ${error.message}`, httpStatusCode, requestId };
		const tables = tablesOf.get(error) ?? [];
		if (error.name === 'ResourceNotFoundException' && tables.length > 0) {
			const names = tables.map((t) => `"${t}"`).join(', ');
			details.message = `${tables.length === 1 ? 'Table' : 'Tables'} ${names}: not found${place ? ` in ${place}` : ''} (ResourceNotFoundException)`;
			details.hint = `DynamoDB answered: ${error.message}. Check the table name, and the credential's Region and Endpoint URL.`;
		}
		if (isThrottling(error) || error.name === 'LimitExceededException') {
			details.message = `${details.message as string} (still throttled after ${attempts ?? 1} attempts)`;
			details.hint = `DynamoDB kept throttling this request and the retries are spent: raise the table's capacity (or switch it to on-demand), lower Parallel Requests, or raise Max Attempts (Retry Mode "adaptive" also slows down on throttling).`;
		}
		// TransactionCanceledException: reasons per action index; ConditionalCheckFailedException: the existing item.
		if (Array.isArray(error.CancellationReasons)) details.cancellationReasons = error.CancellationReasons.map(cancellationReason);
		if (error.Item) details.item = plainItem(error.Item);
		return details;
	}
	if (error instanceof UnprocessedRequestsError) {
		// What DynamoDB left unprocessed travels with the error (and the error item): never lost.
		return { message: error.message, code: error.name, ...(toJsonSafe(error.unprocessed) as IDataObject) };
	}
	const timeout = timeoutOf(error);
	if (timeout) return { message: timeout, code: 'TimeoutError' };
	const code = networkCode(error);
	return { message: (error as Error)?.message ?? String(error), ...(code ? { code } : {}) };
}

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

/** The error n8n shows: an API error for AWS's answers (Error code: the AWS code), an operation error for bad input. */
export function toNodeError(node: INode, error: unknown, itemIndex: number, redact: (text: string) => string, place?: Place) {
	const details = JSON.parse(redact(JSON.stringify(describeError(error, place)))) as IDataObject;
	const message = details.message as string;
	if (isAwsError(error)) {
		const description = [details.hint, `HTTP ${details.httpStatusCode ?? '?'}, request id ${details.requestId ?? '?'}`].filter(Boolean).join(' ');
		const apiError = new NodeApiError(node, details as JsonObject, { message, description, httpCode: details.code as string, itemIndex });
		// NodeApiError swaps a message containing a system error code for its own text, and
		// "ResourceNotFoundException" contains "ENOTFOUND" ("…incorrect host (domain) value"): keep AWS's words.
		apiError.message = message;
		return apiError;
	}
	if (error instanceof UnprocessedRequestsError) {
		const { message: _m, code: _c, ...unprocessed } = details;
		return new NodeOperationError(node, message, { itemIndex, description: `Unprocessed: ${JSON.stringify(unprocessed).slice(0, 4000)}` });
	}
	const description = details.path
		? [`At ${details.path as string} in the request body.`, details.description].filter(Boolean).join(' ')
		: details.code === 'TimeoutError'
			? 'Check the Endpoint URL and the network path to it; raise Connection Timeout, Request Timeout or Max Attempts for slow links.'
			: (details.description as string | undefined);
	return new NodeOperationError(node, message, { itemIndex, description });
}
