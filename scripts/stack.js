// A real n8n 2.40.7 with this package, DynamoDB Local and (queue mode) Postgres, Redis and workers:
// what `npm start` serves and what `npm run test:queue` tests. Every process it starts is a child of
// this one, stopped by stop() (also when a start fails half way).
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const dynamodbLocal = require('./dynamodb-local');
const { startPostgres, startRedis, removeCluster } = require('./services');
const n8n = require('./e2e');

const { freePort } = dynamodbLocal;
/** The one credential every example workflow is pointed at. */
const CREDENTIAL = { id: 'dynamoDbLocal000', name: 'DynamoDB Local' };
/** DynamoDB Local keeps data per access key and region: the keys the example tables are seeded with. */
const LOCAL_KEYS = require('../test/e2e/seed').credentials;

/** Node 24, n8n 2.40.7 (shared cache), Java, DynamoDB Local, then the package built and packed. */
function prepare(log) {
	const step = (name, fn) => {
		const t = Date.now();
		const result = fn();
		log(`${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
		return result;
	};
	step('Node 24 ready', n8n.ensureNode24);
	step(`n8n ${n8n.N8N_VERSION} ready in ${path.relative(n8n.ROOT, n8n.CACHE) || n8n.CACHE}`, n8n.ensureN8n);
	step('DynamoDB Local ready', () => {
		dynamodbLocal.ensureJava();
		dynamodbLocal.ensureInstalled();
	});
	return step('package built and packed', n8n.pack);
}

/**
 * Starts the stack. Options:
 * - runDir: where user folders, logs and (persistent) data live;
 * - tarball: the packed package, installed into every n8n process's user folder;
 * - queue: Postgres + Redis + EXECUTIONS_MODE=queue; workers: how many `n8n worker`s (queue only);
 * - persistent: n8n's database and DynamoDB Local's data kept in runDir/data (else throwaway);
 * - port: the editor's port (default: a free one);
 * - env: extra environment for every n8n process; mainEnv: extra for the main only (e.g. n8n's
 *   durable scheduler, which runs on mains); workerEnv(name): extra for one worker;
 * - log: progress lines.
 * Returns { url, dynamoEndpoint, credential, main, workers, startWorker, cli, logs, stop }.
 */
async function startStack({ runDir, tarball, queue = false, workers = queue ? 2 : 0, persistent = false, port: editorPort, env = {}, mainEnv = {}, workerEnv = () => ({}), log = console.log }) {
	const started = [];
	const timed = async (name, fn) => {
		const t = Date.now();
		const result = await fn();
		log(`${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
		return result;
	};
	const stop = async () => {
		for (const { name, stop: stopOne } of started.reverse()) await stopOne().catch((e) => log(`stopping ${name}: ${e.message}`));
		started.length = 0;
	};
	const dataDir = path.join(runDir, 'data');
	const logDir = path.join(runDir, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	const logs = {};
	try {
		const dynamo = await timed('DynamoDB Local started', () => dynamodbLocal.start(persistent ? { dbPath: path.join(dataDir, 'dynamodb') } : {}));
		started.push({ name: 'DynamoDB Local', stop: () => stopChild(dynamo.child) });

		const common = { ...env };
		if (persistent && !queue) common.DB_SQLITE_DATABASE = path.join(dataDir, 'n8n', 'database.sqlite');
		if (persistent) fs.mkdirSync(path.join(dataDir, 'n8n'), { recursive: true });
		if (queue) {
			// As root, a cluster the `postgres` user cannot reach here is kept where it can (services.js).
			const pgDir = path.join(persistent ? dataDir : runDir, 'postgres');
			logs.postgres = path.join(logDir, 'postgres.log');
			const pg = await timed('Postgres started', () => startPostgres({ dataDir: pgDir, throwaway: !persistent, logFile: logs.postgres }));
			log(`Postgres's data in ${pg.dataDir}`);
			started.push({ name: 'Postgres', stop: async () => (await pg.stop(), persistent || removeCluster(pgDir)) });
			logs.redis = path.join(logDir, 'redis.log');
			const redis = await timed('Redis started', () => startRedis({ logFile: logs.redis }));
			started.push({ name: 'Redis', stop: redis.stop });
			Object.assign(common, {
				EXECUTIONS_MODE: 'queue',
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				QUEUE_BULL_REDIS_HOST: redis.host,
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: pg.host,
				DB_POSTGRESDB_PORT: String(pg.port),
				DB_POSTGRESDB_DATABASE: pg.database,
				DB_POSTGRESDB_USER: pg.user,
				DB_POSTGRESDB_PASSWORD: '',
			});
		}

		// The package goes into every process's own user folder, as on separate machines.
		const folders = { main: path.join(runDir, 'main') };
		for (let i = 1; i <= workers; i++) folders[`worker-${i}`] = path.join(runDir, `worker-${i}`);
		await timed(`package installed into ${Object.keys(folders).length} user folder(s) like Settings › Community Nodes`, () =>
			Promise.all(Object.values(folders).map((folder) => n8n.installIntoUserFolder(tarball, folder))),
		);

		const envFor = async (name, port) => {
			const processEnv = { ...(await n8n.n8nEnv(port, folders[name])), ...common };
			// Started from jest, NODE_ENV is `test`: n8n would then log nothing and act as in its own tests.
			if (processEnv.NODE_ENV === 'test') delete processEnv.NODE_ENV;
			for (const key of Object.keys(processEnv)) if (key.startsWith('JEST_')) delete processEnv[key];
			return processEnv;
		};
		const cli = async (args) => execFileSync(n8n.NODE24_BIN, [n8n.N8N_BIN, ...args], { env: await envFor('main', await freePort()), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
		const credentialsFile = path.join(runDir, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([{ ...CREDENTIAL, type: 'dynamoDbApi', data: { region: 'us-east-1', ...LOCAL_KEYS, endpoint: dynamo.endpoint } }]),
		);
		// Imported at every start: DynamoDB Local's port (in the credential) is new each time.
		await timed('credential "DynamoDB Local" imported', () => cli(['import:credentials', `--input=${credentialsFile}`]));

		const port = editorPort ?? (await freePort());
		const url = `http://127.0.0.1:${port}`;
		const spawnN8n = async (name, args, processEnv) => {
			// A new log at each start of the stack; a process started again in it (a worker) appends.
			const out = fs.openSync(path.join(logDir, `${name}.log`), logs[name] ? 'a' : 'w');
			logs[name] = path.join(logDir, `${name}.log`);
			const child = spawn(n8n.NODE24_BIN, [n8n.N8N_BIN, ...args], { env: processEnv, stdio: ['ignore', out, out] });
			const entry = { name, stop: () => n8n.stopProcess(child, name) };
			started.push(entry);
			return { name, child, log: logs[name], entry };
		};
		const main = await timed(`n8n main started on ${url}${queue ? ' (EXECUTIONS_MODE=queue)' : ''}`, async () => {
			const handle = await spawnN8n('main', ['start'], { ...(await envFor('main', port)), ...mainEnv });
			await n8n.waitForReady(url, handle.child, 180000, logs.main);
			return handle;
		});

		const workerHandles = [];
		const startWorker = async (name) => {
			const healthPort = await freePort();
			const handle = await spawnN8n(name, ['worker', '--concurrency=10'], {
				...(await envFor(name, await freePort())),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				...workerEnv(name),
			});
			await n8n.waitForReady(`http://127.0.0.1:${healthPort}`, handle.child, 180000, logs[name]);
			workerHandles.push(handle);
			return handle;
		};
		if (workers) {
			await timed(`${workers} n8n worker(s) started`, () => Promise.all(Object.keys(folders).filter((n) => n !== 'main').map((n) => startWorker(n))));
		}
		return { url, dynamoEndpoint: dynamo.endpoint, credential: CREDENTIAL, keys: LOCAL_KEYS, main, workers: workerHandles, startWorker, cli, logs, folders, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

function stopChild(child) {
	return n8n.stopProcess(child, 'DynamoDB Local');
}

module.exports = { prepare, startStack, CREDENTIAL, LOCAL_KEYS };
