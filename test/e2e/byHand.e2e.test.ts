/**
 * README › Installing › By hand (issue 10): the README's commands, run as written by scripts/e2e.js on
 * Node 24 and Node 20, install what Settings › Community Nodes installs — no second n8n-workflow —
 * and n8n loads and runs the node from there. The Dockerfile runs the same commands.
 */
import fs from 'node:fs';
import path from 'node:path';
import { state, type E2eState } from './helpers';

interface ByHand {
	communityFolder: string;
	folders: { node24: string; node20: string };
	manual: Record<string, string>;
}
const byHand = () => (state() as E2eState & { byHand: ByHand }).byHand;

/** Every package (name@version) under a user folder's nodes/node_modules, nested ones included. */
function packages(userFolder: string): string[] {
	const found = new Set<string>();
	const walk = (dir: string) => {
		if (!fs.existsSync(dir)) return;
		for (const entry of fs.readdirSync(dir)) {
			if (entry.startsWith('.')) continue;
			const at = path.join(dir, entry);
			if (entry.startsWith('@')) {
				walk(at);
				continue;
			}
			const manifest = path.join(at, 'package.json');
			if (!fs.existsSync(manifest)) continue;
			const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
			found.add(`${name}@${version}`);
			walk(path.join(at, 'node_modules'));
		}
	};
	walk(path.join(userFolder, '.n8n', 'nodes', 'node_modules'));
	return [...found].sort();
}

const runData = (file: string) => {
	const text = fs.readFileSync(file, 'utf8');
	return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)).data.resultData.runData;
};

describe('installed by hand, exactly as the README says', () => {
	it('leaves n8n-workflow (and isolated-vm) out, on Node 24 and Node 20, like the Community Nodes install', () => {
		const community = packages(byHand().communityFolder);
		expect(community).toContain('n8n-nodes-dynamodb@0.1.0');
		for (const folder of [byHand().folders.node24, byHand().folders.node20]) {
			const installed = packages(folder);
			expect(installed.filter((p) => /^(n8n-workflow|isolated-vm)@/.test(p))).toEqual([]);
			expect(installed).toEqual(community);
		}
		expect(community.filter((p) => /^(n8n-workflow|isolated-vm)@/.test(p))).toEqual([]);
	});

	it('n8n loads the node from there and runs the Manual Trigger example with the same output', () => {
		const names = Object.keys(state().manual);
		expect(names.length).toBeGreaterThan(0);
		for (const name of names) {
			const file = byHand().manual[name];
			expect(file).toBeDefined();
			const dynamoNodes = state().workflows[name].nodes.filter((n) => n.type === 'n8n-nodes-dynamodb.dynamoDb').map((n) => n.name);
			expect(dynamoNodes.length).toBeGreaterThan(0);
			const data = (run: Record<string, Array<{ data: unknown; error?: unknown }>>) => dynamoNodes.map((n) => run[n]?.[0]);
			const byHandRun = data(runData(file));
			expect(byHandRun.every((r) => r && !r.error)).toBe(true);
			expect(byHandRun.map((r) => r!.data)).toEqual(data(runData(state().manual[name])).map((r) => r!.data));
		}
	});

	it('the Dockerfile runs the same commands in /home/node/.n8n/nodes', () => {
		const readme = fs.readFileSync(path.join(state().root, 'README.md'), 'utf8');
		const sh = /\*\*By hand\*\*[^`]*```sh\n([\s\S]*?)```/.exec(readme)![1];
		const docker = /```dockerfile\n([\s\S]*?)```/.exec(readme)![1];
		const commands = (text: string) =>
			text
				.split('\n')
				.filter((l) => l.trim() && !l.trim().startsWith('#') && !l.startsWith('FROM'))
				.join(' ')
				.replace(/^RUN /, '')
				.replace(/\\/g, '')
				.split(/\s*&&\s*/)
				.map((c) => c.replace(/^\{\s*(.*?);\s*\}$/, '$1').replace(/\s+/g, ' ').trim());
		const shLines = sh.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
		expect(commands(docker)).toEqual(commands(shLines.join(' && ').replace(/~/g, '/home/node')));
		expect(commands(docker)).toHaveLength(4);
	});
});
