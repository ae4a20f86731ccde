import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../operations/types';
import { toJsonSafe } from '../shapes/toOutput';

/** What GetItem gives when the key matches no item (option "If Item Not Found"). */
export type NotFound = 'none' | 'empty' | 'error';

export class ItemNotFoundError extends Error {
	constructor() {
		super('No item has this key');
	}
}

/** GetItem found nothing: no output item, an empty one (`empty`), or an error. */
export function whenNotFound(notFound: NotFound, empty: IDataObject): IDataObject[] {
	if (notFound === 'error') throw new ItemNotFoundError();
	return notFound === 'empty' ? [empty] : [];
}

/**
 * A simplified response → one JSON object per record, for operations that return records.
 * When a Limit stopped before the end, the last record carries `$cursor`: the member to put in
 * the next request's body to continue exactly after it. `raw` is the response before simplifying,
 * `input` the request that was sent.
 */
export function splitRecords(operation: Operation, response: IDataObject, notFound: NotFound, raw: IDataObject, input: IDataObject): IDataObject[] {
	const records = isPartiqlWrite(input) ? undefined : recordsOf(operation, response);
	// No record list (Select COUNT, a PartiQL write, an operation without records): the response is the item.
	if (!records) return [response];
	if (operation.records === 'Item' && records.length === 0) return whenNotFound(notFound, {});
	// The cursor stays typed (from the raw response): a key of 40 digits must go back as N, not S.
	const cursor = operation.pagination && toJsonSafe(raw[operation.pagination.output]);
	if (cursor !== undefined && records.length > 0) {
		records[records.length - 1] = { ...records[records.length - 1], $cursor: { [operation.pagination!.input]: cursor } };
	}
	return records;
}

function recordsOf(operation: Operation, response: IDataObject): IDataObject[] | undefined {
	switch (operation.records) {
		case 'Item':
			return response.Item ? [response.Item as IDataObject] : [];
		case 'Items':
			return (response.Items as IDataObject[] | undefined)?.slice();
		case 'Responses.*':
			return Object.values((response.Responses as Record<string, IDataObject[]>) ?? {}).flat();
		case 'Responses[].Item': {
			// One item per statement or action, in request order: its record, its error, or {} (a write, or no match).
			// A write transaction answers no Responses at all: then the response itself is the item.
			const responses = response.Responses as IDataObject[] | undefined;
			return responses?.length ? responses.map((r) => (r.Item as IDataObject) ?? (r.Error ? { error: r.Error } : {})) : undefined;
		}
		case 'SearchResults[].Item':
			// Each match with its similarity score, which is what ranks it.
			return ((response.SearchResults as IDataObject[]) ?? []).map((r) => ({ ...(r.Item as IDataObject), $score: r.Score }));
		default:
			return undefined;
	}
}

/** PartiQL INSERT/UPDATE/DELETE answer no records; their response is the output, so the flow goes on. */
function isPartiqlWrite(input: IDataObject): boolean {
	return typeof input.Statement === 'string' && !/^\s*(SELECT|EXISTS)\b/i.test(input.Statement);
}
