// Each adapter reads a mutation's input once, into the options it sends and the options that
// identify the input (docs/contract.md §6), and declares what is its own. Built from an environment as
// the facade builds them; `prepare` does no I/O, so nothing listens.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { FacadeError, UPSTREAM_NAMES } from '../../../src/errors/index.ts';
import { createUpstreams, VENDOR_PROFILES, type Upstreams } from '../../../src/upstreams/index.ts';

const ENV = {
  STOQ_API_URL: 'http://127.0.0.1:9/stoq', STOQ_API_KEY: 'stoq-key-0123456789',
  KORE_API_URL: 'http://127.0.0.1:9/kore', KORE_ACCOUNT_ID: 'acct', KORE_JWT: 'a.b.c',
  LEADLEX_API_URL: 'http://127.0.0.1:9/leadlex', LEADLEX_API_KEY: 'leadlex-key-0123456789',
};

function adapters(env: Record<string, string> = {}): Upstreams {
  const config = loadConfig({ ...ENV, ...env });
  return createUpstreams(config.upstreams, config.policy);
}

const caller = { client: 'client-a', idempotencyKey: null };

describe('adapter.prepare', () => {
  it('Stoq: skipSent is both sent and part of the input, false when absent', () => {
    const stoq = adapters().stoq;
    expect(stoq?.prepare({ skipSent: true }, caller)).toEqual({ options: { skipSent: true }, fingerprint: { skipSent: true }, dryRun: false });
    expect(stoq?.prepare({ skipSent: null }, caller)).toEqual({ options: { skipSent: false }, fingerprint: { skipSent: false }, dryRun: false });
  });

  it('Kore.ai: the stream sent is the stream fingerprinted, the configured default included', () => {
    const kore = adapters({ KORE_STREAM_ID: 'st-default' }).kore;
    expect(kore?.prepare({}, caller)).toEqual({ options: { streamId: 'st-default' }, fingerprint: { streamId: 'st-default' }, dryRun: false });
    expect(kore?.prepare({ streamId: 'st-other' }, caller)).toEqual({ options: { streamId: 'st-other' }, fingerprint: { streamId: 'st-other' }, dryRun: false });
  });

  it('Kore.ai: refuses a stream that is no plain token, or none without a default, as BAD_USER_INPUT', () => {
    const kore = adapters().kore;
    const refusal = (input: { streamId?: string }) => {
      try {
        kore?.prepare(input, caller);
      } catch (error) {
        return error instanceof FacadeError ? error.code : error;
      }
      return 'accepted';
    };
    expect(refusal({})).toBe('BAD_USER_INPUT');
    expect(refusal({ streamId: '../x' })).toBe('BAD_USER_INPUT');
    expect(refusal({ streamId: 'st-1' })).toBe('accepted');
  });

  it('LeadLex: dryRun is sent, fingerprinted and reported; the batch key base follows the caller\'s key', () => {
    const leadlex = adapters().leadlex;
    const keyed = { client: 'client-a', idempotencyKey: 'key-1' };
    const first = leadlex?.prepare({ dryRun: true }, keyed);
    expect(first).toMatchObject({ options: { dryRun: true }, fingerprint: { dryRun: true }, dryRun: true });
    expect(leadlex?.prepare({ dryRun: true }, keyed).options.keyBase).toBe(first?.options.keyBase);
    expect(leadlex?.prepare({ dryRun: true }, { ...keyed, client: 'client-b' }).options.keyBase).not.toBe(first?.options.keyBase);
    // Without a key, every call gets a fresh base: LeadLex must never replay another call's answer.
    expect(leadlex?.prepare({}, caller).options.keyBase).not.toBe(leadlex?.prepare({}, caller).options.keyBase);
    expect(leadlex?.prepare({}, caller).fingerprint).toEqual({ dryRun: false });
    // A fresh base identifies the call alone; one derived from the client's key is shared by
    // its replays, so their batch keys must also name the IDs.
    expect(leadlex?.prepare({}, caller).options.freshKeyBase).toBe(true);
    expect(first?.options.freshKeyBase).toBe(false);
  });
});

describe('vendor profiles', () => {
  it('declare each vendor\'s configuration hint and rate-limit window, and the adapters carry the same profile', () => {
    const built = adapters();
    for (const name of UPSTREAM_NAMES) {
      expect(VENDOR_PROFILES[name].name).toBe(name);
      expect(built[name]?.vendor).toBe(VENDOR_PROFILES[name]);
    }
    expect(Object.fromEntries(UPSTREAM_NAMES.map((name) => [name, [VENDOR_PROFILES[name].configHint, VENDOR_PROFILES[name].rateLimit]]))).toEqual({
      stoq: ['STOQ_API_KEY', { cost: 2, window: 'rolling' }],
      kore: ['KORE_JWT or KORE_CLIENT_ID + KORE_CLIENT_SECRET, and KORE_ACCOUNT_ID', null],
      leadlex: ['LEADLEX_API_KEY', { cost: 1, window: 'fixed' }],
    });
  });
});
