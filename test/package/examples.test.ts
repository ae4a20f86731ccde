/**
 * The workflows in examples/ (imported by users and by the e2e): every DynamoDB node names a real
 * operation, its body binds and parses into a valid SDK request, and no file carries a real
 * credential id. The e2e (npm run test:e2e) runs them in n8n; this keeps them right in npm test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bindBody } from '../../nodes/DynamoDb/body/bind';
import { withDefaults } from '../../nodes/DynamoDb/body/defaults';
import { parseBody } from '../../nodes/DynamoDb/body/parse';
import { prefilledBody } from '../../nodes/DynamoDb/operations/prefilled';
import { getOperation } from '../../nodes/DynamoDb/operations/registry';
import { toSdkInput } from '../../nodes/DynamoDb/shapes/toInput';

const DIR = path.join(__dirname, '..', '..', 'examples');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

interface Node {
	name: string;
	type: string;
	typeVersion: number;
	parameters: { operation?: string; body?: string; table?: { value: string }; options?: { table?: { value: string } } };
	credentials?: Record<string, { id: string; name: string }>;
}

describe('examples/', () => {
	it('has the workflows docs/examples.md describes', () => {
		const page = fs.readFileSync(path.join(DIR, '..', 'docs', 'examples.md'), 'utf8');
		expect(files.length).toBeGreaterThanOrEqual(5);
		for (const file of files) expect(page).toContain(`(../examples/${file})`);
	});

	it.each(files)('%s: DynamoDB nodes name real operations and their bodies become valid requests', (file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as { nodes: Node[]; connections: Record<string, unknown> };
		const ours = workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-dynamodb.'));
		expect(ours.length).toBeGreaterThan(0);
		const dynamo = ours.filter((n) => n.type !== 'n8n-nodes-dynamodb.dynamoDbTrigger' && n.type !== 'n8n-nodes-dynamodb.dynamoDbInstantTrigger' && n.type !== 'n8n-nodes-dynamodb.dynamoDbChatMemory');
		for (const memory of ours.filter((n) => n.type === 'n8n-nodes-dynamodb.dynamoDbChatMemory')) {
			// The memory sub-node's own parameters: a table, and only names its description has.
			const parameters = memory.parameters as unknown as Record<string, unknown>;
			expect((parameters.table as { value?: string }).value).toMatch(/^[\w.-]{3,255}$/);
			for (const name of Object.keys(parameters)) expect(['table', 'sessionIdType', 'sessionKey', 'contextWindowLength', 'options']).toContain(name);
			expect(memory.credentials?.dynamoDbApi).toEqual({ id: 'REPLACE_WITH_YOUR_CREDENTIAL_ID', name: 'DynamoDB account' });
		}
		for (const trigger of ours.filter((n) => n.type === 'n8n-nodes-dynamodb.dynamoDbTrigger')) {
			// The trigger's own parameters: a table, and only values its description offers.
			const parameters = trigger.parameters as unknown as Record<string, unknown>;
			expect((parameters.table as { value?: string }).value).toMatch(/^[\w.-]{3,255}$/);
			for (const name of Object.keys(parameters)) expect(['pollTimes', 'table', 'events', 'ttlExpiries', 'startFrom', 'simplify', 'options']).toContain(name);
			expect(trigger.credentials?.dynamoDbApi).toEqual({ id: 'REPLACE_WITH_YOUR_CREDENTIAL_ID', name: 'DynamoDB account' });
		}
		for (const trigger of ours.filter((n) => n.type === 'n8n-nodes-dynamodb.dynamoDbInstantTrigger')) {
			const parameters = trigger.parameters as unknown as Record<string, unknown>;
			expect((parameters.table as { value?: string }).value).toMatch(/^[\w.-]{3,255}$/);
			expect(parameters.checkpointTable).toMatch(/^[\w.-]{3,255}$/);
			for (const name of Object.keys(parameters)) expect(['table', 'events', 'ttlExpiries', 'startFrom', 'simplify', 'checkpointTable', 'options']).toContain(name);
			expect(trigger.credentials?.dynamoDbApi).toEqual({ id: 'REPLACE_WITH_YOUR_CREDENTIAL_ID', name: 'DynamoDB account' });
		}
		for (const node of dynamo) {
			expect(['n8n-nodes-dynamodb.dynamoDb', 'n8n-nodes-dynamodb.dynamoDbTool']).toContain(node.type);
			const operation = getOperation(node.parameters.operation!);
			// Every {{ … }} stands for a sample string, as an upstream value would. A body left at its default
			// (the prefilled example, which n8n leaves out of a saved workflow) is that example.
			const text = bindBody(node.parameters.body ?? prefilledBody(operation), () => 'sample');
			// The table where the node's version keeps it: under Operation (2), under Options (1); never the other's.
			expect(node.typeVersion >= 2 ? node.parameters.options?.table : node.parameters.table).toBeUndefined();
			const table = node.typeVersion >= 2 ? node.parameters.table : node.parameters.options?.table;
			expect(() => toSdkInput(operation.action, withDefaults(operation, parseBody(text), { table }), 'auto')).not.toThrow();
			expect(node.credentials?.dynamoDbApi).toEqual({ id: 'REPLACE_WITH_YOUR_CREDENTIAL_ID', name: 'DynamoDB account' });
		}
		const names = new Set(workflow.nodes.map((n) => n.name));
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const list of Object.values(outputs as Record<string, { node: string }[][]>)) for (const c of list.flat()) expect(names).toContain(c.node);
		}
	});
});
