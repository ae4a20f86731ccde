import type { _Record, Shard } from '@aws-sdk/client-dynamodb-streams';
import { accepts, changeItem, isTtlExpiry } from '../../nodes/DynamoDbTrigger/records';
import { compareSequenceNumbers, lineageOrder } from '../../nodes/DynamoDbTrigger/shards';
import { startPosition } from '../../nodes/DynamoDbTrigger/position';
import { isStreamOf, tableArnOf } from '../../nodes/DynamoDbTrigger/stream';

const ttlRemove: _Record = {
	eventID: 'e1',
	eventName: 'REMOVE',
	userIdentity: { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' },
	dynamodb: { Keys: { id: { S: 'x' } }, OldImage: { id: { S: 'x' }, expiresAt: { N: '1700000000' } }, SequenceNumber: '5', ApproximateCreationDateTime: new Date('2026-12-01T10:00:00Z') },
};
const requestRemove: _Record = { ...ttlRemove, eventID: 'e2', userIdentity: undefined };

describe('trigger records', () => {
	it('a TTL expiry is a record whose userIdentity is the DynamoDB service, nothing else', () => {
		expect(isTtlExpiry(ttlRemove)).toBe(true);
		expect(isTtlExpiry(requestRemove)).toBe(false);
		expect(isTtlExpiry({ ...ttlRemove, userIdentity: { PrincipalId: 'someone.amazonaws.com', Type: 'Service' } })).toBe(false);
		expect(isTtlExpiry({ ...ttlRemove, userIdentity: { PrincipalId: 'dynamodb.amazonaws.com', Type: 'User' } })).toBe(false);
	});

	it('filters: events, then TTL include / only / exclude', () => {
		const all = new Set(['INSERT', 'MODIFY', 'REMOVE']);
		expect(accepts({ events: all, ttl: 'include' }, ttlRemove)).toBe(true);
		expect(accepts({ events: all, ttl: 'only' }, ttlRemove)).toBe(true);
		expect(accepts({ events: all, ttl: 'only' }, requestRemove)).toBe(false);
		expect(accepts({ events: all, ttl: 'exclude' }, ttlRemove)).toBe(false);
		expect(accepts({ events: all, ttl: 'exclude' }, requestRemove)).toBe(true);
		expect(accepts({ events: new Set(['INSERT']), ttl: 'only' }, ttlRemove)).toBe(false);
	});

	it('a simplified change says ttlExpired and carries the images the record has', () => {
		expect(changeItem(ttlRemove, 'users', true)).toEqual({
			eventName: 'REMOVE',
			table: 'users',
			keys: { id: 'x' },
			oldImage: { id: 'x', expiresAt: 1700000000 },
			sequenceNumber: '5',
			eventId: 'e1',
			approximateCreationDateTime: '2026-12-01T10:00:00.000Z',
			ttlExpired: true,
		});
	});
});

describe('trigger shards and positions', () => {
	const shard = (id: string, start: string, parent?: string, end?: string): Shard => ({
		ShardId: id,
		ParentShardId: parent,
		SequenceNumberRange: { StartingSequenceNumber: start, EndingSequenceNumber: end },
	});

	it('sequence numbers compare as numbers, zero-padded or not', () => {
		expect(compareSequenceNumbers('9', '10')).toBeLessThan(0);
		expect(compareSequenceNumbers('000000000000000000010', '9')).toBeGreaterThan(0);
		expect(compareSequenceNumbers('49600000000000000000000000001', '49600000000000000000000000001')).toBe(0);
	});

	it('parents come before children, however the stream lists them', () => {
		const shards = [shard('grandchild', '300', 'childA'), shard('childB', '201', 'root'), shard('childA', '200', 'root', '299'), shard('root', '100', undefined, '199'), shard('other', '50')];
		expect(lineageOrder(shards).map((s) => s.ShardId)).toEqual(['other', 'root', 'childA', 'childB', 'grandchild']);
		// A shard listed as its own ancestor (a malformed answer) does not loop.
		expect(lineageOrder([shard('a', '1', 'b'), shard('b', '2', 'a')]).map((s) => s.ShardId)).toHaveLength(2);
	});

	it('Start From now: closed shards are history, open ones are skipped to their end; oldest: from each start', () => {
		const shards = [shard('closed', '1', undefined, '9'), shard('open', '10', 'closed')];
		expect(startPosition('arn:s', shards, 'now').shards).toEqual({ closed: { done: true }, open: { skipping: true } });
		expect(startPosition('arn:s', shards, 'oldest').shards).toEqual({});
	});

	it('two streams of one table share the table part of their ARN', () => {
		const a = 'arn:aws:dynamodb:eu-west-1:123456789012:table/users/stream/2026-12-01T10:00:00.000';
		const b = 'arn:aws:dynamodb:eu-west-1:123456789012:table/users/stream/2026-12-02T10:00:00.000';
		expect(tableArnOf(a)).toBe(tableArnOf(b));
		expect(tableArnOf(a)).not.toBe(tableArnOf(b.replace('users', 'users2')));
	});

	it('a stream belongs to the table picked by name or by ARN, and to no other', () => {
		const arn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/users/stream/2026-12-01T10:00:00.000';
		expect(isStreamOf(arn, 'users')).toBe(true);
		expect(isStreamOf(arn, 'arn:aws:dynamodb:eu-west-1:123456789012:table/users')).toBe(true);
		expect(isStreamOf(arn, 'users2')).toBe(false);
		expect(isStreamOf(arn, 'sers')).toBe(false);
		expect(isStreamOf(arn, 'arn:aws:dynamodb:eu-west-1:999999999999:table/users')).toBe(false);
	});
});
