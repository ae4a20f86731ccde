import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB's limits that a generated request can reach, checked before sending so the error says
 * which limit and by how much (DynamoDB's own answer names neither the field nor the size).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
 */

/** "The maximum length of any expression string is 4 KB." */
export const EXPRESSION_MAX_BYTES = 4096;

/** "The maximum item size in DynamoDB is 400 KB, which includes both attribute name binary length and attribute value lengths." */
export const ITEM_MAX_BYTES = 400 * 1024;

export const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * An attribute's size as DynamoDB counts it (its name and value), as a lower bound: strings and
 * binary by their bytes, a number one byte per two significant digits plus one, lists and maps
 * three bytes plus one per element. A request this says is too big is too big.
 */
export function attributeSize(name: string, value: AttributeValue): number {
	return byteLength(name) + valueSize(value);
}

function valueSize(value: AttributeValue): number {
	if (value.S !== undefined) return byteLength(value.S);
	if (value.N !== undefined) return numberSize(value.N);
	if (value.B !== undefined) return value.B.length;
	if (value.SS !== undefined) return value.SS.reduce((n, s) => n + byteLength(s), 0);
	if (value.NS !== undefined) return value.NS.reduce((n, s) => n + numberSize(s), 0);
	if (value.BS !== undefined) return value.BS.reduce((n, b) => n + b.length, 0);
	if (value.L !== undefined) return value.L.reduce((n, v) => n + 1 + valueSize(v), 3);
	if (value.M !== undefined) return Object.entries(value.M).reduce((n, [k, v]) => n + 1 + attributeSize(k, v), 3);
	return 1; // BOOL, NULL
}

function numberSize(text: string): number {
	const digits = text.replace(/[eE].*$/, '').replace(/\D/g, '').replace(/^0+/, '').replace(/0+$/, '');
	return Math.ceil(digits.length / 2) + 1;
}

/** "4.2 KB" / "1,234 bytes": sizes in messages, in DynamoDB's units (1 KB = 1,024 bytes). */
export function sizeText(bytes: number): string {
	return bytes >= 10 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes.toLocaleString('en')} bytes`;
}
