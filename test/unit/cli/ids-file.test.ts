import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fc, test } from '@fast-check/vitest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIdsSource, readIdChunks, scanIds } from '../../../src/cli/ids-file.ts';
import { deriveIdempotencyKey } from '../../../src/cli/upload.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ids-file-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NO_OPTIONS = { dryRun: false, skipSent: false, streamId: null };

async function sourceOf(text: string, name = 'ids.txt') {
  const path = join(dir, name);
  await writeFile(path, text);
  return openIdsSource(path, () => Readable.from([]), dir);
}

describe('the IDs file', () => {
  it('reads IDs trimmed, skipping blank lines, in chunks of the given size', async () => {
    const source = await sourceOf(' a \r\n\nb\nc\r\n  \nd\ne');
    const chunks: string[][] = [];
    for await (const chunk of readIdChunks(source, 2)) chunks.push(chunk);
    expect(chunks).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('copies standard input to a private file, read twice, and removes it', async () => {
    const source = await openIdsSource('-', () => Readable.from(['x1\nx', '2\n']), dir);
    expect(source.name).toBe('standard input');
    expect((await scanIds(source, { maxIdLength: 10 })).count).toBe(2);
    expect((await scanIds(source, { maxIdLength: 10 })).count).toBe(2);
    await source.dispose();
    await expect(scanIds(source, { maxIdLength: 10 })).rejects.toThrow();
  });

  it.each([
    ['a\nbbbbbbbbbbbb\n', /ids.txt line 2: the ID is 12 characters long; the facade accepts at most 10/],
    ['a\n\nb\u0000c\n', /ids.txt line 3: the ID contains a control character/],
    ['a\nb\u2028c\n', /ids.txt line 2: the ID contains a control character/],
    ['\n \n', /ids.txt holds no IDs/],
  ])('refuses %j naming the line', async (text, message) => {
    await expect(scanIds(await sourceOf(text), { maxIdLength: 10 })).rejects.toThrow(message);
  });

  test.prop([fc.array(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { minLength: 1, maxLength: 40 }), fc.boolean(), fc.boolean()])(
    'names the same job for the same IDs whatever the line endings and blank lines, and another for other IDs or options',
    async (ids, crlf, blanks) => {
      const plain = await scanIds(await sourceOf(`${ids.join('\n')}\n`, 'a.txt'), { maxIdLength: 10 });
      const messy = await scanIds(await sourceOf(ids.map((id) => `${blanks ? '\n ' : ''}${id}${crlf ? '\r' : ''}`).join('\n'), 'b.txt'), { maxIdLength: 10 });
      const key = (scan: typeof plain, options = NO_OPTIONS, target: 'DEALS' | 'INTENTS' = 'DEALS') => deriveIdempotencyKey(target, options, scan, 200);
      expect(key(messy)).toBe(key(plain));
      const other = await scanIds(await sourceOf(`${[...ids, 'extra'].join('\n')}\n`, 'c.txt'), { maxIdLength: 10 });
      expect(key(other)).not.toBe(key(plain));
      expect(key(plain, { ...NO_OPTIONS, dryRun: true })).not.toBe(key(plain));
      expect(key(plain, NO_OPTIONS, 'INTENTS')).not.toBe(key(plain));
      expect(key(plain).length).toBeLessThanOrEqual(64);
    },
  );
});
