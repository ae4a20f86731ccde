import { runNode } from '../helpers/n8n';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../helpers/local';
import { awsError, REQUEST_ID, WireServer } from '../helpers/wire';

const tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/users';
const backupArn = `${tableArn}/backup/01732492800000-a1b2c3d4`;
const missingArn = `${tableArn}/backup/01732492800000-deadbeef`;

describe('the node at the wire: errors, items, pages', () => {
	let server: WireServer;
	beforeAll(async () => {
		server = await WireServer.start();
	});
	afterAll(async () => {
		await server.close();
	});

	const backupAnswer = (arn: string) => ({
		BackupDescription: {
			BackupDetails: { BackupArn: arn, BackupName: 'b', BackupStatus: 'AVAILABLE', BackupType: 'USER', BackupCreationDateTime: 1795564800 },
		},
	});

	it('sends one request per input item, each with its own bound values, and pairs the outputs', async () => {
		server.answer((request) => ({ body: backupAnswer((request.json as { BackupArn: string }).BackupArn) }));
		const arns = [backupArn, `${tableArn}/backup/01732492800000-00000002`, `${tableArn}/backup/01732492800000-00000003`];
		const result = await runNode({
			input: arns.map((arn) => ({ arn })),
			credentials: server.credentials(),
			parameters: { operation: 'DescribeBackup', body: '={ "BackupArn": {{ $json.arn }} }' },
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => r.json)).toEqual(arns.map((BackupArn) => ({ BackupArn })));
		expect(server.requests.map((r) => r.headers['x-amz-target'])).toEqual(arns.map(() => 'DynamoDB_20120810.DescribeBackup'));
		expect(result.items.map((i) => (i.json.BackupDescription as { BackupDetails: { BackupArn: string } }).BackupDetails.BackupArn)).toEqual(arns);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toEqual({
			BackupDescription: {
				BackupDetails: { BackupArn: backupArn, BackupName: 'b', BackupStatus: 'AVAILABLE', BackupType: 'USER', BackupCreationDateTime: '2026-11-25T00:00:00.000Z' },
			},
		});
	});

	it('AWS error with Continue On Fail: that item becomes an error item with code, message, HTTP status and request id; the rest go on', async () => {
		server.answer((request) =>
			(request.json as { BackupArn: string }).BackupArn === missingArn
				? awsError(400, 'BackupNotFoundException', `Backup not found: ${missingArn}`)
				: { body: backupAnswer(backupArn) },
		);
		const result = await runNode({
			input: [{ arn: backupArn }, { arn: missingArn }, { arn: backupArn }],
			credentials: server.credentials(),
			continueOnFail: true,
			parameters: { operation: 'DescribeBackup', body: '={ "BackupArn": {{ $json.arn }} }' },
		});
		expect(result.error).toBeUndefined();
		// 4xx errors are the caller's: the SDK must not retry them.
		expect(server.requests).toHaveLength(3);
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.BackupDescription).toBeDefined();
		expect(result.items[2].json.BackupDescription).toBeDefined();
		const error = result.items[1].json.error as Record<string, unknown>;
		expect(error).toEqual({
			code: 'BackupNotFoundException',
			message: `BackupNotFoundException: Backup not found: ${missingArn}`,
			httpStatusCode: 400,
			requestId: expect.stringMatching(REQUEST_ID),
		});
		expect(error.requestId).toBe(server.requests[1].requestId);
		expect(JSON.stringify(result.items)).not.toContain(TEST_SECRET_ACCESS_KEY);
		expect(JSON.stringify(result.items)).not.toContain(TEST_ACCESS_KEY_ID);
	});

	it('AWS error without Continue On Fail: the run fails with the code, message, HTTP status and request id', async () => {
		server.answer(awsError(400, 'BackupNotFoundException', `Backup not found: ${missingArn}`));
		const result = await runNode({
			input: [{ arn: missingArn }],
			credentials: server.credentials(),
			parameters: { operation: 'DescribeBackup', body: '={ "BackupArn": {{ $json.arn }} }' },
		});
		expect(server.requests).toHaveLength(1);
		expect(result.items).toEqual([]);
		const error = result.error!;
		expect(error).toBeDefined();
		expect(error.message).toBe(`BackupNotFoundException: Backup not found: ${missingArn}`);
		expect(error.httpCode).toBe('BackupNotFoundException');
		expect(error.description).toBe(`HTTP 400, request id ${server.requests[0].requestId}`);
		expect((error as unknown as { errorResponse: unknown }).errorResponse).toEqual({
			code: 'BackupNotFoundException',
			message: `BackupNotFoundException: Backup not found: ${missingArn}`,
			httpStatusCode: 400,
			requestId: server.requests[0].requestId,
		});
		expect(JSON.stringify(error)).not.toContain(TEST_SECRET_ACCESS_KEY);
	});

	it('an error answer for a write (ResourceInUseException on UpdateContributorInsights) is reported, not retried', async () => {
		server.answer(awsError(400, 'ResourceInUseException', 'Contributor Insights is already being enabled for table users'));
		const result = await runNode({
			input: [{}],
			credentials: server.credentials(),
			continueOnFail: true,
			parameters: { operation: 'UpdateContributorInsights', body: '{ "TableName": "users", "ContributorInsightsAction": "ENABLE" }' },
		});
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].json).toEqual({ TableName: 'users', ContributorInsightsAction: 'ENABLE' });
		expect(result.items[0].json.error).toMatchObject({ code: 'ResourceInUseException', httpStatusCode: 400 });
	});

	it('a body the schema rejects never reaches the wire', async () => {
		server.answer({ body: {} });
		const result = await runNode({
			input: [{}],
			credentials: server.credentials(),
			continueOnFail: true,
			parameters: { operation: 'RestoreTableToPointInTime', body: '{ "SourceTableName": "users", "TargetTableName": "t2", "RestoreDateTime": "yesterday" }' },
		});
		expect(server.requests).toHaveLength(0);
		expect(result.items[0].json.error).toMatchObject({ path: 'RestoreDateTime', message: expect.stringContaining('RestoreDateTime') });
	});

	it('Return All follows NextToken across pages of ListTagsOfResource and concatenates the tags', async () => {
		server.answer((request) => {
			const token = (request.json as { NextToken?: string }).NextToken;
			return token === undefined
				? { body: { Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }], NextToken: 'cGFnZS0y' } }
				: { body: { Tags: [{ Key: 'c', Value: '3' }] } };
		});
		const result = await runNode({
			input: [{}],
			credentials: server.credentials(),
			parameters: { operation: 'ListTagsOfResource', body: `{ "ResourceArn": "${tableArn}" }`, options: { returnAll: true } },
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => r.json)).toEqual([{ ResourceArn: tableArn }, { ResourceArn: tableArn, NextToken: 'cGFnZS0y' }]);
		expect(result.items.map((i) => i.json)).toEqual([{ Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '3' }] }]);
	});

	it('a Limit lowers ListBackups’ own page size and continues with ExclusiveStartBackupArn', async () => {
		const summary = (n: number) => ({ BackupArn: `${tableArn}/backup/0173249280000${n}-0000000${n}`, BackupCreationDateTime: 1795564800 + n });
		server.answer((request) => {
			const body = request.json as { ExclusiveStartBackupArn?: string; Limit: number };
			return body.ExclusiveStartBackupArn === undefined
				? { body: { BackupSummaries: [summary(1), summary(2)], LastEvaluatedBackupArn: summary(2).BackupArn } }
				: { body: { BackupSummaries: [summary(3)].slice(0, body.Limit), LastEvaluatedBackupArn: summary(3).BackupArn } };
		});
		const result = await runNode({
			input: [{}],
			credentials: server.credentials(),
			parameters: { operation: 'ListBackups', body: '{ "TableName": "users", "Limit": 2 }', options: { limit: 3 } },
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => r.json)).toEqual([
			{ TableName: 'users', Limit: 2 },
			{ TableName: 'users', Limit: 1, ExclusiveStartBackupArn: summary(2).BackupArn },
		]);
		const out = result.items[0].json as { BackupSummaries: Array<{ BackupCreationDateTime: string }> };
		expect(out.BackupSummaries.map((s) => s.BackupCreationDateTime)).toEqual([
			'2026-11-25T00:00:01.000Z',
			'2026-11-25T00:00:02.000Z',
			'2026-11-25T00:00:03.000Z',
		]);
	});

	it('Simplify off: SearchVectors returns DynamoDB JSON as on the wire, binary as base64', async () => {
		server.answer({ body: { SearchResults: [{ Item: { id: { S: 'p1' }, cover: { B: 'iVBORw0=' }, tags: { SS: ['a', 'b'] } }, Score: 0.5 }] } });
		const result = await runNode({
			input: [{}],
			credentials: server.credentials(),
			parameters: {
				operation: 'SearchVectors',
				body: '{ "TableName": "products", "IndexName": "by_embedding", "SearchVector": [{ "N": "1.5" }, { "N": "-2" }], "TopK": 1 }',
				options: { simplify: false },
			},
		});
		expect(result.error).toBeUndefined();
		expect(server.requests[0].json).toEqual({ TableName: 'products', IndexName: 'by_embedding', SearchVector: [{ N: '1.5' }, { N: '-2' }], TopK: 1 });
		expect(result.items.map((i) => i.json)).toEqual([{ SearchResults: [{ Item: { id: { S: 'p1' }, cover: { B: 'iVBORw0=' }, tags: { SS: ['a', 'b'] } }, Score: 0.5 }] }]);
	});
});
