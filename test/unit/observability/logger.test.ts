import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/errors/index.ts';
import { createLogger, createScrubber } from '../../../src/observability/logger.ts';

const SECRET = 'sk-live-SECRET-1234';
const redact = createRedactor([SECRET]);

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ logLevel: 'info' }, redact, destination) };
}

describe('createLogger', () => {
  it('redacts secrets in the message and in fields at any depth it searches', async () => {
    const { lines, logger } = capture();
    logger.info({ url: `https://x/?key=${SECRET}`, nested: { list: ['ok', `a ${SECRET} b`], n: 1 } }, `calling with ${SECRET}`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).not.toContain(SECRET);
    expect(lines[0]).toMatchObject({ msg: 'calling with [REDACTED]', url: 'https://x/?key=[REDACTED]', nested: { list: ['ok', 'a [REDACTED] b'], n: 1 } });
  });

  it('logs errors with their message and stack redacted', async () => {
    const { lines, logger } = capture();
    logger.error({ err: new TypeError(`bad token ${SECRET}`) }, 'failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]?.err).toMatchObject({ type: 'TypeError', message: 'bad token [REDACTED]', stack: expect.stringContaining('bad token [REDACTED]') });
    expect(JSON.stringify(lines[0])).not.toContain(SECRET);
  });

  it('never changes the object it was given', async () => {
    const { logger } = capture();
    const fields = { token: SECRET, list: [SECRET] };
    logger.info(fields, 'x');
    expect(fields).toEqual({ token: SECRET, list: [SECRET] });
  });
});

describe('createScrubber', () => {
  const scrub = createScrubber(redact);

  it('returns the very object when nothing in it needs redacting', () => {
    const fields = { request: 'graphql', counts: { deleted: 3 }, errors: ['BAD_USER_INPUT'], app: null };
    expect(scrub(fields)).toBe(fields);
  });

  it('copies only the branches that changed', () => {
    const untouched = { a: 1 };
    const fields = { untouched, changed: { secret: SECRET }, list: ['x', SECRET] };
    const clean = scrub(fields) as typeof fields;
    expect(clean).not.toBe(fields);
    expect(clean.untouched).toBe(untouched);
    expect(clean).toEqual({ untouched: { a: 1 }, changed: { secret: '[REDACTED]' }, list: ['x', '[REDACTED]'] });
  });

  it('turns class instances into their own fields, so a toJSON never prints a secret', () => {
    expect(scrub({ url: new URL(`https://x/?key=${SECRET}`) })).toEqual({ url: {} });
  });

  it('leaves values deeper than it searches as they are', () => {
    const deep = { a: { b: { c: { d: { e: { f: SECRET } } } } } };
    expect(scrub(deep)).toBe(deep);
  });
});
