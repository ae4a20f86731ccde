/** The Endpoint URL field (transport/client.ts endpointOf): scheme and host checked, with a message that says what to write. */
import { acquire, DYNAMODB, endpointOf, openClients, type DynamoDbCredentials } from '../../nodes/DynamoDb/transport/client';

const creds = (endpoint: string): DynamoDbCredentials => ({ region: 'us-east-1', accessKeyId: 'AKIAXXXXXXXXXXXXXXXX', secretAccessKey: 's', endpoint });
const message = (endpoint: string) => {
	try {
		endpointOf(creds(endpoint));
	} catch (error) {
		return (error as Error).message;
	}
	return 'accepted';
};

describe('Endpoint URL', () => {
	it('accepts http and https URLs, with ports and paths; empty means AWS', () => {
		for (const url of ['http://localhost:8000', 'https://dynamodb.eu-west-1.amazonaws.com', 'http://127.0.0.1:4566/', 'https://vpce-1a2b.dynamodb.us-east-1.vpce.amazonaws.com', 'http://[::1]:8000']) {
			expect(endpointOf(creds(url))).toBe(url);
		}
		expect(endpointOf(creds(''))).toBeUndefined();
		expect(endpointOf(creds('   '))).toBeUndefined();
		expect(endpointOf({ region: 'us-east-1', accessKeyId: 'a', secretAccessKey: 'b' })).toBeUndefined();
		expect(endpointOf(creds(' http://localhost:8000 '))).toBe('http://localhost:8000');
	});

	it('a URL without a scheme gets the http:// form suggested', () => {
		expect(message('localhost:8000')).toBe('Endpoint URL "localhost:8000" must start with http:// or https://, e.g. http://localhost:8000');
		expect(message('dynamodb.eu-west-1.amazonaws.com')).toBe(
			'Endpoint URL "dynamodb.eu-west-1.amazonaws.com" must start with http:// or https://, e.g. http://dynamodb.eu-west-1.amazonaws.com',
		);
		expect(message('not a url')).toBe('Endpoint URL "not a url" must start with http:// or https://, e.g. http://localhost:8000 or https://dynamodb.eu-west-1.amazonaws.com');
	});

	it('other schemes, missing hosts, credentials, queries are refused with what is expected', () => {
		expect(message('ftp://localhost:8000')).toBe('Endpoint URL "ftp://localhost:8000" must start with http:// or https:// (not ftp://), e.g. http://localhost:8000 or https://dynamodb.eu-west-1.amazonaws.com');
		expect(message('http://')).toMatch(/^Endpoint URL "http:\/\/" is not a valid URL: expected e.g. http:\/\/localhost:8000/);
		expect(message('http://local host:8000')).toMatch(/is not a valid URL/);
		expect(message('http://localhost:99999')).toMatch(/is not a valid URL/);
		expect(message('http://localhost:8000?region=x')).toMatch(/must not have a query/);
		// A password in the URL is never repeated in the message.
		const withPassword = message('http://admin:hunter2secret@localhost:8000');
		expect(withPassword).toBe('Endpoint URL must not contain a user name or password: put the keys in the Access Key ID and Secret Access Key fields');
		expect(withPassword).not.toContain('hunter2secret');
	});

	it('a client for a bad endpoint is refused before anything is sent, and nothing is kept', () => {
		expect(() => acquire(DYNAMODB, creds('localhost:8000'))).toThrow('must start with http:// or https://');
		expect(openClients()).toEqual({ open: 0, leased: 0 });
	});
});
