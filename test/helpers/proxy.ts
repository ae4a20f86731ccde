/**
 * A forwarding HTTP proxy in front of DynamoDB Local (or another endpoint). Every request is kept
 * (X-Amz-Target and parsed JSON body), and a test-supplied hook decides per request what happens:
 * pass it through, answer instead of DynamoDB, delay it, drop the connection before or after
 * forwarding, forward another body, or rewrite DynamoDB's answer. The recorder, the fault proxy
 * and the chaos proxy are configurations of it.
 */
import http from 'node:http';
import { listen, readBody } from './http';
import { localEndpoint } from './local';

export interface Recorded {
	target: string;
	body: Record<string, unknown>;
}

/** A request as the hook sees it. */
export interface ProxyRequest extends Recorded {
	/** `DynamoDB_20120810.<Action>` → `<Action>`. */
	action: string;
}

/** An answer in the AWS JSON protocol: a status and a JSON body. */
export interface ProxyAnswer {
	status: number;
	json: unknown;
}

/** What DynamoDB answered a forwarded request. */
export interface Upstream {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/** What the proxy does with one request; an empty plan (or none) passes it through. */
export interface Plan {
	/** Close the connection without an answer: before forwarding (DynamoDB never sees it), or after DynamoDB applied it. */
	drop?: 'before' | 'after';
	/** Answer this instead of forwarding. */
	answer?: ProxyAnswer;
	/** Wait this long before forwarding. */
	delayMs?: number;
	/** Hold the request until this settles, then go on with the plan. */
	holdUntil?: Promise<unknown>;
	/** Forward this JSON body instead of the request's own. */
	send?: unknown;
	/** The answer to give instead of DynamoDB's. */
	rewrite?: (upstream: Upstream) => ProxyAnswer;
}

export type Hook = (request: ProxyRequest) => Plan | undefined | void;

export interface ProxyOptions {
	/** Where requests go (default: DynamoDB Local). */
	target?: string;
	hook?: Hook;
	/** Upstream connections kept open at most. */
	maxSockets?: number;
	/** The x-amzn-RequestId of the proxy's own answers. */
	requestId?: string;
}

export interface Proxy {
	endpoint: string;
	/** Every request received, in order. */
	requests: Recorded[];
	close(): Promise<void>;
}

export async function startProxy({ target = localEndpoint(), hook, maxSockets = 64, requestId = 'proxy' }: ProxyOptions = {}): Promise<Proxy> {
	const upstream = new URL(target);
	const agent = new http.Agent({ keepAlive: true, maxSockets });
	const requests: Recorded[] = [];

	const forward = (req: http.IncomingMessage, body: Buffer) =>
		new Promise<Upstream>((resolve, reject) => {
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

	const answer = (res: http.ServerResponse, { status, json }: ProxyAnswer) => {
		const text = JSON.stringify(json);
		res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': requestId });
		res.end(text);
	};

	const server = http.createServer(async (req, res) => {
		try {
			const raw = await readBody(req);
			const target = String(req.headers['x-amz-target'] ?? '');
			const request = { target, body: parseJson(raw) };
			requests.push(request);
			const plan = hook?.({ ...request, action: target.replace(/^DynamoDB_20120810\./, '') }) ?? {};
			if (plan.drop === 'before') return req.socket.destroy();
			if (plan.answer) return answer(res, plan.answer);
			if (plan.delayMs) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
			if (plan.holdUntil) await plan.holdUntil.catch(() => undefined);
			const reply = await forward(req, plan.send === undefined ? raw : Buffer.from(JSON.stringify(plan.send)));
			if (plan.drop === 'after') return req.socket.destroy();
			if (plan.rewrite) return answer(res, plan.rewrite(reply));
			const { 'transfer-encoding': _chunked, connection: _connection, ...headers } = reply.headers;
			res.writeHead(reply.status, { ...headers, 'content-length': reply.body.length });
			res.end(reply.body);
		} catch (error) {
			if (!res.headersSent) res.writeHead(502);
			res.end(String(error));
		}
	});
	return {
		endpoint: await listen(server),
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A request body as JSON ({} when empty or not JSON). */
function parseJson(raw: Buffer): Record<string, unknown> {
	try {
		return raw.length ? JSON.parse(raw.toString('utf8')) : {};
	} catch {
		return {};
	}
}

/** An AWS JSON-protocol error answer, as DynamoDB sends it. */
export function awsErrorAnswer(status: number, type: string, message: string): ProxyAnswer {
	return { status, json: { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message } };
}

/** mulberry32: a small seeded PRNG so every run injects the same faults. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
