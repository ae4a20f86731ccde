import type { _Record, AttributeValue } from '@aws-sdk/client-dynamodb-streams';
import type { IDataObject } from 'n8n-workflow';
import { plainRecord, toJsonSafe } from '../DynamoDb/shapes/toOutput';

export type EventName = 'INSERT' | 'MODIFY' | 'REMOVE';

/** Which expiries of Time to Live pass (option TTL Expiries). */
export type TtlFilter = 'include' | 'only' | 'exclude';

export interface RecordFilter {
	events: ReadonlySet<string>;
	ttl: TtlFilter;
}

/** A REMOVE done by DynamoDB itself when an item's TTL passed: its userIdentity is the DynamoDB service. */
export function isTtlExpiry(record: _Record): boolean {
	return record.userIdentity?.Type === 'Service' && record.userIdentity.PrincipalId === 'dynamodb.amazonaws.com';
}

export function accepts(filter: RecordFilter, record: _Record): boolean {
	if (!filter.events.has(record.eventName ?? '')) return false;
	if (filter.ttl === 'include') return true;
	return isTtlExpiry(record) === (filter.ttl === 'only');
}

/**
 * One change record → one n8n item. Simplified: the images in the same plain JSON the DynamoDB node
 * outputs for the item (exact numbers, sets as arrays, binary as base64), only those the stream's
 * view type carries. Otherwise the stream record as DynamoDB sent it (typed values), JSON-safe.
 */
export function changeItem(record: _Record, table: string, simplify: boolean): IDataObject {
	if (!simplify) return toJsonSafe(record) as IDataObject;
	const change = record.dynamodb ?? {};
	const item: IDataObject = {
		eventName: record.eventName,
		table,
		keys: image(change.Keys),
	};
	if (change.NewImage) item.newImage = image(change.NewImage);
	if (change.OldImage) item.oldImage = image(change.OldImage);
	item.sequenceNumber = change.SequenceNumber;
	item.eventId = record.eventID;
	item.approximateCreationDateTime = change.ApproximateCreationDateTime?.toISOString();
	item.ttlExpired = isTtlExpiry(record);
	return item;
}

function image(map: Record<string, AttributeValue> | undefined): IDataObject | undefined {
	// The Streams model's AttributeValue is DynamoDB's own (same members, bytes as Uint8Array).
	return map && (plainRecord(hasUntyped(map) ? typedEmptyMaps(map) : map) as IDataObject);
}

/**
 * DynamoDB Local 3.x writes an empty map into stream images without its type (`{}` where AWS, and
 * its own GetItem, send `{"M":{}}`); unconverted, that one record would fail every poll. A value
 * with no member at all can only be that empty map. AWS's own images never take this path.
 */
function hasUntyped(map: Record<string, AttributeValue>): boolean {
	return Object.values(map).some(untypedWithin);
}

function untypedWithin(value: AttributeValue): boolean {
	if (value === null || typeof value !== 'object') return false;
	if (Object.keys(value).length === 0) return true;
	if (value.M) return hasUntyped(value.M);
	return value.L?.some(untypedWithin) ?? false;
}

function typedEmptyMaps(map: Record<string, AttributeValue>): Record<string, AttributeValue> {
	return Object.fromEntries(Object.entries(map).map(([name, value]) => [name, typedEmptyMap(value)]));
}

function typedEmptyMap(value: AttributeValue): AttributeValue {
	if (value === null || typeof value !== 'object') return value;
	if (Object.keys(value).length === 0) return { M: {} };
	if (value.M) return { M: typedEmptyMaps(value.M) };
	if (value.L) return { L: value.L.map(typedEmptyMap) };
	return value;
}
