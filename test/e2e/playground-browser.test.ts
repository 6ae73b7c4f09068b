import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BANNER_TEXT, type PlaygroundExample } from '../../src/server/playground.ts';
import { playgroundExamples } from '../../src/server/playground-examples.ts';
import type { DemoUpstreams } from '../../src/simulators/index.ts';
import { postGraphQL, startDemoFacade, type DemoHarness } from '../helpers/facade.ts';
import { JOB_OPS } from '../helpers/jobs.ts';

// The playground in a real browser, as a demo visitor meets it: the page and GraphiQL load from
// the facade alone (anything else is aborted and fails the test), the headers editor shows the
// Authorization shape without it breaking anything, and every example tab runs as loaded, the
// first straight away: the first click is what a visitor judges the playground by.
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

// Past GraphiQL 3's 100 ms debounce between an edit and the tab remembering it.
const EDIT_DEBOUNCE_MS = 150;

const RESULT = '.result-window .CodeMirror';
const QUERY_EDITOR = '.graphiql-query-editor .CodeMirror';
// Both editor tools stay in the page; the one not shown has the `hidden` class.
const VARIABLES_EDITOR = '.graphiql-editor-tool > .graphiql-editor:nth-child(1) .CodeMirror';
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

/** Every graphql-ws message the page sent, parsed, in order (the progress tab's subscription). */
const wsFramesSent: Array<Record<string, any>> = [];

/** What one press of Run did: the variables the page sent, and the answer the result pane shows. */
interface Run {
  sentVariables: unknown;
  answer: any;
}

/** Presses Stop on a running subscription and waits until Run is offered again. */
async function stopRun(page: Page): Promise<void> {
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.graphiql-execute-button[aria-label^="Execute"]').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
}

/**
 * Presses Run on the active tab and waits for whatever answer comes back, error or not, so a
 * failed run fails the test with its message rather than with a timeout.
 */
async function runActiveTab(page: Page, subscription = false): Promise<Run> {
  const subscribesBefore = wsFramesSent.filter((frame) => frame.type === 'subscribe').length;
  const sent = subscription
    ? null
    : page.waitForRequest((request) => request.method() === 'POST' && !(request.postData() ?? '').includes('IntrospectionQuery'));
  await page.locator('.graphiql-execute-button').click();
  let body: { variables?: unknown };
  if (sent === null) {
    // A subscription is not POSTed: it is a `subscribe` message on the facade's WebSocket.
    await expect.poll(() => wsFramesSent.filter((frame) => frame.type === 'subscribe').length, { timeout: STEP_TIMEOUT_MS }).toBe(subscribesBefore + 1);
    body = wsFramesSent.filter((frame) => frame.type === 'subscribe').at(-1)!.payload as { variables?: unknown };
  } else {
    body = JSON.parse((await sent).postData() ?? 'null') as { variables?: unknown };
  }
  // A fresh tab's result pane is empty, and GraphiQL writes the answer in one go.
  await page.waitForFunction(
    (wrapper) => {
      const text = (globalThis as unknown as PageGlobals).document.querySelector(wrapper)?.CodeMirror?.getValue() ?? '';
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    },
    RESULT,
    { timeout: STEP_TIMEOUT_MS },
  );
  return { sentVariables: body.variables, answer: JSON.parse(await editorText(page, RESULT)) };
}

/** The operation each example runs, which GraphiQL also takes as the tab's title. */
function operationOf(example: PlaygroundExample): string {
  const name = /^\s*(?:query|mutation|subscription)\s+(\w+)/m.exec(example.query)?.[1];
  if (name === undefined) throw new Error(`example "${example.name}" has no named operation`);
  return name;
}

/** The outcome's counts add up (docs/contract.md §3): each requested ID is in exactly one bucket. */
function expectAccounted(result: { requestedCount: number; deletedCount: number; notFoundCount: number; failedCount: number }): void {
  expect(result.requestedCount).toBe(result.deletedCount + result.notFoundCount + result.failedCount);
}

const isSubscriptionExample = (example: PlaygroundExample): boolean => /^\s*subscription\b/m.test(example.query);

/** The job the Jobs tab created, which the progress tab then watches. */
let createdJobId = '';

const failureCodes = (result: { failures: Array<{ id: string; code: string }> }): string[][] =>
  result.failures.map((failure) => [failure.id, failure.code]);

/**
 * What each example, run untouched against the demo simulators, must answer and do to them. Keyed
 * by operation; the test checks that every example the page opens has an entry here.
 */
const EXPECTED: Record<string, (answer: any, demo: DemoUpstreams) => void> = {
  DealsDryRun(answer, demo) {
    const result = answer.data.bulkDeleteDeals;
    expect(result).toMatchObject({
      requestedCount: 4,
      deletedCount: 2,
      notFoundCount: 1,
      failedCount: 1,
      // LeadLex counts what it would delete but names none when an ID was not found (docs/contract.md §5).
      deletedIds: null,
      dryRun: true,
    });
    expectAccounted(result);
    expect(failureCodes(result)).toEqual([['deal_0013', 'REJECTED']]);
    expect(result.failures[0].upstreamCode).toBe('deal_locked');
    // A dry run: LeadLex was asked with dry_run set, and every deal is still there.
    const leadlex = demo.simulators.leadlex;
    expect(leadlex.received.map((request) => (request.json as { dry_run?: unknown } | undefined)?.dry_run)).toEqual([true]);
    expect(leadlex.deletedIds).toEqual([]);
    expect(['deal_0001', 'deal_0002', 'deal_0013'].map((id) => leadlex.has(id))).toEqual([true, true, true]);
  },
  DeleteIntents(answer, demo) {
    // Stoq refuses the whole call because int_1019 was already sent.
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
    expectAccounted(result);
    expect(failureCodes(result)).toEqual([
      ['int_1001', 'NOT_ATTEMPTED'],
      ['int_1019', 'ALREADY_SENT'],
    ]);
    const stoq = demo.simulators.stoq;
    expect(stoq.received.filter((request) => request.method === 'DELETE')).toHaveLength(1);
    expect(stoq.deletedIds).toEqual([]);
    expect([stoq.has('int_1001'), stoq.has('int_1019')]).toEqual([true, true]);
  },
  DeleteContacts(answer, demo) {
    // contact_2001 is really deleted; contact_2020 is locked.
    const result = answer.data.bulkDeleteContacts;
    expect(result).toMatchObject({ requestedCount: 2, deletedCount: 1, notFoundCount: 0, failedCount: 1, deletedIds: ['contact_2001'], dryRun: false });
    expectAccounted(result);
    expect(result.failures.map((failure: { id: string }) => failure.id)).toEqual(['contact_2020']);
    const kore = demo.simulators.kore;
    expect(kore.deletedIds).toEqual(['contact_2001']);
    expect([kore.has('contact_2001'), kore.has('contact_2020')]).toEqual([false, true]);
  },
  Capabilities(answer) {
    // Demo mode: every vendor answered by its simulator, every mutation allowed.
    const capabilities = answer.data.bulkDeleteCapabilities;
    expect(capabilities).toMatchObject({ demo: true, maxIdsPerCall: 10_000 });
    expect(capabilities.targets.map((t: { target: string; configured: boolean; allowed: boolean }) => [t.target, t.configured, t.allowed])).toEqual([
      ['INTENTS', true, true],
      ['CONTACTS', true, true],
      ['DEALS', true, true],
    ]);
    expect(capabilities.targets.find((t: { target: string }) => t.target === 'DEALS')).toMatchObject({ batchSize: 500, supportsDryRun: true });
  },
  CreateDemoJob(answer, demo) {
    const job = answer.data.createBulkDeleteJob;
    expect(job).toMatchObject({ target: 'DEALS', dryRun: true, status: 'QUEUED', progress: { requestedCount: 3 }, result: null });
    createdJobId = job.id;
    // A dry run: whatever runs it deletes nothing.
    expect(['deal_0003', 'deal_0004', 'deal_0005'].map((id) => demo.simulators.leadlex.has(id))).toEqual([true, true, true]);
  },
  MyJobs(answer) {
    const { edges, pageInfo } = answer.data.bulkDeleteJobs;
    expect(edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([createdJobId]);
    expect(pageInfo).toMatchObject({ hasNextPage: false, endCursor: edges[0].cursor });
  },
  WatchJob(answer) {
    // The job the Jobs tab made, as it is now: queued, or already under way if a worker took it.
    expect(answer.data.bulkDeleteJobProgress).toMatchObject({ id: createdJobId, target: 'DEALS', dryRun: true, progress: { requestedCount: 3 } });
  },
};

const EXAMPLES = playgroundExamples(true);

describe.runIf(CHROMIUM !== null)('the playground in Chromium, in demo mode', { timeout: STEP_TIMEOUT_MS * 3 }, () => {
  let facade: DemoHarness | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let origin = '';
  const requested: Request[] = [];
  const aborted: string[] = [];
  const problems: string[] = [];
  let introspectionStatus: number | undefined;
  const attempted: string[] = [];

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
    // Time flows as usual; the clock only lets a test step over GraphiQL's debounces at once.
    await context.clock.install();
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('request', (request) => requested.push(request));
    page.on('websocket', (socket) => {
      if (new URL(socket.url()).origin.replace(/^ws/, 'http') !== origin) problems.push(`WebSocket to ${socket.url()}`);
      socket.on('framesent', ({ payload }) => void wsFramesSent.push(JSON.parse(String(payload))));
    });
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

  it('has an expected outcome for every example tab, and opens them in order, the first active', async () => {
    const operations = EXAMPLES.map(operationOf);
    expect(Object.keys(EXPECTED).sort()).toEqual([...operations].sort());
    expect(await page.locator('.graphiql-tab-button').allInnerTexts()).toEqual(operations);
    expect((await page.locator('.graphiql-tab-active .graphiql-tab-button').innerText()).trim()).toBe(operations[0]);
  });

  // Each tab as a visitor meets it: the first is pressed Run on straight after the page loads,
  // then each other in turn is opened and run; nothing in any editor is touched.
  it.each(EXAMPLES.map((example, index) => ({ example, index, operation: operationOf(example) })))(
    'runs tab $index ($operation) as loaded and answers with the simulators\' truth',
    async ({ example, index, operation }) => {
      // In the page's order, each once: nothing but the earlier tabs has touched the simulators.
      expect(attempted).toEqual(EXAMPLES.slice(0, index).map(operationOf));
      attempted.push(operation);
      if (index > 0) await openTab(page, operation);
      expect(await editorText(page, QUERY_EDITOR)).toContain(example.query);
      const subscription = isSubscriptionExample(example);
      const { sentVariables, answer } = await runActiveTab(page, subscription);
      if (index === 0) {
        mkdirSync(dirname(SCREENSHOT), { recursive: true });
        await page.screenshot({ path: SCREENSHOT });
      }
      // The answer first: a failed run shows the visitor's error message, not a diff.
      expect(answer.errors).toBeUndefined();
      // A tab without variables (the capabilities query) sends none; the progress tab sends the
      // job the Jobs tab made in place of its placeholder.
      expect(sentVariables).toEqual(subscription ? { id: createdJobId } : example.variables === undefined ? undefined : JSON.parse(example.variables));
      expect(await editorText(page, VARIABLES_EDITOR)).toBe(example.variables ?? '');
      expect(answer.extensions).toMatchObject({ demo: true });
      const expectOutcome = EXPECTED[operation];
      if (expectOutcome === undefined) throw new Error(`no expected outcome for the ${operation} tab`);
      expectOutcome(answer, facade!.demo);
      if (subscription) await stopRun(page);
    },
  );

  // What the progress tab is for: a job's states appear as its worker stores them, without a
  // click, and the subscription ends with the job. The job is driven here (its states published
  // as a worker publishes them), so what the page shows is exactly what was sent.
  it('shows a running job\'s states in the progress tab as they arrive, and stops with the job', async () => {
    const { app } = facade!;
    const created = await postGraphQL(facade!.url, JOB_OPS.create, { input: { target: 'DEALS', ids: ['deal_0006', 'deal_0007', 'deal_0008', 'deal_0009'], start: false } });
    const id = created.body.data!.job!.id;
    await openTab(page, 'WatchJob');
    await page.locator(VARIABLES_EDITOR).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(JSON.stringify({ id }));
    await page.clock.runFor(EDIT_DEBOUNCE_MS);
    const { answer } = await runActiveTab(page, true);
    expect(answer.data.bulkDeleteJobProgress).toMatchObject({ id, status: 'OPEN', progress: { requestedCount: 4, processedCount: 0 } });
    const job = (await app.services.jobs.store.get(id, 'anonymous'))!;
    for (const processed of [2, 4]) {
      app.services.jobs.events.publish({ ...job, status: 'RUNNING', batchesSent: processed / 2, progress: { ...job.progress, processed, deleted: processed } });
      await expect.poll(async () => JSON.parse(await editorText(page, RESULT)).data.bulkDeleteJobProgress.progress, { timeout: STEP_TIMEOUT_MS })
        .toMatchObject({ processedCount: processed, deletedCount: processed });
    }
    // The last state ends the subscription: the Run button is back without a click.
    app.services.jobs.events.publish({ ...job, status: 'COMPLETED', finishedAt: Date.now(), batchesSent: 2, progress: { ...job.progress, processed: 4, deleted: 4 } });
    await expect.poll(async () => JSON.parse(await editorText(page, RESULT)).data.bulkDeleteJobProgress.status, { timeout: STEP_TIMEOUT_MS }).toBe('COMPLETED');
    await page.locator('.graphiql-execute-button[aria-label^="Execute"]').waitFor({ state: 'visible' });
  });

  // The first tab's variables are handed to GraphiQL once, at start; they must not pin the editor.
  it("keeps what a visitor types into the first tab's variables when they switch tabs and back", async () => {
    const [first, second] = EXAMPLES.map(operationOf);
    await openTab(page, first!);
    await page.locator(VARIABLES_EDITOR).click();
    await page.keyboard.press('ControlOrMeta+A');
    const edited = '{"input": {"ids": ["deal_0003"], "dryRun": true}}';
    await page.keyboard.insertText(edited);
    expect(await editorText(page, VARIABLES_EDITOR)).toBe(edited);
    // GraphiQL saves an edit into its tab 100 ms (a debounce) after the last keystroke.
    await page.clock.runFor(EDIT_DEBOUNCE_MS);
    await openTab(page, second!);
    expect(await editorText(page, VARIABLES_EDITOR)).toBe(EXAMPLES[1]?.variables);
    await openTab(page, first!);
    expect(await editorText(page, VARIABLES_EDITOR)).toBe(edited);
  });

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

  it('requested nothing outside the facade, and never sent the placeholder Authorization header', async () => {
    const urls = requested.map((request) => request.url());
    const offOrigin = urls.filter((url) => !/^(?:data|blob|about):/.test(url) && new URL(url).origin !== origin);
    expect(offOrigin).toEqual([]);
    expect(aborted).toEqual([]);
    expect(urls.some((url) => url.includes('/playground/graphiql.min.js'))).toBe(true);

    const posts = requested.filter((request) => request.method() === 'POST');
    // Introspection and one run per tab but the progress tab's, all to the endpoint.
    expect(posts.length).toBeGreaterThanOrEqual(1 + EXAMPLES.filter((example) => !isSubscriptionExample(example)).length);
    // The progress tab's subscriptions went over the facade's WebSocket, without the placeholder Authorization.
    const init = wsFramesSent.find((frame) => frame.type === 'connection_init');
    expect(init).toEqual({ type: 'connection_init', payload: {} });
    for (const post of posts) {
      expect(new URL(post.url()).pathname).toBe('/graphql');
      expect((await post.allHeaders()).authorization).toBeUndefined();
      expect((await post.response())?.status()).toBe(200);
    }
    expect(problems).toEqual([]);
  });
});
