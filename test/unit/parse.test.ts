import { NumberValueImpl as NumberValue } from '@aws-sdk/util-dynamodb';
import { BodyParseError, parseBody } from '../../nodes/DynamoDb/body/parse';

describe('parseBody', () => {
	it('reads JSON with // and /* */ comments and trailing commas', () => {
		const text = `{
			// the table
			"TableName": "users", /* inline */
			"Key": { "id": { "S": "a//b/*c*/" }, },
			"List": [1, 2, 3,],
		}`;
		expect(parseBody(text)).toEqual({ TableName: 'users', Key: { id: { S: 'a//b/*c*/' } }, List: [1, 2, 3] });
	});

	it('treats an empty body or only comments as {}', () => {
		expect(parseBody('')).toEqual({});
		expect(parseBody('  // nothing to send\n /* really */ ')).toEqual({});
	});

	it('reports line and column of the first error', () => {
		const attempt = () => parseBody('{\n  "TableName": "users"\n  "Key": {}\n}');
		expect(attempt).toThrow(BodyParseError);
		expect(attempt).toThrow('Expected "," or "}" at line 3, column 3');
		expect(() => parseBody("{ 'a': 1 }")).toThrow('Expected a member name in double quotes at line 1, column 3');
		expect(() => parseBody('{"a": "x\ny"}')).toThrow('Control character in a string (write \\n for a newline) at line 1, column 9');
		expect(() => parseBody('{"a": 1} x')).toThrow('Unexpected text after the JSON value at line 1, column 10');
		expect(() => parseBody('{"a": [1, 2')).toThrow('Missing "]" at line 1, column 12');
	});

	it('keeps numbers a JS number cannot hold exactly as exact text, and plain numbers as numbers', () => {
		const body = parseBody('{"big": 12345678901234567890123456789012345678, "tiny": -1.5E-130, "n": 1.50, "i": 100, "e": 1e21, "z": -0.0}') as Record<string, unknown>;
		expect(body.big).toBeInstanceOf(NumberValue);
		expect(String(body.big)).toBe('12345678901234567890123456789012345678');
		expect(body.tiny).toBe(-1.5e-130);
		expect(body.n).toBe(1.5);
		expect(body.i).toBe(100);
		expect(body.e).toBe(1e21);
		expect(body.z).toBe(-0);
		expect(String(parseBody('0.1000000000000000055511151231257827'))).toBe('0.1000000000000000055511151231257827');
		expect(String(parseBody('1e400'))).toBe('1e400');
	});

	it('decodes escapes and keeps a "__proto__" member as data', () => {
		const body = parseBody('{"s": "a\\"b\\\\c\\n\\u00e9\\ud83d\\ude00", "__proto__": {"admin": true}}') as Record<string, unknown>;
		expect(body.s).toBe('a"b\\c\né😀');
		expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
		expect(Object.keys(body)).toEqual(['s', '__proto__']);
		expect((body as { admin?: boolean }).admin).toBeUndefined();
	});
});
