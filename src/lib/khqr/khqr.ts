import crypto from 'node:crypto';
import khqrPkg from 'bakong-khqr';

const { BakongKHQR, khqrData, IndividualInfo, MerchantInfo } = khqrPkg as unknown as {
  BakongKHQR: {
    new (): { generateIndividual(i: unknown): KhqrResponse; generateMerchant(i: unknown): KhqrResponse };
    verify(qr: string): { isValid: boolean };
    decode(qr: string): { status: { code: number }; data: Record<string, string | null> };
  };
  khqrData: { currency: { usd: number; khr: number } };
  IndividualInfo: new (id: string, name: string, city: string, opt: object) => unknown;
  MerchantInfo: new (id: string, name: string, city: string, merchantId: string, bank: string, opt: object) => unknown;
};
type KhqrResponse = { status: { code: number; message: string | null }; data: { qr: string; md5: string } | null };

export type KhqrAccount = {
  type: 'individual' | 'merchant';
  accountId: string;
  merchantName: string;
  merchantCity: string;
  merchantId?: string;
  acquiringBank?: string;
};

export type KhqrRequest = {
  currency: 'USD' | 'KHR';
  /** "51.13" for USD; whole riel ("209633") for KHR. */
  amount: string;
  billNumber: string;
  expiresAt: Date;
};

export class KhqrError extends Error {}

/** ISO 4217 numeric codes used inside KHQR. */
const CURRENCY_CODE = { USD: '840', KHR: '116' } as const;

/** Builds a dynamic KHQR for an exact amount with the official SDK. */
export function generateKhqr(account: KhqrAccount, req: KhqrRequest): { qr: string; md5: string } {
  const optional = {
    currency: req.currency === 'USD' ? khqrData.currency.usd : khqrData.currency.khr,
    amount: Number(req.amount),
    billNumber: req.billNumber,
    expirationTimestamp: req.expiresAt.getTime(),
  };
  const sdk = new BakongKHQR();
  const res =
    account.type === 'merchant'
      ? sdk.generateMerchant(
          new MerchantInfo(
            account.accountId,
            account.merchantName,
            account.merchantCity,
            account.merchantId ?? '',
            account.acquiringBank ?? '',
            optional,
          ),
        )
      : sdk.generateIndividual(
          new IndividualInfo(account.accountId, account.merchantName, account.merchantCity, optional),
        );
  if (res.status.code !== 0 || !res.data)
    throw new KhqrError(`KHQR generation failed: ${res.status.message ?? 'unknown error'}`);
  return res.data;
}

export type DecodedKhqr = {
  accountId: string;
  currency: 'USD' | 'KHR';
  amount: string;
  billNumber: string;
  merchantName: string;
  merchantId: string | null;
};

/** Decodes a KHQR string with the SDK after checking its CRC. */
export function decodeKhqr(qr: string): DecodedKhqr {
  if (!BakongKHQR.verify(qr).isValid) throw new KhqrError('KHQR CRC or structure is invalid');
  const res = BakongKHQR.decode(qr);
  if (res.status.code !== 0) throw new KhqrError('KHQR could not be decoded');
  const d = res.data;
  const currency =
    d.transactionCurrency === CURRENCY_CODE.USD ? 'USD' : d.transactionCurrency === CURRENCY_CODE.KHR ? 'KHR' : null;
  if (!currency) throw new KhqrError(`unexpected KHQR currency ${d.transactionCurrency}`);
  return {
    accountId: d.bakongAccountID ?? '',
    currency,
    amount: d.transactionAmount ?? '',
    billNumber: d.billNumber ?? '',
    merchantName: d.merchantName ?? '',
    merchantId: d.merchantID ?? null,
  };
}

/** Refuses to show a code that would not pay exactly this amount to this account for this order. */
export function verifyKhqr(qr: string, md5: string, account: KhqrAccount, req: KhqrRequest): void {
  const d = decodeKhqr(qr);
  const problems: string[] = [];
  if (crypto.createHash('md5').update(qr).digest('hex') !== md5) problems.push('md5');
  if (d.accountId !== account.accountId) problems.push('account');
  if (d.currency !== req.currency) problems.push('currency');
  if (Number(d.amount) !== Number(req.amount)) problems.push(`amount ${d.amount} ≠ ${req.amount}`);
  if (d.billNumber !== req.billNumber) problems.push('bill number');
  if (problems.length) throw new KhqrError(`KHQR does not match the order: ${problems.join(', ')}`);
}
