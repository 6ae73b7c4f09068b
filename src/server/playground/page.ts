/**
 * The playground's HTML: a static shell that loads only same-origin files and hands its settings
 * to `bootstrap.js` in a JSON data block. Nothing in it executes inline, so the page can be served
 * with a Content-Security-Policy that allows scripts from 'self' and nothing else.
 */

/** The demo banner's words; docs/contract.md (§7) asks demo mode to say so in the playground. */
export const DEMO_BANNER_TEXT =
  'Demo mode: these mutations run against built-in simulators; nothing real is deleted';

/**
 * The policy sent with the page. Styles allow 'unsafe-inline' because GraphiQL's dialogs inject a
 * `<style>` element at runtime (react-remove-scroll, inside the UMD bundle); scripts and fetches
 * stay same-origin, images and fonts same-origin or `data:` (GraphiQL's stylesheet embeds its
 * fonts as data: URLs, which fetch nothing), and the page may not be framed, which would expose
 * the headers editor (and the key typed into it) to clickjacking.
 */
export const PLAYGROUND_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The id of the JSON block `bootstrap.js` reads; the two files must agree on it. */
export const CONFIG_ELEMENT_ID = 'playground-config';

/** What `bootstrap.js` receives. */
export interface PlaygroundClientConfig {
  /** Where the fetcher POSTs. */
  readonly endpoint: string;
  /** One GraphiQL tab each, in order; the first is active. */
  readonly tabs: ReadonlyArray<{ readonly query: string; readonly variables: string | null }>;
  /** JSON text for the headers editor, or null for an empty editor. */
  readonly headers: string | null;
}

/** The script and stylesheet URLs the page links, in load order. */
export interface PageAssetUrls {
  readonly scripts: readonly string[];
  readonly styles: readonly string[];
}

/**
 * Serialises a value as JSON that is safe inside a `<script>` element: `<`, `>` and `&` become
 * `\u003c`-style escapes, so neither `</script>` nor `<!--` in an example can end the block,
 * and `JSON.parse` still returns exactly the original value.
 */
export function toScriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Escapes text for an HTML attribute value or element content. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Builds the page. The banner is plain markup, so it shows even before (or without) JavaScript;
 * scripts are `defer`red, which keeps their order and runs them once the config block exists.
 */
export function buildPlaygroundPage(
  config: PlaygroundClientConfig,
  demo: boolean,
  urls: PageAssetUrls,
): string {
  const styles = urls.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`);
  const scripts = urls.scripts.map((src) => `<script defer src="${escapeHtml(src)}"></script>`);
  const banner = demo
    ? [`<div class="playground-banner" role="note">${escapeHtml(DEMO_BANNER_TEXT)}</div>`]
    : [];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>GraphQL playground</title>',
    // An empty icon: otherwise the browser asks the facade for /favicon.ico and logs its 404.
    '<link rel="icon" href="data:,">',
    ...styles,
    `<script type="application/json" id="${CONFIG_ELEMENT_ID}">${toScriptJson(config)}</script>`,
    ...scripts,
    '</head>',
    '<body>',
    ...banner,
    '<div id="graphiql"><noscript>The GraphQL playground needs JavaScript.</noscript></div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
