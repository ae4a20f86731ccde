const { src, dest, task } = require('gulp');

// tsc only emits .js; n8n loads node/credential icons from next to the built files.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist')),
);
