import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { IDataObject } from 'n8n-workflow';
import { toAttributeValue } from '../shapes/attributeValues';
import { childPath, describe, InputError } from '../shapes/errors';

/** "id (partition key) and sk (sort key)": a table's key schema in messages (DescribeTable lists the partition key first). */
export function keySchemaText(keyNames: readonly string[]): string {
	return keyNames.map((name, n) => `${JSON.stringify(name)} (${n === 0 ? 'partition key' : 'sort key'})`).join(' and ');
}

/**
 * The Key naming the record of input item `json`: its fields named like the table's key attributes,
 * as plain JSON. A key attribute the input does not carry, or one that is not a string, number or
 * binary, is an error naming it and the table's key schema.
 */
export function keyFromInput(json: IDataObject, keyNames: readonly string[], table: string, using: string): Record<string, AttributeValue> {
	const key: Record<string, AttributeValue> = {};
	for (const name of keyNames) {
		const value = Object.hasOwn(json, name) ? json[name] : undefined;
		if (value === undefined) {
			throw new InputError(
				'Key',
				`the input item has no field ${JSON.stringify(name)}, a key attribute of table ${JSON.stringify(table)} (its key: ${keySchemaText(keyNames)})`,
				`${using} names the record by the input item's fields named like the table's key attributes. Rename the field upstream (e.g. with Edit Fields), or write the Key in the body.`,
			);
		}
		const converted = toAttributeValue(value, childPath('$json', name), 'plain');
		if (converted.S === undefined && converted.N === undefined && converted.B === undefined) {
			throw new InputError(
				childPath('Key', name),
				`the input item's ${JSON.stringify(name)} is ${describe(value)}, but a key attribute is a string, a number or binary ({"$B": "base64"})`,
			);
		}
		key[name] = converted;
	}
	return key;
}

/** Key From Input (GetItem, DeleteItem): the converted request with the Key from the input item; a body with its own Key is an error. */
export function withKeyFromInput(request: Record<string, unknown>, bodyHasKey: boolean, json: IDataObject, keyNames: readonly string[]): Record<string, unknown> {
	if (bodyHasKey) {
		throw new InputError('Key', 'the body has a Key, but Key From Input takes the Key from the input item', 'Remove "Key" from the body, or turn Key From Input off.');
	}
	return { ...request, Key: keyFromInput(json, keyNames, request.TableName as string, 'Key From Input') };
}
