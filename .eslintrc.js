module.exports = {
	root: true,
	extends: [ 'plugin:@wordpress/eslint-plugin/recommended' ],
	env: { browser: true, node: true, jest: true },
	settings: {
		// The word after `@fires` is an event name, not a type.
		jsdoc: { structuredTags: { fires: { type: false, name: 'text' } } },
	},
	ignorePatterns: [
		'assets/build/**',
		'vendor/**',
		'.stack/**',
		'tests/js/fixtures/**',
	],
	overrides: [
		{
			// Command-line scripts report on the console.
			files: [ 'bin/**', 'tests/support/**' ],
			rules: { 'no-console': 'off' },
		},
	],
	rules: {
		// Node scripts and tests import dev dependencies; the bundles import nothing outside.
		'import/no-extraneous-dependencies': 'off',
		// `@fires` marks an emitter for TRACKING.md; `@family`, `@context`, `@origin`, `@destination`, `@group` parts of the catalogue.
		'jsdoc/check-tag-names': [
			'error',
			{
				definedTags: [
					'fires',
					'family',
					'context',
					'origin',
					'destination',
					'group',
					'jest-environment',
				],
			},
		],
	},
};
