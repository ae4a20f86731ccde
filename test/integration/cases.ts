/**
 * Operations whose registry example is run through the node against DynamoDB Local
 * (test/integration/operations.test.ts checks each one's real effect). Every other registry row
 * must be covered by the wire tests (test/wire/cases.ts).
 */
const actions = [
	'CreateTable',
	'UpdateTable',
	'DeleteTable',
	'DescribeTable',
	'ListTables',
	'PutItem',
	'GetItem',
	'UpdateItem',
	'DeleteItem',
	'Query',
	'Scan',
	'BatchGetItem',
	'BatchWriteItem',
	'TransactGetItems',
	'TransactWriteItems',
	'DescribeTimeToLive',
	'UpdateTimeToLive',
	'DescribeLimits',
	'ExecuteStatement',
	'BatchExecuteStatement',
	'ExecuteTransaction',
] as const;

export type IntegrationAction = (typeof actions)[number];

export const integrationActions: readonly string[] = actions;
