// Runs the built node (dist/) through n8n-core's WorkflowExecute, the way test/helpers/n8n.ts runs
// the TypeScript source in jest: Source node → DynamoDB node, credentials from a helper.
require('reflect-metadata');
const path = require('node:path');
const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, Workflow } = require('n8n-workflow');
const { DynamoDb } = require(path.join(__dirname, '..', 'dist', 'nodes', 'DynamoDb', 'DynamoDb.node.js'));

/** Emits the items given to runNode (in memory, like a trigger handing over a webhook burst). */
class Source {
	constructor() {
		this.description = {
			displayName: 'Source',
			name: 'source',
			group: ['input'],
			version: 1,
			description: 'Emits bench items',
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

const pending = new Map();
const types = { 'bench.source': new Source(), 'bench.dynamoDb': new DynamoDb() };
const nodeTypes = { getByName: (n) => types[n], getByNameAndVersion: (n) => types[n], getKnownTypes: () => ({}) };

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

/** Source → DynamoDB, executed by n8n-core's engine; resolves to the DynamoDB node's output items. */
async function runNode({ input, parameters, credentials }) {
	const key = String(Math.random());
	pending.set(key, input);
	const nodes = [
		{ id: '1', name: 'Source', type: 'bench.source', typeVersion: 1, position: [0, 0], parameters: { key } },
		{
			id: '2',
			name: 'DynamoDB',
			type: 'bench.dynamoDb',
			typeVersion: 1,
			position: [200, 0],
			parameters,
			credentials: { dynamoDbApi: { id: 'c1', name: 'DynamoDB bench' } },
		},
	];
	const connections = { Source: { main: [[{ node: 'DynamoDB', type: 'main', index: 0 }]] } };
	const workflow = new Workflow({ id: 'w1', name: 'bench', nodes, connections, active: false, nodeTypes, settings: {} });
	const hooks = new ExecutionLifecycleHooks('manual', 'e1', { id: 'w1', name: 'bench', nodes, connections });
	const additionalData = {
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
	try {
		const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode('Source') });
		const task = run.data.resultData.runData.DynamoDB?.[0];
		const error = task?.error ?? run.data.resultData.error;
		if (error) throw new Error(`the node failed: ${error.message}`);
		return task.data.main[0];
	} finally {
		pending.delete(key);
	}
}

module.exports = { runNode };
