import { DescribeStreamCommand, type DynamoDBStreamsClient, type Shard } from '@aws-sdk/client-dynamodb-streams';

/** What DescribeStream says of a stream: every shard, its status, its table. */
export interface StreamShards {
	shards: Shard[];
	/** ENABLING, ENABLED, DISABLING or DISABLED. */
	status?: string;
	table?: string;
}

/** Every shard of the stream: DescribeStream page after page (LastEvaluatedShardId → ExclusiveStartShardId). */
export async function describeStream(client: DynamoDBStreamsClient, streamArn: string): Promise<StreamShards> {
	const shards: Shard[] = [];
	let start: string | undefined;
	let page;
	do {
		({ StreamDescription: page } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start, Limit: 100 })));
		shards.push(...(page?.Shards ?? []));
		start = page?.LastEvaluatedShardId;
	} while (start);
	return { shards, status: page?.StreamStatus, table: page?.TableName };
}

/** A closed shard has an end: once read to it, it gives nothing more (its children carry on). */
export const isClosed = (shard: Shard): boolean => shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;

/**
 * Parents before children (DynamoDB Streams keeps one item's changes in order only along a shard's
 * lineage): by depth in the listed lineage, then by first sequence number. A parent the stream no
 * longer lists (older than 24 hours) counts as read.
 */
export function lineageOrder(shards: Shard[]): Shard[] {
	const byId = new Map(shards.map((s) => [s.ShardId!, s]));
	const depth = new Map<string, number>();
	const depthOf = (shard: Shard, seen = new Set<string>()): number => {
		const known = depth.get(shard.ShardId!);
		if (known !== undefined) return known;
		const parent = shard.ParentShardId ? byId.get(shard.ParentShardId) : undefined;
		// `seen` stops a malformed answer (a shard listed as its own ancestor) from looping.
		const d = parent && !seen.has(parent.ShardId!) ? depthOf(parent, seen.add(shard.ShardId!)) + 1 : 0;
		depth.set(shard.ShardId!, d);
		return d;
	};
	const first = (s: Shard) => s.SequenceNumberRange?.StartingSequenceNumber ?? '';
	return [...shards].sort((a, b) => depthOf(a) - depthOf(b) || compareSequenceNumbers(first(a), first(b)));
}

/** Sequence numbers are decimal strings of any length (DynamoDB Local pads them with zeros): compared as numbers. */
export function compareSequenceNumbers(a: string, b: string): number {
	const x = a.replace(/^0+(?=.)/, '');
	const y = b.replace(/^0+(?=.)/, '');
	return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}
