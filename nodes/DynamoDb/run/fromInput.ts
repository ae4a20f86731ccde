import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { IDataObject } from 'n8n-workflow';
import type { FromInput } from '../body/defaults';
import { explainInputError } from '../body/explain';
import { withItemFromInput } from '../body/itemFromInput';
import { withKeyFromInput } from '../body/keyFromInput';
import { withUpdateFromInput } from '../body/updateFromInput';
import { noteRequest } from '../output/errors';
import type { Operation } from '../operations/types';
import { toSdkInput } from '../shapes/toInput';
import { keySchemas, type KeySchemas } from '../transport/keySchemas';
import type { Options } from './settings';

/** A table's key attribute names for input item `json`, by the table's key schema. */
export type KeyNames = (table: string, json: IDataObject) => Promise<string[]>;

/**
 * The tables' key schemas for one execution: one DescribeTable per table however many items (and
 * Parallel Requests) ask at once, kept across executions on the warm client as Bulk Mode's are
 * (transport/keySchemas.ts: a minute, or until an item lacks a cached key attribute).
 */
export function keyNamesOf(client: DynamoDBClient): KeyNames {
	// Made on first use: most executions never ask.
	let schemas: KeySchemas | undefined;
	const asked = new Map<string, Promise<string[]>>();
	const rechecked = new Set<string>();
	const ask = (table: string, json: IDataObject) => {
		const names = (schemas ??= keySchemas(client)).need(table, json).catch((error: unknown) => {
			asked.delete(table);
			noteRequest(error, { TableName: table });
			throw error;
		});
		asked.set(table, names);
		return names;
	};
	return async (table, json) => {
		const known = await (asked.get(table) ?? ask(table, json));
		// A table created anew with other keys: an item carries the new key attributes, not the cached ones. Asked again once per execution.
		if (known.every((n) => n in json) || rechecked.has(table)) return known;
		rechecked.add(table);
		return await ask(table, json);
	};
}

/**
 * The converted request of a body that Item From Input, Update From Input or Key From Input
 * completes: the body is converted as the user wrote it (its Attribute Values mode), with an empty
 * Item or Key standing in when it has none (the model requires one), then the generated members are
 * added as typed values, never read again in the body's mode.
 */
export async function completeFromInput(
	from: FromInput,
	operation: Operation,
	body: unknown,
	json: IDataObject,
	options: Options,
	keyNames: KeyNames,
): Promise<Record<string, unknown>> {
	const given = (body ?? {}) as IDataObject;
	// The member the input item fills in, which the model requires: an empty one stands in for the conversion.
	const filled = from === 'item' ? 'Item' : 'Key';
	const bodyHasKey = given.Key !== undefined && given.Key !== null;
	let request: Record<string, unknown>;
	try {
		request = toSdkInput(operation.action, given[filled] === undefined || given[filled] === null ? { ...given, [filled]: {} } : given, options.attributeValues ?? 'auto');
	} catch (error) {
		throw explainInputError(operation, body, error, options.tableField) ?? error;
	}
	if (from === 'item') return withItemFromInput(request, json, options.excludeFields);
	if (from === 'key') return withKeyFromInput(request, bodyHasKey, json, await keyNames(request.TableName as string, json));
	// With the body's Key, its members are the key attributes: no DescribeTable needed.
	const names = bodyHasKey ? Object.keys(request.Key as object) : await keyNames(request.TableName as string, json);
	return withUpdateFromInput(request, bodyHasKey, json, names, options);
}
