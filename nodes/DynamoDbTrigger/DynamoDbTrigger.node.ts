import type { IDataObject, INode, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { credentialTest, listSearch } from '../DynamoDb/methods';
import { acquire, DYNAMODB, redact, type DynamoDbCredentials } from '../DynamoDb/transport/client';
import { STREAMS } from '../DynamoDb/transport/streamsClient';
import { properties } from './description';
import { pollChanges, recentChanges, type Clients } from './poll';
import { keepStart, loadStart, savePosition } from './position';
import { triggerSettings } from './settings';

/** Polls in flight, by workflow and node: n8n does not await its ticks, and two polls of one position would emit twice. */
const inFlight = new Set<string>();

/** Share of n8n's poll budget spent reading; the rest is for converting and emitting. */
const READ_SHARE = 0.5;
const DEFAULT_BUDGET_MS = 5 * 60_000;

export class DynamoDbTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DynamoDB Trigger',
		name: 'dynamoDbTrigger',
		icon: { light: 'file:../DynamoDb/dynamodb.svg', dark: 'file:../DynamoDb/dynamodb.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when items of a DynamoDB table change (DynamoDB Streams): each change once, in order',
		defaults: { name: 'DynamoDB Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dynamoDbApi', required: true, testedBy: 'dynamoDbApiTest' }],
		properties,
	};

	methods = { listSearch, credentialTest };

	/** Table → stream → shards in lineage order → records after the position → items; the position is saved with them. */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const manual = this.getMode() === 'manual';
		const key = `${this.getWorkflow().id}:${this.getNode().id}`;
		// Set before the first await: a tick that starts while this poll runs emits nothing (the next one continues).
		if (!manual && inFlight.has(key)) return null;
		if (!manual) inFlight.add(key);
		// Errors are redacted with what is known when they happen: the credential's fields, then its client's secrets too.
		let hide = (text: string) => text;
		try {
			const settings = triggerSettings(this);
			const credentials = (await this.getCredentials('dynamoDbApi')) as unknown as DynamoDbCredentials;
			hide = (text) => redact(text, credentials);
			const budget = (this as Partial<IPollFunctions>).getPollBudgetMs?.() ?? DEFAULT_BUDGET_MS;
			const deadline = Date.now() + budget * READ_SHARE;
			const items = await withClients(credentials, async (clients, redactClient) => {
				hide = redactClient;
				if (manual) return await recentChanges(clients, settings, deadline);
				const staticData = this.getWorkflowStaticData('node');
				const global = this.getWorkflowStaticData('global');
				const { name } = this.getNode();
				const { items, position, start } = await pollChanges(clients, settings, loadStart(staticData, global, name), deadline);
				savePosition(staticData, position);
				if (start) keepStart(global, name, start);
				return items;
			});
			if (manual && items.length === 0) {
				throw new NodeOperationError(this.getNode(), `No change in the stream of table "${settings.table}" yet (for the chosen events). Write an item to the table, e.g. with the DynamoDB node's Put Item, and fetch the test event again.`);
			}
			if (items.length === 0) return null;
			return [(settings.oneItemPerPoll ? [batchOf(items)] : items).map((json) => ({ json }))];
		} catch (error) {
			throw triggerError(this.getNode(), error, hide);
		} finally {
			if (!manual) inFlight.delete(key);
		}
	}
}

/** What n8n shows for a failed poll: the node's own errors as they are, any other with its message redacted. */
function triggerError(node: INode, error: unknown, hide: (text: string) => string): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, hide(message));
}

/** One Item per Poll: the poll's changes in `records`, the gap (if any) on the batch itself. */
function batchOf(items: IDataObject[]): IDataObject {
	const { gap, ...first } = items[0];
	const records = [first, ...items.slice(1)];
	return gap ? { records, count: records.length, gap } : { records, count: records.length };
}

/**
 * The process's warm DynamoDB client of this credential (shared with the DynamoDB node's executions)
 * and its warm Streams client (shared by the polls); `use` gets the clients' redaction with them.
 */
async function withClients<T>(credentials: DynamoDbCredentials, use: (clients: Clients, redact: (text: string) => string) => Promise<T>): Promise<T> {
	const tables = acquire(DYNAMODB, credentials);
	try {
		const streams = acquire(STREAMS, credentials);
		try {
			return await use({ tables: tables.client, streams: streams.client }, tables.redact);
		} finally {
			streams.release();
		}
	} finally {
		tables.release();
	}
}
