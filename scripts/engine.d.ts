// Types of scripts/engine.js (plain CommonJS, shared by the jest tests, the bench and the demo).
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters, INodeType, IRun, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

export interface EngineRunOptions {
	/** The DynamoDB node type: an instance, or its class. */
	nodeType: INodeType | (new () => INodeType);
	/** Items the source node emits (the DynamoDB node's input), handed over in memory. */
	input: IDataObject[];
	/** The DynamoDB node's parameters (operation, body, options). */
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Parameters of further DynamoDB nodes, connected one after the other behind the first. */
	followedBy?: INodeParameters[];
	/** The DynamoDB nodes' version (default 1: the tests written before version 2 run it as saved workflows do). */
	typeVersion?: number;
}

export interface EngineRunResult {
	/** The (last) DynamoDB node's output items (json + pairedItem). */
	items: INodeExecutionData[];
	/** The error the first failing node threw, when it failed the execution. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
}

/** Source → DynamoDB, executed by n8n-core's engine. */
export function runNode(options: EngineRunOptions): Promise<EngineRunResult>;

/** The DynamoDB node's output items; throws when the node failed the execution. */
export function outputOf(result: EngineRunResult): INodeExecutionData[];

/** What n8n hands every node context: the credential (decrypted) and the execution's hooks. */
export function additionalDataOf(credentials: ICredentialDataDecryptedObject, hooks: unknown): IWorkflowExecuteAdditionalData;
