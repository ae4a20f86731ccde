import {
	CreateTableCommand,
	DescribeTableCommand,
	GetItemCommand,
	PutItemCommand,
	type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { Position } from '../DynamoDbTrigger/position';

/** Where the trigger's position survives the process: read once at activation, written after finished executions. */
export interface PositionStore {
	load(): Promise<Position | undefined>;
	save(position: Position): Promise<void>;
}

/** What the checkpoint item says besides the position, for a person looking at the table. */
export interface CheckpointOwner {
	workflowId: string;
	node: string;
	table: string;
}

/** How long a new checkpoint table may take to become ACTIVE (AWS: seconds; DynamoDB Local: at once). */
const ACTIVE_WITHIN_MS = 60_000;

const named = (error: unknown, name: string) => error instanceof Error && error.name === name;

/**
 * The position in a DynamoDB table, one item per workflow and trigger node (partition key `id`), as
 * AWS's Kinesis Client Library keeps its leases: n8n saves a trigger's static data only when it
 * emits, never when it stops, so static data cannot hold "every execution up to here has finished"
 * at the moment that becomes true. A PutItem can, at any moment, including deactivation.
 */
export class CheckpointTable implements PositionStore {
	constructor(
		private readonly client: DynamoDBClient,
		readonly tableName: string,
		readonly id: string,
		private readonly owner: CheckpointOwner,
	) {}

	/** The table, created (on-demand capacity) when it is missing, and ACTIVE. */
	async ensure(): Promise<void> {
		const status = await this.status();
		if (status === 'ACTIVE') return;
		if (status === undefined) {
			try {
				await this.client.send(
					new CreateTableCommand({
						TableName: this.tableName,
						AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
						KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
						BillingMode: 'PAY_PER_REQUEST',
					}),
				);
			} catch (error) {
				// Another trigger created it a moment ago: wait for it like for our own.
				if (!named(error, 'ResourceInUseException')) throw new Error(`Could not create the checkpoint table "${this.tableName}" (CreateTable: ${(error as Error).message}). Create it yourself (partition key id, type String) or give the credential dynamodb:CreateTable.`);
			}
		}
		const until = Date.now() + ACTIVE_WITHIN_MS;
		while ((await this.status()) !== 'ACTIVE') {
			if (Date.now() > until) throw new Error(`The checkpoint table "${this.tableName}" did not become ACTIVE within ${ACTIVE_WITHIN_MS / 1000} s`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}

	private async status(): Promise<string | undefined> {
		try {
			return (await this.client.send(new DescribeTableCommand({ TableName: this.tableName }))).Table?.TableStatus;
		} catch (error) {
			if (named(error, 'ResourceNotFoundException')) return undefined;
			throw error;
		}
	}

	async load(): Promise<Position | undefined> {
		const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: { id: { S: this.id } }, ConsistentRead: true }));
		const text = Item?.position?.S;
		if (text === undefined) return undefined;
		const position = JSON.parse(text) as Position;
		if (typeof position?.streamArn !== 'string' || typeof position.shards !== 'object' || position.shards === null) {
			throw new Error(`The checkpoint of this trigger in table "${this.tableName}" (id ${this.id}) is not a position: delete the item to start again from Start From`);
		}
		return position;
	}

	async save(position: Position): Promise<void> {
		await this.client.send(
			new PutItemCommand({
				TableName: this.tableName,
				Item: {
					id: { S: this.id },
					position: { S: JSON.stringify(position) },
					workflowId: { S: this.owner.workflowId },
					node: { S: this.owner.node },
					table: { S: this.owner.table },
					updatedAt: { S: new Date().toISOString() },
				},
			}),
		);
	}
}

/** The position of a manual test listen: in memory only (a test never moves the active trigger's place). */
export class MemoryStore implements PositionStore {
	private position?: Position;
	async load() {
		return this.position && (JSON.parse(JSON.stringify(this.position)) as Position);
	}
	async save(position: Position) {
		this.position = JSON.parse(JSON.stringify(position)) as Position;
	}
}
