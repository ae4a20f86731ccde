import type { INodeCredentialTestResult } from 'n8n-workflow';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { networkCode } from '../output/errors';
import { createClient, redact, regionOf, type DynamoDbCredentials } from './client';
import { RegionError } from './regions';

const KEYS_REJECTED = new Set(['UnrecognizedClientException', 'InvalidSignatureException', 'AccessDeniedException', 'ExpiredTokenException', 'InvalidClientTokenId']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'TimeoutError']);

/** Proves DynamoDB access with ListTables (Limit 1) through the node's own client, and says what failed. */
export async function testCredentials(credentials: DynamoDbCredentials): Promise<INodeCredentialTestResult> {
	let client;
	try {
		client = createClient(credentials, { maxAttempts: 1, connectionTimeout: 5000, requestTimeout: 10000 });
		await client.send(new ListTablesCommand({ Limit: 1 }));
		return { status: 'OK', message: 'Connection successful: DynamoDB answered ListTables' };
	} catch (error) {
		if (error instanceof RegionError) return { status: 'Error', message: redact(error.message, credentials) };
		return { status: 'Error', message: redact(explain(error as Error & { code?: string }, credentials), credentials) };
	} finally {
		client?.destroy();
	}
}

function explain(error: Error & { code?: string }, credentials: DynamoDbCredentials): string {
	const code = networkCode(error) ?? error.name;
	const region = regionOf(credentials);
	if (/scoped to a valid region|region/i.test(error.message) && error.name !== 'UnrecognizedClientException') {
		return `Region wrong: "${region}" was refused (${error.name}: ${error.message})`;
	}
	if (KEYS_REJECTED.has(error.name)) return `Keys rejected: ${error.name}: ${error.message}`;
	if (UNREACHABLE.has(code) || UNREACHABLE.has(error.name)) {
		const where = credentials.endpoint?.trim() || `the AWS endpoint of region "${region}"`;
		return `Endpoint unreachable: could not connect to ${where} (${code}). Check the Endpoint URL and the region.`;
	}
	// The node's own checks (Endpoint URL, Role ARN) are plain Errors whose message says it all.
	return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
}
