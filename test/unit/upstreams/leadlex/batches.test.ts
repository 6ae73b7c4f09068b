import { describe, expect, it } from 'vitest';
import { LEADLEX_MAX_BATCH_SIZE, leadLexBatchKey, leadLexFreshBatchKey, leadLexKeyBase } from '../../../../src/upstreams/leadlex/index.ts';

describe('leadLexKeyBase', () => {
  it('is the same for the same client and key', () => {
    expect(leadLexKeyBase('client-a', 'key-1')).toBe(leadLexKeyBase('client-a', 'key-1'));
  });

  it('differs per client scope and per key', () => {
    const bases = [leadLexKeyBase('client-a', 'key-1'), leadLexKeyBase('client-b', 'key-1'), leadLexKeyBase('client-a', 'key-2')];
    expect(new Set(bases).size).toBe(3);
  });

  it('does not reveal the client\'s key or scope', () => {
    const base = leadLexKeyBase('client-a', 'my-secret-order-42');
    expect(base).not.toContain('my-secret-order-42');
    expect(base).not.toContain('client-a');
  });

  it('is fresh for each call without a client key', () => {
    expect(leadLexKeyBase('client-a', null)).not.toBe(leadLexKeyBase('client-a', null));
  });
});

describe('leadLexBatchKey', () => {
  const base = leadLexKeyBase('client-a', 'key-1');
  const ids = ['d1', 'd2'];

  it('is stable for the same base, batch, IDs and dryRun (so retries reuse it)', () => {
    expect(leadLexBatchKey(base, 0, ids, false)).toBe(leadLexBatchKey(base, 0, [...ids], false));
  });

  it('differs per batch index, per ID set, per dryRun and per base', () => {
    const keys = [
      leadLexBatchKey(base, 0, ids, false),
      leadLexBatchKey(base, 1, ids, false),
      leadLexBatchKey(base, 0, ['d1', 'd3'], false),
      leadLexBatchKey(base, 0, ['d1'], false),
      leadLexBatchKey(base, 0, ids, true),
      leadLexBatchKey(leadLexKeyBase('client-b', 'key-1'), 0, ids, false),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fits a header: short and made of URL-safe characters', () => {
    const key = leadLexBatchKey(base, 19, Array.from({ length: LEADLEX_MAX_BATCH_SIZE }, (_, i) => `deal_${i}`), true);
    expect(key).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(key.length).toBeLessThanOrEqual(64);
  });
});

describe('leadLexFreshBatchKey', () => {
  it('is the fresh base and the batch index: unique per batch, and per call through the base', () => {
    const base = leadLexKeyBase('client-a', null);
    expect(leadLexFreshBatchKey(base, 3)).toBe(`${base}.3`);
    const keys = [leadLexFreshBatchKey(base, 0), leadLexFreshBatchKey(base, 1), leadLexFreshBatchKey(leadLexKeyBase('client-a', null), 0)];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
  });
});
