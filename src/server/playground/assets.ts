/**
 * The playground's static files: GraphiQL and React from their installed npm packages, plus our
 * own bootstrap script and stylesheet. Each is found (and checked readable) when the playground
 * is created, so a missing package fails at startup, not on the first browser visit; the bytes
 * (some 1.5 MB) are read once, at the first request for the page or an asset, and then served
 * from memory, so the page needs no CDN and a facade nobody opens the playground of never holds them.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, readFileSync } from 'node:fs';
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

/** An allow-listed file, found on disk: what `readPlaygroundAssets` reads. */
export interface PlaygroundAssetFile {
  readonly name: string;
  readonly contentType: string;
  readonly path: string | URL;
}

/**
 * Finds every allow-listed file and checks it can be read. Throws, naming the package, when
 * one cannot be found: the playground is unusable without all of them.
 */
export function findPlaygroundAssets(): readonly PlaygroundAssetFile[] {
  const require = createRequire(import.meta.url);
  return SOURCES.map((source) => {
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
    try {
      accessSync(path, constants.R_OK);
    } catch (cause) {
      throw new Error(`Playground: cannot read ${source.name}`, { cause });
    }
    return { name: source.name, contentType: source.contentType, path };
  });
}

/** Reads the files `findPlaygroundAssets` found into memory and returns them by name. */
export function readPlaygroundAssets(files: readonly PlaygroundAssetFile[]): ReadonlyMap<string, PlaygroundAsset> {
  const assets = new Map<string, PlaygroundAsset>();
  for (const file of files) {
    let body: Buffer;
    try {
      body = readFileSync(file.path);
    } catch (cause) {
      throw new Error(`Playground: cannot read ${file.name}`, { cause });
    }
    assets.set(file.name, buildAsset(file.name, file.contentType, body));
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
