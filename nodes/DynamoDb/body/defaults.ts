import type { IDataObject } from 'n8n-workflow';
import { prefilledBody } from '../operations/prefilled';
import type { Operation } from '../operations/types';
import { InputError } from '../shapes/errors';
import { Memo, MODEL } from '../shapes/memo';

/** The options that fill in a body (see the Options collection in description.ts). */
export interface BodyDefaults {
	/** Resource locator value: a table name or ARN (DynamoDB accepts both as TableName). */
	table?: { value?: string } | string;
	/** Where the node shows the table, for errors: "Table" (version 2, under Operation); absent in version 1 (Options › Table). */
	tableField?: string;
	indexName?: string;
	itemFromInput?: boolean;
	updateFromInput?: boolean;
	keyFromInput?: boolean;
	/** Comma-separated top-level fields of the input item to leave out of the stored Item (or the update). */
	excludeFields?: string;
	createIfMissing?: boolean;
	removeNullFields?: boolean;
}

/** Which request the input item makes, where the registry row has the trait and the option is on: the Item, the update, or the Key. */
export type FromInput = 'item' | 'update' | 'key';

export function fromInputOf(operation: Operation, options: BodyDefaults): FromInput | undefined {
	if (operation.itemFromInput && options.itemFromInput === true) return 'item';
	if (operation.updateFromInput && options.updateFromInput === true) return 'update';
	if (operation.keyFromInput && options.keyFromInput === true) return 'key';
	return undefined;
}

/**
 * Fills in what the body leaves out: TableName from the Table option, IndexName from the Index
 * option. A body and a Table option that name different tables is an error naming both: a picked
 * table is never overruled silently.
 * `example`: the body is the operation's untouched prefilled example, which a From Input option
 * replaces whole (its sample Item, Key, update and condition are not the user's); Item From Input,
 * Update From Input and Key From Input complete the converted request (run/fromInput.ts).
 */
export function withDefaults(operation: Operation, body: unknown, options: BodyDefaults, example = false): unknown {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
	const fromInput = fromInputOf(operation, options);
	const out = fromInput && example ? {} : { ...(body as IDataObject) };
	const table = (typeof options.table === 'string' ? options.table : options.table?.value)?.trim();
	if (operation.table) {
		if (out.TableName === undefined && table) out.TableName = table;
		else if (out.TableName !== undefined && table && typeof out.TableName === 'string' && !sameTable(out.TableName, table)) {
			throw new InputError(
				'TableName',
				`the body names table "${out.TableName}" but ${options.tableField ?? 'Options › Table'} is "${table}"`,
				`Remove "TableName" from the body to use the picked table, or ${options.tableField ? 'clear the Table' : 'remove the Table option'}.`,
			);
		}
	}
	if (out.IndexName === undefined && options.indexName) out.IndexName = options.indexName;
	return out;
}

/** The prefilled body of each operation (registry rows are the keys). */
const prefilled = new Memo<Operation, string>(MODEL);

/** Whether a body is the operation's prefilled example, untouched (the `example` of withDefaults). */
export function isPrefilled(operation: Operation, body: unknown): boolean {
	return body === prefilled.get(operation, prefilledBody);
}

/** A table name and an ARN of that table name the same table (DynamoDB takes both as TableName). */
function sameTable(a: string, b: string): boolean {
	const name = (t: string) => /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/([^/]+)$/.exec(t)?.[1] ?? t;
	return a === b || (!(a.startsWith('arn:') && b.startsWith('arn:')) && name(a) === name(b));
}
