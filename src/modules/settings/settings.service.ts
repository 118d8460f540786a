import { z } from 'zod';
import { db } from '../../db/client.js';
import { settings } from '../../db/schema.js';
import { parseMoneyInput, centsToDecimal } from '../../lib/money.js';

/** Shop settings with their defaults; stored as key/value rows, edited at /admin/settings. */
export const ShopSettings = z.object({
  deliveryFeePhnomPenh: z.string().default('1.50'),
  deliveryFeeProvinces: z.string().default('3.50'),
  vatRate: z.string().default('0'),
  shopAddress: z.string().default('Street 107, Boeung Keng Kang, Phnom Penh'),
  shopPhone: z.string().default('+855 12 345 678'),
  vatNumber: z.string().default(''),
});
export type ShopSettings = z.infer<typeof ShopSettings>;

export async function getSettings(): Promise<ShopSettings> {
  const rows = await db.select().from(settings);
  return ShopSettings.parse(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

export const SettingsInput = z.object({
  deliveryFeePhnomPenh: z.string().transform((v, ctx) => money(v, ctx)),
  deliveryFeeProvinces: z.string().transform((v, ctx) => money(v, ctx)),
  vatRate: z
    .string()
    .trim()
    .regex(/^\d{1,2}(\.\d{1,2})?$/, 'errors.vatRate'),
  shopAddress: z.string().trim().min(1, 'errors.required').max(300, 'errors.tooLong'),
  shopPhone: z.string().trim().min(1, 'errors.required').max(40, 'errors.tooLong'),
  vatNumber: z.string().trim().max(40, 'errors.tooLong'),
});

function money(v: string, ctx: z.RefinementCtx): string {
  const cents = parseMoneyInput(v);
  if (cents === null) {
    ctx.addIssue({ code: 'custom', message: 'errors.money' });
    return z.NEVER;
  }
  return centsToDecimal(cents);
}

export async function saveSettings(input: z.output<typeof SettingsInput>): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(input)) {
      await tx.insert(settings).values({ key, value: String(value) }).onDuplicateKeyUpdate({ set: { value: String(value) } });
    }
  });
}
