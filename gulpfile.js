const { src, dest, task } = require('gulp');

// tsc only emits .js; n8n loads node/credential icons from next to the built files.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist')),
);

// n8n shows a node's output fields before it ran from __schema__/v<version>/<resource>/<operation>.json
// next to the node (its output-schema resolver; the resource is the node's one hidden resource):
// written from the built node's own output models.
task('build:schemas', async () => {
	const fs = require('node:fs');
	const path = require('node:path');
	const { operations } = require('./dist/nodes/DynamoDb/operations/registry');
	const { outputSchemaOf } = require('./dist/nodes/DynamoDb/output/outputSchema');
	const { DynamoDb } = require('./dist/nodes/DynamoDb/DynamoDb.node');
	const root = path.join(__dirname, 'dist', 'nodes', 'DynamoDb', '__schema__');
	fs.rmSync(root, { recursive: true, force: true });
	// The same output in every node version (versions differ only in where the table is picked).
	for (const version of [new DynamoDb().description.version].flat()) {
		const dir = path.join(root, `v${version}.0.0`, 'dynamoDb');
		fs.mkdirSync(dir, { recursive: true });
		for (const operation of operations) {
			fs.writeFileSync(path.join(dir, `${operation.action}.json`), `${JSON.stringify(outputSchemaOf(operation), null, 2)}\n`);
		}
	}
});
