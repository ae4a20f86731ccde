import type { Operation } from './types';

/** Vector search over a table's vector indexes. */
export const vectorOperations: Operation[] = [
	{
		action: 'SearchVectors',
		name: 'Search Vectors',
		title: 'Search items by vector',
		description: "Find the items whose vectors are nearest to a search vector in a table's vector index (read-only)",
		access: 'read',
		table: true,
		records: 'SearchResults[].Item',
		example: {
			TableName: 'products',
			IndexName: 'by_embedding',
			// One 32-bit float per dimension of the index, as DynamoDB numbers.
			SearchVector: [{ N: '0.12' }, { N: '-0.48' }, { N: '0.91' }, { N: '0.05' }],
			TopK: 5,
			// Only attributes of the index's search schema, compared with =.
			SearchConditionExpression: 'category = :category',
			ExpressionAttributeValues: { ':category': { S: 'books' } },
			ProjectionExpression: 'id, title, category',
		},
	},
];
