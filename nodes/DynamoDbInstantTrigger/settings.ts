import type { ITriggerFunctions } from 'n8n-workflow';
import type { TriggerSettings } from '../DynamoDbTrigger/poll';
import { changeSettings } from '../DynamoDbTrigger/settings';
import { DEFAULT_BATCH, DEFAULT_CHECKPOINT_TABLE, MAX_IN_FLIGHT } from './description';

export interface InstantSettings extends TriggerSettings {
	/** Where the position is kept (checkpoint.ts). */
	checkpointTable: string;
	/** How many executions run at once at most. */
	inFlight: number;
}

/** The instant trigger's parameters, checked: a missing or wrong setting is an error naming it. */
export function instantSettings(ctx: ITriggerFunctions): InstantSettings {
	const options = ctx.getNodeParameter('options', {}) as { maxRecordsPerExecution?: number; executionsInFlight?: number };
	const maxRecords = options.maxRecordsPerExecution ?? DEFAULT_BATCH;
	if (!Number.isInteger(maxRecords) || maxRecords < 1) throw new Error(`Max Records per Execution must be a whole number of at least 1, got ${JSON.stringify(maxRecords)}`);
	const inFlight = options.executionsInFlight ?? 1;
	if (!Number.isInteger(inFlight) || inFlight < 1 || inFlight > MAX_IN_FLIGHT) {
		throw new Error(`Executions in Flight must be a whole number from 1 to ${MAX_IN_FLIGHT}, got ${JSON.stringify(inFlight)}`);
	}
	const checkpointTable = String(ctx.getNodeParameter('checkpointTable', DEFAULT_CHECKPOINT_TABLE) ?? '').trim();
	if (!/^[A-Za-z0-9_.-]{3,255}$/.test(checkpointTable)) {
		throw new Error(`Checkpoint Table must be a DynamoDB table name (3–255 letters, digits, _ - .), got ${JSON.stringify(checkpointTable)}`);
	}
	return { ...changeSettings(ctx), maxRecords, oneItemPerPoll: false, checkpointTable, inFlight };
}
