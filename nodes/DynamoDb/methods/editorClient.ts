import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { withClient, type DynamoDbCredentials } from '../transport/client';

/** The editor's look-ups share the executions' warm client of the same credential (default settings). */
export async function withEditorClient<T>(ctx: ILoadOptionsFunctions, use: (client: DynamoDBClient) => Promise<T>): Promise<T> {
	return await withClient((await ctx.getCredentials('dynamoDbApi')) as unknown as DynamoDbCredentials, {}, async ({ client }) => await use(client));
}
