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
 * The trigger under n8n 2.40.7's durable scheduler with durable poll cursors (its four flags), as
 * n8n's code runs it: the workflow's static data lives in the database (`db.staticData`), the node's
 * position in its poller_state row (`db.cursor`, created on first use from the node's static data).
 * Every poll runs on a staged copy of that row (PollContext's __runPoll / resolveNodeStaticData).
 * The activation poll (PollTriggerExecutor with testingTrigger) emits like any poll but, when it
 * emits nothing, commits nothing; n8n then saves the workflow's static data. Each scheduled
 * occurrence builds a fresh Workflow from the database; when it emits, the staged row is committed
 * in one transaction with the new execution's row (when the execution is created, before it runs),
 * and the workflow's static data is saved; when it emits nothing, the row is committed alone.
 * occurrence({ crash: true }): n8n dies after the poll, before that transaction.
 * handle.restart(): n8n started again on the same database (a new activation poll).
 */
async function activateDurable({ nodeType, parameters, credentials, db = { staticData: {}, cursor: undefined }, workflowId }) {
	const id = workflowId ?? `w-durable-${process.pid}-${++activations}`;
	const copy = (value) => JSON.parse(JSON.stringify(value));
	const executions = [];
	const errors = [];
	const saveStaticData = (workflow) => {
		if (workflow.staticData.__dataChanged !== true) return;
		db.staticData = snapshot(workflow);
		workflow.staticData.__dataChanged = false;
	};
	const poll = async (testingTrigger, crash = false) => {
		const workflow = workflowOf(nodeType, parameters, db.staticData, id);
		const node = workflow.getNode(NODE);
		const hooks = new ExecutionLifecycleHooks('trigger', `e-${id}`, { id, name: workflow.name, nodes: [], connections: {} });
		const staged = new AsyncLocalStorage();
		const take = () => {
			const store = staged.getStore();
			if (!store || JSON.stringify(store.snapshot) === JSON.stringify(store.seed)) return null;
			store.seed = copy(store.snapshot);
			return copy(store.snapshot);
		};
		const runPoll = async (run) => {
			db.cursor ??= copy(workflow.getStaticData('node', node));
			return await staged.run({ snapshot: copy(db.cursor), seed: copy(db.cursor) }, run);
		};
		const emit = (data) => {
			const cursor = take();
			saveStaticData(workflow);
			if (crash) return;
			if (cursor) db.cursor = cursor;
			executions.push({ items: data[0] });
		};
		const commitCursor = async () => {
			const cursor = take();
			if (cursor && !crash) db.cursor = cursor;
		};
		const activation = testingTrigger ? 'activate' : 'update';
		const pollFunctions = new PollContext(workflow, node, additionalDataOf(credentials, hooks), 'trigger', activation, emit, (error) => errors.push(error), commitCursor, runPoll, () => staged.getStore().snapshot, () => 36_000);
		await Container.get(PollTriggerExecutor).create(workflow, node, pollFunctions, () => true)(testingTrigger);
		if (testingTrigger) saveStaticData(workflow);
	};
	await poll(true);
	return {
		executions,
		errors,
		committed: () => copy(db.cursor ?? {}),
		saved: () => copy(db.staticData),
		occurrence: async ({ crash = false } = {}) => await poll(false, crash),
		restart: async () => await activateDurable({ nodeType, parameters, credentials, db, workflowId: id }),
	};
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
