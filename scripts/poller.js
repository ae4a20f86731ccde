// Runs a polling trigger (the DynamoDB Trigger) the way n8n 2.x runs an active one: one Workflow
// object per activation holding the static data, one PollContext made at activation and used for
// every tick, each tick through n8n-core's own PollTriggerExecutor (the activation poll awaited and
// its errors thrown, later ticks not awaited by n8n and their errors reported). Static data is
// "saved" when n8n saves it (after activation, and when a poll emits), so a restart resumes from
// what n8n would have in its database. Fetch Test Event runs the workflow in manual mode.
// Types: scripts/poller.d.ts.
require('reflect-metadata');
const { AsyncLocalStorage } = require('node:async_hooks');
const { Container } = require('@n8n/di');
const { ExecutionLifecycleHooks, PollContext, PollTriggerExecutor, WorkflowExecute } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const { additionalDataOf } = require('./engine');

const NODE = 'DynamoDB Trigger';
let activations = 0;

function workflowOf(nodeType, parameters, staticData, id) {
	const types = { 'test.dynamoDbTrigger': typeof nodeType === 'function' ? new nodeType() : nodeType };
	const nodeTypes = { getByName: (name) => types[name], getByNameAndVersion: (name) => types[name], getKnownTypes: () => ({}) };
	const nodes = [
		{
			id: 'trigger-1',
			name: NODE,
			type: 'test.dynamoDbTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
			credentials: { dynamoDbApi: { id: 'c1', name: 'DynamoDB test' } },
		},
	];
	return new Workflow({ id, name: 'trigger test', nodes, connections: {}, active: true, nodeTypes, settings: {}, staticData: JSON.parse(JSON.stringify(staticData)) });
}

/** What n8n's WorkflowStaticDataService would write to the database: the static data without its change flag. */
function snapshot(workflow) {
	return JSON.parse(JSON.stringify(workflow.staticData, (k, v) => (k === '__dataChanged' ? undefined : v)));
}

/**
 * Activates the trigger: resolves to a handle once the activation poll is done (it throws when that
 * poll fails, as n8n then refuses the activation).
 * handle.tick(): one cron tick (resolves when the poll is done; its error is returned, not thrown).
 * handle.emitted: every batch of items emitted so far (one entry per emitting poll).
 * handle.saved(): the static data as n8n has saved it. handle.restart(): a new activation from it.
 */
async function activate({ nodeType, parameters, credentials, staticData = {}, workflowId }) {
	const id = workflowId ?? `w-poll-${process.pid}-${++activations}`;
	const workflow = workflowOf(nodeType, parameters, staticData, id);
	const node = workflow.getNode(NODE);
	const hooks = new ExecutionLifecycleHooks('trigger', `e-${id}`, { id, name: workflow.name, nodes: [], connections: {} });
	const additionalData = additionalDataOf(credentials, hooks);
	let saved = JSON.parse(JSON.stringify(staticData));
	const emitted = [];
	const errors = [];
	const emit = (data) => {
		// n8n saves the static data first, then starts the execution with the items.
		saved = snapshot(workflow);
		emitted.push(data[0]);
	};
	const pollFunctions = new PollContext(workflow, node, additionalData, 'trigger', 'activate', emit, (error) => errors.push(error));
	const executePoll = Container.get(PollTriggerExecutor).create(workflow, node, pollFunctions, () => true);
	await executePoll(true);
	saved = snapshot(workflow);
	const handle = {
		workflow,
		emitted,
		errors,
		saved: () => JSON.parse(JSON.stringify(saved)),
		/** The static data in memory now (what the next tick reads). */
		current: () => snapshot(workflow),
		async tick() {
			const before = errors.length;
			await executePoll();
			return errors[before];
		},
		restart: (changes = {}) => activate({ nodeType, parameters: { ...parameters, ...changes }, credentials, staticData: saved, workflowId: id }),
	};
	return handle;
}

/**
 * The trigger under n8n's durable poll cursors (N8N_POLLER_DURABLE_CURSORS_ENABLED), with the hooks
 * n8n-core's PollContext has for them: each occurrence runs on a staged copy of the committed cursor
 * (__runPoll, resolveNodeStaticData); an emit hands its cursor to the execution, which commits it when
 * it finishes (here: `execution.commit()`, or not, as a crash would); a poll that emits nothing
 * commits its cursor itself (__commitCursor). handle.occurrence() runs one scheduled occurrence.
 */
async function activateDurable({ nodeType, parameters, credentials }) {
	const id = `w-durable-${process.pid}-${++activations}`;
	const workflow = workflowOf(nodeType, parameters, {}, id);
	const node = workflow.getNode(NODE);
	const hooks = new ExecutionLifecycleHooks('trigger', `e-${id}`, { id, name: workflow.name, nodes: [], connections: {} });
	const copy = (value) => JSON.parse(JSON.stringify(value));
	let committed = {};
	const staged = new AsyncLocalStorage();
	const take = () => {
		const store = staged.getStore();
		if (!store || JSON.stringify(store.snapshot) === JSON.stringify(store.seed)) return null;
		store.seed = copy(store.snapshot);
		return copy(store.snapshot);
	};
	const executions = [];
	const errors = [];
	const emit = (data) => {
		const cursor = take();
		executions.push({ items: data[0], commit: () => cursor && (committed = cursor) });
	};
	const runPoll = async (poll) => await staged.run({ snapshot: copy(committed), seed: copy(committed) }, poll);
	const commitCursor = async () => {
		const cursor = take();
		if (cursor) committed = cursor;
	};
	const pollFunctions = new PollContext(workflow, node, additionalDataOf(credentials, hooks), 'trigger', 'activate', emit, (error) => errors.push(error), commitCursor, runPoll, () => staged.getStore().snapshot, () => 60_000);
	const executePoll = Container.get(PollTriggerExecutor).create(workflow, node, pollFunctions, () => true);
	return { executions, errors, committed: () => copy(committed), occurrence: async () => await executePoll() };
}

/** Fetch Test Event: the workflow run in manual mode from the trigger; resolves to { items, error }. */
async function fetchTestEvent({ nodeType, parameters, credentials, staticData = {} }) {
	const id = `w-manual-${process.pid}-${++activations}`;
	const workflow = workflowOf(nodeType, parameters, staticData, id);
	const hooks = new ExecutionLifecycleHooks('manual', `e-${id}`, { id, name: workflow.name, nodes: [], connections: {} });
	const run = await new WorkflowExecute(additionalDataOf(credentials, hooks), 'manual').run({ workflow, startNode: workflow.getNode(NODE) });
	const task = run.data.resultData.runData[NODE]?.[0];
	return { items: task?.data?.main?.[0] ?? [], error: task?.error ?? run.data.resultData.error, staticData: snapshot(workflow) };
}

module.exports = { activate, activateDurable, fetchTestEvent };
