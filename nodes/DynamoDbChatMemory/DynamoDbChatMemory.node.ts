import { supplyMemory } from '@n8n/ai-node-sdk';
import { NodeConnectionTypes, type INodeType, type INodeTypeDescription, type ISupplyDataFunctions, type SupplyData } from 'n8n-workflow';
import { credentialTest, listSearch } from '../DynamoDb/methods';
import { redact, type DynamoDbCredentials } from '../DynamoDb/transport/client';
import { properties } from './description';
import { presentFailure } from './errors';
import { SessionMemory } from './memory';
import { Session } from './session';
import { memorySettings } from './settings';

export class DynamoDbChatMemory implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DynamoDB Chat Memory',
		name: 'dynamoDbChatMemory',
		icon: { light: 'file:../DynamoDb/dynamodb.svg', dark: 'file:../DynamoDb/dynamodb.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Last " + $parameter["contextWindowLength"] + " turns" }}',
		description: 'Keeps the chat history in a DynamoDB table: across restarts and queue-mode workers',
		defaults: { name: 'DynamoDB Chat Memory' },
		inputs: [],
		outputs: [NodeConnectionTypes.AiMemory],
		outputNames: ['Memory'],
		credentials: [{ name: 'dynamoDbApi', required: true, testedBy: 'dynamoDbApiTest' }],
		properties,
	};

	methods = { listSearch, credentialTest };

	/** The parameters of item `itemIndex` → one session of the table, as the SDK's chat memory. */
	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		let hide = (text: string) => text;
		try {
			const credentials = (await this.getCredentials('dynamoDbApi')) as unknown as DynamoDbCredentials;
			hide = (text) => redact(text, credentials);
			const settings = memorySettings(this, itemIndex);
			const memory = new SessionMemory(new Session(credentials, settings, this.getNode()), settings.windowTurns);
			// The SDK's types name its own copy of n8n-workflow; at run time both are n8n's one copy.
			return supplyMemory(this as unknown as Parameters<typeof supplyMemory>[0], memory);
		} catch (error) {
			throw presentFailure(this.getNode(), error, hide, itemIndex);
		}
	}
}
