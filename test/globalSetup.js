// Starts one DynamoDB Local for the whole test run; workers inherit its endpoint.
const { start } = require('../scripts/dynamodb-local');

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
	// Secret scan: workers append what the tests show users here; globalTeardown.js searches it.
	process.env.SECRET_SCAN_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'dynamodb-secret-scan-'));
	const server = await start();
	process.env.DYNAMODB_LOCAL_ENDPOINT = server.endpoint;
	globalThis.__dynamodbLocal = server;
};
