import { describe, expect, it } from 'vitest';
import { createSemaphore, type Release } from '../../../src/upstreams/semaphore.ts';

/** Lets every queued promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createSemaphore', () => {
  it('never lets more than its limit hold a slot, however releases interleave', async () => {
    const semaphore = createSemaphore(3);
    let holding = 0;
    let most = 0;
    const held: Release[] = [];
    const done = Array.from({ length: 20 }, async () => {
      const release = await semaphore.acquire();
      holding++;
      most = Math.max(most, holding);
      held.push(() => {
        holding--;
        release();
      });
    });
    for (let round = 0; round < 20; round++) {
      await settle();
      expect(holding).toBeLessThanOrEqual(3);
      // Release from the middle, not in order of acquisition.
      held.splice(Math.floor(held.length / 2), 1)[0]?.();
    }
    await settle();
    held.splice(0).forEach((release) => release());
    await Promise.all(done);
    expect(most).toBe(3);
    expect(semaphore.active).toBe(0);
  });

  it('serves waiters first come, first served', async () => {
    const semaphore = createSemaphore(1);
    const first = await semaphore.acquire();
    const order: number[] = [];
    const waiters = [1, 2, 3, 4].map((n) => semaphore.acquire().then((release) => {
      order.push(n);
      release();
    }));
    expect(semaphore.waiting).toBe(4);
    first();
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('hands a released slot to the oldest waiter, not to a newcomer arriving at that moment', async () => {
    const semaphore = createSemaphore(1);
    const first = await semaphore.acquire();
    const order: string[] = [];
    const waiter = semaphore.acquire().then((release) => {
      order.push('waiter');
      release();
    });
    first();
    const newcomer = semaphore.acquire().then((release) => {
      order.push('newcomer');
      release();
    });
    await Promise.all([waiter, newcomer]);
    expect(order).toEqual(['waiter', 'newcomer']);
  });

  it('frees the slot of a holder that failed, and a second release frees nothing more', async () => {
    const semaphore = createSemaphore(1);
    const failing = async () => {
      const release = await semaphore.acquire();
      try {
        throw new Error('upstream exploded');
      } finally {
        release();
        release();
      }
    };
    await expect(failing()).rejects.toThrow('upstream exploded');
    expect(semaphore.active).toBe(0);
    const a = await semaphore.acquire();
    let second = false;
    void semaphore.acquire().then(() => void (second = true));
    await settle();
    expect(second).toBe(false);
    a();
    await settle();
    expect(second).toBe(true);
  });

  it('refuses a limit below 1', () => {
    expect(() => createSemaphore(0)).toThrow(RangeError);
  });
});
