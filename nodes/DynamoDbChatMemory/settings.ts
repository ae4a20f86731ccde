import type { ISupplyDataFunctions } from 'n8n-workflow';
import { ChatMemoryError } from './errors';
import { CONTENT_ATTRIBUTES } from './layout';
import type { SessionSettings } from './session';

export const DEFAULT_ATTRIBUTES = { session: 'sessionId', message: 'messageId', ttl: 'expiresAt' };
export const DEFAULT_WINDOW_TURNS = 5;

export interface MemorySettings extends SessionSettings {
	windowTurns: number;
}

interface Options {
	sessionIdAttribute?: string;
	messageIdAttribute?: string;
	ttlAttribute?: string;
	messageTtlDays?: number;
}

/** The node's parameters for item `itemIndex`, checked: a missing or wrong setting is an error naming it. */
export function memorySettings(ctx: ISupplyDataFunctions, itemIndex: number): MemorySettings {
	const table = String(ctx.getNodeParameter('table', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!table) throw new ChatMemoryError('Choose the table that keeps the conversations (parameter Table)');
	const windowTurns = ctx.getNodeParameter('contextWindowLength', itemIndex, DEFAULT_WINDOW_TURNS) as number;
	if (!Number.isInteger(windowTurns) || windowTurns < 1) throw new ChatMemoryError(`Context Window Length must be a whole number of at least 1, got ${JSON.stringify(windowTurns)}`);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Options;
	const attributes = {
		session: attributeName('Session ID Attribute', options.sessionIdAttribute, DEFAULT_ATTRIBUTES.session),
		message: attributeName('Message ID Attribute', options.messageIdAttribute, DEFAULT_ATTRIBUTES.message),
		ttl: attributeName('TTL Attribute', options.ttlAttribute, DEFAULT_ATTRIBUTES.ttl),
	};
	const names = [attributes.session, attributes.message, attributes.ttl, ...CONTENT_ATTRIBUTES];
	const twice = names.find((name, i) => names.indexOf(name) !== i);
	if (twice) throw new ChatMemoryError(`The attribute name "${twice}" is used twice: Session ID Attribute, Message ID Attribute and TTL Attribute must differ from each other and from ${CONTENT_ATTRIBUTES.join(', ')}`);
	const ttlDays = options.messageTtlDays ?? 0;
	if (typeof ttlDays !== 'number' || !Number.isFinite(ttlDays) || ttlDays < 0) throw new ChatMemoryError(`Message TTL (Days) must be a number of 0 or more (0: never expire), got ${JSON.stringify(ttlDays)}`);
	return { table, sessionId: sessionIdOf(ctx, itemIndex), windowTurns, attributes, ttlDays };
}

function attributeName(option: string, value: string | undefined, fallback: string): string {
	if (value === undefined) return fallback;
	const name = String(value).trim();
	if (!name) throw new ChatMemoryError(`Option ${option} is empty: give an attribute name, or remove the option to use "${fallback}"`);
	return name;
}

/**
 * The session id as n8n's own memory nodes find it: the input item's `sessionId` (what the Chat
 * Trigger sends, also when the agent is further down the workflow), or the Key parameter. It is
 * stored as it is (no node name added), so another memory node, the Chat Memory Manager or another
 * program finds the session under the same id.
 */
function sessionIdOf(ctx: ISupplyDataFunctions, itemIndex: number): string {
	if (ctx.getNodeParameter('sessionIdType', itemIndex, 'fromInput') === 'customKey') {
		const key = ctx.getNodeParameter('sessionKey', itemIndex, '');
		if (key === '' || key === undefined || key === null) {
			throw new ChatMemoryError('Key parameter is empty', "Give the session id in the parameter Key (an expression such as {{ $json.userId }}), or set Session ID to 'Connected Chat Trigger Node'.");
		}
		return textId(key, 'the parameter Key');
	}
	let id = ctx.evaluateExpression('{{ $json.sessionId }}', itemIndex);
	if (id === '' || id === undefined || id === null) {
		const chatTrigger = ctx.getChatTrigger();
		if (chatTrigger) id = ctx.evaluateExpression(`{{ $('${chatTrigger.name.replace(/'/g, "\\'")}').first().json.sessionId }}`, itemIndex);
	}
	if (id === '' || id === undefined || id === null) {
		throw new ChatMemoryError(
			'No session ID found',
			"Expected the input item to have a field called 'sessionId' (what the Chat Trigger sends). To use something else, set Session ID to 'Define below' and give the Key.",
		);
	}
	return textId(id, "the input's sessionId");
}

function textId(value: unknown, from: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new ChatMemoryError(`The session ID from ${from} must be text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
}
