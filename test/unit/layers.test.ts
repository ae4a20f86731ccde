/**
 * The folders of nodes/ and credentials/ are layers: a file imports from its own folder and from the
 * folders its layer lists below, nothing else. The map (docs/development.md › Layout shows it too):
 *
 *   nodes/DynamoDb/*.ts (DynamoDb.node.ts, description.ts)  → anything in nodes/DynamoDb
 *   run/        the pipeline per execution                  → methods, output, body, shapes, batch, transport, operations
 *   methods/    n8n's methods (credential test, look-ups)   → body, shapes, transport, operations
 *   output/     responses and failures → n8n items/errors   → body, shapes, batch, transport, operations
 *   body/       body text → JSON (bind, parse, defaults)    → shapes, operations
 *   shapes/     JSON ⇄ SDK shapes (schema-driven)           → operations (types only)
 *   batch/      batch calls within DynamoDB's limits        → transport, operations
 *   transport/  clients, sending, paging, failure kinds     → operations (types only)
 *   operations/ the registry rows                           → nothing outside it
 *   nodes/DynamoDbTrigger/                                  → DynamoDb's methods, output, shapes, transport
 *   nodes/DynamoDbInstantTrigger/                           → the DynamoDB Trigger's reading (not its node file), DynamoDb's methods, output, shapes, transport
 *   nodes/DynamoDbChatMemory/                               → DynamoDb's methods, output, shapes, transport
 *   credentials/                                            → DynamoDb's transport
 *
 * So nothing imports run/ or a node file but the node file itself. output/ may import body/: it
 * describes the body's parse failures (body never needs output). Imports are read with the
 * TypeScript compiler (static, dynamic `import()`, `require`, `export … from`, `import('…')` types).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const NODE = 'nodes/DynamoDb';

interface Layer {
	/** Folders (relative to the repository) this layer may import from, besides its own. */
	may: string[];
	/** Of those, the folders it may import types from only. */
	typesOnly?: string[];
	/** What the layer is, for the failure message. */
	is: string;
}

const below = (...folders: string[]) => folders.map((f) => `${NODE}/${f}`);

const LAYERS: Record<string, Layer> = {
	[NODE]: { is: 'the DynamoDB node file', may: below('run', 'methods', 'output', 'body', 'shapes', 'batch', 'transport', 'operations') },
	[`${NODE}/run`]: { is: 'run/', may: below('methods', 'output', 'body', 'shapes', 'batch', 'transport', 'operations') },
	[`${NODE}/methods`]: { is: 'methods/', may: below('body', 'shapes', 'transport', 'operations') },
	[`${NODE}/output`]: { is: 'output/', may: below('body', 'shapes', 'batch', 'transport', 'operations') },
	[`${NODE}/body`]: { is: 'body/', may: below('shapes', 'operations') },
	[`${NODE}/shapes`]: { is: 'shapes/', may: below('operations'), typesOnly: below('operations') },
	[`${NODE}/batch`]: { is: 'batch/', may: below('transport', 'operations') },
	[`${NODE}/transport`]: { is: 'transport/', may: below('operations'), typesOnly: below('operations') },
	[`${NODE}/operations`]: { is: 'operations/', may: [] },
	'nodes/DynamoDbTrigger': { is: 'the DynamoDB Trigger', may: below('methods', 'output', 'shapes', 'transport') },
	'nodes/DynamoDbInstantTrigger': { is: 'the DynamoDB Instant Trigger', may: ['nodes/DynamoDbTrigger', ...below('methods', 'output', 'shapes', 'transport')] },
	'nodes/DynamoDbChatMemory': { is: 'the DynamoDB Chat Memory', may: below('methods', 'output', 'shapes', 'transport') },
	credentials: { is: 'credentials/', may: below('transport') },
};

interface Import {
	/** The specifier as written. */
	spec: string;
	/** The folder it resolves to, relative to the repository; undefined for a package. */
	folder?: string;
	typeOnly: boolean;
}

/** Every import of one source text, with whether it brings in types only. */
function importsOf(fileName: string, text: string): Array<Omit<Import, 'folder'>> {
	const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
	const found: Array<Omit<Import, 'folder'>> = [];
	const literal = (node: ts.Node | undefined) => (node && ts.isStringLiteralLike(node) ? node.text : undefined);
	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node)) {
			const clause = node.importClause;
			const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
			const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
			found.push({ spec: literal(node.moduleSpecifier)!, typeOnly });
		} else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
			const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
			found.push({ spec: literal(node.moduleSpecifier)!, typeOnly: node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)) });
		} else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
			found.push({ spec: literal(node.moduleReference.expression)!, typeOnly: node.isTypeOnly });
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
			found.push({ spec: literal(node.argument.literal)!, typeOnly: true });
		} else if (ts.isCallExpression(node)) {
			const callee = node.expression;
			const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
			const spec = dynamic ? literal(node.arguments[0]) : undefined;
			if (spec !== undefined) found.push({ spec, typeOnly: false });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found.filter((i) => i.spec !== undefined);
}

/** The folder a relative specifier lands in: a file's folder, or the folder itself (its index.ts). */
function folderOf(file: string, spec: string): string | undefined {
	if (!spec.startsWith('.')) return undefined;
	const target = resolve(ROOT, dirname(file), spec);
	const isDir = (() => {
		try {
			return statSync(target).isDirectory();
		} catch {
			return false;
		}
	})();
	return relative(ROOT, isDir ? target : dirname(target));
}

/** The layer a file belongs to: its folder, when the map has it. */
function layerOf(file: string): string | undefined {
	const folder = dirname(file);
	return Object.keys(LAYERS).find((layer) => folder === layer);
}

/** What is wrong with the imports of `file` (relative to the repository), one sentence each. */
function violations(file: string, imports: Array<Omit<Import, 'folder'>>): string[] {
	const own = layerOf(file);
	if (!own) return [`${file}: its folder is not in the layer map of test/unit/layers.test.ts (add it with what it may import)`];
	const layer = LAYERS[own];
	const wrong: string[] = [];
	for (const { spec, typeOnly } of imports) {
		const folder = folderOf(file, spec);
		if (folder === undefined) continue;
		if (/\.node(\.ts)?$/.test(spec)) {
			wrong.push(`${file} imports '${spec}': nothing imports a node file`);
			continue;
		}
		if (folder === own) continue;
		if (!layer.may.includes(folder)) {
			wrong.push(`${file} imports '${spec}' (${folder}): ${layer.is} may import only from ${layer.may.length ? layer.may.join(', ') : 'its own folder'}`);
		} else if (layer.typesOnly?.includes(folder) && !typeOnly) {
			wrong.push(`${file} imports '${spec}' (${folder}) for more than types: ${layer.is} may import only types from it (write \`import type\`)`);
		}
	}
	return wrong;
}

function sourceFiles(folder: string): string[] {
	return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
		const path = `${folder}/${entry.name}`;
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
	});
}

/** The source file a relative specifier names (`./x` → `x.ts` or `x/index.ts`); undefined for a package. */
function fileOf(file: string, spec: string): string | undefined {
	if (!spec.startsWith('.')) return undefined;
	const target = relative(ROOT, resolve(ROOT, dirname(file), spec));
	for (const candidate of [`${target}.ts`, `${target}/index.ts`, target]) {
		try {
			if (statSync(join(ROOT, candidate)).isFile()) return candidate;
		} catch {
			// not this one
		}
	}
	return undefined;
}

/** Every import circle among `files`, each once, as "a → b → a" (depth-first search over the import graph). */
function circles(files: string[], imports: Map<string, Array<Omit<Import, 'folder'>>>, resolveFile = fileOf): string[] {
	const edges = new Map(files.map((f) => [f, (imports.get(f) ?? []).map((i) => resolveFile(f, i.spec)).filter((t): t is string => !!t && imports.has(t))]));
	const found = new Set<string>();
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of edges.get(file) ?? []) {
			if (state.get(next) === 'open') {
				const loop = stack.slice(stack.indexOf(next));
				// One spelling per circle: starting at its smallest file.
				const first = loop.indexOf([...loop].sort()[0]);
				const turned = [...loop.slice(first), ...loop.slice(0, first)];
				found.add([...turned, turned[0]].join(' → '));
			} else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of files) if (!state.has(file)) visit(file);
	return [...found];
}

describe('folders are layers', () => {
	const files = [...sourceFiles('nodes'), ...sourceFiles('credentials')];
	const imports = new Map(files.map((file) => [file, importsOf(file, readFileSync(join(ROOT, file), 'utf8'))]));

	it('every import of nodes/ and credentials/ goes down the layer map', () => {
		const wrong = files.flatMap((file) => violations(file, imports.get(file)!));
		expect(wrong).toEqual([]);
	});

	it('reads the imports it checks (each layer folder has files, and they import across folders)', () => {
		for (const layer of Object.keys(LAYERS)) expect(files.some((f) => dirname(f) === layer)).toBe(true);
		const across = [...imports].flatMap(([file, list]) => list.filter((i) => folderOf(file, i.spec) !== undefined && folderOf(file, i.spec) !== dirname(file)));
		expect(across.length).toBeGreaterThan(50);
	});

	it("is the map docs/development.md's Layout section shows: a row for each layer folder there is", () => {
		const page = readFileSync(join(ROOT, 'docs', 'development.md'), 'utf8');
		const layout = page.slice(page.indexOf('## Layout'), page.indexOf('\n## ', page.indexOf('## Layout') + 1));
		for (const layer of Object.keys(LAYERS).filter((l) => l !== NODE && files.some((f) => dirname(f) === l))) expect(layout).toContain(`| \`${layer}/\``);
	});

	it('no file imports itself back through others (an import circle, type-only imports included)', () => {
		expect(circles(files, imports)).toEqual([]);
		// Planted: a circle is found and named by its files.
		const planted = new Map([
			['a.ts', [{ spec: './b', typeOnly: false }]],
			['b.ts', [{ spec: './a', typeOnly: true }]],
		]);
		expect(circles(['a.ts', 'b.ts'], planted, (_file, spec) => `${spec.slice(2)}.ts`)).toEqual(['a.ts → b.ts → a.ts']);
	});

	it('names the file and the import of an arrow against the order', () => {
		const planted = (file: string, text: string) => violations(file, importsOf(file, text));
		expect(planted(`${NODE}/transport/x.ts`, "import { describeFailure } from '../output/errors';")).toEqual([
			`${NODE}/transport/x.ts imports '../output/errors' (${NODE}/output): transport/ may import only from ${NODE}/operations`,
		]);
		expect(planted(`${NODE}/shapes/x.ts`, "import { operations } from '../operations/registry';")[0]).toContain('may import only types from it');
		expect(planted(`${NODE}/shapes/x.ts`, "import type { Operation } from '../operations/types';")).toEqual([]);
		expect(planted(`${NODE}/body/x.ts`, "const m = require('../run/items'); export const n = () => import('../output/records');")).toHaveLength(2);
		expect(planted(`${NODE}/output/x.ts`, "export { runItem } from '../run/items';")[0]).toContain("imports '../run/items'");
		expect(planted('nodes/DynamoDbTrigger/x.ts', "import type { X } from '../DynamoDb/DynamoDb.node';")[0]).toContain('nothing imports a node file');
		expect(planted('nodes/DynamoDbTrigger/x.ts', "import { properties } from '../DynamoDb/description';")[0]).toContain("(nodes/DynamoDb)");
		expect(planted('nodes/Other/x.ts', '')[0]).toContain('not in the layer map');
	});
});
