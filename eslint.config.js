// `npm run lint`: the SDL and the source's module boundaries.
// - schema/*.graphql: @graphql-eslint's schema rules. The plugin sees `extend schema @link(url:
//   ".../federation/...")` and builds the schema with @apollo/subgraph, so @link, @tag and the
//   federation directives are known.
// - src/**/*.ts: imports only run one way (README, "What each folder may import"). Parsed by Babel's ESLint parser with its
//   TypeScript syntax plugin: typescript-eslint needs TypeScript's compiler API, which TypeScript 7
//   (this project's) no longer ships. Boundaries by eslint-plugin-import-x's no-restricted-paths,
//   which resolves each import to its file; cycles by the local rule in eslint/ (type-only
//   imports included); got and `process` by ESLint's own rules.
import babelParser from '@babel/eslint-parser';
import graphql from '@graphql-eslint/eslint-plugin';
import importX from 'eslint-plugin-import-x';
import noImportCycle from './eslint/no-import-cycle.js';

const VENDORS = ['stoq', 'kore', 'leadlex'];

export default [
  // The snapshot is generated (`npm run schema:snapshot`) and checked by `npm run schema:check`.
  { ignores: ['schema/snapshot/'] },
  {
    files: ['schema/*.graphql'],
    languageOptions: {
      parser: graphql.parser,
      parserOptions: { graphQLConfig: { schema: 'schema/*.graphql' } },
    },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...graphql.configs['flat/schema-recommended'].rules,
      // Every type, field, argument and enum value is documented (the schema is the API doc),
      // not only types and root fields as recommended.
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          rootField: true,
          DirectiveDefinition: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
        },
      ],
      // The SDL writes one-line descriptions as "…" and longer ones as """…"""; this rule
      // demands one kind everywhere, which is a taste, not a defect.
      '@graphql-eslint/description-style': 'off',
      // Results and failures are values, not entities: they have no identity to refetch.
      '@graphql-eslint/strict-id-in-types': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.js'],
    ignores: ['src/__generated__/**'],
    languageOptions: {
      parser: babelParser,
      parserOptions: {
        requireConfigFile: false,
        babelOptions: { babelrc: false, configFile: false, parserOpts: { plugins: ['typescript'] } },
      },
    },
    plugins: { 'import-x': importX, local: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: {
      'local/no-import-cycle': 'error',
      'import-x/no-restricted-paths': ['error', {
        zones: [
          // src/ never imports test/ or the tooling around it.
          { target: './src', from: ['./test', './bench', './scripts', './examples'], message: 'src/ stands alone: nothing of the tests or the tooling ships.' },
          // One vendor folder never imports another: what they share lives in upstreams/.
          ...VENDORS.map((vendor) => ({
            target: `./src/upstreams/${vendor}`,
            from: VENDORS.filter((other) => other !== vendor).map((other) => `./src/upstreams/${other}`),
            message: 'A vendor folder never imports another vendor\'s: move what they share to src/upstreams/.',
          })),
          // The job runner knows no vendor and no transport: server/job-targets.ts maps targets to adapters.
          {
            target: './src/job-runner',
            from: [...VENDORS.map((vendor) => `./src/upstreams/${vendor}`), './src/server', './src/resolvers'],
            message: 'src/job-runner/ knows no vendor: it gets a JobTargetRunner per target from the composition root (src/server/job-targets.ts).',
          },
        ],
      }],
      // Transport stays in upstreams/: nothing else may reach for the HTTP client.
      'no-restricted-imports': ['error', { paths: [{ name: 'got', message: 'Only src/upstreams/ imports got (http.ts is the one factory).' }] }],
      // Only main.ts meets the process: everything else gets config and dependencies as arguments.
      // (As syntax, not no-restricted-globals: the scope analysis reads a TypeScript property
      // named `process` in an interface as a use of the global.)
      'no-restricted-syntax': ['error', ...[
        'MemberExpression > Identifier.object[name="process"]',
        'CallExpression > Identifier.arguments[name="process"]',
        'VariableDeclarator > Identifier.init[name="process"]',
        'ImportDeclaration[source.value=/^(node:)?process$/]',
      ].map((selector) => ({ selector, message: 'Only src/main.ts touches process: take what you need as an argument.' }))],
    },
  },
  {
    files: ['src/upstreams/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The entry points: start.js checks the Node version before anything loads, main.ts owns the process.
    files: ['src/main.ts', 'src/start.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
];
