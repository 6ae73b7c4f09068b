// npm run apikey -- --name <client name> --scopes <scope,scope|*> [--json]
//
// Prints a new random API key for one client, and the line that configures it in
// AUTH_API_KEYS (or the file AUTH_API_KEYS_FILE names). The line holds a salted SHA-256 of
// the key, never the key: give the key to the client, put the line in the configuration.
// The key is shown once; nothing stores it, so a lost key is replaced, not recovered.
import { parseArgs } from 'node:util';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../src/auth/index.ts';
import { ANONYMOUS_CLIENT, API_KEY_NAME, ConfigError, SCOPES, loadConfig, type Scope } from '../src/config/index.ts';

const USAGE = `Usage: npm run apikey -- --name <client name> --scopes <scope,scope|*> [--json]

  --name    the client's name: letters, digits, _ . - (at most 64); it names the client in
            logs and scopes its idempotency keys, so give each client its own
  --scopes  comma-separated, from: ${SCOPES.join(', ')}; or * for all
  --json    print {"name", "scopes", "key", "line"} as JSON instead of text`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let values: { name?: string | undefined; scopes?: string | undefined; json?: boolean | undefined; help?: boolean | undefined };
try {
  ({ values } = parseArgs({
    options: { name: { type: 'string' }, scopes: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const name = values.name ?? fail('--name is required.');
if (!API_KEY_NAME.test(name)) fail(`--name ${JSON.stringify(name)} may hold only letters, digits, _ . - (1 to 64 characters).`);
if (name === ANONYMOUS_CLIENT) fail(`--name ${ANONYMOUS_CLIENT} is reserved for callers without credentials.`);

const scopeList = values.scopes ?? fail('--scopes is required (least privilege: name the mutations this client needs).');
let scopes: readonly Scope[] | '*';
if (scopeList.trim() === '*') {
  scopes = '*';
} else {
  const asked = scopeList.split(',').map((scope) => scope.trim()).filter((scope) => scope !== '');
  const unknown = asked.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (asked.length === 0 || unknown.length > 0) fail(`--scopes ${JSON.stringify(scopeList)}: unknown ${JSON.stringify(unknown)}; known: ${SCOPES.join(', ')}, or *.`);
  scopes = [...new Set(asked)] as Scope[];
}

const key = generateApiKey();
const line = buildApiKeyLine(name, scopes, hashApiKey(key));

// The line must be one the facade accepts: parse it exactly as a start-up would.
try {
  loadConfig({ AUTH_API_KEYS: line });
} catch (error) {
  fail(`Internal error: the generated line is not accepted by the configuration parser (${error instanceof ConfigError ? error.problems.join('; ') : String(error)}).`);
}

const scopeText = scopes === '*' ? `* (${SCOPES.join(', ')})` : scopes.join(', ');
if (values.json) {
  process.stdout.write(`${JSON.stringify({ name, scopes: scopes === '*' ? [...SCOPES] : scopes, key, line })}\n`);
} else {
  process.stdout.write(`New API key for client "${name}", scopes: ${scopeText}

Key (give it to the client; send it as "Authorization: Bearer <key>"; it is shown only once):
  ${key}

Line for AUTH_API_KEYS (one entry per line or ;-separated; it holds a salted hash, not the key):
  ${line}
`);
}
