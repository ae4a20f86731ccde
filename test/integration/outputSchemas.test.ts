/**
 * The output schemas n8n shows before a run (dist/nodes/DynamoDb/__schema__) describe what the node
 * really outputs: real outputs from DynamoDB Local, through n8n's engine, checked against them —
 * every member of an output is one the schema names, with the JSON type it says.
 */
import type { JsonSchema } from '../../nodes/DynamoDb/output/outputSchema';
import { outputSchemaOf } from '../../nodes/DynamoDb/output/outputSchema';
import { getOperation } from '../../nodes/DynamoDb/operations/registry';
import { rawClient, uniqueTable } from '../helpers/local';
import { exampleBody, jsonOf, run } from './support';

/** Where `value` leaves `schema`: a path and what differs; empty when it conforms. */
function violations(value: unknown, schema: JsonSchema, path = '$'): string[] {
	if (schema.type === undefined) return [];
	const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
	if (type !== schema.type) return [`${path}: ${type}, schema says ${schema.type}`];
	if (schema.type === 'string' && schema.format === 'date-time' && Number.isNaN(Date.parse(value as string))) return [`${path}: not a date-time`];
	if (schema.type === 'array') return (value as unknown[]).flatMap((v, i) => violations(v, schema.items ?? {}, `${path}[${i}]`));
	if (schema.type !== 'object') return [];
	return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
		const member = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
		if (member) return violations(v, member, `${path}.${k}`);
		return schema.additionalProperties ? [] : [`${path}.${k}: not in the schema`];
	});
}

describe('output schemas', () => {
	const client = rawClient();
	afterAll(() => client.destroy());

	it('describe real outputs of table, item and record operations', async () => {
		const table = uniqueTable('schema');
		const outputs: Record<string, unknown[]> = {};
		const record = async (action: string, body: string) => (outputs[action] = jsonOf(await run(action, body)));
		await record('CreateTable', exampleBody('CreateTable', table));
		await record('DescribeTable', exampleBody('DescribeTable', table));
		await record('ListTables', '{ "Limit": 5 }');
		await record('DescribeTimeToLive', exampleBody('DescribeTimeToLive', table));
		await record('DescribeLimits', '{}');
		await record('PutItem', `{ "TableName": "${table}", "Item": { "id": "a", "email": "a@example.com", "n": 1 } }`);
		await record('UpdateItem', exampleBody('UpdateItem', table).replace('"user_1"', '"a"'));
		await record('Scan', `{ "TableName": "${table}" }`);
		await record('DeleteItem', `{ "TableName": "${table}", "Key": { "id": "a" }, "ReturnValues": "ALL_OLD", "ReturnConsumedCapacity": "TOTAL" }`);
		const problems = Object.entries(outputs).flatMap(([action, items]) => items.flatMap((item) => violations(item, outputSchemaOf(getOperation(action))).map((v) => `${action} ${v}`)));
		expect(problems).toEqual([]);
		// The schemas are not empty shells: the members users look for are named.
		expect(Object.keys(outputSchemaOf(getOperation('DescribeTable')).properties!.Table.properties!)).toEqual(expect.arrayContaining(['TableName', 'KeySchema', 'ItemCount', 'TableStatus']));
		expect(outputs.DescribeTable[0]).toMatchObject({ Table: { TableName: table } });
		expect(outputs.DeleteItem[0]).toMatchObject({ Attributes: { id: 'a' }, ConsumedCapacity: { TableName: table } });
		// And a member outside the schema would be caught.
		expect(violations({ Table: { NoSuchMember: 1 } }, outputSchemaOf(getOperation('DescribeTable')))).toEqual(['$.Table.NoSuchMember: not in the schema']);
	});
});
