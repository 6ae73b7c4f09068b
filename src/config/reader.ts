/** Reads one file's text; injected so config parsing stays pure and testable. */
export type ReadSecretFile = (path: string) => string;

/**
 * Typed access to the environment that records every problem instead of throwing, so
 * loadConfig can report all bad variables at once. Values are quoted in problems except
 * those read with `secret`, which are never echoed.
 */
export interface EnvReader {
  readonly problems: string[];
  read(name: string): string | undefined;
  int(name: string, fallback: number, min: number, max: number): number;
  bool(name: string, fallback: boolean): boolean;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  url(name: string, fallback: string): string;
  optionalUrl(name: string): string | undefined;
  /** A credential from NAME, or from the file NAME_FILE names (mounted container secrets). */
  secret(name: string, options?: { multiline?: boolean }): string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);
// A scheme, kept when quoting a value: it is never secret and says what was meant.
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Quotes a configuration value for a problem message, masking everything before its last `@`:
 * whatever precedes it may be `user:password` of a URL, also of one too malformed to parse
 * (`http//user:pass@host`), so only a leading scheme and what follows the `@` are shown.
 */
export function quoteValue(value: string): string {
  const at = value.lastIndexOf('@');
  if (at === -1) return JSON.stringify(value);
  const scheme = SCHEME.exec(value)?.[0] ?? '';
  return JSON.stringify(`${scheme}…${value.slice(at)}`);
}

/** Creates a reader over `env`; `readFile` serves the `*_FILE` variables. */
export function createEnvReader(env: Env, readFile: ReadSecretFile): EnvReader {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const checkUrl = (name: string, raw: string): boolean => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      problems.push(`${name} must be an absolute http(s) URL; got ${quoteValue(raw)}`);
      return false;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      problems.push(`${name} must use http or https; got ${quoteValue(parsed.protocol)}`);
    } else if (parsed.username || parsed.password) {
      // Credentials in a URL end up in logs and error texts; they belong in their own variables.
      problems.push(`${name} must not contain credentials (user:password@); set them in their own variable`);
    } else if (parsed.search || parsed.hash) {
      // The query or fragment is not quoted: it is where a token would be (`?api_key=`).
      problems.push(`${name} must be a base URL without ?query or #fragment; got ${quoteValue(`${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}${parsed.hash ? '#…' : ''}`)}`);
    } else {
      return true;
    }
    return false;
  };

  return {
    problems,
    read,
    int(name, fallback, min, max) {
      const raw = read(name);
      if (raw === undefined) return fallback;
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        problems.push(`${name} must be a whole number from ${min} to ${max}; got ${quoteValue(raw)}`);
        return fallback;
      }
      return Number(raw);
    },
    bool(name, fallback) {
      const raw = read(name)?.toLowerCase();
      if (raw === undefined) return fallback;
      if (TRUE.has(raw)) return true;
      if (FALSE.has(raw)) return false;
      problems.push(`${name} must be true or false; got ${quoteValue(raw)}`);
      return fallback;
    },
    oneOf(name, allowed, fallback) {
      const raw = read(name);
      if (raw === undefined) return fallback;
      if ((allowed as readonly string[]).includes(raw)) return raw as (typeof allowed)[number];
      problems.push(`${name} must be one of ${allowed.join(', ')}; got ${quoteValue(raw)}`);
      return fallback;
    },
    url(name, fallback) {
      const raw = read(name) ?? fallback;
      return checkUrl(name, raw) ? raw.replace(/\/+$/, '') : fallback;
    },
    optionalUrl(name) {
      const raw = read(name);
      return raw !== undefined && checkUrl(name, raw) ? raw : undefined;
    },
    secret(name, options = {}) {
      const direct = read(name);
      const file = read(`${name}_FILE`);
      if (direct !== undefined && file !== undefined) {
        problems.push(`Set either ${name} or ${name}_FILE, not both`);
        return undefined;
      }
      let value = direct;
      if (file !== undefined) {
        try {
          value = readFile(file).trim();
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          problems.push(`${name}_FILE names a file that cannot be read (${typeof code === 'string' ? code : 'error'}): ${quoteValue(file)}`);
          return undefined;
        }
        if (value === '') {
          problems.push(`${name}_FILE names an empty file: ${quoteValue(file)}`);
          return undefined;
        }
      }
      const forbidden = options.multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/ : /[\s\u0000-\u001f]/;
      if (value !== undefined && forbidden.test(value)) {
        problems.push(`${name} must not contain ${options.multiline ? 'control characters' : 'whitespace or control characters'} (value not shown)`);
        return undefined;
      }
      return value;
    },
  };
}
