import { Memo } from './memo';

/**
 * Bad input at a JSON path of the request body (`RequestItems.users[3].PutRequest.Item`): the
 * message is one short sentence; what to do about it and long lists go in `detail`.
 */
export class InputError extends Error {
	constructor(
		readonly path: string,
		readonly expected: string,
		readonly detail?: string,
	) {
		super(path ? `${path}: ${expected}` : expected);
		this.name = 'InputError';
	}
}

export function childPath(path: string, key: string | number): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	const name = nameOf(key);
	return path ? `${path}.${name}` : name;
}

/** Member names as they read in a path, kept: the same few names come back for every item. */
const names = new Memo<string, string>(1000);
const readName = (key: string) => (/^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key));

const nameOf = (key: string): string => names.get(key, readName);

export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	return `${typeof value === 'string' ? 'the string' : `the ${typeof value}`} ${JSON.stringify(value)?.slice(0, 40)}`;
}

/** A member the model does not have at this place; `hint` is the likely intended spelling. */
export class UnknownMemberError extends InputError {
	constructor(path: string, readonly hint: string | undefined, members: string) {
		super(path, hint ? `unknown member, did you mean "${hint}"?` : 'not a member here', members);
		this.name = 'InputError';
	}
}
