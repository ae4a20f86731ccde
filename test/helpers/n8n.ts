/**
 * Runs workflows with n8n's own engine (n8n-core's WorkflowExecute), the way n8n runs the node:
 * parameters and expressions resolved by n8n, credentials handed over by a credentials helper,
 * items flowing from a source node into the DynamoDB node. The engine harness is shared with the
 * bench and the demo (scripts/engine.js); here it runs the TypeScript source node.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { runNode as runEngine, type EngineRunResult } from '../../scripts/engine';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { captureLogs, recordForScan } from './secrets';

captureLogs();

const nodeType = new DynamoDb();

export interface RunOptions {
	/** Items the source node emits (the DynamoDB node's input). */
	input: IDataObject[];
	/** The DynamoDB node's parameters (operation, body, options). */
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Parameters of further DynamoDB nodes after this one (a workflow of several steps). */
	followedBy?: INodeParameters[];
	/** The DynamoDB nodes' version: 1 (the default, as workflows saved before version 2) or 2 (the Table under Operation). */
	typeVersion?: number;
}

export type RunResult = EngineRunResult;

/** Source → DynamoDB, executed by n8n-core's engine. */
export async function runNode({ input, parameters, credentials, continueOnFail, followedBy, typeVersion }: RunOptions): Promise<RunResult> {
	// The items reach the node as JSON text would give them (a webhook's body): a copy, JSON values only.
	const items = JSON.parse(JSON.stringify(input)) as IDataObject[];
	const result = await runEngine({ nodeType, input: items, parameters, credentials, continueOnFail, followedBy, typeVersion });
	// Secret scan (test/helpers/secrets.ts): everything this run shows a user.
	recordForScan(`runNode ${String(parameters.operation)}`, result.items, result.error ?? '', result.run.data.resultData);
	return result;
}
