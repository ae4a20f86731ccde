/**
 * The documentation (README.md and docs/*.md) against the code: every operation of the registry,
 * every option the nodes show and every error code the code names is documented somewhere; every
 * relative link and anchor resolves (GitHub's heading anchors); the nodes' Docs links and the
 * credential's documentation URL lead to a page of this repository that exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { DynamoDb } from '../../nodes/DynamoDb/DynamoDb.node';
import { DynamoDbTrigger } from '../../nodes/DynamoDbTrigger/DynamoDbTrigger.node';
import { DynamoDbApi } from '../../credentials/DynamoDbApi.credentials';
import { operations } from '../../nodes/DynamoDb/operations/registry';

const ROOT = path.join(__dirname, '..', '..');
const DOCS = path.join(ROOT, 'docs');
const pages = ['README.md', ...fs.readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = new Map(pages.map((p) => [p, fs.readFileSync(path.join(ROOT, p), 'utf8')]));
const everything = [...text.values()].join('\n');
const { homepage } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { homepage: string };

/** Markdown without its fenced code blocks: a link or heading inside one is text, not a link. */
const prose = (md: string) => md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchorsOf(md: string): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	for (const [, heading] of prose(md).matchAll(/^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)) {
		const plain = heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
		const slug = plain
			.toLowerCase()
			.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
			.replace(/ /g, '-');
		const n = seen.get(slug) ?? 0;
		seen.set(slug, n + 1);
		anchors.add(n === 0 ? slug : `${slug}-${n}`);
	}
	return anchors;
}

/** Every link and image target of a page's prose: `[text](target)`, `![alt](target "title")`. */
const linksOf = (md: string) => [...prose(md).matchAll(/!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);

/** Where a link from `page` leads, or why it does not. */
function resolve(page: string, target: string): string | undefined {
	const [file, anchor] = target.split('#') as [string, string | undefined];
	const to = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURI(file)));
	if (!fs.existsSync(path.join(ROOT, to))) return `${to} does not exist`;
	if (anchor === undefined) return undefined;
	if (!to.endsWith('.md')) return `${to} has no anchors`;
	const md = text.get(to) ?? fs.readFileSync(path.join(ROOT, to), 'utf8');
	return anchorsOf(md).has(anchor) ? undefined : `${to} has no heading #${anchor}`;
}

/** Every parameter and option a node shows, by display name (notices and hidden ones say nothing to look up). */
function shownNames(properties: INodeProperties[]): string[] {
	return properties.flatMap((p) => {
		if (p.type === 'notice' || p.type === 'hidden') return [];
		const nested = (p.options ?? []).flatMap((o) => ('displayName' in o ? shownNames([o as INodeProperties]) : 'values' in o ? shownNames(o.values as INodeProperties[]) : []));
		return [p.displayName, ...nested];
	});
}

const nodeDescriptions: INodeTypeDescription[] = [new DynamoDb().description, new DynamoDbTrigger().description];
// Other nodes of the package (the chat memory) are documented too, once they are there.
for (const dir of fs.readdirSync(path.join(ROOT, 'nodes'))) {
	const file = path.join(ROOT, 'nodes', dir, `${dir}.node.ts`);
	if (['DynamoDb', 'DynamoDbTrigger'].includes(dir) || !fs.existsSync(file)) continue;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const NodeClass = (require(file) as Record<string, new () => { description: INodeTypeDescription }>)[dir];
	if (NodeClass) nodeDescriptions.push(new NodeClass().description);
}

/** The source files of the package. */
function sources(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}
const code = [...sources(path.join(ROOT, 'nodes')), ...sources(path.join(ROOT, 'credentials'))].map((f) => fs.readFileSync(f, 'utf8')).join('\n');

/**
 * Names of the node's own error classes that never reach a user as a code: their failures are shown
 * as a message with a JSON path or line:column (input, parse), or as a region message.
 */
const INTERNAL_CLASS_NAMES = ['InputError', 'BodyParseError', 'RegionError', 'UnmatchedRecordError', 'AnswerCountError'];

describe('the documentation', () => {
	it('has pages to check', () => {
		expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/operations.md', 'docs/options.md', 'docs/trigger.md', 'docs/guarantees.md', 'docs/scaling-out.md', 'docs/performance.md', 'docs/development.md']));
	});

	it('keeps the README a landing page: under 250 lines, the two commands first, then a page of docs/ for each subject', () => {
		const readme = text.get('README.md')!;
		expect(readme.split('\n').length).toBeLessThan(250);
		const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
		expect(sections[0]).toBe('The two commands');
		const first = readme.slice(readme.indexOf('## The two commands'), readme.indexOf('\n## ', readme.indexOf('## The two commands') + 1));
		expect([...first.matchAll(/^\|.*\| `([^`]+)` \|$/gm)].map((m) => m[1])).toEqual(['npm ci && npm start', 'npm ci && npm test']);
		const linked = new Set(linksOf(readme).filter((l) => l.startsWith('docs/') && l.endsWith('.md')));
		for (const page of ['operations', 'options', 'trigger', 'guarantees', 'scaling-out', 'performance', 'development', 'credential', 'installing', 'examples']) expect(linked).toContain(`docs/${page}.md`);
	});

	it('documents every operation of the registry', () => {
		expect(operations.map((o) => o.action).filter((a) => !everything.includes(`\`${a}\``))).toEqual([]);
	});

	it('documents every parameter and option the nodes show, in every version', () => {
		const names = [...new Set(nodeDescriptions.flatMap((d) => shownNames(d.properties)))];
		expect(names.length).toBeGreaterThan(30);
		expect(names.filter((n) => !everything.includes(n))).toEqual([]);
	});

	it('documents every credential field', () => {
		const fields = shownNames(new DynamoDbApi().properties);
		expect(fields.length).toBeGreaterThan(5);
		expect(fields.filter((n) => !everything.includes(n))).toEqual([]);
	});

	it('documents every error code the code names', () => {
		const named = [...new Set([...code.matchAll(/['"`]([A-Z][A-Za-z]+(?:Exception|Error|Failed|Timeout|Cancelled))['"`]/g)].map((m) => m[1]))];
		expect(named.length).toBeGreaterThan(10);
		// An internal class name is left out only where the code names it as that class's own name.
		for (const name of INTERNAL_CLASS_NAMES) expect(code).toContain(`this.name = '${name}'`);
		const codes = named.filter((n) => !INTERNAL_CLASS_NAMES.includes(n));
		expect(codes.filter((c) => !everything.includes(c))).toEqual([]);
	});

	it.each(pages)('%s: every relative link and anchor resolves', (page) => {
		const relative = linksOf(text.get(page)!).filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l));
		if (page === 'README.md') expect(relative.length).toBeGreaterThan(10);
		expect(relative.map((l) => ({ link: l, problem: resolve(page, l) })).filter((r) => r.problem)).toEqual([]);
	});

	it('finds broken links and anchors (the checker itself)', () => {
		expect(resolve('README.md', 'docs/nope.md')).toBe('docs/nope.md does not exist');
		expect(resolve('README.md', '#no-such-heading')).toBe('README.md has no heading #no-such-heading');
		expect([...anchorsOf('## Checked in queue mode: `npm run test:queue`\n## A\n## A\n```\n## not a heading\n```')]).toEqual(['checked-in-queue-mode-npm-run-testqueue', 'a', 'a-1']);
		expect(linksOf('[a](x.md) ![b](y.png "t") `[c](z.md)`\n```\n[d](w.md)\n```')).toEqual(['x.md', 'y.png', 'z.md']);
	});

	it("leads the nodes' Docs links and the credential's documentation URL to pages of this repository that exist", () => {
		const blob = `${homepage}/blob/main/`;
		const local = (url: string) => {
			expect(url.startsWith(blob)).toBe(true);
			return url.slice(blob.length);
		};
		const codexes = fs.readdirSync(path.join(ROOT, 'nodes')).flatMap((dir) => fs.readdirSync(path.join(ROOT, 'nodes', dir)).filter((f) => f.endsWith('.node.json')).map((f) => path.join(ROOT, 'nodes', dir, f)));
		expect(codexes.length).toBeGreaterThanOrEqual(2);
		const docs: Record<string, string> = {};
		for (const file of codexes) {
			const codex = JSON.parse(fs.readFileSync(file, 'utf8')) as { node: string; resources: { primaryDocumentation: Array<{ url: string }> } };
			const [{ url }] = codex.resources.primaryDocumentation;
			docs[codex.node] = local(url);
			expect({ node: codex.node, problem: resolve('README.md', local(url)) }).toEqual({ node: codex.node, problem: undefined });
		}
		expect(docs['n8n-nodes-dynamodb.dynamoDb']).toBe('docs/operations.md');
		expect(docs['n8n-nodes-dynamodb.dynamoDbTrigger']).toBe('docs/trigger.md');
		const credential = local(new DynamoDbApi().documentationUrl);
		expect(credential).toBe('docs/credential.md');
		expect(resolve('README.md', credential)).toBeUndefined();
	});
});
