/** What can go wrong in a batch beyond an AWS error: every one says what happened to the requests. */

/** What is still unprocessed after every retry round: returned in the output or raised, never dropped. */
export class UnprocessedRequestsError extends Error {
	constructor(
		readonly count: number,
		readonly total: number,
		readonly member: string,
		readonly unprocessed: Record<string, unknown>,
		rounds: number,
	) {
		super(
			`${count} of ${total} requests were still unprocessed after ${rounds} retry rounds (DynamoDB throttled them): nothing was dropped, ` +
				`they are listed in ${member}. Raise the table's capacity, lower Parallel Requests, raise Max Unprocessed Retries, ` +
				'or turn on Accept Unprocessed to get them in the output instead of an error.',
		);
		this.name = 'UnprocessedRequestsError';
	}
}

/** A read item that matches none of the keys of its call: Bulk Mode cannot say which input item it answers. */
export class UnmatchedRecordError extends Error {
	constructor(table: string) {
		super(`DynamoDB returned an item of table "${table}" that matches none of the keys asked for: it cannot be paired with an input item`);
		this.name = 'UnmatchedRecordError';
	}
}

/** A BatchExecuteStatement answer that does not have one entry per statement sent. */
export class AnswerCountError extends Error {
	constructor(sent: number, answered: number) {
		super(`DynamoDB answered ${answered} results for ${sent} statements of one BatchExecuteStatement call: the results cannot be paired with the statements`);
		this.name = 'AnswerCountError';
	}
}
