import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Everywhere in app/ (except the fixtures themselves): no static import of the test fixtures.
const NO_FIXTURES = ['#app/lib/test-fixtures/*', '*/test-fixtures/*']

export default tseslint.config(
	{
		ignores: [
			'build/**',
			'app/generated/**',
			'.react-router/**',
			'var/**',
			'test-results/**',
			'playwright-report/**',
			'node_modules/**',
		],
	},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx,js}'],
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
		plugins: { 'react-hooks': reactHooks },
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'warn',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
			],
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'no-console': 'off',
		},
	},
	{
		// Playwright fixtures receive `use`, which is not React's.
		files: ['test/e2e/**'],
		rules: { 'react-hooks/rules-of-hooks': 'off' },
	},

	{
		// Request bodies are read through the one entry that caps their size and cleans their values
		// (readForm in app/lib/forms.ts; uploads through readLimitedFormData), never directly
		// (issue 15, findings 2 and 4). The test hooks read JSON and exist only in tests.
		files: ['app/**/*.{ts,tsx}'],
		ignores: ['app/lib/forms.ts', 'app/lib/uploads.server.ts', 'app/routes/system/test-hooks.ts', '**/*.test.{ts,tsx}'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector:
						"CallExpression[callee.property.name=/^(formData|json|text|arrayBuffer|blob|bytes)$/][callee.object.name='request']",
					message:
						'Read a request body through readForm() (app/lib/forms.ts) or readLimitedFormData() for uploads: they cap its size and clean its values (docs/security.md).',
				},
			],
		},
	},

	// ── Layers (docs/architecture.md) ───────────────────────────────────────────────────────────
	// No import cycles anywhere in the app: a module that needs another's type imports the type
	// from a module both can see (app/domain/participation-snapshot.ts is an example).
	{
		files: ['app/**/*.{ts,tsx}', 'emails/**/*.ts', 'templates/**/*.ts', 'server/**/*.ts'],
		plugins: { 'import-x': importX },
		settings: {
			// Resolves `#app/…` through package.json "imports" and `.ts` paths as Node does.
			'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
			'import-x/extensions': ['.ts', '.tsx', '.js'],
		},
		rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
	},
	// Test fixtures never ship in the production server: only a dynamic import() in the test hooks
	// loads them (a chunk of its own), never a static import from app code. First, so that the
	// layers below (which repeat it: a later rule replaces an earlier one) win where they apply.
	{
		...layer('app/**', 'test fixtures are loaded only by the test hooks, dynamically', []),
		ignores: ['app/lib/test-fixtures/**', '**/*.test.{ts,tsx}'],
	},
	layer('app/domain/**', 'the domain is pure rules: no I/O, no UI, no text', [
		'#app/services/*',
		'#app/routes/*',
		'#app/components/*',
		'#app/lib/*',
		'#app/i18n/*',
		'#app/jobs/*',
		'#app/generated/*',
		'#emails/*',
		'#templates/*',
		'#server/*',
		'@prisma/*',
		'react',
		'react-router',
		'node:*',
		'../*',
	]),
	layer(
		'app/services/**',
		'a service is a use case: it never reaches into screens',
		[
			'#app/routes/*',
			'#app/components/*',
			'../routes/*',
			'../components/*',
			'react',
			'react-dom',
			'react-router/*',
			// React Router's typed href() builds the portal's URLs for mails and documents; nothing else.
		],
		[{ name: 'react-router', allowImportNames: ['href'] }],
	),
	layer('app/components/**', 'shared UI runs in the browser: no services, no screens', [
		'#app/services/*',
		'#app/routes/*',
		'../services/*',
		'../routes/*',
		'#app/jobs/*',
		// The Prisma client is server code; its generated enums (types only) may be used.
		'#app/generated/prisma/client*',
	]),
	{
		// Screens read and write through services (docs/development.md, "Routes and the database");
		// the system routes (health check, test hooks) are the exception.
		...layer('app/routes/**', 'a screen reads and writes through a service, never the database itself', [
			'#app/lib/db.server.ts',
			'#app/lib/db/*',
		]),
		ignores: ['app/routes/system/**', '**/*.test.{ts,tsx}'],
	},
	layer('app/jobs/**', 'a scheduled run calls services, never screens', ['#app/routes/*', '#app/components/*']),
	layer('{emails,templates}/**', 'mails and PDFs render data; they load nothing', [
		'#app/services/*',
		'#app/routes/*',
		'#app/jobs/*',
		'#app/lib/*.server.ts',
		'#app/lib/db/*',
		'#app/components/*.tsx',
		'#app/components/**/*.tsx',
	]),
)

/**
 * `files` may import nothing that matches `forbidden` (tests beside the code are exempt). Patterns
 * are prefixes with `*` for the rest ('#app/lib/*'); as regular expressions, because a gitignore
 * pattern would read the leading `#` as a comment.
 */
function layer(files, why, forbidden, paths = []) {
	const regex = [...forbidden, ...NO_FIXTURES]
		.map((prefix) => `^${prefix.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
		.join('|')
	return {
		files: [`${files.replace(/\/\*\*$/, '')}/**/*.{ts,tsx}`],
		ignores: ['**/*.test.{ts,tsx}', '**/__fixtures__/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: paths.map((path) => ({ ...path, message: `Layer rule: ${why} (docs/development.md).` })),
					patterns: [{ regex, message: `Layer rule: ${why} (docs/development.md).` }],
				},
			],
		},
	}
}
