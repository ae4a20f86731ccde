/**
 * A failure is described once, redacted once, and both presentations (the error item with Continue
 * On Fail, n8n's error) show the same redacted description.
 */
import type { INode } from 'n8n-workflow';
import { describeFailure, errorItem, nodeError } from '../../nodes/DynamoDb/output/errors';
import { InputError } from '../../nodes/DynamoDb/shapes/errors';
import { redact } from '../../nodes/DynamoDb/transport/client';

const SECRET = 'sEcReT/kEy+0001';
const hide = (text: string) => redact(text, { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET });
const node = { id: 'n', name: 'DynamoDB', type: 'dynamoDb', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

function awsError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
	return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400, requestId: 'REQ1', attempts: 1 }, ...extra });
}

describe('describeFailure', () => {
	it('redacts every text of an AWS failure, the carried item (names and values) included, and keeps numbers', () => {
		const error = awsError('ConditionalCheckFailedException', `The conditional request failed for ${SECRET}`, {
			Item: { id: { S: SECRET }, [SECRET]: { S: 'x' }, count: { N: '12345' } },
		});
		const failure = describeFailure(error, hide);
		const item = errorItem(failure);
		expect(item).toEqual({
			code: 'ConditionalCheckFailedException',
			message: 'ConditionalCheckFailedException: The conditional request failed for ***',
			httpStatusCode: 400,
			requestId: 'REQ1',
			item: { id: '***', '***': 'x', count: 12345 },
		});
		const shown = nodeError(node, failure, 3);
		expect(shown.message).toBe(item.message);
		expect(shown.description).toBe('HTTP 400, request id REQ1');
		expect(JSON.stringify({ item, shown, response: (shown as unknown as { errorResponse: unknown }).errorResponse })).not.toContain(SECRET);
	});

	it('does not depend on the secret being unlike the description\'s own words', () => {
		const short = (text: string) => redact(text, { accessKeyId: 'local', secretAccessKey: 'input', sessionToken: 'aws' });
		const failure = describeFailure(new InputError('Key.id', 'expected a string, got input'), short);
		expect(errorItem(failure)).toEqual({ message: 'Key.id: expected a string, got ***', path: 'Key.id' });
		expect(nodeError(node, failure, 0).description).toBe('At Key.id in the request body.');
		expect(errorItem(describeFailure(awsError('ValidationException', 'aws said no'), short))).toMatchObject({ code: 'ValidationException', message: 'ValidationException: *** said no' });
	});

	it('presents anything else as an operation error with its system code', () => {
		const refused = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:1 with ${SECRET}`), { code: 'ECONNREFUSED' });
		const failure = describeFailure(refused, hide);
		expect(errorItem(failure)).toEqual({ message: 'connect ECONNREFUSED 127.0.0.1:1 with ***', code: 'ECONNREFUSED' });
		expect(nodeError(node, failure, 0).constructor.name).toBe('NodeOperationError');
	});
});
