import type { Operation } from './types';

/**
 * The body the node prefills for an operation: its example as JSON text in Expression mode, so a
 * field dragged from the input panel lands where it is dropped and `{{ … }}` typed into it binds.
 * A one-table operation's example leaves TableName out: the Table option fills it in, so a picked
 * table is never overruled by an example's table.
 */
export function prefilledBody(operation: Operation): string {
	const { TableName: _table, ...rest } = operation.example;
	return `=${JSON.stringify(operation.table ? rest : operation.example, null, 2)}`;
}

const prefilled = new Map<string, string>();

/** Whether a body is the operation's prefilled example, untouched. */
export function isPrefilled(operation: Operation, body: unknown): boolean {
	let text = prefilled.get(operation.action);
	if (text === undefined) prefilled.set(operation.action, (text = prefilledBody(operation)));
	return body === text;
}
