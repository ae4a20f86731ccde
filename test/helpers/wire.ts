/**
 * A local HTTP endpoint that stands in for DynamoDB's control plane: the node's real SDK client
 * sends its signed request here (credentials' Endpoint URL), the test reads what went over the
 * wire and decides what DynamoDB answers.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { listen, readBody } from './http';
import { localCredentials } from './local';

export interface WireRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	/** The body text exactly as received. */
	text: string;
	/** The body parsed as JSON (undefined when it is not JSON). */
	json: unknown;
	/** `DynamoDB_20120810.<Action>` (or `DynamoDBStreams_20120810.<Action>`) → `<Action>`. */
	action?: string;
	/** The `x-amzn-RequestId` the server answered this request with. */
	requestId?: string;
	/** Which TCP connection carried it: 1 for the first the server accepted, and so on. */
	connection?: number;
}

export interface WireAnswer {
	status?: number;
	/** JSON body; a string is sent as it is. */
	body?: unknown;
	headers?: Record<string, string>;
}

export type Responder = (request: WireRequest, index: number) => WireAnswer;

let requestCounter = 0;

export class WireServer {
	readonly requests: WireRequest[] = [];
	/** TCP connections accepted so far (a warm client reuses its own). */
	connections = 0;
	private responder: Responder = () => ({ status: 500, body: { __type: 'test#NoResponder', message: 'no answer set' } });

	private constructor(
		private readonly server: Server,
		readonly endpoint: string,
	) {}

	static async start(): Promise<WireServer> {
		let wire: WireServer | undefined;
		const connectionIds = new WeakMap<Socket, number>();
		const server = createServer(async (req, res) => {
			const text = (await readBody(req)).toString('utf8');
			let json: unknown;
			try {
				json = text ? JSON.parse(text) : undefined;
			} catch {
				json = undefined;
			}
			const target = req.headers['x-amz-target'];
			const request: WireRequest = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				text,
				json,
				action: typeof target === 'string' ? target.replace(/^DynamoDB(Streams)?_20120810\./, '') : undefined,
				connection: connectionIds.get(req.socket),
			};
			const index = wire!.requests.push(request) - 1;
			let answer: WireAnswer;
			try {
				answer = wire!.responder(request, index);
			} catch (error) {
				answer = { status: 500, body: { __type: 'test#ResponderFailed', message: String(error) } };
			}
			const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
			request.requestId = `WIRE${String(++requestCounter).padStart(8, '0')}REQUESTID${'0'.repeat(22)}`;
			res.writeHead(answer.status ?? 200, {
				'content-type': 'application/x-amz-json-1.0',
				'x-amzn-requestid': request.requestId,
				'content-length': Buffer.byteLength(body),
				...answer.headers,
			});
			res.end(body);
		});
		server.on('connection', (socket) => connectionIds.set(socket, ++wire!.connections));
		wire = new WireServer(server, await listen(server));
		return wire;
	}

	/** What the server answers from now on; forgets earlier requests. */
	answer(responder: Responder | WireAnswer): void {
		this.requests.length = 0;
		this.responder = typeof responder === 'function' ? responder : () => responder;
	}

	/** The node's credentials, pointing at this server. */
	credentials() {
		return localCredentials(this.endpoint);
	}

	/** Closes the connections that carry no request right now, as a server does with idle keep-alive connections. */
	closeIdleConnections(): void {
		this.server.closeIdleConnections();
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
	}
}

/** The shape of the request ids the server puts in its answers' `x-amzn-RequestId` header. */
export const REQUEST_ID = /^WIRE\d{8}REQUESTID0{22}$/;

/** An AWS JSON-protocol error answer, as DynamoDB sends it. */
export function awsError(status: number, type: string, message: string): WireAnswer {
	return { status, body: { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message } };
}
