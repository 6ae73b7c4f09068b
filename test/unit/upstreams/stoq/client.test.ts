// The skip-sent loop of the Stoq adapter, driven through its injected caller: each call's
// request is built as the adapter would send it, and answered from a script.
import { describe, expect, it } from 'vitest';
import { isConsistent } from '../../../../src/bulk-delete/outcome.ts';
import type { CallOptions, CallResult, UpstreamRequest } from '../../../../src/upstreams/http.ts';
import { createStoqUpstream, SKIP_SENT_MAX_CALLS } from '../../../../src/upstreams/stoq/index.ts';
import { flat, http, json, NOW } from '../../bulk-delete/helpers.ts';

function scripted(answers: CallResult[]) {
  const sent: Array<{ request: UpstreamRequest; ids: string[] }> = [];
  const call = async (options: CallOptions): Promise<CallResult> => {
    const request = await options.buildRequest();
    sent.push({ request, ids: (JSON.parse(request.body) as { intent_ids: string[] }).intent_ids });
    const answer = answers[sent.length - 1];
    if (!answer) throw new Error('more calls than scripted');
    return answer;
  };
  const stoq = createStoqUpstream({ url: 'https://stoq.example/api', apiKey: 'k' }, { call, now: () => NOW });
  return { stoq, sent };
}

const sent422 = (...ids: string[]) => http(422, json({ error: 'Cannot delete intents that have already been sent', sent_intent_ids: ids }));

describe('createStoqUpstream', () => {
  it('sends every intent in one call (no batching)', () => {
    expect(scripted([]).stoq.maxBatchSize).toBe(Infinity);
  });

  it('without skipSent, reports a 422 after one call', async () => {
    const { stoq, sent } = scripted([sent422('b')]);
    const outcome = flat(await stoq.deleteBatch(['a', 'b', 'c'], 0, { skipSent: false }));
    expect(sent.map((s) => s.ids)).toEqual([['a', 'b', 'c']]);
    expect(outcome.failures.map((f) => [f.id, f.code])).toEqual([['a', 'NOT_ATTEMPTED'], ['b', 'ALREADY_SENT'], ['c', 'NOT_ATTEMPTED']]);
  });

  it('with skipSent, calls again without the sent intents and reports both parts', async () => {
    const { stoq, sent } = scripted([sent422('b'), http(200, json({ success: true, deleted_count: 2 }))]);
    const outcome = flat(await stoq.deleteBatch(['a', 'b', 'c'], 0, { skipSent: true }));
    expect(sent.map((s) => s.ids)).toEqual([['a', 'b', 'c'], ['a', 'c']]);
    expect(isConsistent(outcome)).toBe(true);
    expect([outcome.deletedCount, outcome.notFoundCount]).toEqual([2, 0]);
    expect(outcome.deletedIds).toEqual(['a', 'c']);
    expect(outcome.failures.map((f) => [f.id, f.code])).toEqual([['b', 'ALREADY_SENT']]);
    expect(outcome.sentIntentIds).toEqual(['b']);
    expect(outcome.refusal).toBeNull();
  });

  it('with skipSent, stops calling once every intent turned out sent', async () => {
    const { stoq, sent } = scripted([sent422('a', 'b')]);
    const outcome = flat(await stoq.deleteBatch(['a', 'b'], 0, { skipSent: true }));
    expect(sent).toHaveLength(1);
    expect(outcome.failures.map((f) => f.code)).toEqual(['ALREADY_SENT', 'ALREADY_SENT']);
  });

  it('with skipSent, makes at most three calls while intents keep being sent', async () => {
    expect(SKIP_SENT_MAX_CALLS).toBe(3);
    const { stoq, sent } = scripted([sent422('a'), sent422('b'), sent422('c'), http(200, json({ success: true, deleted_count: 1 }))]);
    const outcome = flat(await stoq.deleteBatch(['a', 'b', 'c', 'd'], 0, { skipSent: true }));
    expect(sent.map((s) => s.ids)).toEqual([['a', 'b', 'c', 'd'], ['b', 'c', 'd'], ['c', 'd']]);
    expect(isConsistent(outcome)).toBe(true);
    expect(outcome.failures.map((f) => [f.id, f.code])).toEqual([['a', 'ALREADY_SENT'], ['b', 'ALREADY_SENT'], ['c', 'ALREADY_SENT'], ['d', 'NOT_ATTEMPTED']]);
    expect(outcome.sentIntentIds).toEqual(['a', 'b', 'c']);
  });

  it('with skipSent, returns a result rather than an error when the second call is refused', async () => {
    const { stoq } = scripted([sent422('b'), http(429, '', { 'retry-after': '60' })]);
    const outcome = flat(await stoq.deleteBatch(['a', 'b', 'c'], 0, { skipSent: true }));
    expect(outcome.refusal).toBeNull();
    expect(outcome.failures.map((f) => [f.id, f.code])).toEqual([['b', 'ALREADY_SENT'], ['a', 'RATE_LIMITED'], ['c', 'RATE_LIMITED']]);
  });
});
