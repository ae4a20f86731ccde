import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { redact, regionOf, withFreshClient, type DynamoDbCredentials } from '../transport/client';
import { networkCode } from '../transport/failures';
import { RegionError } from '../transport/regions';

const KEYS_REJECTED = new Set(['UnrecognizedClientException', 'InvalidSignatureException', 'AccessDeniedException', 'ExpiredTokenException', 'InvalidClientTokenId']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'TimeoutError']);

/** One attempt, quick timeouts: the dialog answers within seconds. */
const TEST_SETTINGS = { maxAttempts: 1, connectionTimeout: 5000, requestTimeout: 10000 };

/** The credential dialog's Test button: `testedBy: 'dynamoDbApiTest'` of both nodes. */
export async function dynamoDbApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	return await testCredentials(credential.data as unknown as DynamoDbCredentials);
}

/** Proves DynamoDB access with ListTables (Limit 1) through a client built as the node builds its own (not a warm one), and says what failed. */
export async function testCredentials(credentials: DynamoDbCredentials): Promise<INodeCredentialTestResult> {
	try {
		return await withFreshClient(credentials, TEST_SETTINGS, async ({ client, redact: hide }) => {
			try {
				await client.send(new ListTablesCommand({ Limit: 1 }));
				return { status: 'OK', message: 'Connection successful: DynamoDB answered ListTables' };
			} catch (error) {
				return failed(error, credentials, hide);
			}
		});
	} catch (error) {
		// The node's own checks of the fields, before a client exists: only the fields' secrets can be in them.
		return failed(error, credentials, (text) => redact(text, credentials));
	}
}

function failed(error: unknown, credentials: DynamoDbCredentials, hide: (text: string) => string): INodeCredentialTestResult {
	if (error instanceof RegionError) return { status: 'Error', message: hide(error.message) };
	return { status: 'Error', message: hide(explain(error as Error & { code?: string }, credentials)) };
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
