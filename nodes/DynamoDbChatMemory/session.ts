/**
 * One session's messages in the table (layout.ts): the newest N in one Query, all of them, a turn
 * appended, all deleted. Each call borrows the process's warm client of the credential (the one the
 * DynamoDB node's executions use) and gives it back; every failure leaves here described and redacted.
 */
import { BatchWriteItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient, type QueryCommandInput, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { Message } from '@n8n/ai-node-sdk';
import type { INode } from 'n8n-workflow';
import { acquire, DYNAMODB, type DynamoDbCredentials } from '../DynamoDb/transport/client';
import { mapLimit } from '../DynamoDb/transport/concurrency';
import { ChatMemoryError, presentFailure } from './errors';
import { itemOf, MAX_MESSAGES_PER_TURN, messageOf, newTurnId, type Attributes } from './layout';
import { checkTable, forgetTable } from './table';

export interface SessionSettings {
	table: string;
	sessionId: string;
	attributes: Attributes;
	/** Days until a message expires through the table's TTL; 0 keeps messages until cleared. */
	ttlDays: number;
}

/** DynamoDB takes at most 25 puts or deletes in one BatchWriteItem. */
const BATCH = 25;
/** Rounds of retrying what BatchWriteItem left unprocessed (throttled), with growing pauses (~13 s in all). */
export const WRITE_ROUNDS = 10;
/** Delete calls in flight while clearing a long session. */
const CLEAR_PARALLEL = 4;

export class Session {
	constructor(
		private readonly credentials: DynamoDbCredentials,
		readonly settings: SessionSettings,
		private readonly node: INode,
		/** Waits between retry rounds (tests make it instant). */
		private readonly pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
	) {}

	/** The newest `count` messages, oldest first: one Query read backwards (a second page only past DynamoDB's 1 MB page). */
	async newest(count: number): Promise<Message[]> {
		return await this.use(async (client) => {
			const items: Array<Record<string, AttributeValue>> = [];
			let start: Record<string, AttributeValue> | undefined;
			do {
				const page = await client.send(new QueryCommand({ ...this.query(), ScanIndexForward: false, Limit: count - items.length, ExclusiveStartKey: start }));
				items.push(...(page.Items ?? []));
				start = page.LastEvaluatedKey;
			} while (start && items.length < count);
			return items.reverse().map((item) => messageOf(item, this.settings.attributes));
		});
	}

	/** Every message of the session, oldest first. */
	async all(): Promise<Message[]> {
		return await this.use(async (client) => {
			const messages: Message[] = [];
			let start: Record<string, AttributeValue> | undefined;
			do {
				const page = await client.send(new QueryCommand({ ...this.query(), ExclusiveStartKey: start }));
				for (const item of page.Items ?? []) messages.push(messageOf(item, this.settings.attributes));
				start = page.LastEvaluatedKey;
			} while (start);
			return messages;
		});
	}

	/**
	 * Appends `messages` as one turn: consecutive sort keys under a new turn id, written in one
	 * BatchWriteItem (up to 25 messages), every message checked before anything is sent.
	 */
	async append(messages: Message[]): Promise<void> {
		if (messages.length === 0) return;
		await this.use(async (client) => {
			if (messages.length > MAX_MESSAGES_PER_TURN) throw new ChatMemoryError(`A turn of ${messages.length} messages is more than ${MAX_MESSAGES_PER_TURN} (save them as several turns)`);
			const { sessionId, attributes, ttlDays } = this.settings;
			const turnId = newTurnId();
			const expiresAt = ttlDays > 0 ? Math.floor(Date.now() / 1000) + Math.round(ttlDays * 86_400) : undefined;
			const puts: WriteRequest[] = messages.map((message, index) => ({ PutRequest: { Item: itemOf(message, { sessionId, turnId, index, expiresAt }, attributes) } }));
			for (let i = 0; i < puts.length; i += BATCH) await this.batchWrite(client, puts.slice(i, i + BATCH));
		});
	}

	/** Deletes every message of the session (and nothing else); returns how many. */
	async clear(): Promise<number> {
		return await this.use(async (client) => {
			const { session, message } = this.settings.attributes;
			let deleted = 0;
			let start: Record<string, AttributeValue> | undefined;
			do {
				const page = await client.send(
					new QueryCommand({ ...this.query(), ProjectionExpression: '#s, #m', ExpressionAttributeNames: { '#s': session, '#m': message }, ExclusiveStartKey: start }),
				);
				const deletes: WriteRequest[] = (page.Items ?? []).map((item) => ({ DeleteRequest: { Key: { [session]: item[session], [message]: item[message] } } }));
				const calls = Array.from({ length: Math.ceil(deletes.length / BATCH) }, (_, i) => deletes.slice(i * BATCH, (i + 1) * BATCH));
				await mapLimit(calls, CLEAR_PARALLEL, async (call) => await this.batchWrite(client, call));
				deleted += deletes.length;
				start = page.LastEvaluatedKey;
			} while (start);
			return deleted;
		});
	}

	/** The session's partition, read consistently: a turn another worker saved a moment ago is in it. */
	private query(): QueryCommandInput {
		return {
			TableName: this.settings.table,
			KeyConditionExpression: '#s = :s',
			ExpressionAttributeNames: { '#s': this.settings.attributes.session },
			ExpressionAttributeValues: { ':s': { S: this.settings.sessionId } },
			ConsistentRead: true,
		};
	}

	/** One BatchWriteItem, then what DynamoDB left unprocessed again, until all is written or the rounds run out. */
	private async batchWrite(client: DynamoDBClient, requests: WriteRequest[]): Promise<void> {
		let pending = requests;
		for (let round = 0; ; round++) {
			const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [this.settings.table]: pending } }));
			pending = Object.values(out.UnprocessedItems ?? {}).flat();
			if (pending.length === 0) return;
			if (round + 1 >= WRITE_ROUNDS) {
				const kind = pending[0].DeleteRequest ? 'deletes' : 'messages';
				throw new ChatMemoryError(
					`${pending.length} of ${requests.length} ${kind} were still unprocessed by DynamoDB after ${WRITE_ROUNDS} rounds of retries (the table's write capacity is exhausted)`,
					'Raise the table\'s write capacity (or switch it to on-demand) and run again.',
				);
			}
			await this.pause(Math.min(2_000, 50 * 2 ** round) * (0.5 + Math.random() / 2));
		}
	}

	/** Borrows the warm client, checks the table (cached), runs `work`, and describes any failure. */
	private async use<T>(work: (client: DynamoDBClient) => Promise<T>): Promise<T> {
		const lease = acquire(DYNAMODB, this.credentials);
		try {
			const check = checkTable(lease.client, this.settings.table, this.settings.attributes);
			if (check) await check;
			try {
				return await work(lease.client);
			} catch (error) {
				// A table deleted or created anew since the last check: check again, for the clear explanation.
				if (['ResourceNotFoundException', 'ValidationException'].includes((error as Error).name)) {
					forgetTable(lease.client, this.settings.table);
					await checkTable(lease.client, this.settings.table, this.settings.attributes);
				}
				throw error;
			}
		} catch (error) {
			throw presentFailure(this.node, error, lease.redact);
		} finally {
			lease.release();
		}
	}
}
