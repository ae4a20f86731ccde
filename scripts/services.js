// Postgres and Redis for n8n's queue mode, from Debian's packages (installed with apt-get when
// missing), each started on a free port and stopped by its pid.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
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

/** Every folder above the cluster must be searchable by others (the `postgres` user), e.g. not under /root. */
function reachable(dir) {
	for (let d = dir; ; d = path.dirname(d)) {
		if (fs.existsSync(d) && !(fs.statSync(d).mode & 0o001)) {
			throw new Error(`Postgres runs as the postgres user, which cannot enter ${d}: keep the state in a folder it can reach (npm start -- --state-dir DIR)`);
		}
		if (d === path.dirname(d)) return;
	}
}

/**
 * A Postgres cluster in `dataDir` (created there with initdb on first use: user `n8n`, trust auth on
 * 127.0.0.1 only, database `n8n`), on a free port. `throwaway` trades durability for speed (no fsync).
 */
async function startPostgres({ dataDir, throwaway = false, logFile }) {
	const bin = postgresBin();
	const user = postgresUser();
	const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
	if (user.uid !== undefined) reachable(path.dirname(path.resolve(dataDir)));
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
	return { host: '127.0.0.1', port, database: 'n8n', user: 'n8n', pid: child.pid, child, stop: () => stop(child, 'SIGINT') };
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

module.exports = { startPostgres, startRedis };
