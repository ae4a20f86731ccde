/**
 * A fault-injecting HTTP proxy in front of DynamoDB Local (process.env.DYNAMODB_LOCAL_ENDPOINT):
 * for a share of requests it drops the connection (before forwarding, or after DynamoDB Local
 * applied the request), delays, or answers 500, 503 or throttling instead of DynamoDB. Seeded, so
 * every run injects the same faults; `stats` counts what it did per kind.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { localEndpoint } from './local';

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

function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ERRORS: Partial<Record<Fault, [number, string, string]>> = {
	http500: [500, 'InternalServerError', 'Internal server error (chaos proxy)'],
	http503: [503, 'ServiceUnavailable', 'Service unavailable (chaos proxy)'],
	throttling: [400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput (chaos proxy)'],
	throughput: [400, 'ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded (chaos proxy)'],
};

export async function startChaosProxy(options: ChaosOptions, target = localEndpoint()): Promise<ChaosProxy> {
	const random = prng(options.seed ?? 7);
	const upstream = new URL(target);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
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
	const sockets = new Set<Socket>();

	const pick = (): Fault | undefined => {
		let roll = random();
		for (const [fault, share] of Object.entries(options.shares) as Array<[Fault, number]>) {
			if (roll < share) return fault;
			roll -= share;
		}
		return undefined;
	};

	const forward = (req: http.IncomingMessage, body: Buffer) =>
		new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
			const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
			const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }));
				res.on('error', reject);
			});
			out.on('error', reject);
			out.end(body);
		});

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			stats.requests++;
			const action = String(req.headers['x-amz-target'] ?? '').replace(/^DynamoDB_20120810\./, '');
			const fault = !options.actions || options.actions.includes(action) ? pick() : undefined;
			if (fault) {
				stats[fault]++;
				const counts = (stats.byAction[action] ??= {});
				counts[fault] = (counts[fault] ?? 0) + 1;
			} else stats.passed++;
			try {
				if (fault === 'dropBefore') return req.socket.destroy();
				const error = fault && ERRORS[fault];
				if (error) {
					const text = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${error[1]}`, message: error[2] });
					res.writeHead(error[0], { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': 'chaos-proxy' });
					return res.end(text);
				}
				if (fault === 'delay') await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 100));
				const answer = await forward(req, Buffer.concat(chunks));
				if (fault === 'dropAfter') return req.socket.destroy();
				const { 'transfer-encoding': _chunked, connection: _connection, ...headers } = answer.headers;
				res.writeHead(answer.status, { ...headers, 'content-length': answer.body.length });
				res.end(answer.body);
			} catch (error) {
				if (!res.headersSent) res.writeHead(502);
				res.end(String(error));
			}
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		stats,
		close: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/** A TCP endpoint that accepts connections and never answers: a dead or hung server. */
export async function startSilentServer(): Promise<{ endpoint: string; connections: () => number; close(): Promise<void> }> {
	const sockets = new Set<Socket>();
	let count = 0;
	const server = http.createServer(() => {
		/* never answers */
	});
	server.on('connection', (socket) => {
		count++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		connections: () => count,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
