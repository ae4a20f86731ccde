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

/**
 * A simplified response → one JSON object per record, for operations that return records.
 * When a Limit stopped before the end, the last record carries `$cursor`: the member to put in
 * the next request's body to continue exactly after it. `raw` is the response before simplifying.
 */
export function splitRecords(operation: Operation, response: IDataObject, notFound: NotFound, raw: IDataObject): IDataObject[] {
	const records = recordsOf(operation, response);
	// No record list (Select COUNT, or an operation without records): the response is the item.
	if (!records) return [response];
	if (operation.records === 'Item' && records.length === 0) {
		if (notFound === 'error') throw new ItemNotFoundError();
		return notFound === 'empty' ? [{}] : [];
	}
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
		case 'Responses[].Item':
			// A statement that failed in a batch is an entry with Error: kept, never dropped.
			return ((response.Responses as IDataObject[]) ?? []).flatMap((r) =>
				r.Item ? [r.Item as IDataObject] : r.Error ? [{ error: r.Error }] : [],
			);
		case 'SearchResults[].Item':
			// Each match with its similarity score, which is what ranks it.
			return ((response.SearchResults as IDataObject[]) ?? []).map((r) => ({ ...(r.Item as IDataObject), $score: r.Score }));
		default:
			return undefined;
	}
}
