import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { properties } from './description';
import { credentialTest, listSearch, loadOptions } from './methods';
import { getOperation } from './operations/registry';
import { runBulkMode } from './run/bulkMode';
import { collect } from './run/collect';
import { keyNamesOf } from './run/fromInput';
import { runItem, runItems } from './run/items';
import { batchAware, executionSettings, operationName, reader } from './run/settings';
import { describeFailure, placeOf } from './output/errors';
import { settler } from './run/wait';
import { regionOf, withClient, type DynamoDbCredentials } from './transport/client';
import { sender } from './transport/send';

export class DynamoDb implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DynamoDB',
		name: 'dynamoDb',
		icon: { light: 'file:dynamodb.svg', dark: 'file:dynamodb.dark.svg' },
		group: ['transform'],
		// Version 2 shows the Table under Operation; version 1 (options.table) stays for saved workflows.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Every Amazon DynamoDB API operation: items, queries, batches, transactions, PartiQL, tables, backups and more',
		defaults: { name: 'DynamoDB' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dynamoDbApi', required: true, testedBy: 'dynamoDbApiTest' }],
		properties,
	};

	methods = { listSearch, loadOptions, credentialTest };

	/**
	 * Each input item: bind → parse → convert → send → shape (run/items.ts), or all at once in Bulk Mode
	 * (run/bulkMode.ts), on the process's warm client for this credential and these settings.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = getOperation(operationName(this));
		const run = executionSettings(this, operation);
		const credentials = (await this.getCredentials('dynamoDbApi')) as unknown as DynamoDbCredentials;
		return await withClient(credentials, run.client, async ({ client, redact }) => {
			const send = batchAware(operation, sender(client, operation.action), run);
			const settle = settler(this, client, operation);
			const read = reader(this, operation, run);
			const keyNames = keyNamesOf(client);
			const results = run.bulkMode ? await runBulkMode(this, operation, client, run, read) : await runItems(this, run, (i) => runItem(this, i, operation, send, read, keyNames, settle));
			// Where requests went is only said in errors: worked out when one is described, not per execution.
			return [collect(this, results, (error) => describeFailure(error, redact, placeOf(regionOf(credentials), credentials.endpoint)))];
		});
	}
}
