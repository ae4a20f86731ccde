#!/usr/bin/env node
// npm start [-- --queue] [-- --fresh] [-- --port N]: this package in a real n8n 2.40.7 editor, ready to use.
//
// Builds and packs the package, starts DynamoDB Local (tables users, contacts, orders with a few rows),
// installs the package into n8n's user folder the way Settings › Community Nodes does, imports the
// credential "DynamoDB Local" and every workflow of examples/ (the webhook, form and MCP ones
// published), sets up an owner account and prints it with the editor's URL. --queue runs n8n's queue
// mode instead: Postgres, Redis, a main and two workers. n8n's database and DynamoDB Local's data
// stay in .start/<mode>/data across restarts (as root in a folder the postgres user cannot enter,
// Postgres's cluster stays under that user's home instead: scripts/services.js, and
// data/postgres/LOCATION says where); --fresh starts from nothing. Ctrl-C stops everything.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { prepare, startStack } = require('./stack');
const { ROOT, setupOwner, publish } = require('./e2e');
const { freePort } = require('./dynamodb-local');
const { removeCluster } = require('./services');

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const queue = flag('queue');
const stateDir = path.resolve(option('state-dir') ?? path.join(ROOT, '.start', queue ? 'queue' : 'regular'));
const dataDir = path.join(stateDir, 'data');
const OWNER = { email: 'owner@example.com', firstName: 'Local', lastName: 'Owner', password: 'Local-owner-password-1' };

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const started = Date.now();
const log = (message) => console.log(`[start ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);

/** 5678 (n8n's usual port) when it is free, else any free port. */
async function editorPort() {
	if (option('port')) return Number(option('port'));
	const free = await new Promise((resolve) => {
		const server = net.createServer().once('error', () => resolve(false));
		server.listen(5678, '127.0.0.1', () => server.close(() => resolve(true)));
	});
	return free ? 5678 : freePort();
}

/** examples/*.json pointed at the "DynamoDB Local" credential, each with a stable id. */
function exampleWorkflows(credential) {
	const dir = path.join(stateDir, 'workflows');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const examples = path.join(ROOT, 'examples');
	return fs
		.readdirSync(examples)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'));
			workflow.id = `ex${createHash('sha256').update(file).digest('hex').slice(0, 14)}`;
			for (const node of workflow.nodes) if (node.credentials?.dynamoDbApi) node.credentials.dynamoDbApi = credential;
			fs.writeFileSync(path.join(dir, file), JSON.stringify(workflow, null, 2));
			const manual = workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');
			const paths = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook').map((n) => n.parameters.path);
			return { id: workflow.id, name: workflow.name, file, manual, paths, dir };
		});
}

async function main() {
	// Postgres's cluster may be kept outside the state folder (as root, see scripts/services.js).
	if (flag('fresh')) {
		removeCluster(path.join(dataDir, 'postgres'));
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
	const setupFile = path.join(dataDir, 'setup.json');
	const firstRun = !fs.existsSync(setupFile);
	log(`${queue ? 'queue mode' : 'regular mode'}, state in ${path.relative(process.cwd(), stateDir) || stateDir}${firstRun ? ' (new)' : ' (kept from the last start; --fresh starts over)'}`);
	const tarball = process.env.START_TARBALL || prepare(log);

	let stack;
	let stopping;
	const shutdown = async (code) => {
		stopping ??= (async () => {
			log('stopping everything');
			await stack?.stop();
			log('stopped');
			process.exit(code);
		})();
		return stopping;
	};
	process.on('SIGINT', () => shutdown(0));
	process.on('SIGTERM', () => shutdown(0));

	stack = await startStack({ runDir: stateDir, tarball, queue, persistent: true, port: await editorPort(), log });
	try {
		await loadExamples(stack, firstRun, setupFile);
	} catch (error) {
		console.error(error.stack || error);
		await shutdown(1);
	}
	// Every n8n process is a child: if one dies, say so and stop the rest.
	for (const proc of [stack.main, ...stack.workers]) {
		proc.child.once('exit', (code, signal) => {
			if (stopping) return;
			log(`${proc.name} exited (${signal ?? code}); see ${proc.log}`);
			shutdown(1);
		});
	}
}

/** On the first start: tables and rows, the example workflows, the owner; then what to open. */
async function loadExamples(stack, firstRun, setupFile) {
	const { seed } = require('../test/e2e/seed');
	const workflows = exampleWorkflows(stack.credential);
	if (firstRun) {
		await seed(stack.dynamoEndpoint);
		log('tables users, contacts, orders created with a few rows');
		await stack.cli(['import:workflow', '--separate', `--input=${workflows[0].dir}`]);
		log(`${workflows.length} example workflows imported`);
		const { cookie } = await setupOwner(stack.url, OWNER);
		for (const workflow of workflows.filter((w) => !w.manual)) await publish(stack.url, cookie, workflow.id);
		log(`published: ${workflows.filter((w) => !w.manual).map((w) => w.file).join(', ')}`);
		fs.writeFileSync(setupFile, JSON.stringify({ owner: OWNER, workflows: workflows.map(({ dir, ...w }) => w) }, null, 2));
	}
	const { owner } = JSON.parse(fs.readFileSync(setupFile, 'utf8'));
	const hook = workflows.find((w) => w.paths.includes('dynamodb-users'));
	console.log(
		[
			'',
			`n8n is ready: ${stack.url}`,
			`  owner:      ${owner.email} / ${owner.password}`,
			`  credential: "${stack.credential.name}" → ${stack.dynamoEndpoint} (tables users, contacts, orders)`,
			`  workflows:  ${workflows.map((w) => `${w.file}${w.manual ? '' : ' (active)'}`).join(', ')}`,
			queue ? `  queue mode: main + ${stack.workers.map((w) => w.name).sort().join(', ')}; logs in ${path.join(stateDir, 'logs')}` : `  logs:       ${path.join(stateDir, 'logs')}`,
			hook ? `  try:        curl -s -X POST ${stack.url}/webhook/dynamodb-users -H 'content-type: application/json' -d '{"id":"u-9","name":"Alan Turing","email":"alan@example.com"}'` : null,
			'Ctrl-C stops everything.',
			'',
		]
			.filter((line) => line !== null)
			.join('\n'),
	);
}

main().catch((error) => {
	console.error(error.stderr?.toString?.() || '', error.stack || error);
	process.exit(1);
});
