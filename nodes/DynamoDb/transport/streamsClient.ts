import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { ClientKind } from './client';

/**
 * Stream reads are throttled when more than two readers share a shard (LimitExceededException,
 * which the SDK retries as throttling): more attempts than a table request gets, with the SDK's
 * backoff, so a reader sharing a shard with Lambda and a replica still gets through.
 */
export const STREAM_MAX_ATTEMPTS = 8;

/**
 * The DynamoDB Streams client: a kind of the warm clients (client.ts), keyed like the DynamoDB
 * client of the same credential and sharing its identity, so an assumed role is assumed once for
 * both and its keys are redacted alike. Same region and Endpoint URL (DynamoDB Local and VPC
 * endpoints serve both APIs); the trigger sets no retry option, so its own attempts apply.
 */
export const STREAMS: ClientKind<DynamoDBStreamsClient> = {
	name: 'DynamoDB Streams',
	create: (config) => new DynamoDBStreamsClient({ ...config, maxAttempts: config.maxAttempts ?? STREAM_MAX_ATTEMPTS }),
};
