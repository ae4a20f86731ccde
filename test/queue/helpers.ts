/** Shared by the queue-mode tests: the stack of scripts/stack.js, webhook load, DynamoDB reads. */
import { CreateTableCommand, DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const stackLib = require('../../scripts/stack') as {
	startStack(options: Record<string, unknown>): Promise<Stack>;
	LOCAL_KEYS: { accessKeyId: string; secretAccessKey: string };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const n8nLib = require('../../scripts/e2e') as {
	ROOT: string;
	/** The four flags of n8n's durable scheduler with durable poll cursors. */
	DURABLE_SCHEDULER: Record<string, string>;
	setupOwner(url: string, owner?: Record<string, string>): Promise<{ cookie: string }>;
	publish(url: string, cookie: string, id: string): Promise<void>;
};

export interface N8nProcess {
	name: string;
	child: import('node:child_process').ChildProcess;
	log: string;
}
export interface Stack {
	url: string;
	dynamoEndpoint: string;
	credential: { id: string; name: string };
	main: N8nProcess;
	workers: N8nProcess[];
	cli(args: string[]): Promise<string>;
	startWorker(name: string): Promise<N8nProcess>;
	logs: Record<string, string>;
	stop(): Promise<void>;
}

/** The packed package scripts/queue.js built for this run. */
export function tarball(): string {
	const file = process.env.QUEUE_TARBALL;
	if (!file) throw new Error('Run the queue-mode tests with `npm run test:queue` (scripts/queue.js builds and packs the package).');
	return file;
}

export function client(endpoint: string): DynamoDBClient {
	return new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: stackLib.LOCAL_KEYS });
}

/** A table keyed by `id`; `stream`: with a NEW_AND_OLD_IMAGES stream, for the trigger. */
export async function createTable(db: DynamoDBClient, TableName: string, stream = false): Promise<void> {
	await db.send(
		new CreateTableCommand({
			TableName,
			AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
			KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
			BillingMode: 'PAY_PER_REQUEST',
			...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } } : {}),
		}),
	);
}

/** Every item of a table, plain JSON, keyed by id. */
export async function scanById(db: DynamoDBClient, TableName: string): Promise<Map<string, Record<string, any>>> {
	const items = new Map<string, Record<string, any>>();
	let start: Record<string, AttributeValue> | undefined;
	do {
		const page = await db.send(new ScanCommand({ TableName, ExclusiveStartKey: start, ConsistentRead: true }));
		for (const item of page.Items ?? []) {
			const plain = unmarshall(item);
			items.set(plain.id, plain);
		}
		start = page.LastEvaluatedKey;
	} while (start);
	return items;
}

export interface Call {
	id: string;
	status: number | 'timeout' | 'error';
	body?: any;
	ms: number;
}

/**
 * `count` POSTs of {id, round} to a webhook, `inFlight` at a time, each with its own timeout.
 * onAnswer runs after each answer (the kill test uses it to pick its moment).
 */
export async function fire(url: string, round: string, count: number, inFlight: number, timeoutMs: number, onAnswer?: (done: number) => void): Promise<{ calls: Call[]; seconds: number }> {
	const calls: Call[] = [];
	let next = 0;
	const started = Date.now();
	const one = async (id: string) => {
		const t = Date.now();
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ id, round }),
				signal: AbortSignal.timeout(timeoutMs),
			});
			const text = await response.text();
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {}
			calls.push({ id, status: response.status, body, ms: Date.now() - t });
		} catch (error) {
			calls.push({ id, status: (error as Error).name === 'TimeoutError' ? 'timeout' : 'error', body: String(error), ms: Date.now() - t });
		}
		onAnswer?.(calls.length);
	};
	await Promise.all(
		Array.from({ length: inFlight }, async () => {
			while (next < count) await one(`${round}-${String(next++).padStart(5, '0')}`);
		}),
	);
	return { calls, seconds: (Date.now() - started) / 1000 };
}

/** How many executions each process's log says it started ("Worker started execution N"). */
export function startedExecutions(stack: Stack): Record<string, Set<string>> {
	const result: Record<string, Set<string>> = {};
	for (const [name, file] of Object.entries(stack.logs)) {
		if (!/^(main|worker-\d+)$/.test(name)) continue;
		const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
		result[name] = new Set([...text.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]));
	}
	return result;
}

/** Pids of a process's descendants (n8n's task runners), to stop what a SIGKILL leaves behind. */
export function descendants(pid: number): number[] {
	let out = '';
	try {
		out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
	} catch {
		return [];
	}
	const children = out.split('\n').map((l) => Number(l.trim())).filter(Boolean);
	return children.flatMap((child) => [child, ...descendants(child)]);
}

export function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export function writeWorkflows(dir: string, workflows: Record<string, unknown>[]): void {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	workflows.forEach((workflow, i) => fs.writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(workflow, null, 2)));
}

export const runDir = (name: string) => path.join(n8nLib.ROOT, '.queue', name);
