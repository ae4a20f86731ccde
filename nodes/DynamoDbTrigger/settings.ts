import type { IPollFunctions, ITriggerFunctions } from 'n8n-workflow';
import type { TriggerSettings } from './poll';

const EVENTS = ['INSERT', 'MODIFY', 'REMOVE'];

/**
 * A poll emits at most this many changes by default: one execution stays of a size n8n handles well,
 * and a table changing up to ~160 times a second is still kept up with at one poll a minute.
 */
export const DEFAULT_MAX_RECORDS = 10_000;

/** The parameters both triggers share (description.ts): which changes of which table, from where, in which shape. */
export type ChangeSettings = Pick<TriggerSettings, 'table' | 'filter' | 'startFrom' | 'simplify'>;

/** The shared parameters, checked: a missing or wrong setting is an error, never a guess. */
export function changeSettings(ctx: IPollFunctions | ITriggerFunctions): ChangeSettings {
	const table = String(ctx.getNodeParameter('table', undefined, { extractValue: true }) ?? '').trim();
	if (!table) throw new Error('Choose the table whose changes start the workflow (parameter Table)');
	const events = ctx.getNodeParameter('events', EVENTS) as string[];
	if (!Array.isArray(events) || events.length === 0) throw new Error('Choose at least one of Insert, Modify and Remove (parameter Events)');
	for (const event of events) oneOf('Events', event, EVENTS);
	return {
		table,
		filter: { events: new Set(events), ttl: oneOf('TTL Expiries', ctx.getNodeParameter('ttlExpiries', 'include'), ['include', 'only', 'exclude'] as const) },
		startFrom: oneOf('Start From', ctx.getNodeParameter('startFrom', 'now'), ['now', 'oldest'] as const),
		simplify: ctx.getNodeParameter('simplify', true) === true,
	};
}

/** The polling trigger's parameters, checked. */
export function triggerSettings(ctx: IPollFunctions): TriggerSettings {
	const options = ctx.getNodeParameter('options', {}) as { maxRecordsPerPoll?: number; oneItemPerPoll?: boolean };
	const maxRecords = options.maxRecordsPerPoll ?? DEFAULT_MAX_RECORDS;
	if (!Number.isInteger(maxRecords) || maxRecords < 1) throw new Error(`Max Records per Poll must be a whole number of at least 1, got ${maxRecords}`);
	return { ...changeSettings(ctx), maxRecords, oneItemPerPoll: options.oneItemPerPoll === true };
}

/** A choice among fixed values, or an error naming the parameter, what it got and what it takes. */
export function oneOf<T extends string>(parameter: string, value: unknown, allowed: readonly T[]): T {
	if (!allowed.includes(value as T)) throw new Error(`${parameter} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
	return value as T;
}
