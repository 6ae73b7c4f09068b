import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAuthorization } from '../../../src/auth/authenticate.ts';
import { DEMO_BANNER_TEXT, createPlayground } from '../../../src/server/playground.ts';
import type { PlaygroundOptions } from '../../../src/server/playground.ts';
import { AUTHORIZATION_TEMPLATE, playgroundExamples, playgroundHeaders } from '../../../src/server/playground-examples.ts';

// Every request goes through a real loopback server whose fallback marks what the playground
// left alone, so "not handled" is told apart from the playground's own 404. The fallback also
// echoes POST /graphql, standing in for Apollo when the page's fetcher is exercised.

const HOSTILE_QUERY = 'mutation Evil { bulkDeleteIntents(input: {ids: ["</script><script>alert(1)</script>", "<!--"]}) { deletedCount } }';
const HEADERS_TEMPLATE = '{"Authorization": "Bearer <your API key>"}';

const BASE_OPTIONS: PlaygroundOptions = {
  endpoint: '/graphql',
  demo: true,
  examples: [
    {
      name: 'Delete intents',
      query: 'mutation DeleteIntents($ids: [ID!]!) { bulkDeleteIntents(input: {ids: $ids}) { deletedCount } }',
      variables: '{"ids": ["intent-1"]}',
    },
    { name: 'Script breakout', query: HOSTILE_QUERY },
  ],
  defaultHeaders: HEADERS_TEMPLATE,
};

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** True when the playground did not handle the request and the fallback answered. */
  fallback: boolean;
}

let server: Server | undefined;
let origin = '';
let endpoint = '/graphql';

afterEach(async () => {
  const closing = server;
  server = undefined;
  if (closing !== undefined) await new Promise<void>((resolve) => closing.close(() => resolve()));
});

async function start(options: Partial<PlaygroundOptions> = {}): Promise<void> {
  const playground = createPlayground({ ...BASE_OPTIONS, ...options });
  endpoint = options.endpoint ?? BASE_OPTIONS.endpoint;
  server = createServer((req, res) => {
    if (playground.handle(req, res)) return;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST') {
        res.writeHead(404, { 'X-Fallback': '1' }).end('fallback');
      } else if (req.url === '/broken') {
        // A proxy in front of the facade failing with its own HTML page.
        res.writeHead(502, { 'X-Fallback': '1', 'Content-Type': 'text/html' }).end('<h1>Bad gateway</h1>');
      } else {
        const echo = { method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        res.writeHead(200, { 'X-Fallback': '1', 'Content-Type': 'application/json' }).end(JSON.stringify({ data: { echo } }));
      }
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A raw request: the path is sent exactly as given (fetch would resolve `..` first). */
function send(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/`, { path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          text: body.toString('utf8'),
          fallback: res.headers['x-fallback'] === '1',
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

function getPage(): Promise<Answer> {
  return send(endpoint, { Accept: BROWSER_ACCEPT });
}

/** Directive name → its sources. */
function parseCsp(header: string | string[] | undefined): Map<string, string[]> {
  expect(typeof header).toBe('string');
  const directives = new Map<string, string[]>();
  for (const directive of String(header).split(';')) {
    const [name = '', ...sources] = directive.trim().split(/\s+/);
    directives.set(name, sources);
  }
  return directives;
}

function configBlock(html: string): string {
  const match = /<script type="application\/json" id="playground-config">([\s\S]*?)<\/script>/.exec(html);
  if (match?.[1] === undefined) throw new Error('no config block in the page');
  return match[1];
}

/** The URLs the page links that the browser fetches: everything but inline `data:` ones. */
function linkedAssets(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '').filter((url) => !url.startsWith('data:'));
}

/** The bytes of a file in an installed package, found the way the playground finds them. */
function packageFile(pkg: string, file: string): Buffer {
  const require = createRequire(import.meta.url);
  return readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file));
}

const ASSETS = [
  { name: 'react.production.min.js', type: 'text/javascript', file: { pkg: 'react', path: 'umd/react.production.min.js' } },
  {
    name: 'react-dom.production.min.js',
    type: 'text/javascript',
    file: { pkg: 'react-dom', path: 'umd/react-dom.production.min.js' },
  },
  { name: 'graphiql.min.js', type: 'text/javascript', file: { pkg: 'graphiql', path: 'graphiql.min.js' } },
  { name: 'graphiql.min.css', type: 'text/css', file: { pkg: 'graphiql', path: 'graphiql.min.css' } },
  { name: 'graphql-ws.min.js', type: 'text/javascript', file: { pkg: 'graphql-ws', path: 'umd/graphql-ws.min.js' } },
  { name: 'bootstrap.js', type: 'text/javascript', file: undefined },
  { name: 'playground.css', type: 'text/css', file: undefined },
] as const;

describe('playground page', () => {
  it('serves GraphiQL HTML to a browser GET of the endpoint, with a strict CSP', async () => {
    await start();
    const page = await getPage();
    expect(page.fallback).toBe(false);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const directives = parseCsp(page.headers['content-security-policy']);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')?.[0]).toBe("'self'");
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // GraphiQL's stylesheet embeds its fonts as data: URLs; nothing else is allowed.
    expect(directives.get('font-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(page.text).toContain('<div id="graphiql">');
  });

  it('links React, ReactDOM, GraphiQL, the graphql-ws client and the bootstrap in that order, and no inline script runs', async () => {
    await start();
    const { text } = await getPage();
    const scripts = [...text.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1] ?? '');
    // One JSON data block plus five same-origin files; a data block is not executed.
    expect(scripts.filter((attrs) => !attrs.includes('src='))).toEqual([' type="application/json" id="playground-config"']);
    const srcs = scripts.flatMap((attrs) => /src="\/playground\/([^"?]+)/.exec(attrs)?.[1] ?? []);
    expect(srcs).toEqual(['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphql-ws.min.js', 'bootstrap.js']);
    expect(text).toMatch(/<link rel="stylesheet" href="\/playground\/graphiql\.min\.css\?v=/);
  });

  it('every file the page links is served', async () => {
    await start();
    const urls = linkedAssets((await getPage()).text);
    expect(urls).toHaveLength(7);
    for (const url of urls) {
      const answer = await send(url);
      expect([url, answer.status]).toEqual([url, 200]);
    }
  });

  it('shows the demo banner above GraphiQL in demo mode', async () => {
    await start({ demo: true });
    const { text } = await getPage();
    expect(text).toContain(DEMO_BANNER_TEXT);
    expect(text.indexOf(DEMO_BANNER_TEXT)).toBeLessThan(text.indexOf('<div id="graphiql">'));
    expect(DEMO_BANNER_TEXT).toBe('Demo mode: these mutations run against built-in simulators; nothing real is deleted');
  });

  it('has no banner outside demo mode', async () => {
    await start({ demo: false });
    const { text } = await getPage();
    expect(text).not.toContain('Demo mode');
    expect(text).not.toContain('playground-banner');
  });

  it('embeds examples and headers as JSON that no </script> or <!-- can break out of', async () => {
    await start();
    const { text } = await getPage();
    expect(text).not.toContain('<script>alert(1)');
    expect(text).not.toContain('<!--');
    // Exactly the six script elements the page itself opens are closed.
    expect(text.match(/<\/script>/g)).toHaveLength(6);
    const block = configBlock(text);
    expect(block).not.toMatch(/[<>]/);
    expect(JSON.parse(block)).toEqual({
      endpoint: '/graphql',
      tabs: [
        { query: `# Delete intents\n${BASE_OPTIONS.examples[0]?.query}`, variables: '{"ids": ["intent-1"]}' },
        { query: `# Script breakout\n${HOSTILE_QUERY}`, variables: null },
      ],
      headers: HEADERS_TEMPLATE,
    });
  });

  it('keeps a line break in an example name inside its comment line', async () => {
    await start({ examples: [{ name: 'two\nlines', query: '{ __typename }' }] });
    const config = JSON.parse(configBlock((await getPage()).text)) as { tabs: Array<{ query: string }> };
    expect(config.tabs[0]?.query).toBe('# two lines\n{ __typename }');
  });

  it('points at no other origin', async () => {
    await start();
    const { text } = await getPage();
    const urls = text.match(/\bhttps?:\/\/[^\s"'<>)]*/g) ?? [];
    expect(urls.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(text).not.toMatch(/(?:src|href)="\/\//); // no protocol-relative URL either
  });

  it('gives the page an inline empty icon, so the browser does not ask for /favicon.ico', async () => {
    await start();
    const { text } = await getPage();
    expect(text).toContain('<link rel="icon" href="data:,">');
  });

  it('also answers HEAD and a GET with a query string', async () => {
    await start();
    const head = await send('/graphql', { Accept: 'text/html' }, 'HEAD');
    expect([head.status, head.fallback, head.body.length]).toEqual([200, false, 0]);
    const withQuery = await send('/graphql?foo=bar', { Accept: 'text/html' });
    expect([withQuery.status, withQuery.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
  });

  it.each([
    ['no Accept', 'GET', '/graphql', {}],
    ['Accept: application/json', 'GET', '/graphql', { Accept: 'application/json' }],
    ['Accept: */*', 'GET', '/graphql', { Accept: '*/*' }],
    ['text/html refused with q=0', 'GET', '/graphql', { Accept: 'text/html;q=0, application/json' }],
    ['a POST', 'POST', '/graphql', { Accept: 'text/html' }],
    ['another path', 'GET', '/graphql/', { Accept: 'text/html' }],
    ['the health check', 'GET', '/healthz', { Accept: 'text/html' }],
    ['the bare prefix', 'GET', '/playground', { Accept: 'text/html' }],
  ] as const)('leaves %s to the caller', async (_label, method, path, headers) => {
    await start();
    const answer = await send(path, headers, method);
    expect(answer.fallback).toBe(true);
  });
});

describe('playground assets', () => {
  it.each(ASSETS)('serves $name from memory with its content type and caching headers', async (asset) => {
    await start();
    const answer = await send(`/playground/${asset.name}`);
    expect(answer.status).toBe(200);
    expect(answer.fallback).toBe(false);
    expect(answer.headers['content-type']).toBe(`${asset.type}; charset=utf-8`);
    expect(answer.headers['cache-control']).toBe('public, max-age=86400, immutable');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(answer.body.length).toBeGreaterThan(100);
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    if (asset.file !== undefined) expect(answer.body.equals(packageFile(asset.file.pkg, asset.file.path))).toBe(true);
  });

  it('gzips for clients that accept it, with its own ETag', async () => {
    await start();
    const plain = await send('/playground/graphiql.min.js');
    const gzipped = await send('/playground/graphiql.min.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toBe('Accept-Encoding');
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(gzipped.headers.etag).not.toBe(plain.headers.etag);
    const refused = await send('/playground/graphiql.min.js', { 'Accept-Encoding': 'gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('answers 304 to a matching If-None-Match', async () => {
    await start();
    const first = await send('/playground/bootstrap.js');
    const again = await send('/playground/bootstrap.js', { 'If-None-Match': first.headers.etag ?? '' });
    expect([again.status, again.body.length, again.headers.etag]).toEqual([304, 0, first.headers.etag]);
    const other = await send('/playground/bootstrap.js', { 'If-None-Match': '"something-else"' });
    expect(other.status).toBe(200);
  });

  it('answers HEAD without a body', async () => {
    await start();
    const head = await send('/playground/graphiql.min.css', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1000);
  });

  it.each([
    '/playground/unknown.js',
    '/playground/',
    '/playground/graphiql.min.js.map',
    '/playground/graphiql.min.js/',
    '/playground/GRAPHIQL.MIN.JS',
    '/playground/../package.json',
    '/playground/../../../../etc/passwd',
    '/playground/..%2f..%2fpackage.json',
    '/playground/%2e%2e/%2e%2e/package.json',
    '/playground//etc/passwd',
    '/playground/bootstrap.js%00.png',
    '/playground/assets.ts',
    '/playground/page.ts',
  ])('answers 404 for %s', async (path) => {
    await start();
    const answer = await send(path);
    expect([answer.status, answer.fallback]).toEqual([404, false]);
    expect(answer.text).toBe('Not found\n');
  });

  it('refuses methods other than GET and HEAD', async () => {
    await start();
    const answer = await send('/playground/bootstrap.js', {}, 'POST');
    expect([answer.status, answer.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  // The bundles are served as they are installed; these pin that they fetch nothing themselves.
  it('GraphiQL stylesheet loads no font, image or import from anywhere', async () => {
    await start();
    const css = (await send('/playground/graphiql.min.css')).text;
    expect(css).not.toMatch(/@import/i);
    expect(css).not.toMatch(/https?:\/\//i);
    expect([...css.matchAll(/url\(\s*['"]?([^'")]*)/gi)].map((m) => m[1]).filter((u) => !u?.startsWith('data:'))).toEqual([]);
  });

  it('no bundle names a CDN host', async () => {
    await start();
    for (const name of ['graphiql.min.js', 'react.production.min.js', 'react-dom.production.min.js', 'graphql-ws.min.js', 'bootstrap.js']) {
      const js = (await send(`/playground/${name}`)).text;
      expect([name, js.match(/unpkg\.com|jsdelivr\.net|cdnjs|esm\.sh|googleapis|gstatic|apollographql\.com/g)]).toEqual([name, null]);
    }
  });
});

describe('playground bootstrap', () => {
  interface Captured {
    props: Record<string, unknown>;
    rootId: string;
    storageTouched: boolean;
  }

  /** Runs the served bootstrap.js against the served page's config, with stand-ins for the browser globals. */
  async function bootstrap(): Promise<Captured> {
    const config = configBlock((await getPage()).text);
    const code = (await send('/playground/bootstrap.js')).text;
    const captured: Captured = { props: {}, rootId: '', storageTouched: false };
    const GraphiQL = function GraphiQL(): void {};
    const context = {
      document: {
        getElementById: (id: string) => (id === 'playground-config' ? { textContent: config } : { id }),
      },
      React: {
        createElement: (type: unknown, props: Record<string, unknown>) => {
          expect(type).toBe(GraphiQL);
          captured.props = props;
          return { type, props };
        },
      },
      ReactDOM: {
        createRoot: (element: { id: string }) => {
          captured.rootId = element.id;
          return { render: () => undefined };
        },
      },
      GraphiQL,
      // What a browser would do with the relative endpoint: resolve it against the page.
      fetch: (url: string, init: RequestInit) => fetch(new URL(url, origin), init),
    };
    Object.defineProperty(context, 'localStorage', {
      get: () => {
        captured.storageTouched = true;
        return undefined;
      },
    });
    runInNewContext(code, context);
    return captured;
  }

  type Fetcher = (params: unknown, options?: { headers?: Record<string, unknown> }) => Promise<unknown>;

  it('opens one tab per example with the headers template, and never persists headers', async () => {
    await start();
    const { props, rootId, storageTouched } = await bootstrap();
    expect(rootId).toBe('graphiql');
    expect(props.defaultTabs).toEqual([
      { query: `# Delete intents\n${BASE_OPTIONS.examples[0]?.query}`, variables: '{"ids": ["intent-1"]}', headers: HEADERS_TEMPLATE },
      { query: `# Script breakout\n${HOSTILE_QUERY}`, variables: null, headers: HEADERS_TEMPLATE },
    ]);
    expect(props.defaultHeaders).toBe(HEADERS_TEMPLATE);
    expect(props.isHeadersEditorEnabled).toBe(true);
    expect(props.shouldPersistHeaders).toBe(false);
    expect(storageTouched).toBe(false);
  });

  it('gives GraphiQL an in-memory storage, not localStorage', async () => {
    await start();
    const { props, storageTouched } = await bootstrap();
    const storage = props.storage as Storage;
    expect(storage.getItem('graphiql:queries')).toBeNull();
    storage.setItem('graphiql:queries', '{"queries":[{"headers":"secret"}]}');
    expect(storage.getItem('graphiql:queries')).toBe('{"queries":[{"headers":"secret"}]}');
    expect(storage.length).toBe(1);
    storage.removeItem('graphiql:queries');
    expect(storage.length).toBe(0);
    expect(storageTouched).toBe(false);
  });

  it('leaves GraphiQL its default tab when there are no examples, and no headers when none are given', async () => {
    await start({ examples: [], defaultHeaders: undefined });
    const { props } = await bootstrap();
    expect(props.defaultTabs).toBeUndefined();
    expect(props.variables).toBeUndefined();
    expect(props.defaultHeaders).toBeUndefined();
  });

  // GraphiQL opens its variables editor with its initial variables, never the first tab's
  // (graphql/graphiql#3392): without these, the first tab's first run has no variables.
  it("starts GraphiQL's variables editor with the first tab's variables", async () => {
    await start();
    const { props } = await bootstrap();
    expect(props.variables).toBe('{"ids": ["intent-1"]}');
  });

  it('starts an empty variables editor when the first example has no variables', async () => {
    await start({ examples: [...BASE_OPTIONS.examples].reverse() });
    const { props } = await bootstrap();
    expect(props.variables).toBeUndefined();
    expect((props.defaultTabs as Array<{ variables: string | null }>).map((tab) => tab.variables)).toEqual([null, '{"ids": ["intent-1"]}']);
  });

  it('fetcher POSTs JSON to the endpoint with the edited headers, keeping its own Content-Type', async () => {
    await start();
    const fetcher = (await bootstrap()).props.fetcher as Fetcher;
    const params = { query: '{ __typename }', variables: { a: 1 }, operationName: null };
    const result = (await fetcher(params, {
      headers: { Authorization: 'Bearer k-123', 'content-type': 'text/plain', 'X-Count': 2 },
    })) as { data: { echo: { method: string; headers: IncomingHttpHeaders; body: string } } };
    const { echo } = result.data;
    expect(echo.method).toBe('POST');
    expect(echo.headers['content-type']).toBe('application/json');
    expect(echo.headers.authorization).toBe('Bearer k-123');
    expect(echo.headers['x-count']).toBe('2');
    expect(echo.headers.accept).toBe('application/graphql-response+json, application/json');
    expect(JSON.parse(echo.body)).toEqual(params);
  });

  it('fetcher leaves out an Authorization header that still holds its <placeholder>, whatever its case', async () => {
    await start();
    const fetcher = (await bootstrap()).props.fetcher as Fetcher;
    for (const [name, value] of [
      ['Authorization', 'Bearer <API key or JWT>'],
      ['authorization', 'Bearer <your API key>'],
      ['AUTHORIZATION', '<token>'],
    ] as const) {
      const result = (await fetcher({ query: '{ __typename }' }, { headers: { [name]: value, 'X-Trace': 't-1' } })) as {
        data: { echo: { headers: IncomingHttpHeaders } };
      };
      expect([name, result.data.echo.headers.authorization]).toEqual([name, undefined]);
      expect(result.data.echo.headers['x-trace']).toBe('t-1');
    }
  });

  it('fetcher sends a filled-in Authorization header, and a placeholder in another header', async () => {
    await start();
    const fetcher = (await bootstrap()).props.fetcher as Fetcher;
    const result = (await fetcher({ query: '{ __typename }' }, {
      headers: { Authorization: 'Bearer fake-filled-in-key-123', 'X-Note': '<kept>' },
    })) as { data: { echo: { headers: IncomingHttpHeaders } } };
    expect(result.data.echo.headers.authorization).toBe('Bearer fake-filled-in-key-123');
    expect(result.data.echo.headers['x-note']).toBe('<kept>');
  });

  it('fetcher turns a response that is not JSON into a GraphQL error', async () => {
    await start({ endpoint: '/broken' });
    const fetcher = (await bootstrap()).props.fetcher as Fetcher;
    expect(await fetcher({ query: '{ __typename }' })).toEqual({
      errors: [{ message: 'HTTP 502: the response is not JSON' }],
    });
  });

  describe("the facade's headers template", () => {
    it("is the Authorization header's shape, as JSON GraphiQL can parse", () => {
      expect(JSON.parse(playgroundHeaders())).toEqual({ Authorization: 'Bearer <API key or JWT>' });
      expect(AUTHORIZATION_TEMPLATE).toBe('Bearer <API key or JWT>');
    });

    // Why the page must not send it: the facade verifies any Authorization header it receives.
    it('is refused as malformed by the facade, so it can never pass for a credential', () => {
      expect(parseAuthorization(AUTHORIZATION_TEMPLATE)).toEqual({ kind: 'malformed' });
    });

    it.each([true, false])('opens in every tab (demo %s) and is left out of what the page sends', async (demo) => {
      await start({ demo, examples: playgroundExamples(demo), defaultHeaders: playgroundHeaders() });
      const { props } = await bootstrap();
      expect(props.defaultHeaders).toBe(playgroundHeaders());
      const tabs = props.defaultTabs as Array<{ headers: string }>;
      expect(tabs.map((tab) => tab.headers)).toEqual(playgroundExamples(demo).map(() => playgroundHeaders()));
      const fetcher = props.fetcher as Fetcher;
      // What GraphiQL hands the fetcher: the editor's text, parsed.
      const headers = JSON.parse(String(props.defaultHeaders)) as Record<string, unknown>;
      const result = (await fetcher({ query: '{ __typename }' }, { headers })) as { data: { echo: { headers: IncomingHttpHeaders } } };
      expect(result.data.echo.headers.authorization).toBeUndefined();
    });
  });
});

describe('createPlayground options', () => {
  it.each([
    ['an endpoint that is not a path', { endpoint: 'graphql' }, /endpoint/],
    ['a protocol-relative endpoint', { endpoint: '//evil.example/graphql' }, /endpoint/],
    ['an endpoint under the asset prefix', { endpoint: '/playground/graphql' }, /endpoint/],
    ['an endpoint with a query string', { endpoint: '/graphql?x=1' }, /endpoint/],
    ['headers that are not JSON', { defaultHeaders: '{"Authorization": "Bearer fake-live-key-123"' }, /defaultHeaders/],
    ['headers that are a JSON array', { defaultHeaders: '[]' }, /defaultHeaders/],
    ['variables that are not an object', { examples: [{ name: 'Bad vars', query: '{ a }', variables: '[1]' }] }, /"Bad vars"/],
  ] as const)('rejects %s at creation', (_label, options, message) => {
    expect(() => createPlayground({ ...BASE_OPTIONS, ...options })).toThrow(message);
  });

  it('does not echo the headers template in its error (it may hold a real key)', () => {
    expect(() => createPlayground({ ...BASE_OPTIONS, defaultHeaders: '{"Authorization": "Bearer fake-live-key-123"' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('fake-live-key-123') }),
    );
  });
});
