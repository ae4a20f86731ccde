// Runs a trigger() node (the DynamoDB Instant Trigger) the way n8n 2.x runs an active one: n8n-core's
// ActiveWorkflowTriggers activates it (trigger() awaited, its closeFunction kept), each emit starts an
// "execution" whose end settles the donePromise as n8n's does (undefined when none started), and an
// emitError makes n8n remove the trigger (closeFunction) as it does before queueing a reactivation.
// The execution is the `run` function given (default: finishes at once), so a test can hold executions
// open to see how many the trigger keeps in flight. A manual test listen goes through n8n-core's
// TriggersAndPollers in manual mode. Types: scripts/listener.d.ts.
require('reflect-metadata');
const { Container } = require('@n8n/di');
const { ActiveWorkflowTriggers, ExecutionLifecycleHooks, TriggerContext, TriggersAndPollers } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const { additionalDataOf } = require('./engine');

const NODE = 'DynamoDB Instant Trigger';
let activations = 0;

function workflowOf(nodeType, parameters, id) {
	const types = { 'test.dynamoDbInstantTrigger': typeof nodeType === 'function' ? new nodeType() : nodeType };
	const nodeTypes = { getByName: (name) => types[name], getByNameAndVersion: (name) => types[name], getKnownTypes: () => ({}) };
	const nodes = [
		{
			id: 'instant-1',
			name: NODE,
			type: 'test.dynamoDbInstantTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { dynamoDbApi: { id: 'c1', name: 'DynamoDB test' } },
		},
	];
	return new Workflow({ id, name: 'instant trigger test', nodes, connections: {}, active: true, nodeTypes, settings: {}, staticData: {} });
}

/**
 * Activates the trigger (resolves when n8n's activation would: trigger() has returned; it rejects
 * with the activation error). handle.executions: each emit's items, with when it started and
 * finished; handle.stop(): deactivation (awaits the closeFunction); handle.until(check): waits
 * until check() is true (or fails after timeoutMs).
 */
async function listen({ nodeType, parameters, credentials, workflowId, run = async () => {}, logger }) {
	const id = workflowId ?? `w-instant-${process.pid}-${++activations}`;
	const workflow = workflowOf(nodeType, parameters, id);
	const hooks = new ExecutionLifecycleHooks('trigger', `e-${id}`, { id, name: workflow.name, nodes: [], connections: {} });
	const additionalData = additionalDataOf(credentials, hooks);
	const triggers = Container.get(ActiveWorkflowTriggers);
	const executions = [];
	const errors = [];
	const warnings = [];
	let running = 0;
	let maxInFlight = 0;
	let removed;
	const remove = () => (removed ??= triggers.remove(id));
	const getTriggerFunctions = (wf, node, data, mode, activation) => {
		const emit = (items, _response, donePromise) => {
			const execution = { items: items[0], startedAt: Date.now(), finishedAt: undefined };
			executions.push(execution);
			running++;
			maxInFlight = Math.max(maxInFlight, running);
			// n8n runs the execution asynchronously and settles donePromise with its end.
			void Promise.resolve()
				.then(async () => await run(execution.items, executions.length - 1))
				.then(
					() => {
						running--;
						execution.finishedAt = Date.now();
						donePromise?.resolve({ finished: true, status: 'success' });
					},
					(error) => {
						running--;
						donePromise?.reject(error);
					},
				);
		};
		const emitError = (error) => {
			errors.push(error);
			void remove();
		};
		const context = new TriggerContext(wf, node, data, mode, activation, emit, emitError, () => {});
		const log = logger ?? { warn: (message) => warnings.push(message), info() {}, debug() {}, error: (message) => warnings.push(message) };
		Object.defineProperty(context, 'logger', { value: log });
		return context;
	};
	await triggers.addAllTriggers(id, workflow, additionalData, 'trigger', 'activate', getTriggerFunctions, () => {
		throw new Error('not a polling trigger');
	});
	const handle = {
		workflowId: id,
		executions,
		errors,
		warnings,
		items: () => executions.flatMap((e) => e.items.map((i) => i.json)),
		running: () => running,
		maxInFlight: () => maxInFlight,
		stop: async () => await remove(),
		async until(check, timeoutMs = 20_000, what = 'the condition') {
			const until = Date.now() + timeoutMs;
			while (!check()) {
				if (errors.length) throw errors[0];
				if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		},
	};
	return handle;
}

/** A manual test listen ("Listen for test event"): resolves to the first items emitted, then closes the trigger. */
async function listenManually({ nodeType, parameters, credentials, timeoutMs = 20_000 }) {
	const id = `w-instant-manual-${process.pid}-${++activations}`;
	const workflow = workflowOf(nodeType, parameters, id);
	const node = workflow.getNode(NODE);
	const hooks = new ExecutionLifecycleHooks('manual', `e-${id}`, { id, name: workflow.name, nodes: [], connections: {} });
	const additionalData = additionalDataOf(credentials, hooks);
	const getTriggerFunctions = (wf, n, data, mode, activation) => new TriggerContext(wf, n, data, mode, activation);
	const response = await Container.get(TriggersAndPollers).runTriggerFunction(workflow, node, getTriggerFunctions, additionalData, 'manual', 'manual');
	let timer;
	try {
		const data = await Promise.race([response.manualTriggerResponse, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no test event')), timeoutMs)))]);
		return data[0].map((i) => i.json);
	} finally {
		clearTimeout(timer);
		await response.closeFunction?.();
	}
}

module.exports = { listen, listenManually };
