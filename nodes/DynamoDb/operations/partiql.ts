import type { Operation } from './types';

/** PartiQL: SQL-compatible statements over items. */
export const partiqlOperations: Operation[] = [
	{
		action: 'ExecuteStatement',
		name: 'Execute Statement (PartiQL)',
		title: 'Run a PartiQL statement',
		description: 'Run one PartiQL SELECT, INSERT, UPDATE or DELETE statement; writes change data',
		access: 'write',
		records: 'Items',
		pagination: { input: 'NextToken', output: 'NextToken', list: 'Items', pageSize: 'Limit' },
		example: { Statement: 'SELECT * FROM "users" WHERE id = ?', Parameters: ['user_1'] },
		notes: { Parameters: 'One value per ? of the Statement, in order.' },
	},
	{
		action: 'BatchExecuteStatement',
		name: 'Batch Execute Statements (PartiQL)',
		title: 'Run PartiQL statements in a batch',
		description: 'Run up to 25 PartiQL statements (all reads or all writes), each succeeding or failing on its own',
		access: 'write',
		records: 'Responses[].Item',
		batch: { kind: 'statement', requests: 'Statements', max: 25 },
		example: {
			Statements: [
				{ Statement: 'SELECT * FROM "users" WHERE id = ?', Parameters: ['user_1'] },
				{ Statement: 'SELECT * FROM "users" WHERE id = ?', Parameters: ['user_2'] },
			],
		},
	},
	{
		action: 'ExecuteTransaction',
		name: 'Execute Transaction (PartiQL)',
		title: 'Run PartiQL statements in a transaction',
		description: 'Run up to 100 PartiQL statements atomically: all succeed or none do',
		access: 'write',
		records: 'Responses[].Item',
		example: {
			TransactStatements: [
				{ Statement: 'INSERT INTO "users" VALUE {\'id\': ?, \'name\': ?}', Parameters: ['user_5', 'Katherine Johnson'] },
				{ Statement: 'UPDATE "users" SET visits = 1 WHERE id = ?', Parameters: ['user_1'] },
			],
		},
	},
];
