import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';
import { withEditorClient } from './editorClient';

/** The table picker (list with search: searchTables below, by name, by ARN): the DynamoDB node's Table option and the trigger's Table. */
export const tableProperty = (own: Pick<INodeProperties, 'description'> & Partial<INodeProperties>): INodeProperties => ({
	displayName: 'Table',
	name: 'table',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTables', searchable: true },
		},
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. users' },
		{
			displayName: 'By ARN',
			name: 'arn',
			type: 'string',
			placeholder: 'e.g. arn:aws:dynamodb:us-east-1:123456789012:table/users',
			validation: [
				{
					type: 'regex',
					properties: { regex: 'arn:aws[\\w-]*:dynamodb:[\\w-]+:\\d{12}:table/[\\w.-]{3,255}', errorMessage: 'Not a DynamoDB table ARN' },
				},
			],
		},
	],
	...own,
});

/** Table picker: pages through every ListTables result; a filter keeps names containing it. */
export async function searchTables(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await withEditorClient(this, async (client) => {
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

