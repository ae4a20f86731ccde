/**
 * Node versions 1 and 2 send the same request: version 1 takes the table from Options › Table
 * (`options.table`, as workflows saved with it have it), version 2 from the Table under Operation
 * (`table`). For every one-table operation of the registry, random tables picked from the list, by
 * name, by ARN or by an expression, with bodies that leave TableName out or name the same table, both
 * versions run in n8n's engine against a local endpoint: the signed requests on the wire, the output
 * items and the errors are the same.
 */
import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { operations } from '../../nodes/DynamoDb/operations/registry';
import { prefilledBody } from '../../nodes/DynamoDb/operations/prefilled';
import { runNode } from '../helpers/n8n';
import { WireServer } from '../helpers/wire';

const oneTable = operations.filter((o) => o.table);

/** A table as the picker stores it, and what the input item carries for the expression mode. */
const tableArb = fc
	.record({
		name: fc.stringMatching(/^[A-Za-z0-9_.-]{3,20}$/),
		mode: fc.constantFrom('list', 'name', 'arn', 'expression'),
		bodyNamesIt: fc.constantFrom('no', 'name', 'arn'),
	})
	.map(({ name, mode, bodyNamesIt }) => {
		const arn = `arn:aws:dynamodb:us-east-1:123456789012:table/${name}`;
		const value = mode === 'arn' ? arn : mode === 'expression' ? '={{ $json.table }}' : name;
		const locator = { __rl: true, mode: mode === 'expression' ? 'name' : mode, value };
		return { name, locator, bodyTable: bodyNamesIt === 'no' ? undefined : bodyNamesIt === 'arn' ? arn : name };
	});

/** The SDK fills an idempotency token the body leaves out with a fresh UUID per request: the same in kind, never in value. */
function withoutFreshTokens(json: unknown): unknown {
	if (typeof json !== 'object' || json === null) return json;
	const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
	return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, /Token$/.test(k) && typeof v === 'string' && uuid.test(v) ? '(a fresh UUID)' : v]));
}

describe('node versions 1 and 2 send the same request', () => {
	let server: WireServer;
	beforeAll(async () => {
		server = await WireServer.start();
	});
	afterAll(async () => server.close());

	/** One run of a version: the requests that went over the wire, the output and the error. */
	async function run(typeVersion: 1 | 2, parameters: INodeParameters, input: IDataObject[]) {
		server.answer({ body: {} });
		const result = await runNode({ input, credentials: server.credentials(), parameters, typeVersion });
		return {
			requests: server.requests.map((r) => ({ action: r.action, json: withoutFreshTokens(r.json) })),
			items: result.items.map((i) => ({ json: i.json, pairedItem: i.pairedItem })),
			error: result.error?.message,
		};
	}

	it.each(oneTable.map((o) => [o.action, o] as const))('%s', async (_action, operation) => {
		await fc.assert(
			fc.asyncProperty(tableArb, async ({ name, locator, bodyTable }) => {
				const example = prefilledBody(operation);
				// The body naming the same table (by name or ARN) agrees with the picked one in both versions.
				const body = bodyTable === undefined ? example : example.replace(/^=\{/, `={\n  "TableName": ${JSON.stringify(bodyTable)},`);
				const input = [{ table: name }, { table: name }];
				const common = { operation: operation.action, body };
				const v1 = await run(1, { ...common, options: { table: locator } }, input);
				const v2 = await run(2, { ...common, table: locator, options: {} }, input);
				expect(v2).toEqual(v1);
				expect(v1.requests.length).toBeGreaterThan(0);
				for (const r of v1.requests) expect((r.json as { TableName?: string }).TableName).toBe(bodyTable ?? locator.value.replace('={{ $json.table }}', name));
			}),
			{ numRuns: 3 },
		);
	});

	it('has one-table operations to compare', () => {
		expect(oneTable.map((o) => o.action)).toEqual(expect.arrayContaining(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'CreateTable', 'DescribeTable']));
	});
});
