import QRCode from 'qrcode';
import { config } from '../../config/env.js';
import { createBakongClient, type BakongClient } from '../../lib/khqr/bakong-client.js';
import { generateKhqr } from '../../lib/khqr/khqr.js';
import { centsToDecimal } from '../../domain/money.js';
import { sameAmount } from '../payments/payment-math.js';
import { shopAccount } from '../payments/payments.service.js';
import { reserveNumber, saleFingerprint, type PosDraft, type PricedSale, type SaleKhqr } from './pos.service.js';

let override: BakongClient | null | undefined;

/** The Bakong client for counter payments; null when no BAKONG_API_TOKEN is set (the cashier confirms). */
export function posBakongClient(): BakongClient | null {
  if (override !== undefined) return override;
  return config.BAKONG_API_TOKEN
    ? createBakongClient({ baseUrl: config.BAKONG_API_URL, token: config.BAKONG_API_TOKEN, timeoutMs: 5000 })
    : null;
}

/** Points the counter at another Bakong endpoint (the loopback fake in tests). */
export function usePosBakongClient(client: BakongClient | null | undefined): void {
  override = client;
}

const VALID_MS = 15 * 60_000;

/**
 * The KHQR for the sale's current total. The same code is shown again while the sale is unchanged
 * (the customer may already have scanned it); any change to the sale makes a new one.
 */
export async function showSaleKhqr(
  draft: PosDraft,
  sale: PricedSale,
  now = Date.now(),
): Promise<{ dataUrl: string; amount: string; auto: boolean } | null> {
  if (sale.totalCents <= 0) return null;
  const number = await reserveNumber(draft);
  const fingerprint = saleFingerprint(sale, number);
  const amount = centsToDecimal(sale.totalCents);
  let k = draft.khqr;
  if (!k || k.fingerprint !== fingerprint || !k.qr || k.expiresAt < now + 60_000) {
    const expiresAt = now + VALID_MS;
    const code = generateKhqr(shopAccount(), {
      currency: 'USD',
      amount,
      billNumber: number,
      expiresAt: new Date(expiresAt),
    });
    k = draft.khqr = { md5: code.md5, qr: code.qr, amount, number, fingerprint, expiresAt };
  }
  return { dataUrl: await QRCode.toDataURL(k.qr, { margin: 2, scale: 7 }), amount, auto: Boolean(posBakongClient()) };
}

export type KhqrCheck =
  | { kind: 'stale' }
  | { kind: 'no_token' }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'not_found' }
  | { kind: 'mismatch' }
  | { kind: 'paid'; md5: string; hash: string; payer: string };

/** The QR shown, if it is still the one for the sale as priced now. */
function currentKhqr(draft: PosDraft, sale: PricedSale): SaleKhqr | null {
  const k = draft.khqr;
  if (
    !k ||
    k.fingerprint !== saleFingerprint(sale, draft.number) ||
    k.amount !== centsToDecimal(sale.totalCents) ||
    k.number !== draft.number
  )
    return null;
  return k;
}

/**
 * Whether the sale, as priced now, has been paid by its KHQR: Bakong's amount, currency and
 * receiving account must be the current total in USD to the shop's account.
 */
export async function checkSaleKhqr(draft: PosDraft, sale: PricedSale): Promise<KhqrCheck> {
  const k = currentKhqr(draft, sale);
  if (!k) return { kind: 'stale' };
  const client = posBakongClient();
  if (!client) return { kind: 'no_token' };
  const res = await client.checkByMd5(k.md5);
  if (res.kind === 'error') return { kind: 'unreachable', reason: res.reason };
  if (res.kind === 'not_found') return { kind: 'not_found' };
  const tx = res.transaction;
  const amount = centsToDecimal(sale.totalCents);
  if (tx.toAccountId !== config.KHQR_ACCOUNT_ID || tx.currency !== 'USD' || !sameAmount('USD', amount, tx.amount))
    return { kind: 'mismatch' };
  return { kind: 'paid', md5: k.md5, hash: tx.hash, payer: tx.fromAccountId };
}

/** The KHQR already shown for the sale as it is now (for the customer display), never a new one. */
export async function shownKhqr(
  draft: PosDraft,
  sale: PricedSale,
): Promise<{ dataUrl: string; amount: string } | null> {
  const k = currentKhqr(draft, sale);
  if (!k || k.expiresAt < Date.now()) return null;
  return { dataUrl: await QRCode.toDataURL(k.qr, { margin: 2, scale: 7 }), amount: k.amount };
}

/** What the customer display shows, as one value: it changes with the sale and with the KHQR shown for it. */
export const displayKey = (draft: PosDraft, sale: PricedSale): string =>
  `${saleFingerprint(sale, draft.number)}:${currentKhqr(draft, sale)?.md5 ?? ''}`;
