import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The table the trigger watches and the stream DynamoDB writes its changes to now. */
export interface TableStream {
	/** The table's name (also when it was picked by ARN). */
	table: string;
	streamArn: string;
}

/** The UpdateTable body that turns a stream on, for the DynamoDB node's Update Table operation. */
export function enableStreamBody(table: string): string {
	return JSON.stringify({ TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } });
}

/**
 * The table's current stream (DescribeTable). A table without one cannot start a workflow: the
 * error says how to enable it. `previous` is the stream the trigger read last, if any: when it is this
 * table's, the stream was disabled since.
 */
export async function streamOf(client: DynamoDBClient, tableNameOrArn: string, previous?: string): Promise<TableStream> {
	let answer;
	try {
		answer = await client.send(new DescribeTableCommand({ TableName: tableNameOrArn }));
	} catch (error) {
		if (error instanceof Error && error.name === 'ResourceNotFoundException') {
			throw new Error(`Table "${tableNameOrArn}" does not exist in this credential's region and account (DescribeTable: ${error.message})`);
		}
		throw error;
	}
	const table = answer.Table?.TableName ?? tableNameOrArn;
	const enabled = answer.Table?.StreamSpecification?.StreamEnabled === true;
	const streamArn = answer.Table?.LatestStreamArn;
	if (!enabled || !streamArn) {
		const known = previous !== undefined && tableArnOf(previous).endsWith(`:table/${table}`);
		const what = known ? `The stream of table "${table}" was disabled, so its changes no longer reach this trigger` : `Table "${table}" has no stream, so its changes cannot start a workflow`;
		throw new Error(
			`${what}. Enable DynamoDB Streams on the table (a new stream is then read from its start), e.g. with the DynamoDB node's Update Table operation and this body: ${enableStreamBody(table)}`,
		);
	}
	return { table, streamArn };
}

/** `arn:…:table/users/stream/2026-…` → `arn:…:table/users`: two streams of one table share it. */
export function tableArnOf(streamArn: string): string {
	const at = streamArn.lastIndexOf('/stream/');
	return at < 0 ? streamArn : streamArn.slice(0, at);
}

/** Whether a stream belongs to the table the trigger watches (picked by name, in the credential's account, or by ARN). */
export function isStreamOf(streamArn: string, tableNameOrArn: string): boolean {
	const tableArn = tableArnOf(streamArn);
	return tableNameOrArn.startsWith('arn:') ? tableArn === tableNameOrArn : tableArn.endsWith(`:table/${tableNameOrArn}`);
}

/** A table has at most one enabled stream: while the one the trigger reads is enabled, it is the table's current one. */
export const isLive = (status: string | undefined): boolean => status === 'ENABLED' || status === 'ENABLING';
