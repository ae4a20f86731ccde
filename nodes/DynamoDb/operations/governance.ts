import type { Operation } from './types';

const tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/users';

/** A resource-based policy that lets one IAM role read the table (a JSON document inside a string). */
const readOnlyPolicy = JSON.stringify({
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'ReportingReadOnly',
			Effect: 'Allow',
			Principal: { AWS: 'arn:aws:iam::123456789012:role/reporting' },
			Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
			Resource: tableArn,
		},
	],
});

/** Tags, CloudWatch Contributor Insights and resource-based policies. */
export const governanceOperations: Operation[] = [
	{
		action: 'TagResource',
		name: 'Tag Resource',
		description: 'Add tags (up to 50) to a table by its ARN, or change the value of tag keys it already has',
		access: 'write',
		example: { ResourceArn: tableArn, Tags: [{ Key: 'team', Value: 'growth' }, { Key: 'env', Value: 'prod' }] },
	},
	{
		action: 'UntagResource',
		name: 'Untag Resource',
		description: 'Remove tags, by key, from a table by its ARN',
		access: 'write',
		example: { ResourceArn: tableArn, TagKeys: ['env'] },
	},
	{
		action: 'ListTagsOfResource',
		name: 'List Tags of Resource',
		description: 'List the tags of a table by its ARN (read-only)',
		access: 'read',
		pagination: { input: 'NextToken', output: 'NextToken', list: 'Tags' },
		example: { ResourceArn: tableArn },
	},
	{
		action: 'DescribeContributorInsights',
		name: 'Describe Contributor Insights',
		description: 'Get the CloudWatch Contributor Insights status and rules of a table or one of its indexes (read-only)',
		access: 'read',
		table: true,
		example: { TableName: 'users' },
	},
	{
		action: 'ListContributorInsights',
		name: 'List Contributor Insights',
		description: 'List the Contributor Insights status of every table and index, or of one table and its indexes (read-only)',
		access: 'read',
		pagination: { input: 'NextToken', output: 'NextToken', list: 'ContributorInsightsSummaries', pageSize: 'MaxResults' },
		example: { TableName: 'users', MaxResults: 25 },
	},
	{
		action: 'UpdateContributorInsights',
		name: 'Update Contributor Insights',
		description: 'Turn CloudWatch Contributor Insights (most accessed and throttled keys) on or off for a table or index',
		access: 'write',
		wait: {
			waiter: 'waitForContributorInsightsEnabled',
			describe: 'DescribeContributorInsights',
			input: { TableName: 'request.TableName', IndexName: 'request.IndexName' },
			states: [
				{
					at: '',
					label: 'Contributor Insights',
					name: 'TableName',
					status: 'ContributorInsightsStatus',
					done: { by: 'ContributorInsightsAction', is: { ENABLE: ['ENABLED'], DISABLE: ['DISABLED'] } },
					failed: ['FAILED'],
					reason: ['FailureException.ExceptionName', 'FailureException.ExceptionDescription'],
				},
			],
		},
		table: true,
		example: { TableName: 'users', ContributorInsightsAction: 'ENABLE', ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS' },
	},
	{
		action: 'GetResourcePolicy',
		name: 'Get Resource Policy',
		description: 'Get the resource-based policy of a table or stream and its revision ID (read-only)',
		access: 'read',
		example: { ResourceArn: tableArn },
	},
	{
		action: 'PutResourcePolicy',
		name: 'Put Resource Policy',
		description: 'Attach a resource-based policy to a table or stream, replacing the one it has (Policy is a JSON document as a string)',
		access: 'write',
		example: { ResourceArn: tableArn, Policy: readOnlyPolicy },
	},
	{
		action: 'DeleteResourcePolicy',
		name: 'Delete Resource Policy',
		description: 'Delete the resource-based policy of a table or stream (destructive: access it granted is revoked)',
		access: 'destructive',
		example: { ResourceArn: tableArn },
	},
];
