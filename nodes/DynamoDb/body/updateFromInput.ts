import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { IDataObject } from 'n8n-workflow';
import { toAttributeValue } from '../shapes/attributeValues';
import { childPath, InputError } from '../shapes/errors';
import { keyFromInput, keySchemaText } from './keyFromInput';
import { attributeSize, byteLength, EXPRESSION_MAX_BYTES, ITEM_MAX_BYTES, sizeText } from './limits';
import { freePrefix, Placeholders, placeholdersOf } from './placeholders';
import { changedAttributes, expressionOf, sectionsOf } from './updateExpression';

/** The options of Update From Input (see fromInputOptions.ts). */
export interface UpdateFromInputOptions {
	excludeFields?: string;
	createIfMissing?: boolean;
	removeNullFields?: boolean;
}

/** The comma-separated Exclude Fields option as a set of field names. */
export const excludedFields = (text = '') => new Set(text.split(',').map((f) => f.trim()).filter(Boolean));

/** Requests whose ConditionExpression got the generated `attribute_exists` (Create If Missing off), and whether the body had a condition of its own. */
const guarded = new WeakMap<object, { table: string; key: Record<string, AttributeValue>; ownCondition: boolean }>();

/**
 * Update From Input: the converted UpdateItem request with its update built from input item `json`.
 * Every top-level field but the key attributes and the excluded ones is set (SET), a null one
 * removed instead with Remove Fields With Null; names and values only ever as generated
 * placeholders (`#f0`, `:f0`, with a prefix the body's own placeholders do not start with), so no
 * input text is ever part of an expression. The body's own clauses stay in their sections, its
 * ConditionExpression is kept (and joined with `attribute_exists` when Create If Missing is off),
 * ReturnValues is ALL_NEW unless the body says otherwise.
 * `keyNames`: the table's key attributes (DescribeTable), or the body Key's when it has one.
 */
export function withUpdateFromInput(
	request: Record<string, unknown>,
	bodyHasKey: boolean,
	json: IDataObject,
	keyNames: readonly string[],
	options: UpdateFromInputOptions,
): Record<string, unknown> {
	const table = request.TableName as string;
	const key = bodyHasKey ? (request.Key as Record<string, AttributeValue>) : keyFromInput(json, keyNames, table, 'Update From Input');
	const keys = new Set(keyNames);
	const excluded = excludedFields(options.excludeFields);
	const ownNames = (request.ExpressionAttributeNames ?? {}) as Record<string, string>;
	const ownValues = (request.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
	const own = typeof request.UpdateExpression === 'string' ? request.UpdateExpression : undefined;
	const sections = sectionsOf(own);
	const changedByBody = changedAttributes(sections, ownNames);
	const placeholders = new Placeholders(freePrefix(placeholdersOf(request, ['UpdateExpression', 'ConditionExpression'])));

	let size = 0;
	let fields = 0;
	for (const field of Object.keys(json)) {
		const value = json[field];
		if (value === undefined || keys.has(field) || excluded.has(field)) continue;
		if (changedByBody.has(field)) {
			throw new InputError(
				'UpdateExpression',
				`the body's UpdateExpression changes ${JSON.stringify(field)}, and so would the input item's field of that name`,
				'DynamoDB refuses two changes of one attribute in an update. Add the field to Exclude Fields, or take the clause out of the body.',
			);
		}
		fields++;
		if (value === null && options.removeNullFields) {
			sections.REMOVE.push(placeholders.name(field));
			continue;
		}
		const converted = toAttributeValue(value, childPath('$json', field), 'plain');
		size += attributeSize(field, converted);
		sections.SET.push(`${placeholders.name(field)} = ${placeholders.value(converted)}`);
	}
	if (fields === 0 && !own?.trim()) {
		throw new InputError(
			'UpdateExpression',
			`nothing to update: the input item has no fields besides the key (${keySchemaText(keyNames)})${excluded.size ? ' and the excluded ones' : ''}`,
		);
	}
	if (size > ITEM_MAX_BYTES) {
		throw new InputError(
			'UpdateExpression',
			`the input item's fields come to at least ${sizeText(size)}, more than a DynamoDB item can hold (400 KB)`,
			'Leave large fields out with Exclude Fields, or store them elsewhere (e.g. S3) and keep a reference.',
		);
	}

	const out: Record<string, unknown> = { ...request, Key: key, UpdateExpression: expressionOf(sections) };
	let condition: string | undefined;
	if (options.createIfMissing === false) {
		// The partition key exists on every stored record: the generated name of its attribute.
		const exists = `attribute_exists(${placeholders.name(keyNames[0])})`;
		const ownCondition = typeof request.ConditionExpression === 'string' && request.ConditionExpression.trim() !== '';
		condition = ownCondition ? `(${request.ConditionExpression as string}) AND ${exists}` : exists;
		out.ConditionExpression = condition;
		// With the record as it was in the answer, a failed condition tells a missing record from the body's own condition.
		out.ReturnValuesOnConditionCheckFailure ??= 'ALL_OLD';
		guarded.set(out, { table, key, ownCondition });
	}
	checkLength('UpdateExpression', out.UpdateExpression as string, fields);
	if (condition) checkLength('ConditionExpression', condition, fields);
	// DynamoDB refuses an empty ExpressionAttributeNames or ExpressionAttributeValues.
	const names = { ...ownNames, ...placeholders.names };
	const values = { ...ownValues, ...placeholders.values };
	if (Object.keys(names).length > 0) out.ExpressionAttributeNames = names;
	else delete out.ExpressionAttributeNames;
	if (Object.keys(values).length > 0) out.ExpressionAttributeValues = values;
	else delete out.ExpressionAttributeValues;
	out.ReturnValues ??= 'ALL_NEW';
	return out;
}

function checkLength(member: string, expression: string, fields: number): void {
	const bytes = byteLength(expression);
	if (bytes <= EXPRESSION_MAX_BYTES) return;
	throw new InputError(
		member,
		`the ${member} is ${bytes.toLocaleString('en')} bytes with the ${fields} input fields, more than DynamoDB's 4 KB (4,096 bytes) for an expression`,
		'Too many attributes for one update: leave some out with Exclude Fields, or split the input item into several updates.',
	);
}

/** No record has the key, and Create If Missing is off: nothing was written. */
export class RecordMissingError extends Error {
	constructor(table: string, key: Record<string, AttributeValue>, ownCondition: boolean) {
		super(
			`No record has the key ${keyText(key)} in table ${JSON.stringify(table)}${ownCondition ? ", or the body's ConditionExpression is false" : ''}: ` +
				'Create If Missing is off, so nothing was written',
		);
		this.name = 'RecordMissingError';
	}
}

/**
 * The failure of a request built with Create If Missing off, told apart: a failed condition that
 * returned no record (ReturnValuesOnConditionCheckFailure ALL_OLD) means no record has the key.
 * Undefined for anything else (the error is presented as it is).
 */
export function missingRecord(error: unknown, request: Record<string, unknown>): RecordMissingError | undefined {
	const guard = guarded.get(request);
	if (!guard || (error as Error)?.name !== 'ConditionalCheckFailedException' || (error as { Item?: unknown }).Item) return undefined;
	// Without the old record (the body asked for NONE), a failure of the body's own condition looks the same.
	const told = request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
	return new RecordMissingError(guard.table, guard.key, guard.ownCondition && !told);
}

/** The key as plain JSON text, a number as DynamoDB holds it (exact: not through a JS number). */
function keyText(key: Record<string, AttributeValue>): string {
	const text = (v: AttributeValue) => v.N ?? JSON.stringify(v.S ?? (v.B ? Buffer.from(v.B).toString('base64') : null));
	return `{${Object.entries(key).map(([name, v]) => `${JSON.stringify(name)}:${text(v)}`).join(',')}}`;
}
