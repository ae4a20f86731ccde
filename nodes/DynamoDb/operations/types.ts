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
	/** Bulk mode: the node's input items are combined into calls of this batch operation. */
	bulk?: 'BatchWriteItem' | 'BatchGetItem';
}

/** DynamoDB's limits of a batch operation (see transport/batching.ts). */
export interface Batch {
	/** Request member holding the requests: a map of table → requests, or a list of statements. */
	requests: 'RequestItems' | 'Statements';
	/** Requests one call takes: 25 write requests or statements, 100 keys. */
	max: 25 | 100;
	/** Response member listing what DynamoDB did not process and the caller must send again. */
	unprocessed?: 'UnprocessedItems' | 'UnprocessedKeys';
}

/**
 * Where records sit in a response: `Items` (a list), `Responses.*` (a map of table → list),
 * `Responses[].Item` (a list of wrappers holding one record each), `Item` (one record).
 */
export type RecordsAt = 'Items' | 'Responses.*' | 'Responses[].Item' | 'Item' | 'SearchResults[].Item';

export const docsUrl = (action: string) => `https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_${action}.html`;
