import type { NormalizedSchema } from '@smithy/core/schema';
import type { Operation } from '../operations/types';
import { isAttributeValue, membersOf, operationSchema } from '../shapes/schema';

/** The JSON Schema subset n8n reads from `__schema__/v1.0.0/<operation>.json` to show fields before a run. */
export interface JsonSchema {
	type?: 'object' | 'array' | 'string' | 'number' | 'boolean';
	format?: string;
	description?: string;
	properties?: Record<string, JsonSchema>;
	additionalProperties?: JsonSchema | boolean;
	items?: JsonSchema;
}

/**
 * The shape of one output item of the operation with Simplify on (the default), read from the SDK's
 * output model the way shapes/toOutput.ts converts it: `$metadata` dropped, timestamps as ISO text,
 * blobs as base64, attribute values as plain JSON (any type). Operations that return records give
 * one table item per output item: an object whose attributes only the table knows.
 */
export function outputSchemaOf(operation: Operation): JsonSchema {
	if (operation.records) {
		return { type: 'object', description: `One record (a table item, as plain JSON) per output item of ${operation.action}`, additionalProperties: true };
	}
	const schema = operationSchema(operation.action, 'Output');
	return schema.isStructSchema() ? shapeOf(schema, new Set()) : { type: 'object', properties: {} };
}

function shapeOf(schema: NormalizedSchema, open: Set<unknown>): JsonSchema {
	if (isAttributeValue(schema)) return {};
	if (schema.isTimestampSchema()) return { type: 'string', format: 'date-time' };
	if (schema.isBlobSchema()) return { type: 'string', format: 'byte' };
	if (schema.isStringSchema()) return { type: 'string' };
	if (schema.isBooleanSchema()) return { type: 'boolean' };
	if (schema.isNumericSchema()) return { type: 'number' };
	const raw = schema.getSchema() as unknown;
	// A shape inside itself (none in DynamoDB's outputs today): an object, not an endless schema.
	if (open.has(raw)) return { type: 'object' };
	open.add(raw);
	try {
		if (schema.isListSchema()) return { type: 'array', items: shapeOf(schema.getValueSchema(), open) };
		if (schema.isMapSchema()) return { type: 'object', additionalProperties: shapeOf(schema.getValueSchema(), open) };
		if (schema.isStructSchema() || schema.isUnionSchema()) {
			const properties: Record<string, JsonSchema> = {};
			for (const [name, member] of membersOf(schema).members) properties[name] = shapeOf(member, open);
			return { type: 'object', properties };
		}
		return {};
	} finally {
		open.delete(raw);
	}
}
