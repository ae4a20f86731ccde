// Types of scripts/listener.js (a trigger() node run the way an active n8n workflow runs it).
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

export interface ListenOptions {
	nodeType: INodeType | (new () => INodeType);
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** The same id for a "restart" of one workflow (the checkpoint item is keyed by it). */
	workflowId?: string;
	/** What each execution does; the donePromise settles when it settles. Default: finishes at once. */
	run?: (items: INodeExecutionData[], index: number) => Promise<void>;
	logger?: { warn(message: string): void; info(message: string): void; debug(message: string): void; error(message: string): void };
}

export interface Execution {
	items: INodeExecutionData[];
	startedAt: number;
	finishedAt?: number;
}

export interface Listening {
	workflowId: string;
	executions: Execution[];
	/** Errors the trigger reported with emitError (n8n then removes it). */
	errors: Error[];
	/** What the trigger logged as warnings (retries). */
	warnings: string[];
	/** Every emitted item's JSON, in emit order. */
	items(): IDataObject[];
	running(): number;
	maxInFlight(): number;
	/** Deactivation: resolves when the closeFunction has. */
	stop(): Promise<void>;
	until(check: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
}

export function listen(options: ListenOptions): Promise<Listening>;

export function listenManually(options: Omit<ListenOptions, 'workflowId' | 'run' | 'logger'> & { timeoutMs?: number }): Promise<IDataObject[]>;
