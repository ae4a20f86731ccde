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
// System Credentials: what the host's environment, container endpoint and instance metadata hand out.
export const TEST_SYSTEM_SECRET_ACCESS_KEY = 'sYsTeM/sEcReT+kEy/from/environment/0001';
export const TEST_SYSTEM_SESSION_TOKEN = 'IQoJb3JpZ2luX2VjESYSTEM//////////TEST+env+session+token==';
export const TEST_CONTAINER_SECRET_ACCESS_KEY = 'cOnTaInEr/sEcReT+kEy/from/local/endpoint/0001';
export const TEST_CONTAINER_SESSION_TOKEN = 'IQoJb3JpZ2luX2VjECONTAINER//////////TEST+container+token==';

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
/**
 * Routes n8n's log lines into the scan: the root Logger n8n-core uses (constructed here first, so its
 * LoggerProxy.init runs before ours) gets a transport that records, and LoggerProxy records too.
 */
export function captureLogs(): void {
	if (logging) return;
	logging = true;
	const log =
		(level: string) =>
		(message: string, meta?: object): void =>
			recordForScan(`log:${level}`, message, meta ?? {});
	try {
		/* eslint-disable @typescript-eslint/no-require-imports */
		const { Container } = require('@n8n/di') as { Container: { get(type: unknown): unknown } };
		const { Logger } = require('@n8n/backend-common') as { Logger: unknown };
		const Transport = require('winston-transport') as new (options?: object) => object;
		/* eslint-enable @typescript-eslint/no-require-imports */
		class Recorder extends Transport {
			log(info: { level: string; message: string }, done: () => void) {
				recordForScan(`log:${info.level}`, info.message, info);
				done();
			}
		}
		const root = Container.get(Logger) as { internalLogger?: { add(transport: object): void } };
		root.internalLogger?.add(new Recorder());
	} catch {
		/* n8n's logger not available: LoggerProxy below still records */
	}
	LoggerProxy.init({ error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') } as Parameters<typeof LoggerProxy.init>[0]);
}
