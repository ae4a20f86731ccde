import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** The credential fields as n8n hands them over (see credentials/DynamoDbApi.credentials.ts). */
export interface DynamoDbCredentials {
	region: string;
	customRegion?: string;
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
	endpoint?: string;
}

/** Client settings chosen in the node's options. */
export interface ClientOptions {
	maxAttempts?: number;
	retryMode?: 'standard' | 'adaptive';
	connectionTimeout?: number;
	requestTimeout?: number;
}

export function regionOf(credentials: DynamoDbCredentials): string {
	return (credentials.region === 'custom' ? credentials.customRegion : credentials.region)?.trim() || 'us-east-1';
}

/** Checks the Endpoint URL field; an empty field means AWS's regional endpoint. */
export function endpointOf(credentials: DynamoDbCredentials): string | undefined {
	const text = credentials.endpoint?.trim();
	if (!text) return undefined;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new Error(`Endpoint URL "${text}" is not a URL: expected e.g. http://localhost:8000 or https://dynamodb.eu-west-1.amazonaws.com`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new Error(`Endpoint URL "${text}" must start with http:// or https://`);
	}
	return text;
}

/** One client per execution: it keeps connections alive across every item and page. */
export function createClient(credentials: DynamoDbCredentials, options: ClientOptions = {}): DynamoDBClient {
	const config: DynamoDBClientConfig = {
		region: regionOf(credentials),
		endpoint: endpointOf(credentials),
		credentials: {
			accessKeyId: credentials.accessKeyId?.trim(),
			secretAccessKey: credentials.secretAccessKey?.trim(),
			sessionToken: credentials.sessionToken?.trim() || undefined,
		},
		maxAttempts: options.maxAttempts,
		retryMode: options.retryMode,
		requestHandler: { connectionTimeout: options.connectionTimeout, requestTimeout: options.requestTimeout },
	};
	return new DynamoDBClient(config);
}

/** Removes the credential secrets from any text bound for output, errors or logs. */
export function redact(text: string, credentials: Partial<DynamoDbCredentials>): string {
	let out = text;
	for (const secret of [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]) {
		if (secret && secret.trim().length >= 4) out = out.split(secret.trim()).join('***');
	}
	return out;
}
