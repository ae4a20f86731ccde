#!/usr/bin/env node
// npm run test:queue — the packed package in n8n's queue mode (main + two workers, Postgres, Redis)
// and `npm start`, in a real n8n 2.40.7 (the e2e's cached install). Prepares once, then jest runs
// test/queue/*.queue.test.ts; each test file starts and stops its own processes.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { prepare } = require('./stack');

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const started = Date.now();
const log = (message) => console.log(`[queue ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);

async function main() {
	const tarball = prepare(log);
	const args = ['jest', '-c', 'test/queue/jest.config.js', '--runInBand', ...process.argv.slice(2)];
	const code = await new Promise((resolve) => {
		const jest = spawn('npx', args, { cwd: path.join(__dirname, '..'), stdio: 'inherit', env: { ...process.env, QUEUE_TARBALL: tarball } });
		jest.on('exit', (c) => resolve(c ?? 1));
	});
	log(`done: jest exit code ${code}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return code;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error.stack || error);
		process.exit(1);
	},
);
