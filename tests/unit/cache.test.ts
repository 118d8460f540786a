import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/lib/cache.js';

describe('TtlCache', () => {
  it('loads once for concurrent misses and serves the value until it expires', async () => {
    const cache = new TtlCache<number>(50);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return 42;
    };
    expect(await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)])).toEqual([42, 42, 42]);
    expect(loads).toBe(1);
    expect(cache.peek('k')).toBe(42);
    await new Promise((r) => setTimeout(r, 60));
    expect(cache.peek('k')).toBeUndefined();
    await cache.get('k', load);
    expect(loads).toBe(2);
  });
  it('with a zero TTL never caches', async () => {
    const cache = new TtlCache<number>(0);
    let loads = 0;
    await cache.get('k', async () => ++loads);
    await cache.get('k', async () => ++loads);
    expect(loads).toBe(2);
  });
});
