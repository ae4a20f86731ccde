/**
 * The SDK's chat history and chat memory over one session (session.ts). Unlike the SDK's
 * WindowedChatMemory, which reads the whole history and keeps the end, loading the window reads only
 * the newest messages: one Query, however long the conversation.
 */
import { BaseChatHistory, BaseChatMemory, type Message } from '@n8n/ai-node-sdk';
import type { Session } from './session';

export class SessionHistory extends BaseChatHistory {
	constructor(readonly session: Session) {
		super();
	}

	async getMessages(): Promise<Message[]> {
		return await this.session.all();
	}

	async addMessage(message: Message): Promise<void> {
		await this.session.append([message]);
	}

	/** One turn (n8n's agent saves a turn with its tool calls this way): written together, kept together. */
	async addMessages(messages: Message[]): Promise<void> {
		await this.session.append(messages);
	}

	async clear(): Promise<void> {
		await this.session.clear();
	}
}

export class SessionMemory extends BaseChatMemory {
	readonly chatHistory: SessionHistory;

	/** `windowTurns` as n8n's memory nodes count the Context Window Length: a turn is two messages. */
	constructor(
		session: Session,
		readonly windowTurns: number,
	) {
		super();
		this.chatHistory = new SessionHistory(session);
	}

	async loadMessages(): Promise<Message[]> {
		return await this.chatHistory.session.newest(2 * this.windowTurns);
	}

	async saveTurn(input: string, output: string): Promise<void> {
		await this.chatHistory.addMessages([
			{ role: 'user', content: [{ type: 'text', text: input }] },
			{ role: 'assistant', content: [{ type: 'text', text: output }] },
		]);
	}

	async clear(): Promise<void> {
		await this.chatHistory.clear();
	}
}
