#!/usr/bin/env node
// The test command: checks Node and Java, installs DynamoDB Local (cached), builds, lints, runs jest.
// Jest's global setup starts DynamoDB Local on a free port and stops it at the end.
const { execSync } = require('node:child_process');
const { ensureInstalled, ensureJava } = require('./dynamodb-local');

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
	console.error(`Node ${process.versions.node} is too old: the tests need Node 20 or later.`);
	process.exit(1);
}
ensureJava();
ensureInstalled();

const run = (command) => execSync(command, { stdio: 'inherit', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
try {
	run('npm run build');
	run('npm run lint');
	run(`npx jest ${process.argv.slice(2).join(' ')}`);
} catch (error) {
	process.exit(error.status || 1);
}
