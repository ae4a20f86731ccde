import { operations } from '../operations/registry';
import type { Operation } from '../operations/types';
import { InputError, UnknownMemberError } from '../shapes/errors';
import { membersOf, operationSchema } from '../shapes/schema';

/**
 * A validation error of a body, said in the editor's terms where they explain it better; else
 * undefined. `tableField`: where the node shows the table ("Table" in version 2; version 1 has it
 * under Options › Table).
 */
export function explainInputError(operation: Operation, body: unknown, error: unknown, tableField?: string): InputError | undefined {
	if (error instanceof InputError && error.path === 'TableName' && operation.table && error.message.endsWith('required member is missing')) {
		const pick = tableField ? 'Pick the Table under Operation' : 'Pick the table under Options › Table (Add option)';
		return new InputError('TableName', 'no table given', `${pick}, or write "TableName" in the body.`);
	}
	return bodyOfAnotherOperation(operation, body, error);
}

/**
 * Every operation's body is the one parameter `body`, so a body edited for one operation stays when
 * the Operation changes. When a top-level member is unknown and the body's members all fit other
 * operations, the error says so instead of only listing members.
 */
function bodyOfAnotherOperation(operation: Operation, body: unknown, error: unknown): InputError | undefined {
	if (!(error instanceof UnknownMemberError) || error.path.includes('.') || error.path.includes('[')) return undefined;
	if (typeof body !== 'object' || body === null) return undefined;
	const keys = Object.keys(body).filter((k) => k !== 'TableName');
	const fits = operations.filter((o) => o !== operation && keys.every((k) => hasMember(o.action, k))).map((o) => o.action);
	if (fits.length === 0 || fits.length > 3) return undefined;
	return new InputError(
		error.path,
		`this looks like a ${fits.join(' or ')} body: did the Operation change?`,
		`The Operation is ${operation.action} (${operation.name}), and ${operation.action} has no member "${error.path}". ` +
			`To load ${operation.action}'s example, pick Reset Value in the Request Body's menu (hover the field), or write the body for ${operation.action}. ${error.detail ?? ''}`,
	);
}

function hasMember(action: string, member: string): boolean {
	const schema = operationSchema(action, 'Input');
	return schema.isStructSchema() && membersOf(schema).members.has(member);
}
