import { describe, expect, it } from 'vitest';
import { shopDateTime, shopDay, shopDayStart } from '../../src/domain/shop-time.js';

describe("the shop's clock (Phnom Penh, UTC+7)", () => {
  it('a new shop day starts at 17:00 UTC', () => {
    expect(shopDay(new Date('2026-12-01T16:59:59.999Z'))).toBe('2026-12-01');
    expect(shopDay(new Date('2026-12-01T17:00:00.000Z'))).toBe('2026-12-02');
    expect(shopDayStart('2026-12-02').toISOString()).toBe('2026-12-01T17:00:00.000Z');
  });

  it('shows local date and time to people, whatever the server zone', () => {
    expect(shopDateTime(new Date('2026-12-02T04:06:00Z'))).toBe('2026-12-02 11:06');
    expect(shopDateTime('2026-12-31T20:30:00Z')).toBe('2027-01-01 03:30');
  });

  it('has no daylight saving: the same offset in every month', () => {
    for (let month = 1; month <= 12; month++) {
      const mm = String(month).padStart(2, '0');
      expect(shopDateTime(`2026-${mm}-15T00:00:00Z`)).toBe(`2026-${mm}-15 07:00`);
    }
  });
});
