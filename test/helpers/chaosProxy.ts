/**
 * A fault-injecting HTTP proxy in front of DynamoDB Local (process.env.DYNAMODB_LOCAL_ENDPOINT):
 * for a share of requests it drops the connection (before forwarding, or after DynamoDB Local
 * applied the request), delays, or answers 500, 503 or throttling instead of DynamoDB. Seeded, so
 * every run injects the same faults; `stats` counts what it did per kind.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { listen } from './http';
import { localEndpoint } from './local';
import { awsErrorAnswer, prng, startProxy, type ProxyAnswer } from './proxy';

export type Fault =
	| 'dropBefore' // connection closed without an answer; DynamoDB never saw the request
	| 'dropAfter' // request applied by DynamoDB, then the connection closed without the answer
	| 'delay' // forwarded after `delayMs`
	| 'http500' // 500 InternalServerError
	| 'http503' // 503 ServiceUnavailable
	| 'throttling' // 400 ThrottlingException
	| 'throughput'; // 400 ProvisionedThroughputExceededException

export interface ChaosOptions {
	/** Share of requests (0..1) that get each fault. The rest pass through untouched. */
	shares: Partial<Record<Fault, number>>;
	delayMs?: number;
	seed?: number;
	/** Only requests whose X-Amz-Target action is in this list get faults (default: all). */
	actions?: string[];
}

export interface ChaosProxy {
	endpoint: string;
	stats: Record<Fault | 'passed' | 'requests', number> & { byAction: Record<string, Partial<Record<Fault, number>>> };
	close(): Promise<void>;
}

const ERRORS: Partial<Record<Fault, ProxyAnswer>> = {
	http500: awsErrorAnswer(500, 'InternalServerError', 'Internal server error (chaos proxy)'),
	http503: awsErrorAnswer(503, 'ServiceUnavailable', 'Service unavailable (chaos proxy)'),
	throttling: awsErrorAnswer(400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput (chaos proxy)'),
	throughput: awsErrorAnswer(400, 'ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded (chaos proxy)'),
};

export async function startChaosProxy(options: ChaosOptions, target = localEndpoint()): Promise<ChaosProxy> {
	const random = prng(options.seed ?? 7);
	const stats: ChaosProxy['stats'] = {
		requests: 0,
		passed: 0,
		dropBefore: 0,
		dropAfter: 0,
		delay: 0,
		http500: 0,
		http503: 0,
		throttling: 0,
		throughput: 0,
		byAction: {},
	};

	const pick = (): Fault | undefined => {
		let roll = random();
		for (const [fault, share] of Object.entries(options.shares) as Array<[Fault, number]>) {
			if (roll < share) return fault;
			roll -= share;
		}
		return undefined;
	};

	const proxy = await startProxy({
		target,
		maxSockets: 32,
		requestId: 'chaos-proxy',
		hook: ({ action }) => {
			stats.requests++;
			const fault = !options.actions || options.actions.includes(action) ? pick() : undefined;
			if (!fault) {
				stats.passed++;
				return undefined;
			}
			stats[fault]++;
			const counts = (stats.byAction[action] ??= {});
			counts[fault] = (counts[fault] ?? 0) + 1;
			if (fault === 'dropBefore') return { drop: 'before' };
			if (fault === 'dropAfter') return { drop: 'after' };
			if (fault === 'delay') return { delayMs: options.delayMs ?? 100 };
			return { answer: ERRORS[fault] };
		},
	});
	return { endpoint: proxy.endpoint, stats, close: proxy.close };
}

/** A TCP endpoint that accepts connections and never answers: a dead or hung server. */
export async function startSilentServer(): Promise<{ endpoint: string; connections: () => number; requests: () => number; hungUp(): Promise<void>; close(): Promise<void> }> {
	const sockets = new Set<Socket>();
	let count = 0;
	let requests = 0;
	let allClosed: (() => void) | undefined;
	const server = http.createServer(() => {
		requests++; // a whole request arrived; it is never answered
	});
	server.on('connection', (socket) => {
		count++;
		sockets.add(socket);
		socket.on('close', () => {
			sockets.delete(socket);
			if (sockets.size === 0) allClosed?.();
		});
	});
	return {
		endpoint: await listen(server),
		connections: () => count,
		requests: () => requests,
		/** Resolves once the client has closed every connection (this server never closes one itself). */
		hungUp: () => (sockets.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (allClosed = resolve))),
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
