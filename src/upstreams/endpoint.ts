import { FacadeError, UPSTREAM_LABELS, type UpstreamName } from '../errors/index.ts';

/**
 * Where one vendor's documented endpoint lives under its configured base URL, resolved once at
 * start-up. http.ts checks every request's URL against it just before sending, so nothing that
 * slipped past input validation can steer a credentialed call to another path: the WHATWG URL
 * parser collapses `.` and `..` segments (and their `%2e` spellings) that encodeURIComponent
 * leaves alone.
 */
export interface Endpoint {
  readonly upstream: UpstreamName;
  /** The normalised base URL and documented path, up to the variable segment when there is one. */
  readonly prefix: string;
  /** The documented path after the variable segment; null when the path has none. */
  readonly suffix: string | null;
}

/**
 * An endpoint at `base` + `path`, or, with `suffix`, at `base` + `path` + one path segment
 * (`{streamId}`) + `suffix`. `path` starts with `/`; with a suffix it ends with `/`.
 */
export function createEndpoint(upstream: UpstreamName, base: string, path: string, suffix: string | null = null): Endpoint {
  return { upstream, prefix: new URL(`${base}${path}`).href, suffix };
}

/**
 * Parses `url` and returns it when it is exactly the endpoint (or its prefix, one non-empty
 * segment and its suffix); throws BAD_USER_INPUT otherwise, naming the path it resolved to.
 * The returned URL is what goes on the wire, so the checked URL and the sent one are the same.
 */
export function assertWithinEndpoint(endpoint: Endpoint, url: string): URL {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // Reported below as a URL outside the endpoint.
  }
  // A query or fragment could carry the documented suffix after the segment (`st?x=/contacts/...`).
  if (parsed !== null && parsed.search === '' && parsed.hash === '' && isWithin(endpoint, parsed.href)) return parsed;
  const where = parsed === null ? 'is not a valid URL' : `resolves to ${JSON.stringify(parsed.pathname)}`;
  throw new FacadeError('BAD_USER_INPUT', `The facade refused to send a ${UPSTREAM_LABELS[endpoint.upstream]} request outside its documented endpoint: the request ${where}. Nothing was sent.`, { upstream: endpoint.upstream });
}

function isWithin(endpoint: Endpoint, href: string): boolean {
  const { prefix, suffix } = endpoint;
  if (suffix === null) return href === prefix;
  if (href.length <= prefix.length + suffix.length || !href.startsWith(prefix) || !href.endsWith(suffix)) return false;
  return !href.slice(prefix.length, href.length - suffix.length).includes('/');
}
