import type { ApiKeyEntry, AuthConfig, JwtAuthConfig, Scope } from './config.ts';
import { SCOPES } from './config.ts';
import type { EnvReader } from './reader.ts';

/** What an API key's name may hold; the name is the client's identity in logs and idempotency scopes. */
export const API_KEY_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** The client name of callers without credentials (when authentication is not required). */
export const ANONYMOUS_CLIENT = 'anonymous';
const HASH = /^sha256:([A-Za-z0-9_-]{16,}):([A-Za-z0-9_-]{43})$/;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * AUTH_* variables. Client authentication is required in production, whenever the facade
 * listens beyond loopback, and whenever keys or JWTs are configured, unless AUTH_REQUIRED
 * says otherwise; required with nothing configured is a start-up error, never an open door.
 *
 * AUTH_API_KEYS holds one entry per line (or `;`-separated): `<name> <scope,scope> <hash>`,
 * as printed by `npm run apikey`; the hash is `sha256:<salt>:<digest>`, never the key.
 */
export function loadAuthConfig(env: EnvReader, production: boolean, host: string): AuthConfig {
  const apiKeys = parseApiKeys(env);
  const jwt = loadJwt(env);
  // Configured credentials are enforced: an operator who set keys expects callers without one
  // to be refused, also on loopback (e.g. replicas behind a router on the same host).
  const required = env.bool('AUTH_REQUIRED', production || !LOOPBACK.has(host) || apiKeys.length > 0 || jwt !== null);
  if (required && apiKeys.length === 0 && jwt === null) {
    env.problems.push(`Client authentication is required (${production ? 'NODE_ENV=production' : `HOST=${host} is not loopback`}), but neither AUTH_API_KEYS nor AUTH_JWT_SECRET/AUTH_JWKS_URL is set. Configure one (see README, Security), or set AUTH_REQUIRED=false on purpose.`);
  }
  return { required, apiKeys, jwt };
}

function parseApiKeys(env: EnvReader): ApiKeyEntry[] {
  const raw = env.secret('AUTH_API_KEYS', { multiline: true });
  if (raw === undefined) return [];
  const entries: ApiKeyEntry[] = [];
  const lines = raw.split(/[;\n]/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  lines.forEach((line, index) => {
    const [name, scopeList, hash, ...rest] = line.split(/\s+/);
    const where = `AUTH_API_KEYS entry ${index + 1}`;
    const match = hash === undefined ? null : HASH.exec(hash);
    if (name === undefined || !API_KEY_NAME.test(name) || scopeList === undefined || match === null || rest.length > 0) {
      // The line holds a hash, which is not secret, but quoting only the name is enough.
      env.problems.push(`${where} must be "<name> <scope,scope> sha256:<salt>:<digest>" as printed by npm run apikey${name && API_KEY_NAME.test(name) ? ` (name ${JSON.stringify(name)})` : ''}`);
      return;
    }
    const scopes = scopeList === '*' ? [...SCOPES] : scopeList.split(',');
    const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
    if (unknown.length > 0) {
      env.problems.push(`${where} (${name}) has unknown scopes ${JSON.stringify(unknown)}; known: ${SCOPES.join(', ')} or *`);
      return;
    }
    if (name === ANONYMOUS_CLIENT) {
      // Idempotency keys are scoped by client name: a key named like the anonymous client would share its results.
      env.problems.push(`${where}: the name ${JSON.stringify(ANONYMOUS_CLIENT)} is reserved for callers without credentials; choose another`);
      return;
    }
    if (entries.some((entry) => entry.name === name)) {
      env.problems.push(`${where}: the name ${JSON.stringify(name)} is used twice; names identify clients, so each must be unique`);
      return;
    }
    entries.push({ name, scopes: scopes as Scope[], salt: match[1] as string, digest: match[2] as string });
  });
  return entries;
}

function loadJwt(env: EnvReader): JwtAuthConfig | null {
  const secret = env.secret('AUTH_JWT_SECRET') ?? null;
  const jwksUrl = env.optionalUrl('AUTH_JWKS_URL') ?? null;
  if (secret === null && jwksUrl === null) return null;
  if (secret !== null && jwksUrl !== null) {
    env.problems.push('Set either AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  }
  if (secret !== null && Buffer.byteLength(secret) < 32) {
    env.problems.push('AUTH_JWT_SECRET must be at least 32 bytes (HS256 needs a 256-bit key; value not shown)');
  }
  const issuer = env.read('AUTH_JWT_ISSUER');
  const audience = env.read('AUTH_JWT_AUDIENCE');
  if (issuer === undefined) env.problems.push('AUTH_JWT_ISSUER is required with JWT authentication (tokens from any issuer would be accepted)');
  if (audience === undefined) env.problems.push('AUTH_JWT_AUDIENCE is required with JWT authentication (tokens meant for other services would be accepted)');
  return {
    secret,
    jwksUrl,
    issuer: issuer ?? '',
    audience: audience ?? '',
    scopesClaim: env.read('AUTH_JWT_SCOPES_CLAIM') ?? 'scope',
    clientClaim: env.read('AUTH_JWT_CLIENT_CLAIM') ?? 'sub',
    maxLifetimeS: env.int('AUTH_JWT_MAX_LIFETIME_SECONDS', 86_400, 60, 31_536_000),
  };
}
