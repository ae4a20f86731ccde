/** AWS error names that mean "too many requests right now": batches send them again, errors explain them. */
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

export const isThrottling = (error: unknown) => error instanceof Error && THROTTLING.has(error.name);
