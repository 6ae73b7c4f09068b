/**
 * The offline GraphQL playground: GraphiQL 3, served by the facade itself from its npm packages,
 * so it works on networks that cannot reach a CDN. `handle` answers a browser's GET of the
 * GraphQL endpoint with the page and every request under `/playground/` with an asset (or 404),
 * and leaves everything else, GraphQL GET requests included, to the caller.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { findPlaygroundAssets, readPlaygroundAssets } from './playground/assets.ts';
import type { PlaygroundAsset } from './playground/assets.ts';
import { PLAYGROUND_CSP, buildPlaygroundPage } from './playground/page.ts';
import type { PlaygroundClientConfig } from './playground/page.ts';

export { DEMO_BANNER_TEXT } from './playground/page.ts';

/** Every asset URL starts with this; the playground answers any request under it. */
export const PLAYGROUND_ASSET_PREFIX = '/playground/';

/** One example operation; each opens in its own tab. */
export interface PlaygroundExample {
  /** Shown as a leading `# name` comment: GraphiQL 3 titles tabs after the operation's name. */
  readonly name: string;
  readonly query: string;
  /** JSON text for the variables editor; must be a JSON object when given. */
  readonly variables?: string;
}

/** How the playground looks and where it sends operations. */
export interface PlaygroundOptions {
  /** The GraphQL endpoint's path, e.g. `/graphql`: the page is served there and POSTs there. */
  readonly endpoint: string;
  /** Shows the demo banner above GraphiQL. */
  readonly demo: boolean;
  /** One tab each, the first active. */
  readonly examples: readonly PlaygroundExample[];
  /**
   * JSON text prefilled in the headers editor (a JSON object), e.g. an Authorization template.
   * An Authorization value that still holds a `<…>` placeholder is never sent.
   */
  readonly defaultHeaders?: string;
}

/** A playground ready to serve. */
export interface Playground {
  /**
   * Answers the request and returns true when it is the playground's (a GET or HEAD of the
   * endpoint whose `Accept` lists `text/html`, or any request under `/playground/`); otherwise
   * writes nothing and returns false, and the caller handles it. Never awaits; throws only when
   * a file found at startup can no longer be read at the first visit.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

const ASSET_CACHE_CONTROL = 'public, max-age=86400, immutable';
// GraphiQL's UMD build reads the React and ReactDOM globals when it runs, so order matters.
const SCRIPT_ORDER = ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphql-ws.min.js', 'bootstrap.js'];
const STYLE_ORDER = ['graphiql.min.css', 'playground.css'];

/**
 * Finds the assets, and at the first request reads them and builds the page, once. Throws, at
 * startup rather than on a visit, when a package is missing or a file unreadable, the endpoint is not an absolute path, or an example's variables or the
 * default headers are not JSON objects.
 */
export function createPlayground(options: PlaygroundOptions): Playground {
  assertEndpoint(options.endpoint);
  // Not quoted in the error: the template could hold a real key.
  assertJsonObject(options.defaultHeaders, 'defaultHeaders');
  const config: PlaygroundClientConfig = {
    endpoint: options.endpoint,
    tabs: options.examples.map((example) => {
      assertJsonObject(example.variables, `the variables of example "${example.name}"`);
      // A line break in the name would end the comment and put the rest into the document.
      const title = `# ${example.name.replace(/[\r\n]+/g, ' ')}`;
      return { query: `${title}\n${example.query}`, variables: example.variables ?? null };
    }),
    headers: options.defaultHeaders ?? null,
  };
  const files = findPlaygroundAssets();
  // Read at the first request the playground answers (see playground/assets.ts), then kept.
  let served: { readonly assets: ReadonlyMap<string, PlaygroundAsset>; readonly page: Buffer } | null = null;
  const load = (): { readonly assets: ReadonlyMap<string, PlaygroundAsset>; readonly page: Buffer } => {
    if (served !== null) return served;
    const assets = readPlaygroundAssets(files);
    // The content hash in each URL is what makes the `immutable` caching safe: an upgraded
    // package gets new URLs instead of a day of stale files.
    const urlOf = (name: string): string => {
      const asset = assets.get(name);
      if (asset === undefined) throw new Error(`Playground: no asset ${name}`);
      return `${PLAYGROUND_ASSET_PREFIX}${name}?v=${asset.etag.slice(1, 13)}`;
    };
    const urls = { scripts: SCRIPT_ORDER.map(urlOf), styles: STYLE_ORDER.map(urlOf) };
    served = { assets, page: Buffer.from(buildPlaygroundPage(config, options.demo, urls)) };
    return served;
  };

  return {
    handle(req, res) {
      const path = pathOf(req.url);
      if (path.startsWith(PLAYGROUND_ASSET_PREFIX)) {
        serveAsset(req, res, load().assets.get(path.slice(PLAYGROUND_ASSET_PREFIX.length)));
        return true;
      }
      if (path === options.endpoint && isGetOrHead(req) && acceptsHtml(req.headers.accept)) {
        send(req, res, 200, load().page, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-cache',
          'Content-Security-Policy': PLAYGROUND_CSP,
          'Referrer-Policy': 'no-referrer',
          // Apollo answers GraphQL on this same URL; caches must key on Accept.
          Vary: 'Accept',
        });
        return true;
      }
      return false;
    },
  };
}

function serveAsset(req: IncomingMessage, res: ServerResponse, asset: PlaygroundAsset | undefined): void {
  if (!isGetOrHead(req)) {
    const headers = { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' };
    send(req, res, 405, Buffer.from('Method not allowed\n'), headers);
    return;
  }
  // Lookup by exact name in the allow-list is the whole traversal defence: no path is ever
  // built from the URL, so `..`, encoded or not, is just a name that is not in the map.
  if (asset === undefined) {
    send(req, res, 404, Buffer.from('Not found\n'), { 'Content-Type': 'text/plain; charset=utf-8' });
    return;
  }
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const { body, etag } = gzip ? asset.gzipped() : asset;
  const headers: OutgoingHttpHeaders = {
    'Content-Type': asset.contentType,
    'Cache-Control': ASSET_CACHE_CONTROL,
    ETag: etag,
    Vary: 'Accept-Encoding',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  };
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    send(req, res, 304, undefined, headers);
    return;
  }
  send(req, res, 200, body, headers);
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: Buffer | undefined,
  headers: OutgoingHttpHeaders,
): void {
  res.writeHead(status, {
    ...headers,
    'X-Content-Type-Options': 'nosniff',
    ...(body === undefined ? {} : { 'Content-Length': body.length }),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The raw path, without query string, and deliberately not normalised (see serveAsset). */
function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}

function isGetOrHead(req: IncomingMessage): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

/** The media ranges (or codings) of an Accept-style header whose q is not 0, lower-cased. */
function acceptedValues(header: string | undefined): string[] {
  if (header === undefined) return [];
  const values: string[] = [];
  for (const part of header.split(',')) {
    const [value = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    if (value !== '' && (q === undefined || Number(q.slice(2)) > 0)) values.push(value);
  }
  return values;
}

// Only an explicit text/html: curl's and GraphQL clients' `*/*` must reach Apollo as GraphQL.
function acceptsHtml(header: string | undefined): boolean {
  return acceptedValues(header).includes('text/html');
}

function acceptsGzip(header: string | string[] | undefined): boolean {
  return typeof header === 'string' && acceptedValues(header).includes('gzip');
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  // If-None-Match uses the weak comparison (RFC 9110 §13.1.2): a W/ prefix does not matter.
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

function assertEndpoint(endpoint: string): void {
  // `//host` would be another origin to fetch(); `?` or `#` would never equal a request's path.
  const isPath = endpoint.startsWith('/') && !endpoint.startsWith('//') && !/[?#]/.test(endpoint);
  if (!isPath || endpoint.startsWith(PLAYGROUND_ASSET_PREFIX)) {
    throw new Error(`Playground: endpoint must be a path like "/graphql", got ${JSON.stringify(endpoint)}`);
  }
}

function assertJsonObject(text: string | undefined, what: string): void {
  if (text === undefined) return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Playground: ${what} must be JSON text for an object`);
  }
}
