/**
 * Validation before sending (nodes/DynamoDb/shapes/walk.ts), checked against the SDK's own model:
 * unknown members with a "did you mean", wrong JSON types, required members, JSON paths, and the
 * input item named in the error as n8n shows it.
 */
import { readFileSync } from 'node:fs';
import * as sdk from '@aws-sdk/client-dynamodb';
import type { NormalizedSchema } from '@smithy/core/schema';
import { InputError } from '../../nodes/DynamoDb/shapes/errors';
import { isAttributeValue, membersOf, operationSchema } from '../../nodes/DynamoDb/shapes/schema';
import { toSdkInput } from '../../nodes/DynamoDb/shapes/toInput';
import { createTable, localCredentials, rawClient, uniqueTable } from '../helpers/local';
import { runNode } from '../helpers/n8n';

const actions = Object.keys(sdk)
	.filter((k) => k.endsWith('Command') && k !== '$Command')
	.map((k) => k.slice(0, -'Command'.length))
	.filter((a) => Array.isArray((sdk as Record<string, unknown>)[`${a}$`]));

function inputError(action: string, body: unknown): InputError {
	try {
		toSdkInput(action, body, 'auto');
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return error as InputError;
	}
	throw new Error(`${action} accepted ${JSON.stringify(body)}`);
}

/** Every structure reachable from every operation's input, by shape name. */
function inputStructures(): Map<string, NormalizedSchema> {
	const found = new Map<string, NormalizedSchema>();
	const walk = (schema: NormalizedSchema) => {
		if (isAttributeValue(schema)) return;
		if (schema.isStructSchema()) {
			if (found.has(schema.getName()!)) return;
			found.set(schema.getName()!, schema);
			for (const [, member] of schema.structIterator()) walk(member);
		} else if (schema.isListSchema() || schema.isMapSchema()) walk(schema.getValueSchema());
	};
	for (const action of actions) walk(operationSchema(action, 'Input'));
	return found;
}

/** Required members as the SDK's TypeScript declarations state them (a member without `?`). */
function declaredRequired(): Map<string, string[]> {
	const dts = readFileSync(require.resolve('@aws-sdk/client-dynamodb/dist-types/models/models_0.d.ts'), 'utf8');
	const out = new Map<string, string[]>();
	for (const m of dts.matchAll(/^export interface (\w+) \{\n([\s\S]*?)^\}/gm)) {
		const required = [...m[2].matchAll(/^ {4}(\w+): /gm)].map((r) => r[1]);
		out.set(m[1], required);
	}
	return out;
}

describe('validation against the SDK model', () => {
	it('reads required members exactly as the SDK declares them, for every input structure', () => {
		const declared = declaredRequired();
		const structures = inputStructures();
		expect(actions.length).toBeGreaterThanOrEqual(60);
		expect(structures.size).toBeGreaterThan(100);
		let checked = 0;
		for (const [name, schema] of structures) {
			const expected = declared.get(name);
			if (!expected) continue;
			expect({ name, required: membersOf(schema).required.sort() }).toEqual({ name, required: expected.sort() });
			checked++;
		}
		expect(checked).toBeGreaterThan(100);
	});

	it('knows no union or document member besides AttributeValue, so the walk covers every input shape', () => {
		const kinds = new Set<string>();
		const seen = new Set<string>();
		const walk = (schema: NormalizedSchema) => {
			if (isAttributeValue(schema)) return;
			if (schema.isUnionSchema()) kinds.add(`union ${schema.getName()}`);
			if (schema.isDocumentSchema()) kinds.add(`document ${schema.getName()}`);
			if (schema.isStructSchema()) {
				if (seen.has(schema.getName()!)) return;
				seen.add(schema.getName()!);
				for (const [, member] of schema.structIterator()) walk(member);
			} else if (schema.isListSchema() || schema.isMapSchema()) walk(schema.getValueSchema());
			else if (!(schema.isStringSchema() || schema.isNumericSchema() || schema.isBooleanSchema() || schema.isTimestampSchema() || schema.isBlobSchema())) {
				kinds.add(`other ${schema.getName()}`);
			}
		};
		for (const action of actions) walk(operationSchema(action, 'Input'));
		expect([...kinds]).toEqual([]);
	});

	it('an unknown member gets a "did you mean" with the right spelling', () => {
		const error = inputError('GetItem', { tableName: 'users', Key: { id: 'a' } });
		expect(error.path).toBe('tableName');
		// The title is one sentence; the members allowed go in the detail (n8n's description).
		expect(error.message).toBe('tableName: unknown member, did you mean "TableName"?');
		expect(error.detail).toMatch(/^Members allowed here \(7\): TableName, Key, /);
		expect(inputError('Query', { TableName: 't', KeyConditionExpresion: 'id = :v' }).message).toMatch(/did you mean "KeyConditionExpression"/);
		expect(inputError('PutItem', { TableName: 't', Item: {}, returnvalues: 'ALL_OLD' }).message).toMatch(/did you mean "ReturnValues"/);
		// Nested: a typo inside a structure of a list.
		const nested = inputError('TransactWriteItems', { TransactItems: [{ Put: { TableName: 't', Item: {} } }, { Updaet: {} }] });
		expect(nested.path).toBe('TransactItems[1].Updaet');
		expect(nested.message).toMatch(/did you mean "Update"/);
		// Nothing close: no guess, the list of members instead.
		const far = inputError('GetItem', { TableName: 't', Key: {}, zzzzzzzz: 1 });
		expect(far.message).toBe('zzzzzzzz: not a member here');
		expect(far.detail).toContain('TableName, Key');
	});

	it('a member of the wrong JSON type names the path and what was expected', () => {
		expect(inputError('Scan', { TableName: 5 }).message).toBe('TableName: expected a string, got the number 5');
		expect(inputError('Scan', { TableName: 't', Limit: '10' }).message).toBe('Limit: expected a number, got the string "10"');
		expect(inputError('GetItem', { TableName: 't', Key: {}, ConsistentRead: 'yes' }).message).toBe(
			'ConsistentRead: expected true or false, got the string "yes"',
		);
		expect(inputError('Query', { TableName: 't', AttributesToGet: 'id' }).message).toBe('AttributesToGet: expected an array, got the string "id"');
		expect(inputError('GetItem', { TableName: 't', Key: [] }).message).toBe('Key: expected an object, got an array');
		expect(inputError('GetItem', []).message).toBe('expected an object, got an array');
		expect(inputError('GetItem', 'users').message).toBe('expected an object, got the string "users"');
		expect(inputError('CreateBackup', { TableName: 't', BackupName: { name: 'b' } }).message).toBe('BackupName: expected a string, got an object');
		expect(inputError('RestoreTableToPointInTime', { TargetTableName: 't', RestoreDateTime: 'yesterday' }).path).toBe('RestoreDateTime');
		expect(inputError('PutItem', { TableName: 't', Item: { pic: { B: 'not base64!' } } }).path).toBe('Item.pic.B');
		expect(inputError('PutItem', { TableName: 't', Item: { n: Infinity } }).path).toBe('Item.n');
	});

	it('a missing required member is an error at its path', () => {
		const missingKey = inputError('GetItem', { TableName: 'users' });
		expect(missingKey.path).toBe('Key');
		expect(missingKey.message).toBe('Key: required member is missing');
		expect(inputError('GetItem', { Key: { id: 'a' } }).message).toBe('TableName: required member is missing');
		// null counts as missing.
		expect(inputError('PutItem', { TableName: 't', Item: null }).message).toBe('Item: required member is missing');
		expect(inputError('CreateTable', { TableName: 't', KeySchema: [{ AttributeName: 'id' }] }).path).toBe('KeySchema[0].KeyType');
	});

	it('BatchWriteItem errors name RequestItems.<table>[index].PutRequest.Item', () => {
		const ok = { PutRequest: { Item: { id: 'x' } } };
		const missing = inputError('BatchWriteItem', { RequestItems: { users: [ok, ok, ok, { PutRequest: {} }] } });
		expect(missing.path).toBe('RequestItems.users[3].PutRequest.Item');
		expect(missing.message).toBe('RequestItems.users[3].PutRequest.Item: required member is missing');
		const wrongType = inputError('BatchWriteItem', { RequestItems: { users: [ok, ok, ok, { PutRequest: { Item: 'x' } }] } });
		expect(wrongType.message).toBe('RequestItems.users[3].PutRequest.Item: expected an object, got the string "x"');
		const typed = (() => {
			try {
				const typedOk = { PutRequest: { Item: { id: { S: 'x' } } } };
				toSdkInput('BatchWriteItem', { RequestItems: { users: [typedOk, typedOk, typedOk, { PutRequest: { Item: { id: 'x' } } }] } }, 'typed');
			} catch (error) {
				return error as InputError;
			}
			throw new Error('accepted');
		})();
		expect(typed.path).toBe('RequestItems.users[3].PutRequest.Item.id');
		// A table name that is not an identifier is quoted in the path.
		expect(inputError('BatchWriteItem', { RequestItems: { 'my table.v2': [{ DeleteRequest: {} }] } }).path).toBe(
			'RequestItems."my table.v2"[0].DeleteRequest.Key',
		);
	});

	it('accepts hostile member names as data in attribute maps, never as structure', () => {
		const body = JSON.parse('{"TableName": "t", "Item": {"__proto__": {"admin": true}, "constructor": 1, "id": "a"}}');
		const input = toSdkInput('PutItem', body, 'auto') as { Item: Record<string, unknown> };
		expect(Object.keys(input.Item).sort()).toEqual(['__proto__', 'constructor', 'id']);
		expect(Object.getPrototypeOf(input.Item)).toBe(Object.prototype);
		expect(input.Item.__proto__).toEqual({ M: { admin: { BOOL: true } } });
		expect(({} as Record<string, unknown>).admin).toBeUndefined();
		// One-member maps named like Object.prototype members are maps, not type tags or $SS-style markers.
		for (const mode of ['auto', 'typed', 'plain'] as const) {
			const one = (name: string) => {
				const value = JSON.parse(`{"${name}": "x"}`);
				const typedValue = mode === 'typed' ? { M: { [name]: { S: 'x' } } } : value;
				return (toSdkInput('PutItem', { TableName: 't', Item: { id: mode === 'typed' ? { S: 'a' } : 'a', v: typedValue } }, mode) as { Item: { v: unknown } }).Item.v;
			};
			expect(one('constructor')).toEqual({ M: { constructor: { S: 'x' } } });
			expect(one('toString')).toEqual({ M: { toString: { S: 'x' } } });
			if (mode !== 'typed') expect(Object.keys((one('__proto__') as { M: object }).M)).toEqual(['__proto__']);
		}
		// On a structure, __proto__ is an unknown member.
		expect(inputError('GetItem', JSON.parse('{"TableName": "t", "Key": {}, "__proto__": {"x": 1}}')).path).toBe('__proto__');
	});
});

describe('validation errors through n8n', () => {
	it('with Continue On Fail: the invalid item gets an error item naming it and the path; the others are written', async () => {
		const client = rawClient();
		const table = await createTable(client, uniqueTable('val'));
		client.destroy();
		const result = await runNode({
			input: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
			credentials: localCredentials(),
			parameters: {
				operation: 'BatchWriteItem',
				body: `={ "RequestItems": { "${table}": [ {"PutRequest": {"Item": {"id": "{{ $json.id }}1"}}}, {"PutRequest": {"Item": {"id": "{{ $json.id }}2"}}}, {"PutRequest": {"Item": {"id": "{{ $json.id }}3"}}}, {"PutRequest": {{ $json.id == "b" ? {} : { Item: { id: $json.id } } }} } ] } }`,
			},
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.error).toBeUndefined();
		expect(result.items[2].json.error).toBeUndefined();
		expect(result.items[1].json.error).toEqual({
			message: `RequestItems.${table}[3].PutRequest.Item: required member is missing`,
			path: `RequestItems.${table}[3].PutRequest.Item`,
		});
	});

	it('with Continue On Fail: a typo is reported against its item with "did you mean"', async () => {
		const result = await runNode({
			input: [{ key: 'tableName' }],
			credentials: localCredentials(),
			parameters: { operation: 'GetItem', body: '={ {{ $json.key }}: "users", "Key": { "id": "a" } }' },
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.json)).toEqual([
			{
				error: {
					message: 'tableName: unknown member, did you mean "TableName"?',
					path: 'tableName',
					description: 'Members allowed here (7): TableName, Key, AttributesToGet, ConsistentRead, ReturnConsumedCapacity, ProjectionExpression, ExpressionAttributeNames',
				},
			},
		]);
	});

	it('without Continue On Fail: the workflow fails with the item index, message and path', async () => {
		const result = await runNode({
			input: [{ n: 1 }, { n: 'two' }],
			credentials: localCredentials(),
			parameters: { operation: 'ListTables', body: '={ "Limit": {{ $json.n }} }' },
		});
		expect(result.error).toBeDefined();
		// n8n adds "[item 1]" itself: the message does not say it again.
		expect(result.error!.message).toBe('Limit: expected a number, got the string "two"');
		expect(result.error!.description).toBe('At Limit in the request body.');
		expect((result.error as unknown as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(result.items).toEqual([]);
	});

	it("passes DynamoDB's own ValidationException through for what only the server checks (enum values)", async () => {
		const client = rawClient();
		const table = await createTable(client, uniqueTable('enum'));
		client.destroy();
		const result = await runNode({
			input: [{}],
			credentials: localCredentials(),
			parameters: { operation: 'PutItem', body: `{ "TableName": "${table}", "Item": {"id": "a"}, "ReturnValues": "EVERYTHING" }` },
		});
		expect(result.error?.message).toMatch(/^ValidationException: /);
		expect(result.error?.message).toMatch(/Return values set to invalid value/);
		// n8n shows httpCode as "Error code": the AWS code; the HTTP status is in the description.
		expect(result.error?.httpCode).toBe('ValidationException');
		expect(result.error?.description).toMatch(/^HTTP 400, request id /);
	});
});
