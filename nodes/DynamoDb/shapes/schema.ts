import * as sdk from '@aws-sdk/client-dynamodb';
import { NormalizedSchema } from '@smithy/core/schema';
import { Memo, MODEL } from './memo';

type Sdk = Record<string, unknown>;

/** Built once per operation and side: the node converts thousands of items with the same model. */
const operationSchemas = new Memo<string, NormalizedSchema>(MODEL);

/**
 * The SDK's own model of an operation's input or output (`GetItemInput$`, `ScanOutput$`, …), read
 * from the operation schema (`GetItem$`): some operations share or rename shapes
 * (EnableKinesisStreamingDestination → KinesisStreamingDestinationInput$, DescribeEndpoints →
 * DescribeEndpointsRequest$) and some answer with no shape at all (TagResource → unit).
 */
export function operationSchema(action: string, side: 'Input' | 'Output'): NormalizedSchema {
	return operationSchemas.get(`${action} ${side}`, () => readOperationSchema(action, side));
}

function readOperationSchema(action: string, side: 'Input' | 'Output'): NormalizedSchema {
	const operation = (sdk as Sdk)[`${action}$`] as unknown[] | undefined;
	const schema = Array.isArray(operation) ? (operation[side === 'Input' ? 4 : 5] as () => unknown)() : (sdk as Sdk)[`${action}${side}$`];
	if (!schema) throw new Error(`The AWS SDK has no ${side.toLowerCase()} model for ${action}`);
	return NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]);
}

export const isAttributeValue = (schema: NormalizedSchema) => schema.getName() === 'AttributeValue';

/** Kept per structure of the model (the same for every item and every path that reaches it). */
const memberLists = new Memo<object, { members: Map<string, NormalizedSchema>; required: string[] }>(MODEL);

/** Members of a structure, by name. Smithy lists required members first and counts them in slot 6. */
export function membersOf(schema: NormalizedSchema): { members: Map<string, NormalizedSchema>; required: string[] } {
	const raw = schema.getSchema() as unknown;
	return typeof raw === 'object' && raw !== null ? memberLists.get(raw, () => readMembers(schema)) : readMembers(schema);
}

function readMembers(schema: NormalizedSchema): { members: Map<string, NormalizedSchema>; required: string[] } {
	const members = new Map(schema.structIterator());
	const requiredCount = (schema.getSchema() as unknown[])[6];
	const required = [...members.keys()].slice(0, typeof requiredCount === 'number' ? requiredCount : 0);
	return { members, required };
}
