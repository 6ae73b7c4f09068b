// The only file that reads process.env, listens, and handles signals (STYLE §1).
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from './config/index.ts';
import { createApp } from './server/create-app.ts';
import { demoUpstreamsConfig, startDemoUpstreams } from './simulators/index.ts';

async function main(): Promise<void> {
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

  const demo = config.demo ? await startDemoUpstreams() : null;
  if (demo) config = { ...config, upstreams: demoUpstreamsConfig(demo) };

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
  const upstreams = Object.fromEntries(
    Object.entries(config.upstreams).map(([name, upstream]) => [name, demo ? 'demo simulator' : upstream ? 'configured' : 'not configured']),
  );
  logger.info(
    { url: `${url}/graphql`, mode: demo ? 'demo' : 'live', upstreams },
    demo
      ? `DEMO MODE: no upstream is configured, so the three mutations run against built-in simulators; nothing real is deleted. GraphQL and playground at ${url}/graphql`
      : `Serving ${url}/graphql (live: ${Object.entries(upstreams).map(([n, s]) => `${n} ${s}`).join(', ')})`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
