import { NodeOperationError, type INode } from 'n8n-workflow';
import { isAwsError } from '../DynamoDb/transport/failures';

/** A failure this node describes itself: what happened and, in `description`, what to do. */
export class ChatMemoryError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'ChatMemoryError';
	}
}

/**
 * What n8n shows for a failed memory call: the node's own description as it is, any other failure
 * (an AWS answer, a connection error) with its name and message, redacted in either case.
 */
export function presentFailure(node: INode, error: unknown, hide: (text: string) => string, itemIndex?: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof ChatMemoryError) {
		return new NodeOperationError(node, hide(error.message), { description: error.description && hide(error.description), itemIndex });
	}
	const e = error as Error;
	const what = isAwsError(e) ? `DynamoDB answered ${e.name}: ${e.message}` : `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
	return new NodeOperationError(node, hide(`Chat memory failed. ${what}`), { itemIndex });
}
