import * as sdk from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

type CommandClass = new (input: Record<string, unknown>) => Parameters<DynamoDBClient['send']>[0];

/** The SDK command class for an AWS action (`GetItem` → `GetItemCommand`). */
export function commandFor(action: string): CommandClass {
	const command = (sdk as unknown as Record<string, CommandClass | undefined>)[`${action}Command`];
	if (!command) throw new Error(`The AWS SDK has no command for ${action}`);
	return command;
}

export type Send = (input: Record<string, unknown>) => Promise<Record<string, unknown>>;

export function sender(client: DynamoDBClient, action: string): Send {
	const Command = commandFor(action);
	return async (input) => (await client.send(new Command(input))) as unknown as Record<string, unknown>;
}
