/**
 * The packed package, loaded by n8n's own loader: `npm pack` (what npm publish uploads and what
 * Settings › Community Nodes installs), extracted, then n8n-core's PackageDirectoryLoader — the
 * class n8n uses for installed community packages — loads the node and credential from it.
 * Needs `npm run build` first (npm test does it). The full run inside n8n is `npm run test:e2e`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PackageDirectoryLoader, resolveOutputSchemaPath } from 'n8n-core';
import { operations } from '../../nodes/DynamoDb/operations/registry';
import { outputSchemaOf } from '../../nodes/DynamoDb/output/outputSchema';

const ROOT = path.join(__dirname, '..', '..');
// Under the repository, so the package's dependencies resolve from its node_modules as they would
// from ~/.n8n/nodes/node_modules.
const WORK = path.join(ROOT, '.cache', `package-check-${process.pid}`);
const PACKAGE_DIR = path.join(WORK, 'package');

let packedFiles: string[] = [];
let loader: PackageDirectoryLoader;

beforeAll(async () => {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'DynamoDb', 'DynamoDb.node.js'))) throw new Error('dist/ is missing: run npm run build');
	fs.rmSync(WORK, { recursive: true, force: true });
	fs.mkdirSync(WORK, { recursive: true });
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', WORK, '--loglevel=error'], { cwd: ROOT, encoding: 'utf8' }),
	) as { filename: string; files: { path: string }[] }[];
	packedFiles = packed.files.map((f) => f.path);
	execFileSync('tar', ['xzf', path.join(WORK, packed.filename)], { cwd: WORK });
	loader = new PackageDirectoryLoader(PACKAGE_DIR);
	await loader.loadAll();
}, 120000);

afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

describe('the packed package in n8n-core’s PackageDirectoryLoader', () => {
	it('ships dist/ and package.json only, with every file the n8n block names', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));
		expect(pkg.name).toBe('n8n-nodes-dynamodb');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(packedFiles).toContain(file);
		expect(packedFiles.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'LICENSE.md'].includes(f))).toEqual([]);
		expect(packedFiles.some((f) => f.endsWith('.test.js') || f.startsWith('dist/test/'))).toBe(false);
	});

	it('loads the nodes dynamoDb, dynamoDbTrigger, dynamoDbInstantTrigger and dynamoDbChatMemory and the credential dynamoDbApi under the package name', () => {
		expect(loader.packageName).toBe('n8n-nodes-dynamodb');
		expect(Object.keys(loader.nodeTypes)).toEqual(['dynamoDb', 'dynamoDbTrigger', 'dynamoDbInstantTrigger', 'dynamoDbChatMemory']);
		expect(Object.keys(loader.credentialTypes)).toEqual(['dynamoDbApi']);
		expect(loader.known.nodes.dynamoDb.sourcePath).toBe('dist/nodes/DynamoDb/DynamoDb.node.js');
		expect(loader.known.nodes.dynamoDbTrigger.sourcePath).toBe('dist/nodes/DynamoDbTrigger/DynamoDbTrigger.node.js');
		expect(loader.known.nodes.dynamoDbInstantTrigger.sourcePath).toBe('dist/nodes/DynamoDbInstantTrigger/DynamoDbInstantTrigger.node.js');
		expect(typeof (loader.nodeTypes.dynamoDbInstantTrigger.type as { trigger?: unknown }).trigger).toBe('function');
		expect(loader.known.credentials.dynamoDbApi.supportedNodes).toEqual(['dynamoDb', 'dynamoDbTrigger', 'dynamoDbInstantTrigger', 'dynamoDbChatMemory']);
	});

	it('gives the trigger its polling description, the same icon and a poll function', () => {
		const type = loader.nodeTypes.dynamoDbTrigger.type as { poll?: unknown; description: Record<string, any>; methods?: { credentialTest?: Record<string, unknown> } };
		expect(type.description.displayName).toBe('DynamoDB Trigger');
		expect(type.description.polling).toBe(true);
		expect(type.description.credentials).toEqual([{ name: 'dynamoDbApi', required: true, testedBy: 'dynamoDbApiTest' }]);
		expect(Object.keys(type.methods?.credentialTest ?? {})).toEqual(['dynamoDbApiTest']);
		expect(typeof type.poll).toBe('function');
		expect(type.description.iconUrl).toEqual({
			light: 'icons/n8n-nodes-dynamodb/dist/nodes/DynamoDb/dynamodb.svg',
			dark: 'icons/n8n-nodes-dynamodb/dist/nodes/DynamoDb/dynamodb.dark.svg',
		});
		expect(type.description.codex?.categories?.length).toBeGreaterThan(0);
	});

	it('gives the node its description, codex, icons and tool flag as n8n shows them', () => {
		const { description } = loader.nodeTypes.dynamoDb.type as { description: Record<string, any> };
		expect(description.displayName).toBe('DynamoDB');
		expect(description.usableAsTool).toBe(true);
		expect(description.communityNodePackageVersion).toBe(require('../../package.json').version);
		expect(description.codex?.categories?.length).toBeGreaterThan(0);
		expect(description.iconUrl).toEqual({
			light: 'icons/n8n-nodes-dynamodb/dist/nodes/DynamoDb/dynamodb.svg',
			dark: 'icons/n8n-nodes-dynamodb/dist/nodes/DynamoDb/dynamodb.dark.svg',
		});
		for (const icon of Object.values(description.iconUrl as Record<string, string>)) {
			expect(fs.existsSync(path.join(PACKAGE_DIR, icon.replace('icons/n8n-nodes-dynamodb/', '')))).toBe(true);
		}
		const operation = description.properties.find((p: { name: string }) => p.name === 'operation');
		expect(operation.options.map((o: { value: string }) => o.value)).toEqual(expect.arrayContaining(['GetItem', 'PutItem', 'Query', 'UpdateItem']));
	});

	it('runs the loaded node class (execute is there, credential test method is registered)', () => {
		const type = loader.nodeTypes.dynamoDb.type as { execute?: unknown; methods?: { credentialTest?: Record<string, unknown> } };
		expect(typeof type.execute).toBe('function');
		expect(Object.keys(type.methods?.credentialTest ?? {})).toContain('dynamoDbApiTest');
	});

	it('ships an output schema for every operation where n8n looks for it (/schemas/<node>/1.0.0/dynamoDb/<operation>.json)', () => {
		const nodeDir = path.join(PACKAGE_DIR, 'dist', 'nodes', 'DynamoDb');
		for (const operation of operations) {
			// The editor asks for /schemas/n8n-nodes-dynamodb.dynamoDb/1.0.0/dynamoDb/GetItem.json (resource, then operation).
			const file = resolveOutputSchemaPath({ nodeDir, version: '1.0.0', resource: 'dynamoDb', operation: operation.action });
			expect({ action: operation.action, found: !!file && fs.existsSync(file) }).toEqual({ action: operation.action, found: true });
			expect(JSON.parse(fs.readFileSync(file!, 'utf8'))).toEqual(outputSchemaOf(operation));
		}
	});
});
