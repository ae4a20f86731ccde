import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { checkUrl, identityOf, requestHandlerOf, type Identity } from './credentials';
import { checkRegion } from './regions';

/** The credential fields as n8n hands them over (see credentials/DynamoDbApi.credentials.ts). */
export interface DynamoDbCredentials {
	region: string;
	customRegion?: string;
	/** Absent in credentials saved before it existed: Access Keys. */
	authentication?: 'accessKeys' | 'systemCredentials';
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
	endpoint?: string;
	/** Assume this IAM role (STS AssumeRole) with the keys above. */
	roleArn?: string;
	externalId?: string;
	roleSessionName?: string;
	/** STS endpoint for AssumeRole (VPC endpoint, tests); empty → the region's STS. */
	stsEndpoint?: string;
}

/** Client settings chosen in the node's options. */
export interface ClientOptions {
	maxAttempts?: number;
	retryMode?: 'standard' | 'adaptive';
	connectionTimeout?: number;
	requestTimeout?: number;
}

/** The credential's region, checked (transport/regions.ts): AWS hosts are built from it unless every client has an endpoint. */
export function regionOf(credentials: DynamoDbCredentials): string {
	const stsFromRegion = !!credentials.roleArn?.trim() && !credentials.stsEndpoint?.trim();
	return checkRegion(credentials.region === 'custom' ? credentials.customRegion : credentials.region, !!credentials.endpoint?.trim() && !stsFromRegion);
}

/** Checks the Endpoint URL field (scheme, host); an empty field means AWS's regional endpoint. */
export function endpointOf(credentials: DynamoDbCredentials): string | undefined {
	return checkUrl('Endpoint URL', credentials.endpoint, 'http://localhost:8000 or https://dynamodb.eu-west-1.amazonaws.com');
}

/** The identity of each credentials object in use, so redaction also knows assumed-role keys. */
const identities = new WeakMap<object, Identity>();

/** One client per execution: it keeps connections alive across every item and page. */
export function createClient(credentials: DynamoDbCredentials, options: ClientOptions = {}): DynamoDBClient {
	const region = regionOf(credentials);
	const endpoint = endpointOf(credentials);
	const identity = identityOf(credentials, { region, ...options });
	identities.set(credentials, identity);
	const config: DynamoDBClientConfig = {
		region,
		endpoint,
		credentials: identity.credentials,
		maxAttempts: options.maxAttempts,
		retryMode: options.retryMode,
		requestHandler: requestHandlerOf(options),
	};
	const client = new DynamoDBClient(config);
	const destroy = client.destroy.bind(client);
	client.destroy = () => {
		destroy();
		identity.destroy();
	};
	return client;
}

/**
 * Removes the credential secrets from any text bound for output, errors or logs: each secret as a
 * whole value (not where it is only part of a longer word or key), in the text and as JSON escapes
 * it. Access key ids are not secrets (AWS prints them in its own errors): they stay readable, and so
 * does text that happens to contain one, such as "localhost" with the key id "local".
 */
export function redact(text: string, credentials: Partial<DynamoDbCredentials>): string {
	const used = identities.get(credentials)?.secrets() ?? [];
	const secrets = new Set([credentials.secretAccessKey, credentials.sessionToken, credentials.externalId, ...used].map((s) => s?.trim()).filter((s): s is string => !!s));
	let out = text;
	for (const secret of secrets) {
		for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) out = out.replace(wholeValue(form), '***');
	}
	return out;
}

/** The value where no letter, digit or underscore continues it on either side. */
const wholeValue = (value: string) => new RegExp(`(?<![A-Za-z0-9_])${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![A-Za-z0-9_])`, 'g');
