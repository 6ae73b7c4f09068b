import { describe, expect, it } from 'vitest';
import type { KoreConfig } from '../../../src/config/index.ts';
import { FacadeError } from '../../../src/errors/index.ts';
import { assertWithinEndpoint, createEndpoint } from '../../../src/upstreams/endpoint.ts';
import { buildKoreRequest, koreEndpoint } from '../../../src/upstreams/kore/index.ts';
import { leadLexEndpoint } from '../../../src/upstreams/leadlex/index.ts';
import { stoqEndpoint } from '../../../src/upstreams/stoq/index.ts';

const KORE: KoreConfig = { url: 'https://platform.kore.ai', accountId: 'acct-1', defaultStreamId: null, auth: { kind: 'static', jwt: 'a.b.c' }, batchSize: 100 };
const KORE_PATH = 'https://platform.kore.ai/agentassist/api/v1/public/';

function refusal(run: () => unknown): FacadeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FacadeError);
    return error as FacadeError;
  }
  throw new Error('expected the URL to be refused');
}

describe('assertWithinEndpoint', () => {
  const kore = koreEndpoint(KORE);

  it.each([
    ['a plain stream', `${KORE_PATH}st-123/contacts/bulk-delete`],
    ['an encoded stream', `${KORE_PATH}st%2Fodd%20id%3F/contacts/bulk-delete`],
    ['a stream of dots and letters', `${KORE_PATH}..a/contacts/bulk-delete`],
  ])('passes a Kore.ai URL with %s, parsed', (_what, url) => {
    expect(assertWithinEndpoint(kore, url).href).toBe(url);
  });

  it.each([
    ['`..` as the stream: the account\'s non-public contacts', '..', '/agentassist/api/v1/contacts/bulk-delete'],
    ['`.` as the stream: the public root', '.', '/agentassist/api/v1/public/contacts/bulk-delete'],
    ['`%2e%2e`, which URL parsing reads as `..`', '%2e%2e', '/agentassist/api/v1/contacts/bulk-delete'],
    ['`.%2E`', '.%2E', '/agentassist/api/v1/contacts/bulk-delete'],
    ['two segments', 'a/b', '/agentassist/api/v1/public/a/b/contacts/bulk-delete'],
    ['an empty segment', '', '/agentassist/api/v1/public//contacts/bulk-delete'],
    ['a query', 'st?x=', '/agentassist/api/v1/public/st'],
  ])('refuses a Kore.ai URL with %s, naming where it resolves', (_what, segment, resolved) => {
    const error = refusal(() => assertWithinEndpoint(kore, `https://platform.kore.ai/agentassist/api/v1/public/${segment}/contacts/bulk-delete`));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.upstream).toBe('kore');
    expect(error.message).toContain(JSON.stringify(resolved));
  });

  it('refuses what buildKoreRequest makes of a `..` stream, which encodeURIComponent leaves alone', () => {
    const request = buildKoreRequest(KORE, '..', ['c1'], 'token');
    expect(request.url).toContain('/public/../contacts/');
    expect(refusal(() => assertWithinEndpoint(kore, request.url)).message).toMatch(/Kore\.ai request outside its documented endpoint/);
  });

  it.each([
    ['another host sharing the prefix', 'https://platform.kore.ai.example/agentassist/api/v1/public/st/contacts/bulk-delete'],
    ['another scheme', 'http://platform.kore.ai/agentassist/api/v1/public/st/contacts/bulk-delete'],
    ['credentials in the authority', 'https://user@platform.kore.ai/agentassist/api/v1/public/st/contacts/bulk-delete'],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_what, url) => {
    expect(refusal(() => assertWithinEndpoint(kore, url)).code).toBe('BAD_USER_INPUT');
  });

  it('holds Stoq and LeadLex to their exact documented URL under a base with a path', () => {
    const stoq = stoqEndpoint({ url: 'https://app.stoqapp.com/api/v1/external', apiKey: 'k' });
    expect(assertWithinEndpoint(stoq, 'https://app.stoqapp.com/api/v1/external/intents/bulk_destroy').pathname).toBe('/api/v1/external/intents/bulk_destroy');
    expect(refusal(() => assertWithinEndpoint(stoq, 'https://app.stoqapp.com/api/v1/external/intents/../bulk_destroy')).upstream).toBe('stoq');
    const leadlex = leadLexEndpoint({ url: 'https://data.leadlex.com/functions/v1/api-gateway', apiKey: 'k' });
    expect(assertWithinEndpoint(leadlex, 'https://data.leadlex.com/functions/v1/api-gateway/v1/deals/bulk-delete').host).toBe('data.leadlex.com');
    expect(refusal(() => assertWithinEndpoint(leadlex, 'https://data.leadlex.com/functions/v1/api-gateway/v1/deals/bulk-delete/x')).upstream).toBe('leadlex');
  });

  it('compares normalised URLs, so a base spelled with capitals or a default port still matches', () => {
    const endpoint = createEndpoint('stoq', 'HTTPS://App.Stoqapp.com:443/api', '/intents/bulk_destroy');
    expect(assertWithinEndpoint(endpoint, 'HTTPS://App.Stoqapp.com:443/api/intents/bulk_destroy').href).toBe('https://app.stoqapp.com/api/intents/bulk_destroy');
  });
});
