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
			SearchVector: [0.12, -0.48, 0.91, 0.05],
			TopK: 5,
			SearchConditionExpression: 'category = :category',
			ExpressionAttributeValues: { ':category': 'books' },
			ProjectionExpression: 'id, title, category',
		},
		notes: {
			SearchVector: "One 32-bit float per dimension of the index.",
			SearchConditionExpression: "Only attributes of the index's search schema, compared with =.",
		},
	},
];
