import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../operations/types';
import { mapValues } from '../shapes/attributeValues';
import { InputError } from '../shapes/errors';

/** The options that fill in a body (see the Options collection in description.ts). */
export interface BodyDefaults {
	/** Resource locator value: a table name or ARN (DynamoDB accepts both as TableName). */
	table?: { value?: string } | string;
	indexName?: string;
	itemFromInput?: boolean;
	/** Comma-separated top-level fields of the input item to leave out of the stored Item. */
	excludeFields?: string;
}

/**
 * Fills in what the body leaves out: TableName from the Table option, IndexName from the Index
 * option, and (PutItem) the Item from the input item's JSON. What the body says always wins.
 */
export function withDefaults(operation: Operation, body: unknown, options: BodyDefaults, input: IDataObject): unknown {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
	const out = { ...(body as IDataObject) };
	const table = typeof options.table === 'string' ? options.table : options.table?.value;
	if (operation.table && out.TableName === undefined && table) out.TableName = table;
	if (out.IndexName === undefined && options.indexName) out.IndexName = options.indexName;
	if (operation.action === 'PutItem' && options.itemFromInput) out.Item = { ...itemFrom(input, options.excludeFields), ...(out.Item as IDataObject) };
	return out;
}

/** The input item as a typed Item: plain JSON by the documented rules, whatever the Attribute Values mode. */
function itemFrom(input: IDataObject, excludeFields = ''): IDataObject {
	const excluded = new Set(excludeFields.split(',').map((f) => f.trim()).filter(Boolean));
	const fields = Object.fromEntries(Object.entries(input).filter(([k]) => !excluded.has(k)));
	if (Object.keys(fields).length === 0) throw new InputError('Item', 'the input item has no fields to store');
	return mapValues(fields, 'Item', 'plain') as IDataObject;
}
