import type { IDataObject, INodeType, INodeTypeDescription, IRun, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { credentialTest, listSearch } from '../DynamoDb/methods';
import { acquire, DYNAMODB, type DynamoDbCredentials } from '../DynamoDb/transport/client';
import { STREAMS } from '../DynamoDb/transport/streamsClient';
import { CheckpointTable, MemoryStore } from './checkpoint';
import { properties } from './description';
import { Listener } from './listen';
import { instantSettings } from './settings';

export class DynamoDbInstantTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DynamoDB Instant Trigger',
		name: 'dynamoDbInstantTrigger',
		icon: { light: 'file:../DynamoDb/dynamodb.svg', dark: 'file:../DynamoDb/dynamodb.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow within about a second of a change to a DynamoDB table (DynamoDB Streams, read continuously): each change once, in order',
		defaults: { name: 'DynamoDB Instant Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dynamoDbApi', required: true, testedBy: 'dynamoDbApiTest' }],
		properties,
	};

	methods = { listSearch, credentialTest };

	/**
	 * Activation reads once (a wrong table, stream or credential fails it with the reason), then
	 * listens in the background; closing stops every read and timer, lets running executions finish
	 * and writes the checkpoint. A manual test listen emits the first changes it reads, from memory.
	 */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manual = this.getMode() === 'manual';
		const settings = instantSettings(this);
		const credentials = (await this.getCredentials('dynamoDbApi')) as unknown as DynamoDbCredentials;
		const tables = acquire(DYNAMODB, credentials);
		const streams = acquire(STREAMS, credentials);
		const release = () => {
			streams.release();
			tables.release();
		};
		// Errors are redacted with the credential's fields and its client's secrets (an assumed role's keys).
		const hide = tables.redact;
		const node = this.getNode();
		const failure = (error: unknown) => (error instanceof NodeOperationError ? error : new NodeOperationError(node, hide(error instanceof Error ? error.message : String(error))));
		const store = manual
			? new MemoryStore()
			: new CheckpointTable(tables.client, settings.checkpointTable, `${this.getWorkflow().id}/${node.id}`, { workflowId: String(this.getWorkflow().id), node: node.name, table: settings.table });
		const listener = new Listener({ tables: tables.client, streams: streams.client }, settings, store, {
			deliver: async (items: IDataObject[]) => {
				const data = [items.map((json) => ({ json }))];
				// A test listen's execution starts after n8n has closed the trigger: nothing to wait for.
				if (manual) return this.emit(data);
				const done = this.helpers.createDeferredPromise<IRun>();
				this.emit(data, undefined, done);
				await done.promise;
			},
			fail: (error) => this.emitError(failure(error)),
			retrying: (error, attempt, waitMs) => this.logger.warn(`DynamoDB Instant Trigger "${node.name}": ${hide(error.message)} (attempt ${attempt}, again in ${waitMs / 1000} s)`),
			once: manual,
		});
		try {
			if (store instanceof CheckpointTable) await store.ensure();
			await listener.start();
		} catch (error) {
			release();
			throw failure(error);
		}
		return {
			closeFunction: async () => {
				try {
					await listener.stop();
				} finally {
					release();
				}
			},
		};
	}
}
