import { toAttributeValue, type ValueMode } from './attributeValues';
import { toBytes, toDate } from './scalars';
import { operationSchema } from './schema';
import { toSdkShape } from './walk';

/** A parsed body → the SDK command input: typed attribute values, Dates, bytes; checked against the model. */
export function toSdkInput(action: string, body: unknown, mode: ValueMode): Record<string, unknown> {
	return toSdkShape(operationSchema(action, 'Input'), body ?? {}, '', {
		attributeValue: (value, path) => toAttributeValue(value, path, mode),
		timestamp: toDate,
		blob: toBytes,
	}) as Record<string, unknown>;
}
