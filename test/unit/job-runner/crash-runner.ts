// Run as a child process by crash.test.ts: the embedded job runner, as the app builds it, on the
// database file given, against the simulators the parent started (their URLs in the
// environment). It runs until the parent kills it with SIGKILL mid-job.
import { loadConfig } from '../../../src/config/index.ts';
import { createJobRunner, createJobScheduler, SILENT_OBSERVER } from '../../../src/job-runner/index.ts';
import { createLocalJobEvents, openSqliteJobStore } from '../../../src/jobs/index.ts';
import { createJobTargetRunners } from '../../../src/server/job-targets.ts';
import { createUpstreamSets } from '../../../src/upstreams/index.ts';

const [path = ''] = process.argv.slice(2);
const config = loadConfig(process.env);
const sets = createUpstreamSets(config.upstreams, config.policy, { retryBaseDelayMs: 1 }, config.protection, config.jobRunner.rateShare);
const store = await openSqliteJobStore(path);
const events = createLocalJobEvents();
const targets = createJobTargetRunners(sets.jobUpstreams, { concurrency: config.policy.batchConcurrency });
const runner = createJobRunner({ store, events, targets, observer: SILENT_OBSERVER, now: Date.now });
const scheduler = createJobScheduler({ workerId: 'crashing-worker', concurrency: config.jobRunner.workerConcurrency, retentionDays: null, pollMs: 20 }, { store, events, runner, now: Date.now });
scheduler.start();
process.stdout.write('started\n');
setInterval(() => {}, 1_000);
