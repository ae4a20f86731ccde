/**
 * Redaction removes secrets as whole values and leaves every other text readable: short and
 * word-like keys (DynamoDB Local's `local`, LocalStack's `test`) must not eat into words, URLs or
 * AWS's messages, and the secrets still vanish wherever they stand as values.
 */
import { testCredentials } from '../../nodes/DynamoDb/methods/credentialTest';
import { redact } from '../../nodes/DynamoDb/transport/client';

describe('redact', () => {
	const local = { accessKeyId: 'local', secretAccessKey: 'local', sessionToken: 'test' };

	it('keeps messages readable with word-like keys and still removes the secrets', () => {
		expect(redact('Endpoint URL "localhost:8000" must start with http:// or https://, e.g. http://localhost:8000', local)).toBe(
			'Endpoint URL "localhost:8000" must start with http:// or https://, e.g. http://localhost:8000',
		);
		expect(redact('ddblocal testing tests latest local_table', local)).toBe('ddblocal testing tests latest local_table');
		expect(redact('secret=local; token="test" (local)', local)).toBe('secret=***; token="***" (***)');
		expect(redact('{"secretAccessKey":"local","sessionToken":"test"}', local)).toBe('{"secretAccessKey":"***","sessionToken":"***"}');
	});

	it('removes real-looking secrets wherever they are whole, also JSON-escaped, but not the access key id', () => {
		const keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY"EXAMPLEKEY', sessionToken: 'FwoGZX+abc//def==' };
		const text = `Credential=${keys.accessKeyId}/20261202 secret ${keys.secretAccessKey} json ${JSON.stringify(keys.secretAccessKey)} token:${keys.sessionToken}.`;
		const out = redact(text, keys);
		expect(out).toBe(`Credential=${keys.accessKeyId}/20261202 secret *** json "***" token:***.`);
		expect(out).not.toContain('wJalrXUtnFEMI');
		expect(out).not.toContain('FwoGZX');
	});

	it('gives the credential test a readable message with DynamoDB Local keys', async () => {
		const result = await testCredentials({ region: 'us-east-1', accessKeyId: 'local', secretAccessKey: 'local', endpoint: 'localhost:8000' });
		expect(result).toEqual({ status: 'Error', message: 'Endpoint URL "localhost:8000" must start with http:// or https://, e.g. http://localhost:8000' });
	});
});
