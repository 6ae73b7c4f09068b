import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships a CommonJS build (`main`) and an ES one (`module`). Node, running the facade,
// loads the CommonJS one for every importer; Vite would give our sources the ES one while the
// libraries it leaves to Node (Apollo, graphql-tools, graphql-ws) get the CommonJS one, and
// graphql-js refuses a schema or error made by "another module or realm". Resolving it as Node
// does keeps one graphql in tests, as in production.
const GRAPHQL = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: GRAPHQL }] },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: fork-per-file keeps one suite's sockets and timers out of another's.
    pool: 'forks',
  },
});
