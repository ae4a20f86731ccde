/**
 * A recording pass-through in front of DynamoDB Local: every request the node's SDK client sends
 * is forwarded unchanged and kept (X-Amz-Target and JSON body). DynamoDB Local forgives malformed
 * requests (a plain `{"id": "a1"}` Key works there), so tests that care about marshalling assert
 * the request as it went over the wire.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { localEndpoint } from './local';

export interface Recorded {
	target: string;
	body: Record<string, unknown>;
}

export interface Recorder {
	endpoint: string;
	requests: Recorded[];
	close(): Promise<void>;
}

export async function startRecorder(upstream = localEndpoint()): Promise<Recorder> {
	const target = new URL(upstream);
	const requests: Recorded[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			requests.push({ target: String(req.headers['x-amz-target'] ?? ''), body: raw.length ? JSON.parse(raw.toString('utf8')) : {} });
			const forward = http.request(
				{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			forward.on('error', (e) => {
				res.writeHead(502);
				res.end(String(e));
			});
			forward.end(raw);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		endpoint: `http://127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
