import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sdk from '@aws-sdk/client-dynamodb';
import { operations } from '../../nodes/DynamoDb/operations/registry';
import { parseBody } from '../../nodes/DynamoDb/body/parse';
import { docsUrl } from '../../nodes/DynamoDb/operations/types';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { integrationActions } from '../integration/cases';
import { wireCases } from '../wire/cases';

const sdkActions = Object.keys(sdk)
	.filter((k) => /^[A-Z]\w*Command$/.test(k))
	.map((k) => k.replace(/Command$/, ''))
	.sort();
const wireActions = [...new Set(wireCases.map((c: { action: string }) => c.action))];
const README = path.join(__dirname, '..', '..', 'README.md');

/** The README's operation table, generated from the registry. */
function operationsTable(): string {
	const rows = operations.map((o) => {
		const tested = integrationActions.includes(o.action) ? 'DynamoDB Local' : 'wire';
		return `| [\`${o.action}\`](${docsUrl(o.action)}) | ${o.name} | ${o.description} | ${o.access} | ${tested} |`;
	});
	return ['| Operation | Name | What it does | Access | Tested against |', '|---|---|---|---|---|', ...rows].join('\n');
}

describe('operation registry', () => {
	it('has exactly one row per command of @aws-sdk/client-dynamodb', () => {
		expect(operations.map((o) => o.action).sort()).toEqual(sdkActions);
	});

	it('covers every operation of Appsmith’s DynamoDB page', () => {
		const appsmith = 'BatchGetItem BatchWriteItem CreateBackup CreateGlobalTable CreateTable DeleteBackup DeleteItem DeleteTable DescribeBackup DescribeContinuousBackups DescribeContributorInsights DescribeEndpoints DescribeGlobalTable DescribeGlobalTableSettings DescribeLimits DescribeTable DescribeTableReplicaAutoScaling DescribeTimeToLive GetItem ListBackups ListContributorInsights ListGlobalTables ListTables ListTagsOfResource PutItem Query RestoreTableFromBackup RestoreTableToPointInTime Scan TagResource TransactGetItems TransactWriteItems UntagResource UpdateContinuousBackups UpdateContributorInsights UpdateGlobalTable UpdateItem'.split(' ');
		expect(appsmith).toHaveLength(37);
		expect(appsmith.filter((a) => !sdkActions.includes(a) || !operations.some((o) => o.action === a))).toEqual([]);
	});

	it('has a test for every row: against DynamoDB Local or at the wire, never neither', () => {
		const untested = operations.map((o) => o.action).filter((a) => !integrationActions.includes(a) && !wireActions.includes(a));
		expect(untested).toEqual([]);
	});

	it('points every Bulk Mode target at a batch operation of the same kind', () => {
		const targets = operations.filter((o) => o.bulkMode).map((o) => ({ action: o.action, kind: o.bulkMode!.kind, batchKind: operations.find((b) => b.action === o.bulkMode!.into)?.batch?.kind }));
		expect(targets.map((t) => t.action)).toEqual(['GetItem', 'PutItem', 'DeleteItem']);
		for (const t of targets) expect(t.batchKind).toBe(t.kind);
	});

	it('gives every operation its own body field with its example, and one Operation option', () => {
		const { properties } = new DynamoDb().description;
		const options = properties.find((p) => p.name === 'operation')!.options as Array<{ value: string; name: string }>;
		expect(options.map((o) => o.value)).toEqual(operations.map((o) => o.action));
		for (const o of operations) {
			const bodies = properties.filter((p) => p.name === 'body' && p.displayOptions?.show?.operation?.includes(o.action));
			expect(bodies).toHaveLength(1);
			// Prefilled in Expression mode; a one-table operation's example leaves TableName to the Table option.
			const body = bodies[0].default as string;
			expect(body.startsWith('=')).toBe(true);
			const { TableName, ...rest } = o.example;
			expect(parseBody(body.slice(1))).toEqual(o.table ? rest : o.example);
			for (const member of Object.keys(o.notes ?? {})) expect({ action: o.action, member, noted: body.includes(`// ${o.notes![member]}\n  "${member}":`) }).toEqual({ action: o.action, member, noted: true });
			if (o.table) expect(typeof TableName).toBe('string');
			expect(bodies[0].description).toContain(docsUrl(o.action));
		}
		expect(new Set(operations.map((o) => o.name)).size).toBe(operations.length);
	});

	it('lists every operation in the README, as the registry says (UPDATE_README=1 regenerates it)', () => {
		const readme = fs.readFileSync(README, 'utf8');
		const table = operationsTable();
		const current = /\| Operation \| Name \|[^\n]*\n(\|[^\n]*\n?)*/.exec(readme)?.[0]?.trimEnd();
		if (process.env.UPDATE_README) {
			fs.writeFileSync(README, current ? readme.replace(current, table) : readme.replace('## Operations\n', `## Operations\n\n${table}\n`));
			return;
		}
		expect(current).toBe(table);
	});
});
