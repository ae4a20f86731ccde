// Types of scripts/poller.js (a polling trigger run the way an active n8n workflow runs it).
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters, INodeType, Workflow } from 'n8n-workflow';

export interface ActivateOptions {
	nodeType: INodeType | (new () => INodeType);
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** The static data n8n has saved for the workflow (a restart passes the saved one). */
	staticData?: IDataObject;
	workflowId?: string;
}

export interface ActiveTrigger {
	workflow: Workflow;
	/** Every batch of items emitted so far, one per emitting poll (the activation poll's included). */
	emitted: INodeExecutionData[][];
	/** Errors of ticks (n8n records them as failed executions). */
	errors: Error[];
	/** The static data as n8n saved it (after activation and at each emit). */
	saved(): IDataObject;
	/** The static data in memory now. */
	current(): IDataObject;
	/** One cron tick; resolves when its poll is done, to its error if it failed. */
	tick(): Promise<Error | undefined>;
	/** n8n restarted: a new activation from the saved static data (parameters may change). */
	restart(changes?: INodeParameters): Promise<ActiveTrigger>;
}

export function activate(options: ActivateOptions): Promise<ActiveTrigger>;

export interface DurableTrigger {
	/** Every execution an occurrence started: its items, and commit() for when it finishes (omit it: a crash). */
	executions: Array<{ items: INodeExecutionData[]; commit(): void }>;
	errors: Error[];
	/** The cursor (the node's static data) as n8n has committed it. */
	committed(): IDataObject;
	/** One scheduled occurrence (the durable scheduler may run one twice). */
	occurrence(): Promise<void>;
}

/** The trigger under n8n's durable poll cursors (PollContext's __runPoll / __commitCursor hooks). */
export function activateDurable(options: Omit<ActivateOptions, 'workflowId' | 'staticData'>): Promise<DurableTrigger>;

export function fetchTestEvent(options: Omit<ActivateOptions, 'workflowId'>): Promise<{ items: INodeExecutionData[]; error?: Error & { description?: string }; staticData: IDataObject }>;
