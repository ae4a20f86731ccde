/**
 * A fault-injecting HTTP proxy in front of DynamoDB Local. For a share of BatchWriteItem calls it
 * either forwards only part of the write requests and answers the rest as UnprocessedItems (as
 * DynamoDB does under load), or answers HTTP 400 ProvisionedThroughputExceededException without
 * forwarding anything. Every other call passes through untouched. Deterministic (seeded).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { localEndpoint } from './local';

export interface FaultOptions {
	/** Share of BatchWriteItem calls answered with part of the requests unprocessed (0..1). */
	unprocessed?: number;
	/** Share of BatchWriteItem calls answered with HTTP 400 ProvisionedThroughputExceededException (0..1). */
	throttled?: number;
	/** Same shares for BatchGetItem (UnprocessedKeys / throttled). */
	getUnprocessed?: number;
	seed?: number;
}

export interface FaultProxy {
	endpoint: string;
	/** What the proxy did so far. */
	stats: { batchWrites: number; unprocessedAnswers: number; unprocessedRequests: number; throttledAnswers: number; batchGets: number; unprocessedKeys: number };
	close(): Promise<void>;
}

/** mulberry32: a small seeded PRNG so every run injects the same faults. */
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

export async function startFaultProxy(options: FaultOptions, target = localEndpoint()): Promise<FaultProxy> {
	const random = prng(options.seed ?? 42);
	const upstream = new URL(target);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const stats = { batchWrites: 0, unprocessedAnswers: 0, unprocessedRequests: 0, throttledAnswers: 0, batchGets: 0, unprocessedKeys: 0 };

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

	const answer = (res: http.ServerResponse, status: number, json: unknown) => {
		const text = JSON.stringify(json);
		res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': 'fault-proxy' });
		res.end(text);
	};

	/** Splits each table's list: the first part goes through, the rest comes back unprocessed. */
	const splitRequests = <T>(map: Record<string, T[]>) => {
		const sent: Record<string, T[]> = {};
		const left: Record<string, T[]> = {};
		for (const [table, list] of Object.entries(map)) {
			const keep = Math.floor(random() * list.length);
			if (keep > 0) sent[table] = list.slice(0, keep);
			if (keep < list.length) left[table] = list.slice(keep);
		}
		return { sent, left };
	};

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			try {
				const body = Buffer.concat(chunks);
				const target = String(req.headers['x-amz-target'] ?? '');
				if (target.endsWith('.BatchWriteItem')) {
					stats.batchWrites++;
					const roll = random();
					if (roll < (options.throttled ?? 0)) {
						stats.throttledAnswers++;
						return answer(res, 400, {
							__type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
							message: 'The level of configured provisioned throughput for the table was exceeded (fault proxy)',
						});
					}
					if (roll < (options.throttled ?? 0) + (options.unprocessed ?? 0)) {
						const request = JSON.parse(body.toString('utf8'));
						const { sent, left } = splitRequests<unknown>(request.RequestItems);
						stats.unprocessedAnswers++;
						stats.unprocessedRequests += Object.values(left).reduce((n, l) => n + l.length, 0);
						let upstreamAnswer: Record<string, unknown> = { UnprocessedItems: {} };
						if (Object.keys(sent).length > 0) {
							const r = await forward(req, Buffer.from(JSON.stringify({ ...request, RequestItems: sent })));
							if (r.status !== 200) return answer(res, r.status, JSON.parse(r.body.toString('utf8')));
							upstreamAnswer = JSON.parse(r.body.toString('utf8'));
						}
						return answer(res, 200, { ...upstreamAnswer, UnprocessedItems: left });
					}
				}
				if (target.endsWith('.BatchGetItem') && random() < (options.getUnprocessed ?? 0)) {
					stats.batchGets++;
					const request = JSON.parse(body.toString('utf8'));
					const keysByTable = Object.fromEntries(Object.entries(request.RequestItems as Record<string, { Keys: unknown[] }>).map(([t, k]) => [t, k.Keys]));
					const { sent, left } = splitRequests<unknown>(keysByTable);
					stats.unprocessedKeys += Object.values(left).reduce((n, l) => n + l.length, 0);
					const unprocessed = Object.fromEntries(Object.entries(left).map(([t, keys]) => [t, { ...request.RequestItems[t], Keys: keys }]));
					let upstreamAnswer: Record<string, unknown> = { Responses: {} };
					if (Object.keys(sent).length > 0) {
						const requestItems = Object.fromEntries(Object.entries(sent).map(([t, keys]) => [t, { ...request.RequestItems[t], Keys: keys }]));
						const r = await forward(req, Buffer.from(JSON.stringify({ ...request, RequestItems: requestItems })));
						if (r.status !== 200) return answer(res, r.status, JSON.parse(r.body.toString('utf8')));
						upstreamAnswer = JSON.parse(r.body.toString('utf8'));
					}
					return answer(res, 200, { ...upstreamAnswer, UnprocessedKeys: unprocessed });
				}
				if (target.endsWith('.BatchGetItem')) stats.batchGets++;
				const r = await forward(req, body);
				const { 'transfer-encoding': _chunked, ...headers } = r.headers;
				res.writeHead(r.status, { ...headers, 'content-length': r.body.length });
				res.end(r.body);
			} catch (error) {
				res.writeHead(502);
				res.end(String(error));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		endpoint: `http://127.0.0.1:${port}`,
		stats,
		close: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
