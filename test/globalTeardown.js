const fs = require('node:fs');
const { scan } = require('./secretScan');

module.exports = async () => {
	globalThis.__dynamodbLocal?.stop();
	// Secret scan (test/helpers/secrets.ts): a test credential in any output, error or log fails the run.
	const dir = process.env.SECRET_SCAN_DIR;
	if (!dir) return;
	const { records, bytes, findings } = scan(dir);
	fs.rmSync(dir, { recursive: true, force: true });
	if (findings.length > 0) {
		throw new Error(`Secret scan: test credentials found in ${findings.length} place(s) of what the tests showed users:\n${findings.slice(0, 20).join('\n')}`);
	}
	console.log(`\nSecret scan: ${records} outputs, errors and log lines (${(bytes / 1e6).toFixed(1)} MB) searched; no test credential found.`);
};
