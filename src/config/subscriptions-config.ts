import type { SubscriptionsConfig } from './config.ts';
import type { EnvReader } from './reader.ts';

/**
 * Subscriptions over graphql-ws on /graphql (README, "Watching a job live"). Each bound is the
 * WebSocket counterpart of an HTTP one: a message as large as a request body is never needed
 * (a subscribe message is a few hundred bytes), a socket that never says who it is must not
 * hold a descriptor, and one client's watchers are counted like its requests.
 */
export function loadSubscriptionsConfig(env: EnvReader): SubscriptionsConfig {
  return {
    maxPerClient: env.int('WS_MAX_SUBSCRIPTIONS_PER_CLIENT', 20, 0, 10_000),
    maxMessageBytes: env.int('WS_MAX_MESSAGE_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024),
    initTimeoutMs: env.int('WS_INIT_TIMEOUT_MS', 3_000, 100, 60_000),
  };
}
