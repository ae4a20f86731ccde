import { operations } from '../../nodes/DynamoDb/operations/registry';
import { membersOf, operationSchema } from '../../nodes/DynamoDb/shapes/schema';
import { toSdkInput } from '../../nodes/DynamoDb/shapes/toInput';

const members = (action: string, side: 'Input' | 'Output') => {
	const schema = operationSchema(action, side);
	return schema.isStructSchema() ? [...membersOf(schema).members.keys()] : [];
};

describe('registry examples', () => {
	it.each(operations.map((o) => [o.action, o] as const))('%s: the example passes the node’s own schema validation', (action, o) => {
		expect(() => toSdkInput(action, o.example, 'auto')).not.toThrow();
	});

	it('are plain JSON, with one typed example that shows typed values still work', () => {
		const typed = (value: unknown): boolean =>
			Array.isArray(value) ? value.some(typed) : typeof value === 'object' && value !== null && Object.entries(value).some(([k, v]) => (k === 'S' && typeof v === 'string') || typed(v));
		expect(operations.filter((o) => typed(o.example)).map((o) => o.action)).toEqual(['TransactWriteItems']);
		// Plain values convert as documented (the README's plain JSON rules).
		expect(toSdkInput('PutItem', operations.find((o) => o.action === 'PutItem')!.example, 'auto').Item).toEqual({
			id: { S: 'user_1' },
			name: { S: 'Ada Lovelace' },
			age: { N: '36' },
			tags: { SS: ['math', 'poetry'] },
		});
	});

	it('gives every row a name, a one-line description and a sane access level', () => {
		for (const o of operations) {
			expect(o.name.trim()).not.toBe('');
			expect(o.description).not.toMatch(/\n/);
			expect(o.description.length).toBeGreaterThan(20);
			if (o.access === 'read') expect(o.description).toMatch(/\(read-only\)$/);
			if (o.access !== 'read') expect(o.description).not.toMatch(/read-only/);
			if (/^Delete/.test(o.action)) expect(o.access).toBe('destructive');
			if (o.access === 'destructive' && o.action.startsWith('Delete')) expect(o.description).toMatch(/destructive/);
			if (/^(Describe|List|Get)/.test(o.action)) expect(o.access).toBe('read');
		}
	});

	it('marks table: true exactly where the request names one table by a required TableName', () => {
		for (const o of operations) {
			const schema = operationSchema(o.action, 'Input');
			const required = schema.isStructSchema() ? membersOf(schema).required : [];
			if (o.table) expect({ action: o.action, required: required.includes('TableName') }).toEqual({ action: o.action, required: true });
			if (!o.table) expect({ action: o.action, required: required.includes('TableName') }).toEqual({ action: o.action, required: false });
		}
	});

	it('names only real request and response members in pagination', () => {
		for (const o of operations.filter((op) => op.pagination)) {
			const { input, output, list, pageSize } = o.pagination!;
			const inputs = members(o.action, 'Input');
			const outputs = members(o.action, 'Output');
			expect({ action: o.action, input: inputs.includes(input), output: outputs.includes(output), list: outputs.includes(list) }).toEqual({
				action: o.action,
				input: true,
				output: true,
				list: true,
			});
			if (pageSize) expect({ action: o.action, pageSize: inputs.includes(pageSize) }).toEqual({ action: o.action, pageSize: true });
		}
	});

	it('paginates every list operation whose response carries a cursor', () => {
		for (const o of operations) {
			const outputs = members(o.action, 'Output');
			const cursor = outputs.find((m) => /^(NextToken|LastEvaluated)/.test(m));
			if (o.action.startsWith('List')) expect({ action: o.action, cursor: o.pagination?.output }).toEqual({ action: o.action, cursor });
		}
	});

	it('has the right pagination for the control-plane list operations', () => {
		const pagination = (action: string) => operations.find((o) => o.action === action)!.pagination;
		expect(pagination('ListBackups')).toEqual({ input: 'ExclusiveStartBackupArn', output: 'LastEvaluatedBackupArn', list: 'BackupSummaries', pageSize: 'Limit' });
		expect(pagination('ListGlobalTables')).toEqual({
			input: 'ExclusiveStartGlobalTableName',
			output: 'LastEvaluatedGlobalTableName',
			list: 'GlobalTables',
			pageSize: 'Limit',
		});
		expect(pagination('ListTagsOfResource')).toEqual({ input: 'NextToken', output: 'NextToken', list: 'Tags' });
		expect(pagination('ListContributorInsights')).toEqual({ input: 'NextToken', output: 'NextToken', list: 'ContributorInsightsSummaries', pageSize: 'MaxResults' });
		expect(pagination('ListExports')).toEqual({ input: 'NextToken', output: 'NextToken', list: 'ExportSummaries', pageSize: 'MaxResults' });
		expect(pagination('ListImports')).toEqual({ input: 'NextToken', output: 'NextToken', list: 'ImportSummaryList', pageSize: 'PageSize' });
		expect(pagination('ListBulkOperations')).toEqual({ input: 'NextToken', output: 'NextToken', list: 'BulkOperationsSummaryList', pageSize: 'MaxResults' });
	});

	it('converts the timestamps of the examples to Dates', () => {
		const input = (action: string) => toSdkInput(action, operations.find((o) => o.action === action)!.example, 'auto');
		expect(input('RestoreTableToPointInTime').RestoreDateTime).toEqual(new Date('2026-11-24T12:00:00Z'));
		expect(input('ExportTableToPointInTime').ExportTime).toEqual(new Date('2026-11-24T12:00:00Z'));
		expect(input('ListBackups').TimeRangeLowerBound).toEqual(new Date('2026-11-01T00:00:00Z'));
		expect(input('ListBackups').TimeRangeUpperBound).toEqual(new Date('2026-11-25T00:00:00Z'));
	});

	it('does not describe UpdateGlobalTable with UpdateContributorInsights’ text or body (Appsmith’s mistake)', () => {
		const update = operations.find((o) => o.action === 'UpdateGlobalTable')!;
		expect(update.description).not.toMatch(/contributor/i);
		expect(Object.keys(update.example).sort()).toEqual(['GlobalTableName', 'ReplicaUpdates']);
		expect(operations.find((o) => o.action === 'TransactWriteItems')!.access).not.toBe('read');
	});

	it('gives PutResourcePolicy a policy that is a JSON document inside a string', () => {
		const policy = operations.find((o) => o.action === 'PutResourcePolicy')!.example.Policy as string;
		expect(typeof policy).toBe('string');
		expect(JSON.parse(policy)).toMatchObject({ Version: '2012-10-17', Statement: [expect.objectContaining({ Effect: 'Allow' })] });
	});

	it('finds the SDK model of operations whose shapes are shared, renamed or empty', () => {
		expect(operationSchema('EnableKinesisStreamingDestination', 'Input').getName()).toBe('KinesisStreamingDestinationInput');
		expect(operationSchema('DisableKinesisStreamingDestination', 'Output').getName()).toBe('KinesisStreamingDestinationOutput');
		expect(operationSchema('DescribeEndpoints', 'Input').getName()).toBe('DescribeEndpointsRequest');
		expect(operationSchema('TagResource', 'Output').isStructSchema()).toBe(false);
		expect(operationSchema('GetItem', 'Input').getName()).toBe('GetItemInput');
		expect(() => operationSchema('NoSuchAction', 'Input')).toThrow(/no input model for NoSuchAction/);
	});
});
