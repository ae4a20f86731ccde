/**
 * Wait Until Done as data: every registry row's Describe call and states, held against the SDK's
 * own waiters where it ships one, and the verdicts on answers DynamoDB documents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sdk from '@aws-sdk/client-dynamodb';
import { operations } from '../../nodes/DynamoDb/operations/registry';
import type { Wait } from '../../nodes/DynamoDb/operations/types';
import { withSettled } from '../../nodes/DynamoDb/run/wait';
import { describeInput, holdersAt, verdictOf } from '../../nodes/DynamoDb/transport/wait';

type Json = Record<string, unknown>;
const waiting = operations.filter((o): o is typeof o & { wait: Wait } => o.wait !== undefined);
const sdkExports = sdk as unknown as Record<string, unknown>;

/** A Describe answer with one holder at `at` whose `status` member is `value`. */
function answerWith(at: string, status: string, value: string, request: Json): Json {
	const holder: Json = { [status]: value };
	if (!at) return holder;
	const [, member, key, equals] = /^([^[]+)(?:\[([^=\]]*)=?([^\]]*)\])?$/.exec(at)!;
	if (key !== undefined) return { [member]: [{ ...(equals ? { [key]: request[equals] } : {}), ...holder }] };
	return { [member]: holder };
}

/** The SDK waiter's verdict on one answer (or error): SUCCESS, FAILURE, or RETRY (its time ran out). */
async function sdkVerdict(waiter: string, answer: Json | Error): Promise<string> {
	const client = { send: async () => (answer instanceof Error ? Promise.reject(answer) : answer) };
	const run = sdkExports[waiter] as (params: object, input: object) => Promise<{ state: string }>;
	const { state } = await run({ client, maxWaitTime: 0.05, minDelay: 0.01, maxDelay: 0.01 }, {});
	return state === 'TIMEOUT' ? 'RETRY' : state;
}

const PAGE = path.join(__dirname, '..', '..', 'docs', 'options.md');

/** docs/options.md's Wait Until Done table, generated from the rows. */
function waitTable(): string {
	const rows = waiting.map(({ action, wait }) => {
		const states = wait.states
			.filter((s) => !Array.isArray(s.done) || s.done.length > 0)
			.map((s) => {
				const done = Array.isArray(s.done) ? s.done.join(' or ') : `${[...new Set(Object.values(s.done.is).flat())].join(' or ')} as asked`;
				return `${s.at.includes('[]') ? 'each ' : ''}${s.label} ${done}`;
			});
		if (wait.notFound?.means === 'done') states.push(`${wait.describe} answers ${wait.notFound.error}`);
		const failed = [...new Set(wait.states.flatMap((s) => s.failed ?? []))];
		return `| \`${action}\` | ${states.join(', ')} | ${failed.length ? failed.join(', ') : '—'} | \`dynamodb:${wait.describe}\` |`;
	});
	return ['| Operation | Done when | Fails at once when | Waiting also needs |', '|---|---|---|---|', ...rows].join('\n');
}

const ours = { done: 'SUCCESS', failed: 'FAILURE', pending: 'RETRY' } as const;

/**
 * Where the node stops sooner than the SDK: waitForTableExists polls through every status but
 * ACTIVE, while a table in one of these does not become ACTIVE by itself (a KMS key or a
 * replication permission must be fixed first; archived tables must be restored), so the item fails
 * with the state at once instead of after Max Wait.
 */
const failsSooner: Record<string, string[]> = {
	TableStatus: ['INACCESSIBLE_ENCRYPTION_CREDENTIALS', 'REPLICATION_NOT_AUTHORIZED', 'ARCHIVING', 'ARCHIVED'],
};

describe('Wait Until Done rows', () => {
	it('is offered for the operations that answer before they are done', () => {
		expect(waiting.map((o) => o.action).sort()).toEqual(
			[
				'CreateBackup',
				'CreateGlobalTable',
				'CreateTable',
				'DeleteTable',
				'DisableKinesisStreamingDestination',
				'EnableKinesisStreamingDestination',
				'ExportTableToPointInTime',
				'ImportTable',
				'RestoreTableFromBackup',
				'RestoreTableToPointInTime',
				'StartBulkPutItems',
				'UpdateContributorInsights',
				'UpdateGlobalTable',
				'UpdateKinesisStreamingDestination',
				'UpdateTable',
				'UpdateTableReplicaAutoScaling',
				'UpdateTimeToLive',
			].sort(),
		);
	});

	it("names a read-only Describe row and fills each of its request's required members from the request or the answer", () => {
		for (const { action, wait } of waiting) {
			const describe = operations.find((o) => o.action === wait.describe);
			expect([action, describe?.access]).toEqual([action, 'read']);
			for (const from of Object.values(wait.input)) expect([action, from]).toEqual([action, expect.stringMatching(/^(request|answer)\.\w+/)]);
			// The example request's own members are there to fill what comes from the request.
			const request = operations.find((o) => o.action === action)!.example;
			for (const [member, from] of Object.entries(wait.input)) {
				if (from.startsWith('request.') && member !== 'IndexName') expect([action, member, describeInput(wait, request, {})[member]]).not.toContainEqual(undefined);
			}
		}
	});

	it.each(waiting.filter((o) => o.wait.waiter).map((o) => [o.action, o.wait.waiter!] as const))(
		'%s: agrees with the SDK waiter %s on every state it knows',
		async (action, waiter) => {
			const wait = waiting.find((o) => o.action === action)!.wait;
			expect(typeof sdkExports[waiter]).toBe('function');
			const request = operations.find((o) => o.action === action)!.example as Json;
			const [main] = wait.states;
			const values = Object.values(sdkExports[main.status] as Record<string, string>);
			expect(values.length).toBeGreaterThan(2);
			for (const value of values) {
				const answer = answerWith(main.at, main.status, value, request);
				const expected = failsSooner[main.status]?.includes(value) && main.failed?.includes(value) ? 'FAILURE' : await sdkVerdict(waiter, answer);
				expect([value, ours[verdictOf(wait, request, answer).state]]).toEqual([value, expected]);
			}
			if (wait.notFound) {
				const error = Object.assign(new Error('Requested resource not found'), { name: wait.notFound.error });
				expect(await sdkVerdict(waiter, error)).toBe(wait.notFound.means === 'done' ? 'SUCCESS' : 'RETRY');
			}
		},
	);
});

describe('docs/options.md', () => {
	it('lists every Wait Until Done row with its states and the permission it needs (UPDATE_DOCS=1 regenerates it)', () => {
		const readme = fs.readFileSync(PAGE, 'utf8');
		const table = waitTable();
		const current = /\| Operation \| Done when \|[^\n]*\n(\|[^\n]*\n?)*/.exec(readme)?.[0]?.trimEnd();
		if (process.env.UPDATE_DOCS && current) fs.writeFileSync(PAGE, readme.replace(current, table));
		else expect(current).toBe(table);
	});
});

describe('verdicts', () => {
	const updateTable = operations.find((o) => o.action === 'UpdateTable')!.wait!;
	const table = (extra: Json) => ({ Table: { TableName: 'users', TableStatus: 'ACTIVE', ...extra } });

	it('a table ACTIVE with an index still CREATING (backfilling) is still going', () => {
		const verdict = verdictOf(updateTable, { TableName: 'users' }, table({ GlobalSecondaryIndexes: [{ IndexName: 'by_email', IndexStatus: 'CREATING' }] }));
		expect(verdict).toEqual({ state: 'pending', summary: 'table users ACTIVE, index by_email CREATING' });
	});

	it('a replica that failed fails with AWS’s reason, even while other parts are still going', () => {
		const verdict = verdictOf(
			updateTable,
			{ TableName: 'users' },
			table({
				TableStatus: 'UPDATING',
				Replicas: [
					{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE' },
					{ RegionName: 'ap-south-2', ReplicaStatus: 'CREATION_FAILED', ReplicaStatusDescription: 'The KMS key is not accessible in ap-south-2' },
				],
			}),
		);
		expect(verdict).toEqual({
			state: 'failed',
			summary: 'table users UPDATING, replica eu-west-1 ACTIVE, replica ap-south-2 CREATION_FAILED',
			reason: 'The KMS key is not accessible in ap-south-2',
		});
	});

	it('a state AWS may add later is never taken for done', () => {
		expect(verdictOf(updateTable, { TableName: 'users' }, table({ TableStatus: 'SOMETHING_NEW' })).state).toBe('pending');
		expect(verdictOf(updateTable, { TableName: 'users' }, {}).state).toBe('pending');
	});

	it('the request says which way a switch goes (Time to Live on or off)', () => {
		const ttl = operations.find((o) => o.action === 'UpdateTimeToLive')!.wait!;
		const answer = { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } };
		expect(verdictOf(ttl, { TimeToLiveSpecification: { Enabled: false } }, answer).state).toBe('done');
		expect(verdictOf(ttl, { TimeToLiveSpecification: { Enabled: true } }, answer).state).toBe('pending');
	});

	it('watches the Kinesis destination of the request’s stream only, and reports it when it is not listed yet', () => {
		const enable = operations.find((o) => o.action === 'EnableKinesisStreamingDestination')!.wait!;
		const request = { TableName: 'users', StreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/b' };
		const other = { StreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/a', DestinationStatus: 'ACTIVE' };
		expect(verdictOf(enable, request, { KinesisDataStreamDestinations: [other] })).toEqual({ state: 'pending', summary: 'Kinesis destination not listed yet' });
		const mine = { StreamArn: request.StreamArn, DestinationStatus: 'ACTIVE' };
		expect(verdictOf(enable, request, { KinesisDataStreamDestinations: [other, mine] }).state).toBe('done');
		expect(holdersAt({ KinesisDataStreamDestinations: [other, mine] }, 'KinesisDataStreamDestinations[StreamArn=StreamArn]', request).holders).toEqual([mine]);
	});

	it('the output: the answer with the settled description in place of the early one', () => {
		const createTable = operations.find((o) => o.action === 'CreateTable')!.wait!;
		const answer = { TableDescription: { TableName: 'users', TableStatus: 'CREATING' } };
		const settled = { Table: { TableName: 'users', TableStatus: 'ACTIVE', ItemCount: 0 } };
		expect(withSettled(createTable, answer, settled, {})).toEqual({ TableDescription: settled.Table });
		const ttl = operations.find((o) => o.action === 'UpdateTimeToLive')!.wait!;
		const spec = { TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } };
		const described = { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'exp' } };
		expect(withSettled(ttl, spec, described, spec)).toEqual({ ...spec, ...described });
	});
});
