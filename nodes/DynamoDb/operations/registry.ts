import { backupOperations } from './backups';
import { globalTableOperations } from './globalTables';
import { governanceOperations } from './governance';
import { itemOperations } from './items';
import { partiqlOperations } from './partiql';
import { s3BulkLoadOperations } from './s3BulkLoads';
import { streamingOperations } from './streaming';
import { tableOperations } from './tables';
import type { Operation } from './types';
import { vectorOperations } from './vectors';

/**
 * Every DynamoDB API operation, one row each, in the order the editor lists them: the everyday item
 * operations first (in their family's order), then PartiQL, vector search, tables, and the rest.
 */
export const operations: Operation[] = [
	...itemOperations,
	...partiqlOperations,
	...vectorOperations,
	...tableOperations,
	...backupOperations,
	...globalTableOperations,
	...governanceOperations,
	...streamingOperations,
	...s3BulkLoadOperations,
];

const byAction = new Map(operations.map((o) => [o.action, o]));

export function getOperation(action: string): Operation {
	const operation = byAction.get(action);
	if (!operation) throw new Error(`Unknown DynamoDB operation "${action}"`);
	return operation;
}
