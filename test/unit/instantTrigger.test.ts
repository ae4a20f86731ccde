import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TriggerContext } from 'n8n-core';
import { Workflow, type INodeParameters, type INodeProperties } from 'n8n-workflow';
import { additionalDataOf } from '../../scripts/engine';
import { DynamoDbInstantTrigger } from '../../nodes/DynamoDbInstantTrigger/DynamoDbInstantTrigger.node';
import { instantSettings } from '../../nodes/DynamoDbInstantTrigger/settings';
import { DynamoDbTrigger } from '../../nodes/DynamoDbTrigger/DynamoDbTrigger.node';

const instant = new DynamoDbInstantTrigger();
const polled = new DynamoDbTrigger();
const byName = (properties: INodeProperties[], name: string) => properties.find((p) => p.name === name);
const notice = (properties: INodeProperties[]) => properties.find((p) => p.type === 'notice')!.displayName;

/** The instant trigger's parameters as n8n resolves them for trigger(): a real TriggerContext on a workflow holding the node. */
function contextWith(parameters: INodeParameters) {
	const nodeTypes = { getByName: () => instant, getByNameAndVersion: () => instant, getKnownTypes: () => ({}) };
	const node = { id: 'n1', name: 'Instant', type: 'test.instant', typeVersion: 1, position: [0, 0] as [number, number], parameters };
	const workflow = new Workflow({ id: 'w1', nodes: [node], connections: {}, active: true, nodeTypes, settings: {} });
	return new TriggerContext(workflow, workflow.getNode('Instant')!, additionalDataOf({}, undefined), 'trigger', 'activate');
}
const table = { table: { __rl: true, mode: 'name', value: 'users' } };

describe('DynamoDB Instant Trigger: the node', () => {
	it('is a trigger() node of its own (no polling), on the same credential, listed in the package', () => {
		expect(instant.description).toMatchObject({ name: 'dynamoDbInstantTrigger', displayName: 'DynamoDB Instant Trigger', group: ['trigger'], inputs: [], credentials: [{ name: 'dynamoDbApi', required: true, testedBy: 'dynamoDbApiTest' }] });
		expect(instant.description.polling).toBeUndefined();
		expect(typeof instant.trigger).toBe('function');
		const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { n8n: { nodes: string[] } };
		expect(pkg.n8n.nodes).toContain('dist/nodes/DynamoDbInstantTrigger/DynamoDbInstantTrigger.node.js');
	});

	it("shares the polling trigger's parameter definitions (the same objects, not copies)", () => {
		for (const name of ['table', 'events', 'ttlExpiries', 'startFrom', 'simplify']) expect(byName(instant.description.properties, name)).toBe(byName(polled.description.properties, name));
	});

	it('each trigger says what it costs and points at the other', () => {
		const instantNotice = notice(instant.description.properties);
		const pollNotice = notice(polled.description.properties);
		expect(instantNotice).toMatch(/about once a second/);
		expect(instantNotice).toMatch(/main instance/);
		expect(instantNotice).toMatch(/86,400 GetRecords a day per shard/);
		expect(instantNotice).toMatch(/DynamoDB Trigger polls/);
		expect(pollNotice).toMatch(/Poll Time/);
		expect(pollNotice).toMatch(/durable scheduler/);
		expect(pollNotice).toMatch(/DynamoDB Instant Trigger/);
		expect(pollNotice).toMatch(/86,400 GetRecords a day per shard/);
	});
});

describe('DynamoDB Instant Trigger: settings, as n8n resolves them', () => {
	it('defaults: 1,000 changes per execution, one execution in flight, the default checkpoint table', () => {
		const settings = instantSettings(contextWith(table));
		expect(settings).toMatchObject({ table: 'users', maxRecords: 1000, inFlight: 1, checkpointTable: 'n8n-dynamodb-checkpoints', startFrom: 'now', simplify: true, oneItemPerPoll: false });
		expect([...settings.filter.events]).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
	});

	it('a wrong setting is an error naming it and what it takes', () => {
		expect(() => instantSettings(contextWith({ ...table, options: { maxRecordsPerExecution: 0 } }))).toThrow('Max Records per Execution must be a whole number of at least 1, got 0');
		expect(() => instantSettings(contextWith({ ...table, options: { executionsInFlight: 11 } }))).toThrow('Executions in Flight must be a whole number from 1 to 10, got 11');
		expect(() => instantSettings(contextWith({ ...table, options: { executionsInFlight: 1.5 } }))).toThrow('Executions in Flight must be a whole number from 1 to 10, got 1.5');
		expect(() => instantSettings(contextWith({ ...table, checkpointTable: 'a b' }))).toThrow('Checkpoint Table must be a DynamoDB table name (3–255 letters, digits, _ - .), got "a b"');
		expect(() => instantSettings(contextWith({ table: { __rl: true, mode: 'name', value: '' } }))).toThrow('Choose the table whose changes start the workflow (parameter Table)');
		expect(() => instantSettings(contextWith({ ...table, events: [] }))).toThrow('Choose at least one of Insert, Modify and Remove (parameter Events)');
		expect(() => instantSettings(contextWith({ ...table, startFrom: 'later' }))).toThrow('Start From must be one of now, oldest, got "later"');
	});
});
