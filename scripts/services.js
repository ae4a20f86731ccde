// Postgres and Redis for n8n's queue mode, from Debian's packages (installed with apt-get when
// missing), each started on a free port and stopped by its pid.
const { execFileSync, spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort, waitForPort } = require('./dynamodb-local');

function aptInstall(what, packageName) {
	console.log(`[services] ${what} not found: installing Debian's ${packageName} with apt-get`);
	execFileSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packageName}`], { stdio: 'inherit' });
}

/** The newest /usr/lib/postgresql/<major>/bin (Debian's layout: initdb and postgres are not on PATH). */
function postgresBin() {
	const find = () => {
		const root = '/usr/lib/postgresql';
		const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'bin', 'postgres'))) : [];
		return majors.length ? path.join(root, majors.sort((a, b) => Number(b) - Number(a))[0], 'bin') : undefined;
	};
	if (!find()) aptInstall('Postgres', 'postgresql');
	return find();
}

/** initdb and postgres refuse to run as root: as root, they run as Debian's `postgres` user. */
function postgresUser() {
	if (process.getuid() !== 0) return {};
	const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	return { uid: id('-u'), gid: id('-g') };
}

/** Whether the `postgres` user (no supplementary groups, as Postgres itself runs) can enter `dir`. */
function canEnter(user, dir) {
	try {
		execFileSync('sh', ['-c', 'cd "$1"', 'sh', dir], { ...user, stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/**
 * Where the cluster for `wanted` lives. As any user but root, `wanted` itself. As root, Postgres runs
 * as `postgres`, which cannot enter a private folder (a clone in `mktemp -d` or in /root): then the
 * cluster goes to a folder of its own under the postgres user's home (Debian's /var/lib/postgresql,
 * kept across reboots like the rest of the state), named by a hash of `wanted` so the same state
 * folder finds the same cluster at every start. `wanted` gets a `LOCATION` file saying where it went.
 */
function clusterDir(wanted) {
	const user = postgresUser();
	wanted = path.resolve(wanted);
	if (user.uid === undefined) return wanted;
	fs.mkdirSync(path.dirname(wanted), { recursive: true });
	if (canEnter(user, path.dirname(wanted))) return wanted;
	const home = execFileSync('sh', ['-c', 'getent passwd postgres | cut -d: -f6'], { encoding: 'utf8' }).trim();
	const base = path.join(home && canEnter(user, home) ? home : os.tmpdir(), 'n8n-nodes-dynamodb');
	fs.mkdirSync(base, { recursive: true, mode: 0o700 });
	fs.chownSync(base, user.uid, user.gid);
	fs.chmodSync(base, 0o700);
	return path.join(base, createHash('sha256').update(wanted).digest('hex').slice(0, 16));
}

/** Deletes the cluster kept for `wanted` (wherever clusterDir put it); it must not be running. */
function removeCluster(wanted) {
	let dir;
	try {
		dir = clusterDir(wanted);
	} catch {
		// No `postgres` user (Postgres never installed): no cluster was ever made elsewhere.
	}
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
	fs.rmSync(path.resolve(wanted), { recursive: true, force: true });
}

/**
 * A Postgres cluster for `dataDir` (created on first use with initdb: user `n8n`, trust auth on
 * 127.0.0.1 only, database `n8n`; where clusterDir says), on a free port. `throwaway` trades
 * durability for speed (no fsync) and starts from an empty cluster.
 */
async function startPostgres({ dataDir: wanted, throwaway = false, logFile }) {
	const bin = postgresBin();
	const user = postgresUser();
	const dataDir = clusterDir(wanted);
	if (throwaway) fs.rmSync(dataDir, { recursive: true, force: true });
	if (dataDir !== path.resolve(wanted)) {
		fs.mkdirSync(wanted, { recursive: true });
		fs.writeFileSync(path.join(wanted, 'LOCATION'), `The Postgres cluster of this state is in ${dataDir}: the postgres user cannot enter this folder.\n`);
	}
	const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
	if (fresh) {
		fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
		if (user.uid !== undefined) fs.chownSync(dataDir, user.uid, user.gid);
		execFileSync(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync'], { ...user, cwd: dataDir, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	const port = await freePort();
	const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: dataDir, max_connections: '100' };
	if (throwaway) Object.assign(settings, { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' });
	const args = ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
	const out = logFile ? fs.openSync(logFile, 'w') : 'ignore';
	const child = spawn(path.join(bin, 'postgres'), args, { ...user, cwd: dataDir, stdio: ['ignore', out, out] });
	await waitForPort(port, child, 30000, 'Postgres');
	if (fresh) execFileSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'], { stdio: 'inherit' });
	// SIGINT is Postgres's fast shutdown (SIGTERM would wait for every client to disconnect).
	return { host: '127.0.0.1', port, database: 'n8n', user: 'n8n', dataDir, pid: child.pid, child, stop: () => stop(child, 'SIGINT') };
}

/** A Redis server on a free port, nothing written to disk (queue jobs live as long as the run). */
async function startRedis({ logFile } = {}) {
	const find = () => {
		try {
			return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
		} catch {
			return undefined;
		}
	};
	if (!find()) aptInstall('redis-server', 'redis-server');
	const port = await freePort();
	const out = logFile ? fs.openSync(logFile, 'w') : 'ignore';
	const child = spawn(find(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', out, out] });
	await waitForPort(port, child, 15000, 'Redis');
	return { host: '127.0.0.1', port, pid: child.pid, child, stop: () => stop(child, 'SIGTERM') };
}

/** Signals a child and resolves when it has exited (SIGKILL after 15 s). */
function stop(child, signal) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill(signal);
	});
}

module.exports = { startPostgres, startRedis, removeCluster };
