// The package's lint: n8n's rules for community nodes as n8n's own tooling (@n8n/node-cli) runs them
// (@n8n/eslint-plugin-community-nodes), plus the older plugin's rules that check what the new one
// does not (parameter and credential field conventions, the package's keywords and licence).
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const community = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

/** The older plugin's rules of one of its configs, without those the new plugin checks itself. */
function olderRules(config, coveredByNewPlugin) {
	const rules = { ...n8nNodesBase.configs[config].rules };
	for (const rule of coveredByNewPlugin) delete rules[`n8n-nodes-base/${rule}`];
	return rules;
}

export default [
	{ ignores: ['**/*.js', '**/*.mjs', 'dist/**', 'node_modules/**'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		...community,
		plugins: { ...community.plugins, 'n8n-nodes-base': n8nNodesBase },
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] } },
		rules: {
			...community.rules,
			// The AWS SDK is this package's chosen stack (DEVELOPERS.md): a runtime dependency, installed
			// with the package; n8n cannot provide it as a peer.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		// The layers under the node files do not know the n8n node (the layer order in the README): what
		// they throw reaches n8n only through the node's one presenter (output/errors.ts toNodeError in
		// execute(), the trigger's poll()), which always throws NodeApiError or NodeOperationError with
		// the AWS error's HTTP status, code and request id. Wrapping there would classify an error twice.
		files: ['nodes/**/*.ts'],
		ignores: ['nodes/**/*.node.ts', 'nodes/*/methods/**'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		files: ['package.json'],
		// Author, name, description, version and the n8n block are checked by the new plugin; the
		// keywords (n8n finds community packages by `n8n-community-node-package`), the licence, the
		// repository URL and the API version's type only by the older one.
		rules: olderRules('community', [
			'community-package-json-author-missing',
			'community-package-json-author-name-missing',
			'community-package-json-description-missing',
			'community-package-json-n8n-missing',
			'community-package-json-n8n-nodes-empty',
			'community-package-json-n8n-nodes-missing',
			'community-package-json-name-missing',
			'community-package-json-version-missing',
			'community-package-json-n8n-api-version-missing',
		]),
	},
	{
		files: ['credentials/**/*.ts'],
		// The new plugin's credential-documentation-url and credential-password-field check these two.
		rules: olderRules('credentials', ['cred-class-field-documentation-url-miscased', 'cred-class-field-type-options-password-missing']),
	},
	{
		files: ['nodes/**/*.ts'],
		// The older plugin wants inputs/outputs as the string 'main'; the new plugin wants
		// NodeConnectionTypes (node-connection-type-literal). n8n's node-cli turns the same three off.
		rules: olderRules('nodes', [
			'node-class-description-inputs-wrong-regular-node',
			'node-class-description-outputs-wrong',
			'node-param-type-options-max-value-present',
		]),
	},
];
