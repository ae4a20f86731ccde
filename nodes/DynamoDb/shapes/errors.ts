/** Bad input at a JSON path of the request body (`RequestItems.users[3].PutRequest.Item`). */
export class InputError extends Error {
	constructor(
		readonly path: string,
		readonly expected: string,
	) {
		super(path ? `${path}: ${expected}` : expected);
		this.name = 'InputError';
	}
}

export function childPath(path: string, key: string | number): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	const name = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
	return path ? `${path}.${name}` : name;
}

export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	return `${typeof value === 'string' ? 'the string' : `the ${typeof value}`} ${JSON.stringify(value)?.slice(0, 40)}`;
}
