/**
 * What a failed send was, told from what the SDK threw: an answer from AWS, throttling, a timeout,
 * a connection that failed. Batches retry on it, errors and the credential test explain it.
 */

/** An AWS service error as the SDK throws it. */
export interface AwsError extends Error {
	$metadata: { httpStatusCode?: number; requestId?: string; attempts?: number };
	$fault?: 'client' | 'server';
	CancellationReasons?: unknown;
	Item?: unknown;
}

/** An answer from AWS (it has an HTTP status); connection failures carry `$metadata` too, but no status. */
export const isAwsError = (e: unknown): e is AwsError => e instanceof Error && (e as AwsError).$metadata?.httpStatusCode !== undefined;

/** AWS error names that mean "too many requests right now". */
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

export const isThrottling = (error: unknown) => error instanceof Error && THROTTLING.has(error.name);

/** The system error code of a connection failure (ECONNREFUSED, ENOTFOUND, …), however the SDK wrapped it. */
export function networkCode(error: unknown): string | undefined {
	const e = error as (Error & { code?: string; cause?: { code?: string } }) | undefined;
	return e?.code ?? e?.cause?.code ?? /\b(E[A-Z]{4,}|TimeoutError)\b/.exec(e?.message ?? '')?.[1];
}

/** The SDK's timeout errors in plain words, with the option that set the limit and the attempts made. */
export function timeoutOf(error: unknown): string | undefined {
	const e = error as (Error & { $metadata?: { attempts?: number } }) | undefined;
	if (e?.name !== 'TimeoutError') return undefined;
	const attempts = e.$metadata?.attempts ?? 1;
	const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
	const connection = /did not establish a connection with the server within the configured timeout of (\d+) ms/.exec(e.message);
	if (connection) return `Could not connect to DynamoDB within the Connection Timeout (${connection[1]} ms), ${tries}`;
	const request = /exceeded the configured (\d+) ms requestTimeout/.exec(e.message);
	if (request) return `No answer from DynamoDB within the Request Timeout (${request[1]} ms), ${tries}`;
	return undefined;
}
