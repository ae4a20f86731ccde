/**
 * The suite-wide secret scan (test/globalTeardown.js) must be able to fail: planted secrets in a
 * scan directory of its own are found, whatever serialization they hide in.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../helpers/local';
import { LoggerProxy } from 'n8n-workflow';
import { captureLogs, recordForScan, TEST_ROLE_SECRET_ACCESS_KEY, TEST_SESSION_TOKEN } from '../helpers/secrets';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { scan } = require('../secretScan') as { scan: (dir: string) => { records: number; findings: string[] } };

describe('secret scan', () => {
	const suiteDir = process.env.SECRET_SCAN_DIR;
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'scan-test-'));
		process.env.SECRET_SCAN_DIR = dir;
	});
	afterEach(() => {
		process.env.SECRET_SCAN_DIR = suiteDir;
		rmSync(dir, { recursive: true, force: true });
	});

	it('finds each test secret, in items, error messages and an error cause', () => {
		recordForScan('item', [{ json: { note: `role ${TEST_ROLE_SECRET_ACCESS_KEY}` } }]);
		const error = new Error('outer', { cause: new Error(`inner ${TEST_SECRET_ACCESS_KEY}`) });
		recordForScan('error', error);
		recordForScan('log', 'header', { 'x-amz-security-token': TEST_SESSION_TOKEN });
		const { records, findings } = scan(dir);
		expect(records).toBe(3);
		expect(findings.map((f) => f.split(' in ')[0]).sort()).toEqual(['TEST_ROLE_SECRET_ACCESS_KEY', 'TEST_SECRET_ACCESS_KEY', 'TEST_SESSION_TOKEN']);
	});

	it("records n8n's log lines, through LoggerProxy and through n8n's root logger", async () => {
		captureLogs();
		LoggerProxy.error(`proxy ${TEST_SESSION_TOKEN}`);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Container } = require('@n8n/di');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Logger } = require('@n8n/backend-common');
		Container.get(Logger).error(`root ${TEST_SECRET_ACCESS_KEY}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const { findings } = scan(dir);
		expect(findings.some((f) => f.startsWith('TEST_SESSION_TOKEN in "log:error"'))).toBe(true);
		expect(findings.some((f) => f.startsWith('TEST_SECRET_ACCESS_KEY in "log:error"'))).toBe(true);
	});

	it('finds nothing in clean material (an access key id is no secret)', () => {
		recordForScan('clean', { message: `UnrecognizedClientException: The security token included in the request is invalid. Key ${TEST_ACCESS_KEY_ID}` });
		expect(readdirSync(dir)).toHaveLength(1);
		expect(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8')).toContain('UnrecognizedClientException');
		expect(scan(dir).findings).toEqual([]);
	});
});
