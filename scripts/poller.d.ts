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
	/** Every execution a poll created (its cursor committed with it), the activation poll's included. */
	executions: Array<{ items: INodeExecutionData[] }>;
	errors: Error[];
	/** The node's poller_state row as n8n has committed it. */
	committed(): IDataObject;
	/** The workflow's static data as n8n has saved it in the database. */
	saved(): IDataObject;
	/** One scheduled occurrence; `crash`: n8n dies after the poll, before committing anything. */
	occurrence(options?: { crash?: boolean }): Promise<void>;
	/** n8n started again on the same database: a new activation (its activation poll has run). */
	restart(): Promise<DurableTrigger>;
}

/** The trigger under n8n's durable scheduler with durable poll cursors; resolves after the activation poll. */
export function activateDurable(options: Omit<ActivateOptions, 'workflowId' | 'staticData'>): Promise<DurableTrigger>;

export function fetchTestEvent(options: Omit<ActivateOptions, 'workflowId'>): Promise<{ items: INodeExecutionData[]; error?: Error & { description?: string }; staticData: IDataObject }>;
