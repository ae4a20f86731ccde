import { toSdkInput } from '../../nodes/DynamoDb/shapes/toInput';

describe('null at an AttributeValue position', () => {
	it('is the NULL type in plain and auto mode, at the top of Item, Key values, ExpressionAttributeValues and Parameters', () => {
		for (const mode of ['auto', 'plain'] as const) {
			expect(toSdkInput('PutItem', { TableName: 't', Item: { id: 'a', gone: null } }, mode)).toEqual({
				TableName: 't',
				Item: { id: { S: 'a' }, gone: { NULL: true } },
			});
			expect(
				toSdkInput('UpdateItem', { TableName: 't', Key: { id: 'a' }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': null } }, mode)
					.ExpressionAttributeValues,
			).toEqual({ ':v': { NULL: true } });
			expect(toSdkInput('ExecuteStatement', { Statement: 'SELECT * FROM t WHERE a = ?', Parameters: [null] }, mode).Parameters).toEqual([{ NULL: true }]);
		}
	});

	it('is refused in typed mode rather than silently dropped', () => {
		expect(() => toSdkInput('PutItem', { TableName: 't', Item: { id: { S: 'a' }, gone: null } }, 'typed')).toThrow(/Item\.gone/);
	});

	it('still means "not given" for other members (an unbound cursor)', () => {
		expect(toSdkInput('Scan', { TableName: 't', ExclusiveStartKey: null, Limit: null }, 'auto')).toEqual({ TableName: 't' });
	});
});
