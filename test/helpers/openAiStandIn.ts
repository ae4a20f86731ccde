/**
 * A local stand-in for OpenAI's API, enough for n8n's OpenAI Chat Model node (typeVersion 1.2, the
 * chat-completions API) with its credential's Base URL pointed here: POST /v1/chat/completions
 * answers deterministically (plain JSON, or server-sent events when the request asks to stream),
 * GET /v1/models lists one model. Every request is recorded: tests assert what the agent sent the
 * model (which earlier turns the memory supplied), not what our code says it did.
 */
import http from 'node:http';
import { listen, readBody } from './http';

export interface ChatRequest {
	model: string;
	messages: Array<{ role: string; content: unknown }>;
	stream?: boolean;
	[key: string]: unknown;
}

export interface StandIn {
	/** The Base URL to give the openAiApi credential (`http://127.0.0.1:PORT/v1`). */
	url: string;
	/** Every chat-completions request, in the order received. */
	chats: ChatRequest[];
	/** Every request, as method and path. */
	requests: Array<{ method: string; path: string }>;
	close(): Promise<void>;
}

export const MODEL = 'stand-in-gpt';

/** The text of a chat message's content (a string, or the text parts of a list). */
export function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : '')).join('');
	return '';
}

/** The deterministic answer to a request: the last user message, echoed. */
export function replyTo(request: ChatRequest): string {
	const last = [...request.messages].reverse().find((m) => m.role === 'user');
	return `echo: ${contentText(last?.content)}`;
}

export async function startOpenAiStandIn(): Promise<StandIn> {
	const chats: ChatRequest[] = [];
	const requests: StandIn['requests'] = [];
	let counter = 0;
	const server = http.createServer(async (req, res) => {
		const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
		requests.push({ method: req.method ?? 'GET', path });
		const json = (status: number, body: unknown) => {
			const text = JSON.stringify(body);
			res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
			res.end(text);
		};
		try {
			if (req.method === 'GET' && path.endsWith('/models')) {
				return json(200, { object: 'list', data: [{ id: MODEL, object: 'model', created: 1_700_000_000, owned_by: 'stand-in' }] });
			}
			if (req.method === 'POST' && path.endsWith('/chat/completions')) {
				const request = JSON.parse((await readBody(req)).toString('utf8')) as ChatRequest;
				chats.push(request);
				const id = `chatcmpl-standin-${++counter}`;
				const content = replyTo(request);
				const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
				if (!request.stream) {
					return json(200, {
						id,
						object: 'chat.completion',
						created: 1_700_000_000,
						model: request.model,
						choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
						usage,
					});
				}
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				const chunk = (delta: object, finish: string | null, extra: object = {}) =>
					res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_700_000_000, model: request.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`);
				chunk({ role: 'assistant', content }, null);
				chunk({}, 'stop');
				res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_700_000_000, model: request.model, choices: [], usage })}\n\n`);
				res.end('data: [DONE]\n\n');
				return;
			}
			json(404, { error: { message: `stand-in: no ${req.method} ${path}`, type: 'invalid_request_error' } });
		} catch (error) {
			if (!res.headersSent) json(500, { error: { message: String(error), type: 'server_error' } });
			else res.end();
		}
	});
	const endpoint = await listen(server);
	return {
		url: `${endpoint}/v1`,
		chats,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
