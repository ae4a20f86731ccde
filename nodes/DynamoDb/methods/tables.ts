import { DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { parseBody } from '../body/parse';
import { createClient, type DynamoDbCredentials } from '../transport/client';

async function withClient<T>(ctx: ILoadOptionsFunctions, use: (client: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
	const client = createClient((await ctx.getCredentials('dynamoDbApi')) as unknown as DynamoDbCredentials);
	try {
		return await use(client);
	} finally {
		client.destroy();
	}
}

/** Table picker: pages through every ListTables result; a filter keeps names containing it. */
export async function searchTables(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await withClient(this, async (client) => {
		const names: string[] = [];
		let start = paginationToken;
		// A filter may skip whole pages: keep reading until a screenful matched or the list ended.
		do {
			const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start, Limit: 100 }));
			names.push(...(page.TableNames ?? []).filter((n) => !filter || n.toLowerCase().includes(filter.toLowerCase())));
			start = page.LastEvaluatedTableName;
		} while (start && names.length < 100);
		return { results: names.map((name) => ({ name, value: name })), paginationToken: start };
	});
}

/** The indexes of the table named in the Table option (or in a plain-JSON body). */
export async function getIndexes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const table = tableInUse(this);
	if (!table) return [];
	return await withClient(this, async (client) => {
		const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
		const indexes = [
			...(Table?.GlobalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName!, kind: 'global' })),
			...(Table?.LocalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName!, kind: 'local' })),
		];
		return indexes.map((i) => ({ name: `${i.name} (${i.kind})`, value: i.name }));
	});
}

function tableInUse(ctx: ILoadOptionsFunctions): string | undefined {
	const picked = ctx.getCurrentNodeParameter('options.table', { extractValue: true }) as string | undefined;
	if (picked) return picked;
	const body = ctx.getCurrentNodeParameter('body') as unknown;
	if (typeof body !== 'string' || body.startsWith('=')) return undefined;
	try {
		const name = (parseBody(body) as { TableName?: unknown }).TableName;
		return typeof name === 'string' ? name : undefined;
	} catch {
		return undefined;
	}
}
