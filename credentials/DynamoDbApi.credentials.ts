import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { regions } from '../nodes/DynamoDb/transport/regions';

/**
 * The role's own fields appear once a Role ARN is typed: a credential saved before (Role ARN set) shows
 * and keeps them, and without a Role ARN they mean nothing, so hiding them loses nothing (n8n drops a
 * credential's hidden fields before the node sees them).
 */
const withRole = { show: { roleArn: [{ _cnd: { not: '' } }] } };

/** AWS keys for DynamoDB; tested by the DynamoDB node's own client (ListTables, Limit 1). */
export class DynamoDbApi implements ICredentialType {
	name = 'dynamoDbApi';

	displayName = 'DynamoDB API';

	documentationUrl = 'https://github.com/n8n-nodes-dynamodb/n8n-nodes-dynamodb/blob/main/docs/credential.md';

	icon = { light: 'file:../nodes/DynamoDb/dynamodb.svg', dark: 'file:../nodes/DynamoDb/dynamodb.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'us-east-1',
			options: [
				...regions.map(([value, label]) => ({ name: `${label} — ${value}`, value })),
				{ name: 'Other (Enter Below)', value: 'custom' },
			],
		},
		{
			displayName: 'Region Code',
			name: 'customRegion',
			type: 'string',
			default: '',
			placeholder: 'e.g. ap-southeast-8',
			description: 'A region not in the list yet',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: 'accessKeys',
			options: [
				{ name: 'Access Keys', value: 'accessKeys', description: 'An access key ID and secret access key typed here' },
				{
					name: 'System Credentials',
					value: 'systemCredentials',
					description:
						"The n8n host's own AWS credentials (environment, shared config or SSO profile, web identity, ECS/EKS container role, EC2 instance profile). Only when the instance owner set N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED=true.",
				},
			],
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessKeys'] } },
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessKeys'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary credentials (STS, SSO)',
			displayOptions: { show: { authentication: ['accessKeys'] } },
		},
		{
			displayName: 'Endpoint URL',
			name: 'endpoint',
			type: 'string',
			default: '',
			placeholder: 'http://localhost:8000',
			description: 'Leave empty for AWS. For DynamoDB Local, LocalStack or a VPC endpoint, its URL.',
		},
		{
			displayName: 'Role ARN',
			name: 'roleArn',
			type: 'string',
			default: '',
			placeholder: 'e.g. arn:aws:iam::123456789012:role/n8n-dynamodb',
			description:
				'Optional. Assume this IAM role (STS AssumeRole) with the keys above (or the System Credentials) and use its temporary credentials; they are renewed before they expire. Its External ID, session name and STS endpoint appear once it is set.',
		},
		{
			displayName: 'External ID',
			name: 'externalId',
			// Not masked: AWS does not treat an external ID as a secret (anyone who may read the role sees
			// it in its trust policy), and a user copies it from the role owner and should see what was
			// pasted. Error texts still redact it, as some role owners hand it out as if it were one.
			type: 'string',
			default: '',
			description: "Only when the role's trust policy requires an external ID (sts:ExternalId)",
			displayOptions: withRole,
		},
		{
			displayName: 'Role Session Name',
			name: 'roleSessionName',
			type: 'string',
			default: 'n8n-dynamodb',
			description: "Shown in CloudTrail as the assumed role's session; 2 to 64 letters, digits or _+=,.@-",
			displayOptions: withRole,
		},
		{
			displayName: 'STS Endpoint URL',
			name: 'stsEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://sts.eu-west-1.amazonaws.com',
			description: "Leave empty for the region's STS. For an STS VPC endpoint, its URL.",
			displayOptions: withRole,
		},
	];
}
