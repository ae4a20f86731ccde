import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { IDataObject } from 'n8n-workflow';
import { mapValues } from '../shapes/attributeValues';
import { InputError } from '../shapes/errors';
import { excludedFields } from './updateFromInput';

/**
 * Item From Input (PutItem): the converted request's Item is the input item's JSON (plain JSON, by
 * the documented rules, whatever the Attribute Values mode), minus the excluded fields, with the
 * body's own Item members on top. Applied to the converted request so the body's mode never reads
 * the generated typed values again.
 */
export function withItemFromInput(request: Record<string, unknown>, json: IDataObject, excludeFields?: string): Record<string, unknown> {
	const excluded = excludedFields(excludeFields);
	const fields = Object.fromEntries(Object.entries(json).filter(([k]) => !excluded.has(k)));
	if (Object.keys(fields).length === 0) throw new InputError('Item', 'the input item has no fields to store');
	return { ...request, Item: { ...mapValues(fields, 'Item', 'plain'), ...(request.Item as Record<string, AttributeValue>) } };
}
