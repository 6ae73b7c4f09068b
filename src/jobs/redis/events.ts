import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { connectionLimits, connectRedis, quitRedis, type RedisConnectionOptions } from '../../idempotency/redis-connection.ts';
import { createLocalJobEvents, type JobEvents } from '../events.ts';
import type { Job } from '../job.ts';
import type { JobStoreLogger } from './redis-store.ts';

/** Options of the job events shared by every replica through Redis pub/sub. */
export interface RedisJobEventsOptions extends RedisConnectionOptions {
  /** redis:// or rediss:// URL (REDIS_URL). */
  readonly url: string;
  /** Prefix of the channels, the jobs store's own. @default 'bdf:jobs:' */
  readonly prefix?: string;
  readonly logger?: JobStoreLogger;
}

/** What crosses Redis: the job as the store returned it, and which process published it. */
interface Message {
  readonly origin: string;
  readonly job: Job;
}

/**
 * Job events across replicas (docs/contract.md §8, "Where jobs live"): a change published on
 * one replica reaches the job's watchers on every replica. The publishing process's own
 * watchers hear it at once, synchronously, as with createLocalJobEvents; the others through
 * one Redis channel per job, `{prefix}events:{jobId}`, to which a replica subscribes only while
 * one of its clients watches that job, so a replica receives only the jobs it serves.
 *
 * Pub/sub is at-most-once: a replica whose connection to Redis drops misses what was published
 * meanwhile (ioredis subscribes again on reconnection). A watcher still converges: every event
 * is the whole job, so the next one carries everything missed.
 */
export async function createRedisJobEvents(options: RedisJobEventsOptions): Promise<JobEvents> {
  const prefix = options.prefix ?? 'bdf:jobs:';
  const logger = options.logger;
  const limits = connectionLimits(options);
  const origin = randomUUID();
  const publisher = await connectRedis(options.url, limits, 'bulk-delete-facade-job-events', 'job events channel');
  let subscriber: Redis;
  try {
    subscriber = await connectRedis(options.url, limits, 'bulk-delete-facade-job-events-sub', 'job events channel');
  } catch (error) {
    publisher.disconnect();
    throw error;
  }
  const local = createLocalJobEvents();
  /** Local subscriptions per job: the channel is subscribed while this is above zero. */
  const watched = new Map<string, number>();
  const channel = (jobId: string): string => `${prefix}events:${jobId}`;
  let closed = false;

  subscriber.on('message', (name: string, text: string) => {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      return;
    }
    // Our own publishes were delivered here already, in order.
    if (message.origin === origin || name !== channel(message.job.id)) return;
    local.publish(message.job);
  });

  const problem = (error: unknown, what: string): void => {
    if (!closed) logger?.error({ err: error }, `job events: ${what}; watchers on other replicas may miss an update until the next one`);
  };

  return {
    publish(job) {
      if (closed) return;
      local.publish(job);
      publisher.publish(channel(job.id), JSON.stringify({ origin, job } satisfies Message)).catch((error: unknown) => problem(error, 'could not publish a job change to Redis'));
    },
    subscribe(jobId, listener) {
      if (closed) return () => {};
      const unsubscribe = local.subscribe(jobId, listener);
      const count = watched.get(jobId) ?? 0;
      watched.set(jobId, count + 1);
      if (count === 0) subscriber.subscribe(channel(jobId)).catch((error: unknown) => problem(error, 'could not subscribe to a job\'s changes'));
      let done = false;
      return () => {
        if (done) return;
        done = true;
        unsubscribe();
        const left = (watched.get(jobId) ?? 1) - 1;
        if (left > 0) return void watched.set(jobId, left);
        watched.delete(jobId);
        if (!closed) subscriber.unsubscribe(channel(jobId)).catch(() => {});
      };
    },
    close() {
      if (closed) return;
      closed = true;
      local.close();
      watched.clear();
      void quitRedis(publisher, limits.commandTimeoutMs);
      void quitRedis(subscriber, limits.commandTimeoutMs);
    },
  };
}
