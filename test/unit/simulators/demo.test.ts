import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoUpstreams } from '../../../src/simulators/index.ts';
import type { DemoUpstreams } from '../../../src/simulators/index.ts';
import { send } from './http.ts';

let demo: DemoUpstreams | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

describe('startDemoUpstreams', () => {
  it('seeds the records the demo documents, with the documented exceptions', async () => {
    demo = await startDemoUpstreams();
    const { stoq, kore, leadlex } = demo.simulators;
    expect(['int_1001', 'int_1020'].map((id) => stoq.has(id))).toEqual([true, true]);
    expect(['int_1000', 'int_1021'].map((id) => stoq.has(id))).toEqual([false, false]);
    expect(['contact_2001', 'contact_2020', 'contact_2021'].map((id) => kore.has(id))).toEqual([true, true, false]);
    expect(['deal_0001', 'deal_1200', 'deal_1201'].map((id) => leadlex.has(id))).toEqual([true, true, false]);
    expect(demo.kore.streamId).toBe('st-demo-stream');
  });

  it('answers each vendor with the credentials it returns, sent and locked records included', async () => {
    demo = await startDemoUpstreams();
    const stoq = await send(`${demo.stoq.url}/intents/bulk_destroy`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': demo.stoq.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ intent_ids: ['int_1001', 'int_1019', 'int_1020'] }),
    });
    expect(stoq.json).toMatchObject({ sent_intent_ids: ['int_1019', 'int_1020'] });

    const iat = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({ appId: demo.kore.clientId, sub: demo.kore.clientId, iat, exp: iat + 300, jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(demo.kore.clientSecret));
    const kore = await send(`${demo.kore.url}/agentassist/api/v1/public/${demo.kore.streamId}/contacts/bulk-delete`, {
      method: 'DELETE',
      headers: { auth: jwt, accountId: demo.kore.accountId, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ids: ['contact_2001', 'contact_2020'] }),
    });
    expect(kore.json).toMatchObject({ successful: 1, failed: 1 });

    const leadlex = await send(`${demo.leadlex.url}/v1/deals/bulk-delete`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${demo.leadlex.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ deal_ids: Array.from({ length: 500 }, (_, i) => `deal_${String(i + 1).padStart(4, '0')}`) }),
    });
    expect(leadlex.json).toMatchObject({ data: { deleted_count: 499, not_found_count: 0, errors: [{ deal_id: 'deal_0013' }] } });
  });
});
