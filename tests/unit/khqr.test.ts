import { describe, expect, it } from 'vitest';
import { decodeKhqr, generateKhqr, KhqrError, verifyKhqr, type KhqrAccount } from '../../src/lib/khqr/khqr.js';
import { centsToRiel } from '../../src/domain/money.js';
import { paymentDeadline, khqrAmount } from '../../src/modules/payments/payment-math.js';

const individual: KhqrAccount = {
  type: 'individual',
  accountId: 'computer_shop@devb',
  merchantName: 'Computer Shop',
  merchantCity: 'Phnom Penh',
};
const merchant: KhqrAccount = {
  type: 'merchant',
  accountId: 'cshop@aclb',
  merchantName: 'Computer Shop',
  merchantCity: 'Phnom Penh',
  merchantId: '1234567',
  acquiringBank: 'ACLEDA Bank',
};
const expiresAt = new Date(Date.now() + 30 * 60_000);

describe('KHQR generation', () => {
  it.each([
    ['individual', individual, 'USD', '51.13'],
    ['individual', individual, 'KHR', '209633'],
    ['merchant', merchant, 'USD', '1299.99'],
    ['merchant', merchant, 'KHR', '5329959'],
  ] as const)(
    '%s account in %s decodes back to the same amount, currency, bill number and account',
    (_t, account, currency, amount) => {
      const { qr, md5 } = generateKhqr(account, { currency, amount, billNumber: 'CS-261123-482193', expiresAt });
      expect(md5).toMatch(/^[0-9a-f]{32}$/);
      const d = decodeKhqr(qr);
      expect(d).toMatchObject({
        accountId: account.accountId,
        currency,
        billNumber: 'CS-261123-482193',
        merchantName: 'Computer Shop',
      });
      expect(Number(d.amount)).toBe(Number(amount));
      if (account.type === 'merchant') expect(d.merchantId).toBe('1234567');
      expect(() =>
        verifyKhqr(qr, md5, account, { currency, amount, billNumber: 'CS-261123-482193', expiresAt }),
      ).not.toThrow();
    },
  );

  it('verification refuses a code whose CRC was tampered with or whose amount differs', () => {
    const req = { currency: 'USD' as const, amount: '10.00', billNumber: 'CS-261123-000001', expiresAt };
    const { qr, md5 } = generateKhqr(individual, req);
    const tampered = qr.replace('5405' + '10.00'.length, '5405');
    expect(() => decodeKhqr(qr.slice(0, -1) + (qr.endsWith('0') ? '1' : '0'))).toThrow(KhqrError);
    expect(() => verifyKhqr(qr, md5, individual, { ...req, amount: '10.01' })).toThrow(/amount/);
    expect(() => verifyKhqr(qr, md5, individual, { ...req, billNumber: 'CS-261123-000002' })).toThrow(/bill number/);
    expect(tampered).toBeTypeOf('string');
  });
});

describe('payment maths', () => {
  it('riel = USD total × rate, rounded to whole riel (half up)', () => {
    expect(centsToRiel(5113, 4100)).toBe(209633);
    expect(centsToRiel(1, 4100)).toBe(41);
    expect(centsToRiel(1, 4050)).toBe(41); // 40.5 → 41
    expect(khqrAmount('KHR', '51.13', 4100)).toBe('209633');
    expect(khqrAmount('USD', '51.13', 4100)).toBe('51.13');
  });

  it('the deadline is PAYMENT_WINDOW_MINUTES after placing, with an injected clock', () => {
    const placed = new Date('2026-01-23T10:00:00Z');
    expect(paymentDeadline(placed, 30).toISOString()).toBe('2026-01-23T10:30:00.000Z');
    expect(paymentDeadline(placed, 1).getTime() - placed.getTime()).toBe(60_000);
  });
});
