import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// `npm run lint` enforces the one-way imports of README "What each folder may import" on src/. Each rule is shown to fire on
// a violation planted into a real file's text (linted in memory, the file itself untouched),
// and the tree as it is passes.

const eslint = new ESLint();
const source = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

async function ruleIds(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `parse: ${message.message}`);
}

describe('import boundaries (npm run lint)', () => {
  it.each([
    ['a cycle made of a type-only import', 'src/errors/codes.ts', "import type { RequestContext } from '../server/context.ts';\nexport type Planted = RequestContext;\n", 'local/no-import-cycle'],
    ['a vendor folder importing another', 'src/upstreams/stoq/request.ts', "import { createKoreUpstream } from '../kore/index.ts';\nexport const planted = createKoreUpstream;\n", 'import-x/no-restricted-paths'],
    ['got outside upstreams/', 'src/bulk-delete/ids.ts', "import got from 'got';\nexport const planted = got;\n", 'no-restricted-imports'],
    ['process outside main.ts', 'src/config/reader.ts', 'export const planted = process.env.PLANTED;\n', 'no-restricted-syntax'],
    ['the job runner importing a vendor folder', 'src/job-runner/run-job.ts', "import { createLeadLexUpstream } from '../upstreams/leadlex/index.ts';\nexport const planted = createLeadLexUpstream;\n", 'import-x/no-restricted-paths'],
    ['src/ importing a test helper', 'src/server/edge.ts', "import { startSeeded } from '../../test/helpers/e2e.ts';\nexport const planted = startSeeded;\n", 'import-x/no-restricted-paths'],
  ])('fails on %s', async (_what, path, planted, rule) => {
    expect(await ruleIds(path, source(path))).toEqual([]);
    expect(await ruleIds(path, planted + source(path))).toContain(rule);
  });

  it('lets main.ts touch process, and upstreams/ import got', async () => {
    expect(await ruleIds('src/main.ts', source('src/main.ts'))).toEqual([]);
    expect(await ruleIds('src/upstreams/http.ts', source('src/upstreams/http.ts'))).toEqual([]);
  });
});
