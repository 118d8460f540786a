import { describe, expect, it } from 'vitest';
import {
  cents,
  centsToDecimal,
  centsToRiel,
  formatRielFromUsd,
  formatUsd,
  parseMoneyInput,
  sumCents,
  toCents,
} from '../../src/domain/money.js';

describe('money in integer cents', () => {
  it('reads DECIMAL strings exactly, with 0, 1 or 2 decimals and a sign', () => {
    expect(toCents('12.50')).toBe(1250);
    expect(toCents('12.5')).toBe(1250);
    expect(toCents('12')).toBe(1200);
    expect(toCents('0.07')).toBe(7);
    expect(toCents('-3.10')).toBe(-310);
    // The classic float trap: 0.1 + 0.2 never happens in cents.
    expect(toCents('0.10') + toCents('0.20')).toBe(toCents('0.30'));
  });

  it('refuses anything that is not a plain amount', () => {
    for (const bad of ['12.345', '1e3', 'abc', '', '1,200.00', '$5']) expect(() => toCents(bad)).toThrow();
  });

  it('writes DECIMAL strings back, negative amounts too', () => {
    expect(centsToDecimal(1250)).toBe('12.50');
    expect(centsToDecimal(7)).toBe('0.07');
    expect(centsToDecimal(-310)).toBe('-3.10');
    expect(centsToDecimal(0)).toBe('0.00');
  });

  it('never holds a float: a fractional amount of cents is refused everywhere', () => {
    expect(() => cents(12.5)).toThrow(RangeError);
    expect(() => centsToDecimal(0.1 + 0.2)).toThrow(RangeError);
    expect(() => formatUsd(10.5)).toThrow(RangeError);
    expect(() => centsToRiel(Number.NaN, 4100)).toThrow(RangeError);
    expect(sumCents([toCents('0.10'), toCents('0.20')])).toBe(30);
  });

  it('parses what a person types, or gives null', () => {
    expect(parseMoneyInput('1,299.00')).toBe(129900);
    expect(parseMoneyInput('$25')).toBe(2500);
    expect(parseMoneyInput(' 7.5 ')).toBe(750);
    expect(parseMoneyInput('12,345,678.90')).toBe(1234567890);
    // A comma anywhere but between thousands is a typo, not a separator: "5,00" is not $500.
    for (const bad of [
      '-1',
      '1.234',
      '1e30',
      '9999999999',
      'abc',
      '5,00',
      '1,2,3',
      ',500',
      '1,0000',
      null,
      undefined,
      {},
    ])
      expect(parseMoneyInput(bad)).toBeNull();
  });

  it('riel: whole riel at the shop rate, rounded half up; formatted with the riel sign', () => {
    expect(centsToRiel(100, 4100)).toBe(4100);
    expect(centsToRiel(1, 4150)).toBe(42); // 41.5 riel rounds up
    expect(formatRielFromUsd('1299.00', 4100)).toBe('5,325,900 ៛');
    expect(formatUsd('1299.5')).toBe('$1,299.50');
  });
});
