import type { Send } from '../transport/send';
import type { BatchKind, BatchPolicy } from './call';
import { AnswerCountError, UnprocessedRequestsError } from './errors';
import { mergeMeta } from './response';
import { sendUnits } from './sendUnits';
import { wireSize, type Unit } from './units';

/** PartiQL statement errors that mean "not run, send again". */
const STATEMENT_RETRY = new Set(['ProvisionedThroughputExceeded', 'ThrottlingError', 'RequestLimitExceeded']);

/** BatchExecuteStatement: answers in statement order; throttled statements sent again. */
export function statementKind(shared: Record<string, unknown>): BatchKind {
	return {
		max: 25,
		build: (units) => ({ ...shared, Statements: units.map((u) => u.request) }),
		settle(units, response) {
			const answers = (response.Responses ?? []) as Array<{ Error?: { Code?: string } }>;
			// Answers are matched by position: a count that differs would pair answers with the wrong statements.
			if (answers.length !== units.length) throw new AnswerCountError(units.length, answers.length);
			const values = new Map<Unit, unknown>();
			const lastValues = new Map<Unit, unknown>();
			const again: Unit[] = [];
			units.forEach((unit, k) => {
				if (STATEMENT_RETRY.has(answers[k]?.Error?.Code ?? '')) {
					again.push(unit);
					lastValues.set(unit, answers[k]);
				} else values.set(unit, answers[k]);
			});
			return { values, again, lastValues };
		},
	};
}

/** A BatchExecuteStatement request of any size: one answer per statement, in order; a statement still throttled keeps its Error entry. */
export async function sendStatements(send: Send, requests: unknown, shared: Record<string, unknown>, policy: BatchPolicy, accept: boolean) {
	const statements = (requests ?? []) as Array<Record<string, unknown>>;
	const units: Unit[] = statements.map((request, origin) => ({ table: '', group: '', request, id: String(origin), size: wireSize(request), origin }));
	const { outcome, responses } = await sendUnits(statementKind(shared), send, units, policy);
	let left = 0;
	const answers = units.map((unit) => {
		const o = outcome(unit);
		if (o.status === 'failed') throw o.error;
		if (o.status !== 'done') left++;
		return 'value' in o ? o.value : undefined;
	});
	const output = { ...mergeMeta(responses), Responses: answers };
	if (left > 0 && !accept) throw new UnprocessedRequestsError(left, units.length, 'Responses (entries with an Error)', { Responses: answers }, policy.maxRounds);
	return output;
}
