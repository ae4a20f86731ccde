// Runs the DynamoDB node with n8n's own engine (n8n-core's WorkflowExecute), the way n8n runs it:
// parameters and expressions resolved by n8n, credentials handed over by a credentials helper,
// items flowing from a source node into the DynamoDB node. The node type is a parameter: the
// jest tests (test/helpers/n8n.ts) pass the TypeScript source node, the bench and the demo the
// built one from dist/. Types: scripts/engine.d.ts.
require('reflect-metadata');
const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, Workflow } = require('n8n-workflow');

/** Items handed to runNode, by key: the source node takes them in memory (no JSON in its parameters). */
const pending = new Map();
let runs = 0;

/** A source node: emits the items given to runNode, like a Webhook or Form would. */
class Source {
	constructor() {
		this.description = {
			displayName: 'Source',
			name: 'source',
			group: ['input'],
			version: 1,
			description: 'Emits the given items',
			defaults: { name: 'Source' },
			inputs: [],
			outputs: ['main'],
			properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
		};
	}
	async execute() {
		const items = pending.get(this.getNodeParameter('key', 0));
		return [items.map((json) => ({ json }))];
	}
}

const source = new Source();

class CredentialsHelper extends ICredentialsHelper {
	constructor(data) {
		super();
		this.data = data;
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate() {
		throw new Error('not used');
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials() {
		throw new Error('not used');
	}
	async getDecrypted() {
		return this.data;
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return [];
	}
}

/** What n8n hands every node context: the credential (decrypted) and the execution's hooks. */
function additionalDataOf(credentials, hooks) {
	return {
		credentialsHelper: new CredentialsHelper(credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		variables: {},
		logAiEvent: async () => {},
	};
}

/**
 * Source → DynamoDB (→ further DynamoDB nodes with the parameters in `followedBy`), executed by n8n-core's
 * engine; resolves to { items, error, run }: the last node's items, the first error.
 */
async function runNode({ nodeType, input, parameters, credentials, continueOnFail, followedBy = [], typeVersion = 1 }) {
	const types = { 'test.source': source, 'test.dynamoDb': typeof nodeType === 'function' ? new nodeType() : nodeType };
	const nodeTypes = { getByName: (name) => types[name], getByNameAndVersion: (name) => types[name], getKnownTypes: () => ({}) };
	const key = String(++runs);
	pending.set(key, input);
	const nodes = [
		{ id: '1', name: 'Source', type: 'test.source', typeVersion: 1, position: [0, 0], parameters: { key } },
		{
			id: '2',
			name: 'DynamoDB',
			type: 'test.dynamoDb',
			typeVersion,
			position: [200, 0],
			parameters,
			credentials: { dynamoDbApi: { id: 'c1', name: 'DynamoDB test' } },
			...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		},
		...followedBy.map((next, i) => ({
			id: String(3 + i),
			name: `DynamoDB ${2 + i}`,
			type: 'test.dynamoDb',
			typeVersion,
			position: [400 + 200 * i, 0],
			parameters: next,
			credentials: { dynamoDbApi: { id: 'c1', name: 'DynamoDB test' } },
		})),
	];
	const names = nodes.map((n) => n.name);
	const connections = Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));
	const workflow = new Workflow({ id: 'w1', name: 'test', nodes, connections, active: false, nodeTypes, settings: {} });
	const hooks = new ExecutionLifecycleHooks('manual', 'e1', { id: 'w1', name: 'test', nodes, connections });
	const additionalData = additionalDataOf(credentials, hooks);
	try {
		const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode('Source') });
		const tasks = names.slice(1).map((name) => run.data.resultData.runData[name]?.[0]);
		const error = tasks.find((task) => task?.error)?.error ?? run.data.resultData.error;
		return { items: tasks[tasks.length - 1]?.data?.main?.[0] ?? [], error, run };
	} finally {
		pending.delete(key);
	}
}

/** The DynamoDB node's output items; throws when the node failed the execution. */
function outputOf({ items, error }) {
	if (error) throw new Error(`the node failed: ${error.message}`);
	return items;
}

module.exports = { runNode, outputOf, additionalDataOf };
