/** How an operation pages: the request member that continues, the response member that says where. */
export interface Pagination {
	input: string;
	output: string;
	/** Response member listing the page's entries: what a Limit counts and pages concatenate. */
	list: string;
	/** Request member that caps one page (DynamoDB's own Limit / MaxResults). */
	pageSize?: string;
}

/** One DynamoDB API operation, described once; the node, README and tests are derived from these rows. */
export interface Operation {
	/** The AWS action name exactly as AWS spells it; also the `operation` option value. */
	action: string;
	/** Human name shown in the Operation list. */
	name: string;
	/** Short action title in n8n's nodes panel, also a dropped node's name ("Get an item"); else the name in sentence case. */
	title?: string;
	/** One line: what it does; for AI tools, whether it only reads or is destructive. */
	description: string;
	/** A correct, working request body; prefilled in the node (see prefilled.ts: a one-table operation's without TableName). */
	example: Record<string, unknown>;
	/** A comment line shown above a top-level member of the prefilled body, where the member needs explaining. */
	notes?: Record<string, string>;
	/** read: changes nothing; write: changes data or settings; destructive: deletes or overwrites irreversibly. */
	access: 'read' | 'write' | 'destructive';
	/** Addresses one table by TableName (the node's Table field can fill it in). */
	table?: boolean;
	pagination?: Pagination;
	/** Where the records are in the response, for one n8n item per record. */
	records?: RecordsAt;
	/** A batch operation: split into calls of at most `max` requests, unprocessed ones retried. */
	batch?: Batch;
	/** Item From Input (the option) can fill the request's Item with the input item's JSON. */
	itemFromInput?: true;
	/** Update From Input (the option) can build the request's update from the input item: its key attributes name the record, its other fields are set. */
	updateFromInput?: true;
	/** Key From Input (the option) can take the request's Key from the input item's key attributes (the table's key schema). */
	keyFromInput?: true;
	/** Bulk Mode (the option): the input items' requests are combined into calls of this batch operation. */
	bulkMode?: BulkTarget;
	/** It answers before it is done: how Wait Until Done knows it has finished. */
	wait?: Wait;
}

/** A batch operation: what its requests are, and DynamoDB's limits (see batch/request.ts). */
export interface Batch {
	/** Write requests, keys to read, or PartiQL statements: how calls are built and answers read (batch/writes.ts, gets.ts, statements.ts). */
	kind: 'write' | 'get' | 'statement';
	/** Request member holding the requests: a map of table → requests, or a list of statements. */
	requests: 'RequestItems' | 'Statements';
	/** Requests one call takes: 25 write requests or statements, 100 keys. */
	max: 25 | 100;
	/** Response member listing what DynamoDB did not process and the caller must send again. */
	unprocessed?: 'UnprocessedItems' | 'UnprocessedKeys';
}

/**
 * Bulk Mode's target: the batch operation and kind a per-item operation's requests go into
 * (batch/bulkMode.ts), and the request members such a call can carry. Batch calls have no
 * conditions and return no values, so a body with any other member is refused, never dropped.
 */
export type BulkTarget = BulkWrite | BulkGet;

export interface BulkWrite {
	into: 'BatchWriteItem';
	kind: 'write';
	/** The WriteRequest each request becomes. */
	request: 'PutRequest' | 'DeleteRequest';
	members: string[];
}

export interface BulkGet {
	into: 'BatchGetItem';
	kind: 'get';
	members: string[];
}

/**
 * Where records sit in a response: `Items` (a list), `Responses.*` (a map of table → list),
 * `Responses[].Item` (a list of wrappers holding one record each), `Item` (one record).
 */
export type RecordsAt = 'Items' | 'Responses.*' | 'Responses[].Item' | 'Item' | 'SearchResults[].Item';

export const docsUrl = (action: string) => `https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_${action}.html`;

/**
 * How to tell that an operation which answers before it is done has finished (the Wait Until Done
 * option): the read-only Describe call to repeat, and where in its answer the states are.
 */
export interface Wait {
	/** The SDK's own waiter for this resource, where it ships one; test/unit/wait.test.ts holds its verdicts and these states equal. */
	waiter?: `waitFor${string}`;
	/** The read-only call that reports the state; waiting needs its permission (dynamodb:<describe>). */
	describe: string;
	/** Its request: member → where the value is, `request.<path>` (the operation's request) or `answer.<path>` (its answer). */
	input: Record<string, string>;
	/** Everything that must be done; any state not listed as done or failed is still going. */
	states: WaitState[];
	/** The error the Describe call gives while the resource does not exist: done (it was deleted) or still going (not visible yet). */
	notFound?: { error: string; means: 'done' | 'pending' };
	/** Answer members replaced by the settled values at these paths of the Describe answer; without it, the Describe answer's members are laid over the answer. */
	output?: Record<string, string>;
}

/**
 * One state to watch. `at` is a path in the Describe answer to the objects holding it:
 * `Table` (one, must be there), `Table.GlobalSecondaryIndexes[]` (each, none is fine),
 * `KinesisDataStreamDestinations[StreamArn=StreamArn]` (those whose member equals the request's; one must be there).
 */
export interface WaitState {
	at: string;
	/** What it is, for messages ("table", "index"), and the member naming it (TableName, IndexName). */
	label: string;
	name?: string;
	/** Member holding the state. */
	status: string;
	/** States that mean done: a list, or per value of a request member (`by`: its path) when the request says which way it goes. */
	done: string[] | { by: string; is: Record<string, string[]> };
	/** States that mean it failed and will not finish by itself. */
	failed?: string[];
	/** Members of the holder with AWS's reason (FailureCode, FailureMessage, …). */
	reason?: string[];
}
