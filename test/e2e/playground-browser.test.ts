import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BANNER_TEXT } from '../../src/server/playground.ts';
import { startDemoFacade, type DemoHarness } from '../helpers/facade.ts';

// The playground in a real browser, as a demo visitor meets it: the page and GraphiQL load from
// the facade alone (anything else is aborted and fails the test), the headers editor shows the
// Authorization shape without it breaking anything, and an example tab runs as pasted.
// Runs when Chromium is installed; under CI (CI set) a missing Chromium fails it instead.

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];
const SCREENSHOT = fileURLToPath(new URL('../../test-results/playground.png', import.meta.url));
// Generous for two cores: starting Chromium and parsing GraphiQL take seconds there. Nothing
// here asserts speed; these only bound a hang.
const START_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 30_000;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium, else `chromium` on PATH; null when none. */
function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') {
    // A path someone set on purpose and got wrong is an error, not a reason to skip.
    if (!isExecutable(configured)) throw new Error(`CHROMIUM_PATH=${configured} is not an executable file.`);
    return configured;
  }
  const candidates = ['/usr/bin/chromium', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'chromium'))];
  return candidates.find(isExecutable) ?? null;
}

function chromiumOrSkip(): string | null {
  const found = findChromium();
  if (found !== null) return found;
  const message = 'Chromium is not installed (no CHROMIUM_PATH, /usr/bin/chromium or chromium on PATH), so the playground browser test cannot run. Install the chromium package.';
  if (process.env.CI) throw new Error(`${message} CI must install it before the tests.`);
  console.warn(`SKIPPED: ${message}`);
  return null;
}

const CHROMIUM = chromiumOrSkip();

// GraphiQL 3's editors are CodeMirror 5 instances, each reachable from its wrapper element:
// reading the instance gives the whole text, not only the lines on screen. The project compiles
// without DOM types, so the code that runs in the page declares the little it touches.
interface CodeMirrorHost {
  CodeMirror?: { getValue(): string; operationName?: string | null };
}
interface PageGlobals {
  document: { querySelector(selector: string): CodeMirrorHost | null };
}

const RESULT = '.result-window .CodeMirror';
const QUERY_EDITOR = '.graphiql-query-editor .CodeMirror';
const HEADERS_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';

/** The whole text of the CodeMirror editor whose wrapper `selector` finds. */
function editorText(page: Page, selector: string): Promise<string> {
  return page.evaluate((wrapper) => {
    const editor = (globalThis as unknown as PageGlobals).document.querySelector(wrapper)?.CodeMirror;
    if (editor === undefined) throw new Error(`no editor at ${wrapper}`);
    return editor.getValue();
  }, selector);
}

/**
 * Opens the example tab whose operation is `operation`. GraphiQL 3 works out which operation to
 * run 100 ms (a debounce) after the query editor changes, and a run started before that sends
 * the previous tab's operation name; a person never clicks that fast, a test does, so it waits.
 */
async function openTab(page: Page, operation: string): Promise<void> {
  await page.locator('.graphiql-tab-button', { hasText: operation }).click();
  await page.waitForFunction(
    ([wrapper, name]) => (globalThis as unknown as PageGlobals).document.querySelector(wrapper)?.CodeMirror?.operationName === name,
    [QUERY_EDITOR, operation] as const,
    { timeout: STEP_TIMEOUT_MS },
  );
}

/** Runs the active tab's operation and returns the result pane's JSON once it holds an outcome. */
async function runActiveTab(page: Page): Promise<any> {
  await page.locator('.graphiql-execute-button').click();
  await page.waitForFunction(
    (wrapper) => (globalThis as unknown as PageGlobals).document.querySelector(wrapper)?.CodeMirror?.getValue().includes('"deletedCount"') ?? false,
    RESULT,
    { timeout: STEP_TIMEOUT_MS },
  );
  return JSON.parse(await editorText(page, RESULT));
}

describe.runIf(CHROMIUM !== null)('the playground in Chromium, in demo mode', { timeout: STEP_TIMEOUT_MS * 3 }, () => {
  let facade: DemoHarness | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let origin = '';
  const requested: Request[] = [];
  const aborted: string[] = [];
  const problems: string[] = [];
  let introspectionStatus: number | undefined;

  beforeAll(async () => {
    facade = await startDemoFacade();
    origin = new URL(facade.url).origin;
    browser = await chromium.launch({ executablePath: CHROMIUM ?? undefined, args: CHROMIUM_ARGS, timeout: START_TIMEOUT_MS });
    // A fresh context: no cookies, storage or cache from anything before.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) {
        await route.continue();
      } else {
        aborted.push(url);
        await route.abort('blockedbyclient');
      }
    });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('request', (request) => requested.push(request));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} for ${response.request().method()} ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // The CSP must not be what breaks the page: Chromium reports each refusal on the console.
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    const introspection = page.waitForResponse(
      (response) => response.request().method() === 'POST' && (response.request().postData() ?? '').includes('IntrospectionQuery'),
      { timeout: START_TIMEOUT_MS },
    );
    await page.goto(`${facade.url}/graphql`, { waitUntil: 'load', timeout: START_TIMEOUT_MS });
    introspectionStatus = (await introspection).status();
    await page.locator('.graphiql-execute-button').waitFor({ state: 'visible', timeout: START_TIMEOUT_MS });
  }, START_TIMEOUT_MS * 3);

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await facade?.close();
    }
  }, START_TIMEOUT_MS);

  it('shows the demo banner above GraphiQL', async () => {
    const banner = page.locator('.playground-banner');
    expect(await banner.isVisible()).toBe(true);
    expect((await banner.innerText()).trim()).toBe(DEMO_BANNER_TEXT);
  });

  it('opens the headers editor with the Authorization shape, and loads the schema with it in place', async () => {
    await page.locator('button[data-name="headers"]').click();
    await page.locator(HEADERS_EDITOR).waitFor({ state: 'visible' });
    const headers = await editorText(page, HEADERS_EDITOR);
    expect(headers).toContain('Bearer <API key or JWT>');
    expect(JSON.parse(headers)).toEqual({ Authorization: 'Bearer <API key or JWT>' });
    // Sent as is, the placeholder would have been refused with a 401 and GraphiQL would have no schema.
    expect(introspectionStatus).toBe(200);
  });

  it('runs the Intents tab as pasted: Stoq refuses the whole call because int_1019 was already sent', async () => {
    await openTab(page, 'DeleteIntents');
    expect(await editorText(page, QUERY_EDITOR)).toContain('bulkDeleteIntents');
    const answer = await runActiveTab(page);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    expect(answer.errors).toBeUndefined();
    expect(answer.extensions).toMatchObject({ demo: true });
    const result = answer.data.bulkDeleteIntents;
    expect(result).toMatchObject({
      requestedCount: 2,
      deletedCount: 0,
      notFoundCount: 0,
      failedCount: 2,
      deletedIds: [],
      dryRun: false,
      sentIntentIds: ['int_1019'],
    });
    expect(result.requestedCount).toBe(result.deletedCount + result.notFoundCount + result.failedCount);
    expect(result.failures.map((failure: { id: string; code: string }) => [failure.id, failure.code])).toEqual([
      ['int_1001', 'NOT_ATTEMPTED'],
      ['int_1019', 'ALREADY_SENT'],
    ]);
    // The result is the simulator's truth: it was called, and both intents still exist.
    const stoq = facade!.demo.simulators.stoq;
    expect(stoq.received.filter((request) => request.method === 'DELETE')).toHaveLength(1);
    expect(stoq.deletedIds).toEqual([]);
    expect([stoq.has('int_1001'), stoq.has('int_1019')]).toEqual([true, true]);
  });

  it('runs the Contacts tab as pasted, really deleting contact_2001 from the simulator', async () => {
    await openTab(page, 'DeleteContacts');
    expect(await editorText(page, QUERY_EDITOR)).toContain('bulkDeleteContacts');
    const result = (await runActiveTab(page)).data.bulkDeleteContacts;
    expect(result).toMatchObject({ requestedCount: 2, deletedCount: 1, failedCount: 1, deletedIds: ['contact_2001'] });
    expect(result.failures.map((failure: { id: string }) => failure.id)).toEqual(['contact_2020']);
    const kore = facade!.demo.simulators.kore;
    expect(kore.deletedIds).toEqual(['contact_2001']);
    expect(kore.has('contact_2001')).toBe(false);
  });

  it('requested nothing outside the facade, and never sent the placeholder Authorization header', async () => {
    const urls = requested.map((request) => request.url());
    const offOrigin = urls.filter((url) => !/^(?:data|blob|about):/.test(url) && new URL(url).origin !== origin);
    expect(offOrigin).toEqual([]);
    expect(aborted).toEqual([]);
    expect(urls.some((url) => url.includes('/playground/graphiql.min.js'))).toBe(true);

    const posts = requested.filter((request) => request.method() === 'POST');
    // Introspection and the two runs above, all to the endpoint.
    expect(posts.length).toBeGreaterThanOrEqual(3);
    for (const post of posts) {
      expect(new URL(post.url()).pathname).toBe('/graphql');
      expect((await post.allHeaders()).authorization).toBeUndefined();
      expect((await post.response())?.status()).toBe(200);
    }
    expect(problems).toEqual([]);
  });
});
