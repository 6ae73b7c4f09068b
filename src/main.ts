// The only file that reads process.env, listens, and handles signals (README, "What each folder may import").
import { existsSync, readFileSync } from 'node:fs';
import type { Config } from './config/index.ts';

async function main(): Promise<void> {
  const [{ ConfigError, loadConfig }, { createApp }] = await Promise.all([import('./config/index.ts'), import('./server/create-app.ts')]);
  // Variables already in the environment win over .env (Node's loadEnvFile does not overwrite).
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: Config;
  try {
    config = loadConfig(process.env, { readFile: (path) => readFileSync(path, 'utf8') });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  // The simulators load in demo mode only: a live facade never runs them.
  const simulators = config.demo ? await import('./simulators/index.ts') : null;
  const demo = simulators ? await simulators.startDemoUpstreams() : null;
  if (simulators && demo) config = { ...config, upstreams: simulators.demoUpstreamsConfig(demo) };

  const app = await createApp(config);
  const { logger } = app.services;

  // Handlers before the start-up line: whoever waits for that line may signal at once, and
  // before a listener exists SIGTERM's default action kills the process mid-way.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: refusing new requests, finishing the ones in flight');
    app.close(config.shutdownGraceMs)
      .then(async ({ cutShort }) => {
        await demo?.close();
        logger.info({ cutShort }, cutShort ? 'stopped with requests cut short' : 'stopped cleanly');
        process.exit(cutShort ? 1 : 0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  const url = await app.listen();
  logger.info(...startupLine(config, `${url}/graphql`, demo !== null));
}

/**
 * The start-up line says what is really served: demo or live, each upstream's state, the
 * GraphQL URL, and whether the playground is served there. Its `url` field is what scripts
 * and tests wait for.
 */
function startupLine(config: Config, graphqlUrl: string, demo: boolean): [Record<string, unknown>, string] {
  const entries = Object.entries(config.upstreams) as Array<[string, unknown]>;
  const configured = entries.filter(([, upstream]) => upstream !== null).map(([name]) => name);
  const missing = entries.filter(([, upstream]) => upstream === null).map(([name]) => name);
  const upstreams = Object.fromEntries(entries.map(([name, upstream]) => [name, demo ? 'demo simulator' : upstream ? 'configured' : 'not configured']));
  const playground = config.security.playground;
  const playgroundText = playground ? `playground at ${graphqlUrl} (in a browser)` : 'playground off';
  const fields = { url: graphqlUrl, mode: demo ? 'demo' : 'live', upstreams, playground };
  if (demo) {
    return [fields, `DEMO MODE: no upstream is configured, so the three mutations run against built-in simulators of stoq, kore and leadlex; nothing real is deleted. GraphQL at ${graphqlUrl}; ${playgroundText}`];
  }
  const notConfigured = missing.length === 0 ? '' : `; not configured: ${missing.join(', ')} (${missing.length === 1 ? 'its mutation answers' : 'their mutations answer'} NOT_CONFIGURED)`;
  return [fields, `Serving ${graphqlUrl}, live against ${configured.join(', ')}${notConfigured}; ${playgroundText}`];
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
