import { config } from '../../config/env.js';
import { createBakongClient, type BakongClient } from '../../lib/khqr/bakong-client.js';
import { sameAmount } from '../payments/payment-math.js';

let override: BakongClient | null | undefined;

/** The Bakong client for counter payments; null when no BAKONG_API_TOKEN is set (the cashier confirms). */
export function posBakongClient(): BakongClient | null {
  if (override !== undefined) return override;
  return config.BAKONG_API_TOKEN ? createBakongClient({ baseUrl: config.BAKONG_API_URL, token: config.BAKONG_API_TOKEN, timeoutMs: 5000 }) : null;
}

/** Points the counter at another Bakong endpoint (the loopback fake in tests). */
export function usePosBakongClient(client: BakongClient | null | undefined): void {
  override = client;
}

export type CounterKhqr = { md5: string; amount: string; number: string };

/** Whether the KHQR shown at the counter has been paid, exactly, to the shop's account. */
export async function counterKhqrPaid(k: CounterKhqr): Promise<{ paid: boolean; hash?: string; payer?: string; problem?: string }> {
  const client = posBakongClient();
  if (!client) return { paid: false, problem: 'no_token' };
  const res = await client.checkByMd5(k.md5);
  if (res.kind !== 'found') return { paid: false, problem: res.kind === 'error' ? res.reason : undefined };
  const tx = res.transaction;
  if (tx.toAccountId !== config.KHQR_ACCOUNT_ID || tx.currency !== 'USD' || !sameAmount('USD', k.amount, tx.amount)) return { paid: false, problem: 'mismatch' };
  return { paid: true, hash: tx.hash, payer: tx.fromAccountId };
}
