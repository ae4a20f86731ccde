import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { bindBody } from './body/bind';
import { withDefaults, type BodyDefaults } from './body/defaults';
import { parseBody } from './body/parse';
import { properties } from './description';
import { getIndexes, searchTables } from './methods/tables';
import { toNodeError, describeError } from './output/errors';
import { fetchPages } from './output/paginate';
import { splitRecords, type NotFound } from './output/records';
import { getOperation } from './operations/registry';
import type { Operation } from './operations/types';
import type { ValueMode } from './shapes/attributeValues';
import { toSdkInput } from './shapes/toInput';
import { fromSdkOutput } from './shapes/toOutput';
import { createClient, redact, type DynamoDbCredentials } from './transport/client';
import { testCredentials } from './transport/credentialTest';
import { sender, type Send } from './transport/send';

interface Options extends BodyDefaults {
	attributeValues?: ValueMode;
	simplify?: boolean;
	returnAll?: boolean;
	limit?: number;
	notFound?: NotFound;
}

export class DynamoDb implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DynamoDB',
		name: 'dynamoDb',
		icon: { light: 'file:dynamodb.svg', dark: 'file:dynamodb.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Every Amazon DynamoDB API operation: items, queries, batches, transactions, PartiQL, tables, backups and more',
		defaults: { name: 'DynamoDB' },
		usableAsTool: true,
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'dynamoDbApi', required: true, testedBy: 'dynamoDbApiTest' }],
		properties,
	};

	methods = {
		listSearch: { searchTables },
		loadOptions: { getIndexes },
		credentialTest: {
			async dynamoDbApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				return await testCredentials(credential.data as unknown as DynamoDbCredentials);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = getOperation(this.getNodeParameter('operation', 0) as string);
		const credentials = (await this.getCredentials('dynamoDbApi')) as unknown as DynamoDbCredentials;
		const client = createClient(credentials);
		const send = sender(client, operation.action);
		const hide = (text: string) => redact(text, credentials);
		const out: INodeExecutionData[] = [];
		try {
			for (let i = 0; i < items.length; i++) {
				try {
					out.push(...(await runItem(this, i, operation, send)));
				} catch (error) {
					if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, i, hide);
					out.push({ json: { error: JSON.parse(hide(JSON.stringify(describeError(error, i)))) }, pairedItem: { item: i } });
				}
			}
		} finally {
			client.destroy();
		}
		return [out];
	}
}

/** One input item through the pipeline: bind → parse → convert → send → shape. */
async function runItem(ctx: IExecuteFunctions, i: number, operation: Operation, send: Send): Promise<INodeExecutionData[]> {
	const options = ctx.getNodeParameter('options', i, {}) as Options;
	const raw = ctx.getNodeParameter('body', i, '', { rawExpressions: true }) as unknown;
	const text = typeof raw === 'string' ? bindBody(raw, (expression) => ctx.evaluateExpression(expression, i)) : JSON.stringify(raw);
	const body = withDefaults(operation, parseBody(text), options, ctx.getInputData()[i].json);
	const input = toSdkInput(operation.action, body, options.attributeValues ?? 'auto');
	const response = operation.pagination ? await fetchPages(send, input, operation.pagination, options) : await send(input);
	const simplify = options.simplify ?? true;
	const json = fromSdkOutput(operation.action, response, simplify) as IDataObject;
	const records = simplify ? splitRecords(operation, json, options.notFound ?? 'none', response as IDataObject) : [json];
	return records.map((record) => ({ json: record, pairedItem: { item: i } }));
}
