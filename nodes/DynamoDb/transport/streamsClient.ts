import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { endpointOf, regionOf, type DynamoDbCredentials } from './client';
import { requestHandlerOf } from './credentials';

/**
 * Stream reads are throttled when more than two readers share a shard (LimitExceededException,
 * which the SDK retries as throttling): more attempts than a table request gets, with the SDK's
 * backoff, so a reader sharing a shard with Lambda and a replica still gets through.
 */
export const STREAM_MAX_ATTEMPTS = 8;

/**
 * A DynamoDB Streams client beside a DynamoDB client of the same credential: same region, same
 * Endpoint URL (DynamoDB Local and VPC endpoints serve both APIs), and the DynamoDB client's own
 * credential provider, so an assumed role is assumed once and its keys are redacted like the
 * DynamoDB client's. Destroying the DynamoDB client releases the identity; this one only its sockets.
 */
export function createStreamsClient(credentials: DynamoDbCredentials, tables: DynamoDBClient): DynamoDBStreamsClient {
	return new DynamoDBStreamsClient({
		region: regionOf(credentials),
		endpoint: endpointOf(credentials),
		credentials: tables.config.credentials,
		maxAttempts: STREAM_MAX_ATTEMPTS,
		requestHandler: requestHandlerOf({}),
	});
}
