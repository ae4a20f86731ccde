/**
 * How a conversation is laid out in the table: one item per message.
 *
 *   <session attribute>  (partition key, S)  the session id
 *   <message attribute>  (sort key, S)       `<turn id>#<index in the turn, 4 digits>`
 *   role                 (S)                 user | assistant | system | tool
 *   text                 (S)                 the message's text parts, joined (readable by anyone)
 *   message              (S, optional)       the whole SDK message as JSON (storedJson.ts), present
 *                                            only when role + text do not already say everything
 *   <TTL attribute>      (N, optional)       epoch seconds after which DynamoDB's TTL deletes it
 *
 * A turn id is `<ISO time, ms>#<4 base-36 digits counting turns of one millisecond in this process>
 * <8 random hex digits>`: ids sort by time, a process's turns in the order it saved them, and two
 * processes saving in the same millisecond never collide (the random part), so concurrent writers
 * lose nothing and each turn's messages sit next to each other, in order.
 */
import { randomBytes } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Message, MessageRole } from '@n8n/ai-node-sdk';
import { ChatMemoryError } from './errors';
import { fromStoredJson, toStoredJson } from './storedJson';

/** The attribute names an item uses; the key names and the TTL name come from the node's options. */
export interface Attributes {
	session: string;
	message: string;
	ttl: string;
}

export const ROLE = 'role';
export const TEXT = 'text';
export const MESSAGE = 'message';
export const CONTENT_ATTRIBUTES = [ROLE, TEXT, MESSAGE];

const ROLES: readonly MessageRole[] = ['user', 'assistant', 'system', 'tool'];

/** DynamoDB's item size limit (400 KB, counted in UTF-8 bytes of names and values). */
export const MAX_ITEM_BYTES = 400 * 1024;

/** Messages of one turn at most (the index in the sort key has four digits, so ids sort as numbers would). */
export const MAX_MESSAGES_PER_TURN = 10_000;

let lastMs = 0;
let sameMs = 0;

/** A new turn id (see above); monotonic within the process even when the clock steps back. */
export function newTurnId(now = Date.now()): string {
	if (now > lastMs) {
		lastMs = now;
		sameMs = 0;
	} else {
		sameMs++;
	}
	return `${new Date(lastMs).toISOString()}#${sameMs.toString(36).padStart(4, '0')}${randomBytes(4).toString('hex')}`;
}

export const messageKey = (turnId: string, index: number) => `${turnId}#${String(index).padStart(4, '0')}`;

/** The text parts of a message, joined by a blank line (what `text` holds). */
export function textOf(message: Message): string {
	return message.content
		.filter((part): part is Extract<typeof part, { type: 'text' }> => part.type === 'text')
		.map((part) => part.text)
		.join('\n\n');
}

/** Whether role + text give this message back exactly: one plain text part, nothing else. */
function isPlainText(message: Message): boolean {
	const keys = Object.keys(message).filter((k) => (message as unknown as Record<string, unknown>)[k] !== undefined);
	if (keys.length !== 2 || !keys.includes('role') || !keys.includes('content')) return false;
	if (message.content.length !== 1) return false;
	const [part] = message.content;
	const partKeys = Object.keys(part).filter((k) => (part as unknown as Record<string, unknown>)[k] !== undefined);
	return part.type === 'text' && typeof part.text === 'string' && partKeys.length === 2;
}

/** The item of message `index` of a turn, checked against DynamoDB's item size limit. */
export function itemOf(
	message: Message,
	at: { sessionId: string; turnId: string; index: number; expiresAt?: number },
	attributes: Attributes,
): Record<string, AttributeValue> {
	if (!ROLES.includes(message?.role)) throw new ChatMemoryError(`Message ${at.index + 1} of the turn has no valid role (got ${JSON.stringify(message?.role)}); expected one of ${ROLES.join(', ')}`);
	if (!Array.isArray(message.content)) throw new ChatMemoryError(`Message ${at.index + 1} of the turn (${message.role}) has no content list`);
	const item: Record<string, AttributeValue> = {
		[attributes.session]: { S: at.sessionId },
		[attributes.message]: { S: messageKey(at.turnId, at.index) },
		[ROLE]: { S: message.role },
		[TEXT]: { S: textOf(message) },
	};
	if (!isPlainText(message)) item[MESSAGE] = { S: toStoredJson(message) };
	if (at.expiresAt !== undefined) item[attributes.ttl] = { N: String(at.expiresAt) };
	const size = itemBytes(item);
	if (size > MAX_ITEM_BYTES) {
		throw new ChatMemoryError(
			`Message ${at.index + 1} of the turn (${message.role}) is ${size.toLocaleString('en-US')} bytes as a DynamoDB item; DynamoDB stores items of at most 400 KB (${MAX_ITEM_BYTES.toLocaleString('en-US')} bytes). Nothing of the turn was saved.`,
			'Large files or tool results do not fit in chat memory: keep them elsewhere (e.g. S3) and put a reference in the conversation.',
		);
	}
	return item;
}

/** The message an item holds: the stored JSON when there is one, else role + text. */
export function messageOf(item: Record<string, AttributeValue>, attributes: Attributes): Message {
	const stored = item[MESSAGE]?.S;
	if (stored !== undefined) {
		try {
			return fromStoredJson(stored) as Message;
		} catch (error) {
			throw new ChatMemoryError(`The item ${describeKey(item, attributes)} has a "${MESSAGE}" attribute that is not the JSON this node writes: ${(error as Error).message}`);
		}
	}
	const role = item[ROLE]?.S as MessageRole | undefined;
	const text = item[TEXT]?.S;
	if (!role || !ROLES.includes(role) || text === undefined) {
		throw new ChatMemoryError(
			`The item ${describeKey(item, attributes)} is not a chat message: it needs a "${ROLE}" (one of ${ROLES.join(', ')}) and a "${TEXT}" string attribute`,
			'Keep the chat memory in a table (or a partition) of its own, or write messages in the layout docs/chat-memory.md describes.',
		);
	}
	return { role, content: [{ type: 'text', text }] };
}

function describeKey(item: Record<string, AttributeValue>, attributes: Attributes): string {
	return `${attributes.session}=${JSON.stringify(item[attributes.session]?.S)}, ${attributes.message}=${JSON.stringify(item[attributes.message]?.S)}`;
}

/** An item's size as DynamoDB counts it: UTF-8 bytes of each name and value (numbers: at most 21 bytes). */
export function itemBytes(item: Record<string, AttributeValue>): number {
	let bytes = 0;
	for (const [name, value] of Object.entries(item)) {
		bytes += Buffer.byteLength(name);
		if (value.S !== undefined) bytes += Buffer.byteLength(value.S);
		else if (value.N !== undefined) bytes += 21;
		else bytes += Buffer.byteLength(JSON.stringify(value));
	}
	return bytes;
}
