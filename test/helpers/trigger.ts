/**
 * The DynamoDB Trigger run the way n8n runs an active polling workflow (scripts/poller.js): the
 * TypeScript source node, DynamoDB Local's credentials, tables with streams.
 */
import { CreateTableCommand, UpdateTableCommand, type DynamoDBClient, type StreamViewType } from '@aws-sdk/client-dynamodb';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { activate, activateDurable, fetchTestEvent, type ActiveTrigger } from '../../scripts/poller';
import { DynamoDbTrigger } from '../../nodes/DynamoDbTrigger/DynamoDbTrigger.node';
import { localCredentials } from './local';
import { recordForScan } from './secrets';

const nodeType = new DynamoDbTrigger();

/** A table keyed by `id` with a stream (new and old images unless told). */
export async function createStreamTable(client: DynamoDBClient, name: string, view: StreamViewType = 'NEW_AND_OLD_IMAGES'): Promise<string> {
	await client.send(
		new CreateTableCommand({
			TableName: name,
			AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
			KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
			BillingMode: 'PAY_PER_REQUEST',
			StreamSpecification: { StreamEnabled: true, StreamViewType: view },
		}),
	);
	return name;
}

export async function setStream(client: DynamoDBClient, table: string, enabled: boolean): Promise<void> {
	await client.send(new UpdateTableCommand({ TableName: table, StreamSpecification: enabled ? { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } : { StreamEnabled: false } }));
}

/** The trigger's parameters for a table (picked By Name), with any others given. */
export function parametersFor(table: string, more: INodeParameters = {}): INodeParameters {
	return { table: { __rl: true, mode: 'name', value: table }, ...more };
}

/** Activates the trigger on a table (the activation poll has run when this resolves). */
export async function activateOn(table: string, more: INodeParameters = {}, endpoint?: string): Promise<ActiveTrigger> {
	return await activate({ nodeType, parameters: parametersFor(table, more), credentials: localCredentials(endpoint) });
}

/** The trigger under n8n's durable scheduler with durable poll cursors (the activation poll has run when this resolves). */
export async function activateDurableOn(table: string, more: INodeParameters = {}) {
	return await activateDurable({ nodeType, parameters: parametersFor(table, more), credentials: localCredentials() });
}

export async function testEventOf(table: string, more: INodeParameters = {}, staticData?: IDataObject) {
	const result = await fetchTestEvent({ nodeType, parameters: parametersFor(table, more), credentials: localCredentials(), staticData });
	recordForScan('fetchTestEvent', result.items, result.error ?? '');
	return result;
}

/** Every item emitted so far, as JSON, in emit order. */
export function emittedJson(trigger: ActiveTrigger): IDataObject[] {
	const items = trigger.emitted.flat().map((i) => i.json);
	recordForScan('trigger emitted', items, trigger.errors);
	return items;
}

/** One tick; fails the test when the poll failed. Resolves to the items that tick emitted. */
export async function tick(trigger: ActiveTrigger): Promise<IDataObject[]> {
	const before = trigger.emitted.length;
	const error = await trigger.tick();
	if (error) throw error;
	return trigger.emitted.slice(before).flat().map((i) => i.json);
}
