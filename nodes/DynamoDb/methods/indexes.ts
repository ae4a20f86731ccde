import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { bindBody } from '../body/bind';
import { parseBody } from '../body/parse';
import { withEditorClient } from './editorClient';

/** Index Name's list: "None" (the table itself, the default), then the indexes of the table in use. */
export async function getIndexes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const none = { name: 'None (Query or Scan the Table Itself)', value: '' };
	const table = tableInUse(this);
	if (!table) return [none];
	return await withEditorClient(this, async (client) => {
		const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
		const indexes = [
			...(Table?.GlobalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName!, kind: 'global' })),
			...(Table?.LocalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName!, kind: 'local' })),
		];
		return [none, ...indexes.map((i) => ({ name: `${i.name} (${i.kind})`, value: i.name }))];
	});
}

/**
 * The table a run would use: the body's TableName when it names one (see body/defaults.ts), else the
 * picked Table: under Operation in version 2, under Options in version 1 (as run/settings.ts reads it).
 */
function tableInUse(ctx: ILoadOptionsFunctions): string | undefined {
	const body = ctx.getCurrentNodeParameter('body') as unknown;
	const named = typeof body === 'string' ? literalTableName(body) : undefined;
	const picked = ctx.getNode().typeVersion < 2 ? 'options.table' : 'table';
	return named ?? ((ctx.getCurrentNodeParameter(picked, { extractValue: true }) as string | undefined) || undefined);
}

/** The TableName a body writes out (in Expression mode with every {{ … }} read as null); undefined when none. */
function literalTableName(body: string): string | undefined {
	try {
		const text = body.startsWith('=') ? bindBody(body, () => null) : body;
		const name = (parseBody(text) as { TableName?: unknown }).TableName;
		return typeof name === 'string' && name ? name : undefined;
	} catch {
		return undefined;
	}
}
