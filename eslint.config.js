// One flat config for the whole workspace; `npm run lint` runs it in one process, `nx run-many -t lint`
// per project. Boundaries are the point: see docs/workspace.md.
import { defineConfig, globalIgnores } from 'eslint/config';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import { projectImportsPlugin } from './tools/lint/project-imports.js';
import { refreshProjectGraph } from './tools/lint/project-graph.js';

await refreshProjectGraph();

const TS_AND_JS = ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'];

const TESTS = ['**/test/**', '**/*.spec.ts', '**/*.test.ts'];
const TOOLING = ['tools/**', 'bench/**', '*.config.js'];

// Where reading the environment is legitimate: validated config, test setup and tooling.
const ENVIRONMENT_READERS = [
  '**/config/**',
  'libs/config/**',
  'libs/testing/**',
  ...TESTS,
  ...TOOLING,
  // Spawns child services and passes the parent's environment through unchanged.
  'libs/supervisor/src/service-process.ts',
  // Stand-alone process entry point of the embedded S3 endpoint: its environment is its config.
  'libs/storage/src/embedded-s3.main.ts',
];

// Services build on libraries, libraries on libraries; Nx also reports any cycle between projects.
const LAYERS = [
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
];
const BOUNDARIES = { allow: [], enforceBuildableLibDependency: false, depConstraints: LAYERS };
// A test may import its own library through the public alias, the way its users do.
const TEST_BOUNDARIES = { ...BOUNDARIES, allowCircularSelfDependency: true };

const FOCUSED_TEST = 'Focused test committed: remove .only / fit / fdescribe.';

export default defineConfig(
  globalIgnores([
    '**/node_modules/**',
    '**/dist/**',
    '**/tmp/**',
    '**/.data/**',
    '**/coverage/**',
    '.nx/**',
    'services/*/src/generated/**',
  ]),
  {
    files: TS_AND_JS,
    extends: [tseslint.configs.recommended],
    plugins: { '@nx': nx, pronote: projectImportsPlugin(import.meta.dirname) },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@nx/enforce-module-boundaries': ['error', BOUNDARIES],
      'pronote/project-imports': 'error',
      // Per import, not per project: Nx's tag constraints follow graph edges, and test files give a
      // library an edge to @pronote/testing that production code must not inherit.
      'no-restricted-imports': [
        'error',
        { name: '@pronote/testing', message: 'Test helpers (throwaway schemas, free ports, private servers) stay in tests.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']", message: FOCUSED_TEST },
        { selector: "CallExpression[callee.name=/^(fit|fdescribe)$/]", message: FOCUSED_TEST },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: "Read the environment only in a service's config/ (or libs/config): inject the typed config instead." },
      ],
    },
  },
  {
    files: TESTS,
    rules: { '@nx/enforce-module-boundaries': ['error', TEST_BOUNDARIES] },
  },
  {
    files: [...TESTS, ...TOOLING],
    rules: { 'pronote/project-imports': ['error', { allowToolAliases: true }], 'no-restricted-imports': 'off' },
  },
  {
    files: ENVIRONMENT_READERS,
    rules: { 'no-restricted-properties': 'off' },
  },
);
