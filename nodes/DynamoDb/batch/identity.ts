/**
 * When two requests of a batch address the same item: ids made of the table and the key, in a form
 * where member order, set order and number spelling do not matter (DynamoDB echoes unprocessed
 * requests in its own spelling, and they must be matched to the ones sent).
 */

/**
 * A number's identity as DynamoDB compares numbers: `1.50`, `01.5` and `15e-1` are one key, and
 * DynamoDB answers it as `1.5`. Text that is not a number stays as it is.
 */
export function numberId(text: string): string {
	const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
	if (!m || (m[2] === '' && !m[3])) return text;
	const fraction = m[3] ?? '';
	const digits = (m[2] + fraction).replace(/^0+/, '');
	if (digits === '') return '0';
	const significant = digits.replace(/0+$/, '');
	const exponent = Number(m[4] ?? 0) - fraction.length + (digits.length - significant.length);
	return `${m[1] === '-' ? '-' : ''}${significant}e${exponent}`;
}

/** A stable text for an attribute value or key: member order, set order and number spelling do not matter. */
export function canonical(value: unknown): string {
	if (value instanceof Uint8Array) return `b:${Buffer.from(value).toString('base64')}`;
	if (value instanceof Set) return canonical([...value]);
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
		entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${member(k, v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

function member(name: string, value: unknown): string {
	if (name === 'N' && typeof value === 'string') return JSON.stringify(numberId(value));
	if (name === 'SS' || name === 'NS' || name === 'BS') {
		const members = [...((value as Iterable<unknown>) ?? [])].map((v) => (name === 'NS' && typeof v === 'string' ? numberId(v) : v));
		return `[${members.map(canonical).sort().join(',')}]`;
	}
	return canonical(value);
}

/** The attributes `names` of an item. */
export const pick = (item: Record<string, unknown>, names: string[]) => Object.fromEntries(names.map((n) => [n, item[n]]));

/** The id of a write request: its table and key (Item's key attributes when known, else the whole Item). */
export function writeId(table: string, request: Record<string, unknown>, keyNames?: string[]): string {
	const put = request.PutRequest as { Item?: Record<string, unknown> } | undefined;
	const del = request.DeleteRequest as { Key?: Record<string, unknown> } | undefined;
	if (put?.Item && keyNames) {
		// Fast form for the usual string and number keys; anything else in canonical form. Reference: one id exactly when table
		// and canonical(key) agree; test/unit/writeId.property.test.ts.
		let text = `${JSON.stringify(table)}:`;
		for (const name of keyNames.length > 1 ? [...keyNames].sort() : keyNames) {
			const v = put.Item[name] as { S?: unknown; N?: unknown } | undefined;
			if (typeof v?.S === 'string') text += `S${JSON.stringify(v.S)}`;
			else if (typeof v?.N === 'string') text += `N${numberId(v.N)}`;
			else return `${JSON.stringify(table)}:${canonical(pick(put.Item, keyNames))}`;
		}
		return text;
	}
	const key = del?.Key ?? put?.Item;
	if (del?.Key) return writeId(table, { PutRequest: { Item: del.Key } }, Object.keys(del.Key).sort());
	return `${JSON.stringify(table)}:${canonical(key)}`;
}

/** The id of a key to read: its settings group (table and read settings) and the key. */
export const keyId = (group: string, key: Record<string, unknown>) => `${group}:${canonical(key)}`;
