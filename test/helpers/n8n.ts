/**
 * Runs workflows with n8n's own engine (n8n-core's WorkflowExecute), the way n8n runs the node:
 * parameters and expressions resolved by n8n, credentials handed over by a credentials helper,
 * items flowing from a source node into the DynamoDB node.
 */
import 'reflect-metadata';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { captureLogs, recordForScan } from './secrets';

captureLogs();

/** A source node: emits the items given in its `items` parameter, like a Webhook or Form would. */
class Source implements INodeType {
	description = {
		displayName: 'Source',
		name: 'source',
		group: ['input'],
		version: 1,
		description: 'Emits test items',
		defaults: { name: 'Source' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

const types: Record<string, INodeType> = { 'test.source': new Source(), 'test.dynamoDb': new DynamoDb() };

const nodeTypes: INodeTypes = {
	getByName: (name) => types[name],
	getByNameAndVersion: (name) => types[name],
	getKnownTypes: () => ({}),
} as INodeTypes;

class CredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(): Promise<never> {
		throw new Error('not used');
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<never> {
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

export interface RunOptions {
	/** Items the source node emits (the DynamoDB node's input). */
	input: IDataObject[];
	/** The DynamoDB node's parameters (operation, body, options). */
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
}

export interface RunResult {
	/** The DynamoDB node's output items (json + pairedItem). */
	items: INodeExecutionData[];
	/** The error the node threw, when it failed the execution. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
}

/** Source → DynamoDB, executed by n8n-core's engine. */
export async function runNode({ input, parameters, credentials, continueOnFail }: RunOptions): Promise<RunResult> {
	const nodes: INode[] = [
		{ id: '1', name: 'Source', type: 'test.source', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(input) } },
		{
			id: '2',
			name: 'DynamoDB',
			type: 'test.dynamoDb',
			typeVersion: 1,
			position: [200, 0],
			parameters,
			credentials: { dynamoDbApi: { id: 'c1', name: 'DynamoDB test' } },
			...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const connections = { Source: { main: [[{ node: 'DynamoDB', type: 'main' as const, index: 0 }]] } };
	const workflow = new Workflow({ id: 'w1', name: 'test', nodes, connections, active: false, nodeTypes, settings: {} });
	const hooks = new ExecutionLifecycleHooks('manual', 'e1', { id: 'w1', name: 'test', nodes, connections } as never);
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
	} as unknown as IWorkflowExecuteAdditionalData;
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode('Source')! });
	const taskData = run.data.resultData.runData.DynamoDB?.[0];
	const result = {
		items: taskData?.data?.main?.[0] ?? [],
		error: (taskData?.error ?? run.data.resultData.error) as RunResult['error'],
		run,
	};
	// Secret scan (test/helpers/secrets.ts): everything this run shows a user.
	recordForScan(`runNode ${String(parameters.operation)}`, result.items, result.error ?? '', run.data.resultData);
	return result;
}
