/**
 * `npm start` as a user runs it: scripts/start.js started, the owner logs in through n8n's REST API,
 * an example runs by its webhook, the row is checked in DynamoDB Local, Ctrl-C (SIGINT) stops it and
 * no process it started is left; a second start keeps the data and the owner.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { alive, client, descendants, n8nLib, runDir, tarball } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { removeCluster } = require('../../scripts/services') as { removeCluster(dataDir: string): void };

interface Started {
	child: ChildProcess;
	url: string;
	email: string;
	password: string;
	endpoint: string;
	output: () => string;
}

/** Starts scripts/start.js and resolves when it prints "n8n is ready" and the lines under it. */
function start(args: string[], stateDir = runDir('start')): Promise<Started> {
	const child = spawn(process.execPath, [path.join(n8nLib.ROOT, 'scripts', 'start.js'), '--state-dir', stateDir, ...args], {
		env: { ...process.env, START_TARBALL: tarball() },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let text = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`npm start not ready in 5 min:\n${text}`)), 300000);
		const onData = (chunk: Buffer) => {
			text += chunk.toString();
			const ready = /n8n is ready: (\S+)\n\s+owner:\s+(\S+) \/ (\S+)\n\s+credential: "DynamoDB Local" → (\S+)/.exec(text);
			if (ready && text.includes('Ctrl-C stops everything.')) {
				clearTimeout(timer);
				resolve({ child, url: ready[1], email: ready[2], password: ready[3], endpoint: ready[4], output: () => text });
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`npm start exited with ${code} before it was ready:\n${text}`));
		});
	});
}

/** Ctrl-C, then: start.js exits 0 and every process it had started is gone. */
async function stop(started: Started): Promise<void> {
	const pids = descendants(started.child.pid!);
	expect(pids.length).toBeGreaterThanOrEqual(3); // DynamoDB Local, n8n, n8n's task runner at least
	const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
	started.child.kill('SIGINT');
	expect(await exited).toBe(0);
	const deadline = Date.now() + 20000;
	while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
	expect(pids.filter(alive)).toEqual([]);
}

async function putUserByWebhook(started: Started, user: Record<string, string>): Promise<void> {
	const answer = await fetch(`${started.url}/webhook/dynamodb-users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
	expect(answer.status).toBe(200);
	expect(await answer.json()).toMatchObject(user);
	expect(await getUser(started.endpoint, user.id)).toEqual(user);
}

async function login(started: Started): Promise<string> {
	const response = await fetch(`${started.url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: started.email, password: started.password }),
	});
	expect(response.status).toBe(200);
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	expect(cookie).toBeDefined();
	return cookie!.split(';')[0];
}

async function workflows(started: Started, cookie: string): Promise<{ name: string; active: boolean }[]> {
	const response = await fetch(`${started.url}/rest/workflows`, { headers: { cookie } });
	expect(response.status).toBe(200);
	return ((await response.json()) as { data: { name: string; active: boolean }[] }).data;
}

async function getUser(endpoint: string, id: string) {
	const db = client(endpoint);
	try {
		const { Item } = await db.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: id } }, ConsistentRead: true }));
		return Item && unmarshall(Item);
	} finally {
		db.destroy();
	}
}

const exampleNames = () =>
	fs
		.readdirSync(path.join(n8nLib.ROOT, 'examples'))
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(fs.readFileSync(path.join(n8nLib.ROOT, 'examples', f), 'utf8')).name as string)
		.sort();

test('npm start: log in, run the webhook example, find the row; Ctrl-C leaves nothing running; a restart keeps the data', async () => {
	const first = await start(['--fresh']);
	try {
		const cookie = await login(first);
		const list = await workflows(first, cookie);
		expect(list.map((w) => w.name).sort()).toEqual(exampleNames());
		expect(list.filter((w) => !w.active).map((w) => w.name)).toEqual([expect.stringMatching(/Query/)]); // the Manual Trigger one
		expect(await getUser(first.endpoint, 'u-1')).toMatchObject({ name: 'Ada Lovelace' }); // seeded
		await putUserByWebhook(first, { id: 'u-start', name: 'Alan Turing', email: 'alan@example.com' });
	} finally {
		await stop(first);
	}

	const second = await start([]);
	try {
		expect(second.output()).toContain('kept from the last start');
		await login(second);
		expect(await getUser(second.endpoint, 'u-start')).toEqual({ id: 'u-start', name: 'Alan Turing', email: 'alan@example.com' });
	} finally {
		await stop(second);
	}
}, 900000);

test('npm start -- --queue: the same in queue mode, the example run by a worker; Ctrl-C leaves nothing running', async () => {
	const stateDir = runDir('start-queue');
	const started = await start(['--queue', '--fresh'], stateDir);
	try {
		expect(started.output()).toMatch(/queue mode: main \+ worker-1, worker-2/);
		await login(started);
		await putUserByWebhook(started, { id: 'u-queue', name: 'Grace Hopper', email: 'grace@example.com' });
		const ranOn = ['worker-1', 'worker-2'].filter((w) => /Worker started execution/.test(fs.readFileSync(path.join(stateDir, 'logs', `${w}.log`), 'utf8')));
		expect(ranOn.length).toBe(1);
		expect(fs.readFileSync(path.join(stateDir, 'logs', 'main.log'), 'utf8')).toMatch(/Enqueued execution/);
	} finally {
		await stop(started);
		// As root in a folder the postgres user cannot enter, n8n's database is kept outside the
		// clone (scripts/services.js): removed with the rest of this test's state.
		removeCluster(path.join(stateDir, 'data', 'postgres'));
	}
}, 600000);
