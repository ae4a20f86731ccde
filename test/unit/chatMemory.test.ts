/** DynamoDB Chat Memory's pure parts: the stored JSON, the item layout, the turn ids, the description. */
import fc from 'fast-check';
import type { Message } from '@n8n/ai-node-sdk';
import { itemBytes, itemOf, MAX_ITEM_BYTES, messageKey, messageOf, newTurnId, type Attributes } from '../../nodes/DynamoDbChatMemory/layout';
import { fromStoredJson, toStoredJson } from '../../nodes/DynamoDbChatMemory/storedJson';
import { properties } from '../../nodes/DynamoDbChatMemory/description';
import { DEFAULT_ATTRIBUTES } from '../../nodes/DynamoDbChatMemory/settings';
import { createTableBody } from '../../nodes/DynamoDbChatMemory/table';

const ATTRIBUTES: Attributes = { session: 'sessionId', message: 'messageId', ttl: 'expiresAt' };

/** JSON values with keys that start with `$` (and `$bytes` itself) and byte arrays anywhere. */
const stored = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small' },
		fc.string(),
		fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
		fc.boolean(),
		fc.constant(null),
		fc.uint8Array({ maxLength: 16 }),
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('$bytes', '$', '$$x', '__proto__', 'constructor')), tie('value'), { maxKeys: 4 }),
	),
})).value;

describe('the stored JSON of a message', () => {
	it('gives back exactly what was stored: byte arrays as byte arrays, `$` keys as they were', () => {
		fc.assert(
			fc.property(stored, (value) => {
				expect(fromStoredJson(toStoredJson(value))).toEqual(value);
			}),
		);
	});

	it('writes a byte array as {"$bytes": base64} and escapes a stored object that looks like one', () => {
		expect(toStoredJson({ data: new Uint8Array([1, 2, 255]) })).toBe('{"data":{"$bytes":"AQL/"}}');
		expect(toStoredJson({ $bytes: 'AQL/' })).toBe('{"$$bytes":"AQL/"}');
		expect(fromStoredJson('{"$$bytes":"AQL/"}')).toEqual({ $bytes: 'AQL/' });
		expect(fromStoredJson('{"$bytes":"AQL/"}')).toEqual(new Uint8Array([1, 2, 255]));
		// A Buffer (a Uint8Array with toJSON) is bytes too, read back as a Uint8Array.
		expect(fromStoredJson(toStoredJson(Buffer.from('hi')))).toEqual(new Uint8Array([104, 105]));
	});
});

describe('the item of a message', () => {
	const at = { sessionId: 's1', turnId: '2026-12-07T10:00:00.000Z#0000abcd1234', index: 1 };

	it('is role and text alone for a plain text message, and they give it back', () => {
		const message: Message = { role: 'assistant', content: [{ type: 'text', text: 'Hi' }] };
		const item = itemOf(message, at, ATTRIBUTES);
		expect(item).toEqual({ sessionId: { S: 's1' }, messageId: { S: '2026-12-07T10:00:00.000Z#0000abcd1234#0001' }, role: { S: 'assistant' }, text: { S: 'Hi' } });
		expect(messageOf(item, ATTRIBUTES)).toEqual(message);
	});

	it('carries the whole message as JSON when role and text do not say it all (an id, metadata, other parts)', () => {
		for (const message of [
			{ role: 'user', id: 'm1', content: [{ type: 'text', text: 'Hi' }] },
			{ role: 'user', content: [{ type: 'text', text: 'Hi', providerMetadata: { a: 1 } }] },
			{ role: 'user', content: [] },
			{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
			{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', result: { ok: true } }] },
		] as Message[]) {
			const item = itemOf(message, at, ATTRIBUTES);
			expect(item.message?.S).toBeDefined();
			expect(messageOf(item, ATTRIBUTES)).toEqual(message);
		}
		expect(itemOf({ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }, at, ATTRIBUTES).text).toEqual({ S: 'a\n\nb' });
	});

	it('writes the TTL attribute when the message expires', () => {
		expect(itemOf({ role: 'user', content: [{ type: 'text', text: 'x' }] }, { ...at, expiresAt: 1_900_000_000 }, { ...ATTRIBUTES, ttl: 'ttl' }).ttl).toEqual({ N: '1900000000' });
	});

	it('refuses a message of more than 400 KB, and one without a valid role', () => {
		const fits = 'x'.repeat(MAX_ITEM_BYTES - 200);
		expect(itemBytes(itemOf({ role: 'user', content: [{ type: 'text', text: fits }] }, at, ATTRIBUTES))).toBeLessThanOrEqual(MAX_ITEM_BYTES);
		expect(() => itemOf({ role: 'user', content: [{ type: 'text', text: 'é'.repeat(MAX_ITEM_BYTES / 2) }] }, at, ATTRIBUTES)).toThrow(/^Message 2 of the turn \(user\) is 409,6\d\d bytes/);
		expect(() => itemOf({ role: 'robot', content: [] } as unknown as Message, at, ATTRIBUTES)).toThrow('Message 2 of the turn has no valid role (got "robot"); expected one of user, assistant, system, tool');
	});

	it('reads an item of another program as an error naming its key, not as a guess', () => {
		expect(() => messageOf({ sessionId: { S: 's1' }, messageId: { S: 'x' }, body: { S: 'hi' } }, ATTRIBUTES)).toThrow('The item sessionId="s1", messageId="x" is not a chat message');
	});
});

describe('turn ids', () => {
	it('sort in the order they were made, also within one millisecond and when the clock steps back', () => {
		const ids = [newTurnId(1_000), newTurnId(1_000), newTurnId(1_000), newTurnId(999), newTurnId(1_001), newTurnId(5_000)];
		expect([...ids].sort()).toEqual(ids);
		expect(new Set(ids).size).toBe(ids.length);
		expect(messageKey(ids[0], 3) < messageKey(ids[0], 12)).toBe(true);
		expect(messageKey(ids[0], 9_999) < messageKey(ids[1], 0)).toBe(true);
	});
});

describe('the description', () => {
	it("names the parameters as n8n's memory nodes do, with defaults equal to the settings' own", () => {
		expect(properties.map((p) => p.name)).toEqual(expect.arrayContaining(['sessionIdType', 'sessionKey', 'contextWindowLength', 'table', 'options']));
		const options = properties.find((p) => p.name === 'options')!.options as Array<{ name: string; default: unknown }>;
		const defaults = Object.fromEntries(options.map((o) => [o.name, o.default]));
		expect(defaults).toMatchObject({ sessionIdAttribute: DEFAULT_ATTRIBUTES.session, messageIdAttribute: DEFAULT_ATTRIBUTES.message, ttlAttribute: DEFAULT_ATTRIBUTES.ttl, messageTtlDays: 0 });
	});

	it('gives a CreateTable body for the attribute names in use', () => {
		expect(JSON.parse(createTableBody('t', { session: 'pk', message: 'sk', ttl: 'e' }))).toEqual({
			TableName: 't',
			AttributeDefinitions: [
				{ AttributeName: 'pk', AttributeType: 'S' },
				{ AttributeName: 'sk', AttributeType: 'S' },
			],
			KeySchema: [
				{ AttributeName: 'pk', KeyType: 'HASH' },
				{ AttributeName: 'sk', KeyType: 'RANGE' },
			],
			BillingMode: 'PAY_PER_REQUEST',
		});
	});
});
