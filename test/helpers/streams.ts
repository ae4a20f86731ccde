/**
 * A DynamoDB Streams stand-in for the wire tests (what DynamoDB Local cannot show): shards that
 * split (a parent with children), close, and lose old records to the 24-hour trim; DescribeStream
 * paged by LastEvaluatedShardId; iterators that expire; throttling. It answers the SDK's real signed
 * requests as AWS documents them (JSON 1.0), and DescribeTable for the table that owns the stream.
 */
import { awsError, type WireAnswer, type WireRequest } from './wire';

export interface FakeRecord {
	seq: string;
	eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
	id: string;
	/** A number attribute to tell versions apart. */
	v?: number;
	ttl?: boolean;
	/** The item's image, when not the default `{ id, v }`. */
	image?: Record<string, unknown>;
}

export interface FakeShard {
	id: string;
	parent?: string;
	records: FakeRecord[];
	closed: boolean;
	/** Records before this index are trimmed (older than 24 hours). */
	trimmed: number;
}

type Fault = (request: WireRequest) => WireAnswer | undefined;

export class FakeStream {
	readonly table = 'users';
	readonly tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/users';
	streamArn = `${this.tableArn}/stream/2026-12-01T00:00:00.000`;
	readonly shards: FakeShard[] = [];
	/** How many shards one DescribeStream page lists at most (AWS: Limit ≤ 100). */
	describePage = 2;
	/** One-off answers that come before the normal ones (each returns undefined to pass). */
	readonly faults: Fault[] = [];
	private readonly iterators = new Map<string, { shard: string; index: number; expired?: boolean }>();
	private seq = 4_000_000_000_000_000_000n;
	private iteratorCount = 0;

	addShard(id: string, parent?: string): FakeShard {
		const shard: FakeShard = { id, parent, records: [], closed: false, trimmed: 0 };
		this.shards.push(shard);
		return shard;
	}

	/** Appends a change record to an open shard; its sequence number is above every earlier one. */
	write(shardId: string, eventName: FakeRecord['eventName'], id: string, v?: number, ttl = false, image?: Record<string, unknown>): FakeRecord {
		const shard = this.shard(shardId);
		if (shard.closed) throw new Error(`shard ${shardId} is closed`);
		const record = { seq: String((this.seq += 100n)), eventName, id, v, ttl, image };
		shard.records.push(record);
		return record;
	}

	close(shardId: string): void {
		this.shard(shardId).closed = true;
	}

	/** Every iterator issued so far expires (as 15 minutes would make it). */
	expireIterators(): void {
		for (const it of this.iterators.values()) it.expired = true;
	}

	shard(id: string): FakeShard {
		const shard = this.shards.find((s) => s.id === id);
		if (!shard) throw new Error(`no shard ${id}`);
		return shard;
	}

	/** The wire server's responder. */
	respond = (request: WireRequest): WireAnswer => {
		for (let i = 0; i < this.faults.length; i++) {
			const answer = this.faults[i](request);
			if (answer) {
				this.faults.splice(i, 1);
				return answer;
			}
		}
		const input = (request.json ?? {}) as Record<string, unknown>;
		switch (request.action) {
			case 'DescribeTable':
				return {
					body: {
						Table: {
							TableName: this.table,
							TableArn: this.tableArn,
							TableStatus: 'ACTIVE',
							StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
							LatestStreamArn: this.streamArn,
						},
					},
				};
			case 'DescribeStream':
				return this.describe(input);
			case 'GetShardIterator':
				return this.shardIterator(input);
			case 'GetRecords':
				return this.records(input);
			default:
				return awsError(400, 'UnknownOperationException', `not in the stand-in: ${request.action}`);
		}
	};

	private describe(input: Record<string, unknown>): WireAnswer {
		if (input.StreamArn !== this.streamArn) return awsError(400, 'ResourceNotFoundException', `Requested resource not found: Stream: ${String(input.StreamArn)} not found`);
		const start = input.ExclusiveStartShardId ? this.shards.findIndex((s) => s.id === input.ExclusiveStartShardId) + 1 : 0;
		const size = Math.min(this.describePage, Number(input.Limit ?? 100));
		const page = this.shards.slice(start, start + size);
		const more = start + size < this.shards.length;
		return {
			body: {
				StreamDescription: {
					StreamArn: this.streamArn,
					StreamStatus: 'ENABLED',
					StreamViewType: 'NEW_AND_OLD_IMAGES',
					TableName: this.table,
					KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
					Shards: page.map((s) => ({
						ShardId: s.id,
						...(s.parent ? { ParentShardId: s.parent } : {}),
						SequenceNumberRange: {
							StartingSequenceNumber: s.records[0]?.seq ?? String(this.seq + 1n),
							...(s.closed ? { EndingSequenceNumber: s.records[s.records.length - 1]?.seq ?? String(this.seq) } : {}),
						},
					})),
					...(more ? { LastEvaluatedShardId: page[page.length - 1].id } : {}),
				},
			},
		};
	}

	private shardIterator(input: Record<string, unknown>): WireAnswer {
		const shard = this.shards.find((s) => s.id === input.ShardId);
		if (!shard || input.StreamArn !== this.streamArn) return awsError(400, 'ResourceNotFoundException', 'Requested resource not found: Shard does not exist');
		let index: number;
		switch (input.ShardIteratorType) {
			case 'TRIM_HORIZON':
				index = shard.trimmed;
				break;
			case 'LATEST':
				index = shard.records.length;
				break;
			case 'AFTER_SEQUENCE_NUMBER':
			case 'AT_SEQUENCE_NUMBER': {
				const at = shard.records.findIndex((r) => r.seq === input.SequenceNumber);
				if (at < 0) return awsError(400, 'ValidationException', `Invalid SequenceNumber ${String(input.SequenceNumber)} for shard ${shard.id}`);
				if (at < shard.trimmed) return awsError(400, 'TrimmedDataAccessException', 'The operation attempted to read past the oldest stream record in a shard.');
				index = input.ShardIteratorType === 'AFTER_SEQUENCE_NUMBER' ? at + 1 : at;
				break;
			}
			default:
				return awsError(400, 'ValidationException', `bad ShardIteratorType ${String(input.ShardIteratorType)}`);
		}
		return { body: { ShardIterator: this.issue(shard.id, index) } };
	}

	private records(input: Record<string, unknown>): WireAnswer {
		const it = this.iterators.get(String(input.ShardIterator));
		if (!it) return awsError(400, 'ValidationException', 'Invalid ShardIterator');
		if (it.expired) return awsError(400, 'ExpiredIteratorException', 'Iterator expired. The iterator was created at time … while right now it is ….');
		const shard = this.shard(it.shard);
		if (it.index < shard.trimmed) return awsError(400, 'TrimmedDataAccessException', 'The operation attempted to read past the oldest stream record in a shard.');
		const limit = Number(input.Limit ?? 1000);
		if (limit > 1000) return awsError(400, 'ValidationException', '1 validation error detected: Value at \'limit\' failed to satisfy constraint: Member must have value less than or equal to 1000');
		const page = shard.records.slice(it.index, it.index + limit);
		const next = it.index + page.length;
		const ended = shard.closed && next >= shard.records.length;
		return {
			body: {
				Records: page.map((r) => this.recordJson(r)),
				...(ended ? {} : { NextShardIterator: this.issue(shard.id, next) }),
			},
		};
	}

	private recordJson(r: FakeRecord) {
		const image = r.image ?? { id: { S: r.id }, ...(r.v === undefined ? {} : { v: { N: String(r.v) } }) };
		return {
			eventID: `ev-${r.seq}`,
			eventName: r.eventName,
			eventVersion: '1.1',
			eventSource: 'aws:dynamodb',
			awsRegion: 'us-east-1',
			dynamodb: {
				ApproximateCreationDateTime: 1764547200,
				Keys: { id: { S: r.id } },
				...(r.eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image }),
				SequenceNumber: r.seq,
				SizeBytes: 20,
				StreamViewType: 'NEW_AND_OLD_IMAGES',
			},
			...(r.ttl ? { userIdentity: { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' } } : {}),
		};
	}

	private issue(shard: string, index: number): string {
		const id = `iter-${++this.iteratorCount}-${shard}-${index}`;
		this.iterators.set(id, { shard, index });
		return id;
	}
}
