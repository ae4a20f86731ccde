import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sdk from '@aws-sdk/client-dynamodb';
import { operations } from '../../nodes/DynamoDb/operations/registry';
import { parseBody } from '../../nodes/DynamoDb/body/parse';
import { prefilledBody } from '../../nodes/DynamoDb/operations/prefilled';
import { docsUrl } from '../../nodes/DynamoDb/operations/types';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { integrationActions } from '../integration/cases';
import { wireCases } from '../wire/cases';

const sdkActions = Object.keys(sdk)
	.filter((k) => /^[A-Z]\w*Command$/.test(k))
	.map((k) => k.replace(/Command$/, ''))
	.sort();
const wireActions = [...new Set(wireCases.map((c: { action: string }) => c.action))];
const PAGE = path.join(__dirname, '..', '..', 'docs', 'operations.md');
const BEGIN = '<!-- generated from the registry (UPDATE_DOCS=1 npx jest test/unit/registry.test.ts): do not edit by hand -->';
const END = '<!-- end of the generated part -->';

/** docs/operations.md's operation table, generated from the registry. */
function operationsTable(): string {
	const rows = operations.map((o) => {
		const tested = integrationActions.includes(o.action) ? 'DynamoDB Local' : 'wire';
		return `| [\`${o.action}\`](${docsUrl(o.action)}) | ${o.name} | ${o.description} | ${o.access} | ${tested} |`;
	});
	return ['| Operation | Name | What it does | Access | Tested against |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** Each operation's prefilled example as the editor shows it (Expression mode's `=` left out). */
function examples(): string {
	return operations
		.map((o) => {
			const table = o.table ? ' The picked Table fills in `TableName`.' : '';
			return `### ${o.action}\n${o.name}: ${o.description}.${table}\n\n\`\`\`jsonc\n${prefilledBody(o).slice(1)}\n\`\`\``;
		})
		.join('\n\n');
}

const generated = () => [BEGIN, operationsTable(), '', "## Each operation's example", '', examples(), END].join('\n');

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

	it('lists every operation with its example in docs/operations.md, as the registry says (UPDATE_DOCS=1 regenerates it)', () => {
		const page = fs.readFileSync(PAGE, 'utf8');
		const start = page.indexOf(BEGIN);
		const end = page.indexOf(END);
		expect({ start: start >= 0, end: end > start }).toEqual({ start: true, end: true });
		const current = page.slice(start, end + END.length);
		if (process.env.UPDATE_DOCS) fs.writeFileSync(PAGE, page.replace(current, generated()));
		else expect(current).toBe(generated());
	});
});
