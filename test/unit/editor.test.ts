/**
 * What n8n's editor shows of the node, read from its description: the Operation list (everyday
 * operations first, AWS names findable by typing), the nodes panel's short action titles, the hints
 * under each body, the two limits told apart, and the Docs link.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NodeHelpers, type INode, type INodeParameters, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { operations } from '../../nodes/DynamoDb/operations/registry';

const ROOT = path.join(__dirname, '..', '..');
const { description } = new DynamoDb();
const { properties } = description;
const operationOptions = properties.find((p) => p.name === 'operation')!.options as Array<INodePropertyOptions & { action: string }>;
const options = properties.find((p) => p.name === 'options')!.options as INodeProperties[];

describe('the node in the editor', () => {
	it('lists the everyday item operations first', () => {
		expect(operationOptions.slice(0, 6).map((o) => o.value)).toEqual(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan']);
	});

	it('finds every operation by its AWS action name when typing in the Operation list (n8n filters on the label)', () => {
		for (const o of operationOptions) expect({ label: o.name, hasAction: o.name.replace(/[^A-Za-z]/g, '').includes(String(o.value)) }).toEqual({ label: o.name, hasAction: true });
		expect(operationOptions.find((o) => o.value === 'PutItem')!.name).toBe('Put Item (PutItem)');
		expect(operationOptions.find((o) => o.value === 'Query')!.name).toBe('Query');
		expect(operationOptions.find((o) => o.value === 'ExecuteStatement')!.name).toBe('Execute Statement (PartiQL, ExecuteStatement)');
	});

	it('gives each action a short title for the nodes panel and a dropped node’s name, never its long description', () => {
		expect(operationOptions.slice(0, 6).map((o) => o.action)).toEqual(['Get an item', 'Put an item', 'Update an item', 'Delete an item', 'Query items', 'Scan a table']);
		for (const o of operationOptions) {
			expect(o.action.length).toBeLessThanOrEqual(45);
			expect(o.action).not.toBe(o.description);
		}
		expect(operationOptions.find((o) => o.value === 'ListBackups')!.action).toBe('List backups');
		expect(operationOptions.find((o) => o.value === 'EnableKinesisStreamingDestination')!.action).toBe('Enable Kinesis streaming destination');
		expect(new Set(operationOptions.map((o) => o.action)).size).toBe(operationOptions.length);
	});

	/** The top-level parameters and options n8n shows for a node of `version` with these parameter values. */
	function shown(version: number, values: INodeParameters): { top: string[]; options: string[]; notice: string } {
		const node = { parameters: values, typeVersion: version } as unknown as INode;
		const visible = (p: INodeProperties, at: INodeParameters) => NodeHelpers.displayParameter(at, p, node, description, values);
		const top = properties.filter((p) => p.type !== 'hidden' && visible(p, values));
		return {
			top: top.map((p) => p.name),
			options: options.filter((o) => visible(o, {})).map((o) => o.name),
			notice: top.find((p) => p.name === 'bodyNotice')?.displayName ?? '',
		};
	}

	it('is version 2 for new nodes, and keeps version 1 for saved workflows', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('version 2: Table right under Operation, before the body, for every one-table operation; no Table among the options', () => {
		for (const o of operations) {
			const { top, options: opts } = shown(2, { resource: 'dynamoDb', operation: o.action });
			expect({ action: o.action, top }).toEqual({ action: o.action, top: o.table ? ['operation', 'table', 'body', 'bodyNotice', 'options'] : ['operation', 'body', 'bodyNotice', 'options'] });
			expect({ action: o.action, tableOption: opts.includes('table') }).toEqual({ action: o.action, tableOption: false });
		}
		expect(properties.find((p) => p.name === 'table')).toMatchObject({ type: 'resourceLocator', modes: [{ name: 'list' }, { name: 'name' }, { name: 'arn' }] });
	});

	it('version 1: as saved workflows have it, the Table under Options › Table, nothing above the body', () => {
		for (const o of operations) {
			const { top, options: opts } = shown(1, { resource: 'dynamoDb', operation: o.action });
			expect({ action: o.action, top }).toEqual({ action: o.action, top: ['operation', 'body', 'bodyNotice', 'options'] });
			expect({ action: o.action, tableOption: opts.includes('table') }).toEqual({ action: o.action, tableOption: o.table === true });
		}
	});

	it('version 1 says under each body how to load its example, where the table comes from, that one page is the default, and that red marks are fine', () => {
		for (const o of operations) {
			const hint = shown(1, { resource: 'dynamoDb', operation: o.action }).notice;
			expect(hint).toContain("pick Reset Value in the field's menu to load this operation's example");
			expect(hint.includes('Options › Table')).toBe(o.table === true);
			expect(hint.includes('Returns one page')).toBe(o.pagination !== undefined);
			expect(hint.includes('No body needed with a From Input option on')).toBe(!!(o.itemFromInput || o.updateFromInput || o.keyFromInput));
			expect(hint).toContain('Comments and trailing commas are fine here, even where the editor marks them red.');
		}
	});

	it('version 2 says under each body only what that operation needs, in at most two short sentences', () => {
		for (const o of operations) {
			const hint = shown(2, { resource: 'dynamoDb', operation: o.action }).notice;
			const sentences = hint.split(/(?<=[.?])\s+(?=[A-Z])/);
			expect({ action: o.action, sentences: sentences.length <= 2, short: sentences.every((t) => t.length <= 80) }).toEqual({ action: o.action, sentences: true, short: true });
			expect(hint).toContain("Reset Value in the field's menu loads this operation's example.");
			expect(hint).not.toContain('Table');
			expect(hint.includes('Returns one page: add Options › Return All or Max Records')).toBe(o.pagination !== undefined);
			const fromInput = o.itemFromInput ? 'Item From Input' : o.updateFromInput ? 'Update From Input' : o.keyFromInput ? 'Key From Input' : undefined;
			if (!o.pagination) expect(hint.includes(`No body needed with Options › ${fromInput} on.`)).toBe(fromInput !== undefined);
		}
	});

	it('keeps the description small, since n8n resolves every property in every execution: one body per operation, one notice per distinct text and version', () => {
		expect(properties.filter((p) => p.name === 'body')).toHaveLength(operations.length);
		// Version 1: five texts (with or without the table, one page, a From Input option); version 2: one page,
		// each of the three From Input options, neither.
		expect(properties.filter((p) => p.type === 'notice')).toHaveLength(5 + 5);
		expect(properties).toHaveLength(operations.length + 10 + 4);
	});

	it('lists the options in alphabetical order (n8n’s lint rule cannot read the sorted pieces)', () => {
		const names = options.map((o) => o.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('tells the records limit from the body’s Limit (page size), and offers Index Name’s list', () => {
		const limit = options.find((o) => o.name === 'limit')!;
		expect(limit.displayName).toBe('Max Records');
		expect(limit.description).toContain("Not the body's Limit: that is DynamoDB's page size");
		expect(options.find((o) => o.name === 'returnAll')!.description).toContain('the node returns one page');
		expect(options.find((o) => o.name === 'indexName')!.typeOptions).toEqual({ loadOptionsMethod: 'getIndexes', loadOptionsDependsOn: ['table.value', 'options.table.value', 'body'] });
	});

	it('links the node panel’s Docs to the manual’s operations page, and is found as "Amazon"', () => {
		const codex = JSON.parse(fs.readFileSync(path.join(ROOT, 'nodes', 'DynamoDb', 'DynamoDb.node.json'), 'utf8'));
		const { homepage } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		expect(codex.resources.primaryDocumentation).toEqual([{ url: `${homepage}/blob/main/docs/operations.md` }]);
		expect(fs.readFileSync(path.join(ROOT, 'docs', 'operations.md'), 'utf8')).toMatch(/^## Using the node$/m);
		expect(codex.alias).toContain('Amazon');
	});

	it('names a node by its operation as n8n does (makeNodeName), and saved workflows without the hidden resource keep their parameters', () => {
		const node = { parameters: {}, typeVersion: 1 } as unknown as INode;
		const resolved = (parameters: INodeParameters) => NodeHelpers.getNodeParameters(properties, parameters, true, false, node, description) as INodeParameters;
		expect(NodeHelpers.makeNodeName(resolved({ operation: 'PutItem' }), description)).toBe('Put an item');
		expect(NodeHelpers.makeNodeName(resolved({}), description)).toBe('Get an item');
		const saved = { operation: 'Query', body: '={ "TableName": "orders" }', options: { returnAll: true } };
		expect(resolved(saved)).toMatchObject({ resource: 'dynamoDb', ...saved });
		expect(NodeHelpers.isDefaultNodeName('Query items1', description, resolved(saved))).toBe(true);
	});
});
