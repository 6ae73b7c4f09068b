/**
 * The playground's static files: GraphiQL and React from their installed npm packages, plus our
 * own bootstrap script and stylesheet. They are read once, when the playground is created, and
 * served from memory, so the page needs no CDN and a missing package fails at startup, not on
 * the first browser visit.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One file the playground serves, with everything needed to answer a request for it. */
export interface PlaygroundAsset {
  /** The file name under the asset prefix, e.g. `graphiql.min.js`. */
  readonly name: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** A strong ETag (quoted) derived from the bytes, so it changes exactly when they do. */
  readonly etag: string;
  /** The same bytes gzipped, computed on first use: GraphiQL is ~1 MB and compresses ~4×. */
  gzipped(): { readonly body: Buffer; readonly etag: string };
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

interface AssetSource {
  readonly name: string;
  readonly contentType: string;
  /** Where the bytes come from: a file inside an installed package, or one next to this module. */
  readonly from: { readonly pkg: string; readonly file: string } | { readonly local: string };
}

// The allow-list: nothing outside it is ever read from disk or served. GraphiQL 3's UMD build
// expects the React 18 UMD globals (`React`, `ReactDOM`) and bundles graphql-js itself.
const SOURCES: readonly AssetSource[] = [
  {
    name: 'react.production.min.js',
    contentType: JS,
    from: { pkg: 'react', file: 'umd/react.production.min.js' },
  },
  {
    name: 'react-dom.production.min.js',
    contentType: JS,
    from: { pkg: 'react-dom', file: 'umd/react-dom.production.min.js' },
  },
  { name: 'graphiql.min.js', contentType: JS, from: { pkg: 'graphiql', file: 'graphiql.min.js' } },
  { name: 'graphiql.min.css', contentType: CSS, from: { pkg: 'graphiql', file: 'graphiql.min.css' } },
  // The graphql-ws client (its UMD build, global `graphqlWs`): subscriptions run over the facade's own WebSocket.
  { name: 'graphql-ws.min.js', contentType: JS, from: { pkg: 'graphql-ws', file: 'umd/graphql-ws.min.js' } },
  { name: 'bootstrap.js', contentType: JS, from: { local: 'bootstrap.js' } },
  { name: 'playground.css', contentType: CSS, from: { local: 'playground.css' } },
];

/**
 * Reads every allow-listed file into memory and returns them by name. Throws, naming the
 * package, when one cannot be found: the playground is unusable without all of them.
 */
export function loadPlaygroundAssets(): ReadonlyMap<string, PlaygroundAsset> {
  const require = createRequire(import.meta.url);
  const assets = new Map<string, PlaygroundAsset>();
  for (const source of SOURCES) {
    let path: string | URL;
    if ('pkg' in source.from) {
      // The UMD files are not in these packages' `exports` maps, so resolve the package's own
      // package.json (which all four export) and step from its folder.
      const { pkg, file } = source.from;
      try {
        path = join(dirname(require.resolve(`${pkg}/package.json`)), file);
      } catch (cause) {
        throw new Error(`Playground: the npm package "${pkg}" is not installed`, { cause });
      }
    } else {
      path = new URL(source.from.local, import.meta.url);
    }
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch (cause) {
      throw new Error(`Playground: cannot read ${source.name}`, { cause });
    }
    assets.set(source.name, buildAsset(source.name, source.contentType, body));
  }
  return assets;
}

function buildAsset(name: string, contentType: string, body: Buffer): PlaygroundAsset {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  let gzipped: { body: Buffer; etag: string } | undefined;
  return {
    name,
    contentType,
    body,
    etag: `"${hash}"`,
    gzipped() {
      // A different representation needs its own strong ETag (RFC 9110 §8.8.3).
      gzipped ??= { body: gzipSync(body), etag: `"${hash}-gz"` };
      return gzipped;
    },
  };
}
