import type { KoreAuth, KoreConfig, LeadLexConfig, StoqConfig, UpstreamsConfig } from './config.ts';
import type { EnvReader } from './reader.ts';

/**
 * A Kore.ai stream ID as docs/contract.md §4 accepts it: a plain token (letters, digits, `_`, `-`). It
 * becomes a path segment of an authenticated call, so nothing in it may name another path.
 */
export const STREAM_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Longest stream ID accepted, from a mutation or KORE_STREAM_ID. */
export const MAX_STREAM_ID_LENGTH = 128;

/**
 * STOQ_*, KORE_*, LEADLEX_* (docs/contract.md §7). An upstream is configured when its credentials
 * are set (directly or through `*_FILE`); its URL alone only redirects it.
 */
export function loadUpstreamsConfig(env: EnvReader): UpstreamsConfig {
  return { stoq: loadStoq(env), kore: loadKore(env), leadlex: loadLeadLex(env) };
}

function loadStoq(env: EnvReader): StoqConfig | null {
  const url = env.url('STOQ_API_URL', 'https://app.stoqapp.com/api/v1/external');
  const apiKey = env.secret('STOQ_API_KEY');
  return apiKey === undefined ? null : { url, apiKey };
}

function loadLeadLex(env: EnvReader): LeadLexConfig | null {
  const url = env.url('LEADLEX_API_URL', 'https://data.leadlex.com/functions/v1/api-gateway');
  const apiKey = env.secret('LEADLEX_API_KEY');
  return apiKey === undefined ? null : { url, apiKey };
}

function loadKore(env: EnvReader): KoreConfig | null {
  const url = env.url('KORE_API_URL', 'https://platform.kore.ai');
  const jwt = env.secret('KORE_JWT');
  const clientId = env.read('KORE_CLIENT_ID');
  const clientSecret = env.secret('KORE_CLIENT_SECRET');
  const batchSize = env.int('KORE_BATCH_SIZE', 100, 1, 10_000);
  let auth: KoreAuth | null = null;
  if (jwt !== undefined && (clientId !== undefined || clientSecret !== undefined)) {
    env.problems.push('Set either KORE_JWT or KORE_CLIENT_ID + KORE_CLIENT_SECRET, not both');
  } else if (jwt !== undefined) {
    if (jwt.split('.').length !== 3) env.problems.push('KORE_JWT must be a JWT (three dot-separated parts; value not shown)');
    auth = { kind: 'static', jwt };
  } else if (clientId !== undefined && clientSecret !== undefined) {
    auth = { kind: 'minted', clientId, clientSecret, subject: env.read('KORE_JWT_SUBJECT') ?? clientId };
  } else if (clientId !== undefined || clientSecret !== undefined) {
    env.problems.push(`KORE_CLIENT_ID and KORE_CLIENT_SECRET must be set together; only ${clientId === undefined ? 'KORE_CLIENT_SECRET' : 'KORE_CLIENT_ID'} is set`);
  }
  if (auth === null) return null;
  const accountId = env.read('KORE_ACCOUNT_ID');
  if (accountId === undefined) {
    env.problems.push('KORE_ACCOUNT_ID is required when Kore.ai credentials are set (Kore.ai needs the accountId header)');
  }
  return { url, accountId: accountId ?? '', defaultStreamId: readStreamId(env), auth, batchSize };
}

function readStreamId(env: EnvReader): string | null {
  const raw = env.read('KORE_STREAM_ID');
  if (raw === undefined) return null;
  if (raw.length > MAX_STREAM_ID_LENGTH || !STREAM_ID_PATTERN.test(raw)) {
    env.problems.push(`KORE_STREAM_ID must be a plain token of at most ${MAX_STREAM_ID_LENGTH} letters, digits, _ and -; got ${JSON.stringify(raw)}`);
    return null;
  }
  return raw;
}
