/**
 * The suite-wide secret scan: every output item, error (message, description, JSON, inspected
 * form with its cause chain), credential-test message and log line the tests produce is appended
 * to a file in SECRET_SCAN_DIR (made by test/globalSetup.js); test/globalTeardown.js searches
 * them all for the test credentials and fails the run when one appears.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { LoggerProxy } from 'n8n-workflow';

// More test secrets the scan looks for (with TEST_ACCESS_KEY_ID / TEST_SECRET_ACCESS_KEY in local.ts):
// a session token, and the temporary credentials the local STS endpoint hands out for assume-role.
export const TEST_SESSION_TOKEN = 'FwoGZXIvYXdzEJr//////////TEST+session+token+0001==';
export const TEST_ROLE_ACCESS_KEY_ID = 'ASIATESTROLE00000001';
export const TEST_ROLE_SECRET_ACCESS_KEY = 'rOlE/sEcReT+kEy/from/local/sts/0001';
export const TEST_ROLE_SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEROLE//////////TEST+role+session+token==';

/** Records material for the scan (no-op outside a jest run with the global setup). */
export function recordForScan(label: string, ...material: unknown[]): void {
	const dir = process.env.SECRET_SCAN_DIR;
	if (!dir) return;
	const text = material.map(serialize).join('\n');
	appendFileSync(join(dir, `${process.pid}.jsonl`), JSON.stringify({ label, text }) + '\n');
}

/** Every way an error or value could be shown: its JSON, its own properties, and util.inspect (causes included). */
export function serialize(value: unknown): string {
	if (typeof value === 'string') return value;
	const parts: string[] = [];
	try {
		parts.push(JSON.stringify(value) ?? String(value));
	} catch {
		parts.push(String(value));
	}
	if (value instanceof Error) {
		const error = value as Error & { description?: unknown };
		parts.push(error.message, String(error.description ?? ''), error.stack ?? '');
		try {
			parts.push(JSON.stringify(value, Object.getOwnPropertyNames(value)));
		} catch {
			/* circular: util.inspect below still shows it */
		}
	}
	parts.push(inspect(value, { depth: 8, showHidden: false, breakLength: Infinity }));
	return parts.join('\n');
}

let logging = false;
/** Routes n8n's logger (the engine's and the node's log lines) into the scan. */
export function captureLogs(): void {
	if (logging) return;
	logging = true;
	const log =
		(level: string) =>
		(message: string, meta?: object): void =>
			recordForScan(`log:${level}`, message, meta ?? {});
	LoggerProxy.init({ error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') } as Parameters<typeof LoggerProxy.init>[0]);
}
