// The suite-wide secret scan (see test/helpers/secrets.ts): searches everything the tests recorded
// (output items, errors, credential-test messages, log lines) for the test credentials.
const fs = require('node:fs');
const path = require('node:path');

/**
 * The secrets no output, error or log may ever contain (test/helpers/local.ts, test/helpers/secrets.ts).
 * Access key ids are not among them: they identify a key and cannot sign anything, AWS prints them in
 * its own errors, and the node leaves them readable (transport/client.ts, redact).
 */
function testSecrets() {
	const read = (file, name) => {
		const text = fs.readFileSync(path.join(__dirname, 'helpers', file), 'utf8');
		const m = new RegExp(`export const ${name} = '([^']+)'`).exec(text);
		if (!m) throw new Error(`secret scan: ${name} not found in test/helpers/${file}`);
		return m[1];
	};
	return {
		TEST_SECRET_ACCESS_KEY: read('local.ts', 'TEST_SECRET_ACCESS_KEY'),
		TEST_SESSION_TOKEN: read('secrets.ts', 'TEST_SESSION_TOKEN'),
		TEST_ROLE_SECRET_ACCESS_KEY: read('secrets.ts', 'TEST_ROLE_SECRET_ACCESS_KEY'),
		TEST_ROLE_SESSION_TOKEN: read('secrets.ts', 'TEST_ROLE_SESSION_TOKEN'),
		TEST_SYSTEM_SECRET_ACCESS_KEY: read('secrets.ts', 'TEST_SYSTEM_SECRET_ACCESS_KEY'),
		TEST_SYSTEM_SESSION_TOKEN: read('secrets.ts', 'TEST_SYSTEM_SESSION_TOKEN'),
		TEST_CONTAINER_SECRET_ACCESS_KEY: read('secrets.ts', 'TEST_CONTAINER_SECRET_ACCESS_KEY'),
		TEST_CONTAINER_SESSION_TOKEN: read('secrets.ts', 'TEST_CONTAINER_SESSION_TOKEN'),
	};
}

/** Returns { records, bytes, findings }: findings name the secret and the record that held it. */
function scan(dir) {
	const secrets = testSecrets();
	let records = 0;
	let bytes = 0;
	const findings = [];
	for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
		for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
			if (!line) continue;
			records++;
			bytes += line.length;
			const { label, text } = JSON.parse(line);
			for (const [name, secret] of Object.entries(secrets)) {
				const at = text.indexOf(secret);
				if (at >= 0) findings.push(`${name} in "${label}": …${text.slice(Math.max(0, at - 80), at + secret.length + 40)}…`);
			}
		}
	}
	return { records, bytes, findings };
}

module.exports = { scan, testSecrets };
