import { print } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import { ERROR_CODES } from '../../src/errors/index.ts';
import { BulkDeleteCapabilitiesDocument, type BulkDeleteCapabilitiesQuery } from '../../src/__generated__/client/graphql.ts';
import { startDemoFacade, type DemoHarness, type FacadeHarness } from '../helpers/facade.ts';
import { startSeeded } from '../helpers/e2e.ts';

// Query.bulkDeleteCapabilities (schema/capabilities.graphql): what a UI reads to chunk ID lists
// and grey out targets, answered from the configuration the facade started with, through the
// same authentication as the mutations.

const QUERY = print(BulkDeleteCapabilitiesDocument);
type Capabilities = BulkDeleteCapabilitiesQuery['bulkDeleteCapabilities'];

let facade: FacadeHarness | DemoHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

async function capabilities(headers?: Record<string, string>): Promise<Capabilities> {
  const answer = await facade!.graphql<BulkDeleteCapabilitiesQuery>(QUERY, undefined, headers);
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data!.bulkDeleteCapabilities;
}

const target = (caps: Capabilities, name: 'INTENTS' | 'CONTACTS' | 'DEALS') => caps.targets.find((t) => t.target === name);

describe('bulkDeleteCapabilities', () => {
  it('answers the configured limits, batch sizes and options of every target', async () => {
    facade = await startSeeded({ env: { MAX_IDS_PER_CALL: '250', MAX_ID_LENGTH: '64', KORE_BATCH_SIZE: '40', MAX_IDS_PER_JOB: '5000', MAX_RUNNING_JOBS_PER_CLIENT: '2', STOQ_JOB_BATCH_SIZE: '750' } });
    expect(await capabilities()).toEqual({
      demo: false,
      maxIdsPerCall: 250,
      maxIdLength: 64,
      maxIdempotencyKeyLength: 255,
      maxIdsPerJob: 5000,
      maxRunningJobsPerClient: 2,
      errorCodes: [...ERROR_CODES],
      targets: [
        { target: 'INTENTS', mutation: 'bulkDeleteIntents', upstream: 'stoq', scope: 'intents:delete', allowed: true, configured: true, batchSize: null, jobBatchSize: 750, supportsDryRun: false, supportsSkipSent: true, supportsStreamId: false, streamIdRequired: false },
        { target: 'CONTACTS', mutation: 'bulkDeleteContacts', upstream: 'kore', scope: 'contacts:delete', allowed: true, configured: true, batchSize: 40, jobBatchSize: 40, supportsDryRun: false, supportsSkipSent: false, supportsStreamId: true, streamIdRequired: false },
        { target: 'DEALS', mutation: 'bulkDeleteDeals', upstream: 'leadlex', scope: 'deals:delete', allowed: true, configured: true, batchSize: 500, jobBatchSize: 500, supportsDryRun: true, supportsSkipSent: false, supportsStreamId: false, streamIdRequired: false },
      ],
    });
  });

  it('lists every error code the facade raises, as the SDL enum does', async () => {
    facade = await startSeeded();
    const codes = (await capabilities()).errorCodes;
    expect(new Set(codes)).toEqual(new Set(ERROR_CODES));
    expect(codes).toContain('RATE_LIMITED');
  });

  it('says which vendor is not configured, and that contacts need a streamId without KORE_STREAM_ID', async () => {
    facade = await startSeeded({ unconfigured: ['leadlex'], env: { KORE_STREAM_ID: '' } });
    const caps = await capabilities();
    expect(target(caps, 'DEALS')).toMatchObject({ configured: false, batchSize: null, jobBatchSize: null, supportsDryRun: true });
    expect(target(caps, 'CONTACTS')).toMatchObject({ configured: true, streamIdRequired: true });
    expect(target(caps, 'INTENTS')).toMatchObject({ configured: true, streamIdRequired: false });
    // What it announces is what the mutation does.
    const refused = await facade.graphql('mutation { bulkDeleteDeals(input: { ids: ["x1"] }) { deletedCount } }');
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('NOT_CONFIGURED');
  });

  it('says demo mode, with every vendor served by its simulator', async () => {
    facade = await startDemoFacade();
    const caps = await capabilities();
    expect(caps.demo).toBe(true);
    expect(caps.targets.map((t) => [t.target, t.configured])).toEqual([['INTENTS', true], ['CONTACTS', true], ['DEALS', true]]);
  });

  it('needs authentication when the mutations do, and tells each client what its own scopes allow', async () => {
    const dealsKey = generateApiKey();
    const allKey = generateApiKey();
    facade = await startSeeded({
      env: { AUTH_API_KEYS: [buildApiKeyLine('deals-ui', ['deals:delete'], hashApiKey(dealsKey)), buildApiKeyLine('ops', '*', hashApiKey(allKey))].join(';') },
    });

    const anonymous = await facade.graphql(QUERY);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data ?? null).toBeNull();

    const deals = await capabilities({ authorization: `Bearer ${dealsKey}` });
    expect(deals.targets.map((t) => [t.target, t.allowed])).toEqual([['INTENTS', false], ['CONTACTS', false], ['DEALS', true]]);
    const all = await capabilities({ authorization: `Bearer ${allKey}` });
    expect(all.targets.every((t) => t.allowed)).toBe(true);
  });
});
