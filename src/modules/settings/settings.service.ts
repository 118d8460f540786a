import { z } from 'zod';
import { db } from '../../db/client.js';
import { DELIVERY_ZONES, settings, type DeliveryZone } from '../../db/schema.js';
import { parseMoneyInput, centsToDecimal } from '../../domain/money.js';
import { withTransaction } from '../../db/transaction.js';
import { config } from '../../config/env.js';
import { TtlCache } from '../../lib/cache.js';

/**
 * A whole-number setting stored as text; a bad stored value falls back to the default
 * instead of breaking every page.
 */
const storedInt = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).catch(fallback).default(fallback);

const isZone = (z: string): z is DeliveryZone => (DELIVERY_ZONES as readonly string[]).includes(z);
/** Zones stored as a comma-separated list ('' = none); unknown words are dropped. */
const zoneList = (v: string): DeliveryZone[] => [
  ...new Set(
    v
      .split(',')
      .map((z) => z.trim())
      .filter(isZone),
  ),
];

/** Shop settings with their defaults; stored as key/value rows, edited at /admin/settings. */
export const ShopSettings = z.object({
  deliveryFeePhnomPenh: z.string().default('1.50'),
  deliveryFeeProvinces: z.string().default('3.50'),
  vatRate: z.string().default('0'),
  // The business as registered with the GDT, printed on invoices in both languages.
  shopLegalName: z.string().default('Computer Shop Co., Ltd.'),
  shopLegalNameKm: z.string().default('ក្រុមហ៊ុន ខមភ្យូទ័រ ហប ឯ.ក'),
  shopAddress: z.string().default('Street 107, Boeung Keng Kang, Phnom Penh'),
  shopAddressKm: z.string().default('ផ្លូវ ១០៧ សង្កាត់បឹងកេងកង រាជធានីភ្នំពេញ'),
  shopPhone: z.string().default('+855 12 345 678'),
  vatNumber: z.string().default(''),
  // Limits that stop one visitor from holding the shop's stock with orders that are never paid.
  maxUnitsPerProduct: storedInt(10, 1, 999),
  maxOpenOrders: storedInt(3, 1, 50),
  // A payment screenshot waits for staff: they are alerted after this many minutes...
  proofAlertMinutes: storedInt(60, 5, 1440),
  // ...and the order is cancelled (stock released) when nobody decided within this many hours.
  proofCancelHours: storedInt(24, 1, 168),
  // Riel cash is rounded to this (the smallest note the till handles); 0 = no rounding.
  cashRoundingKhr: storedInt(100, 0, 1000),
  // The header's logo (an image store key, set at /admin/banners); empty = the shop's name in text.
  logoKey: z.string().default(''),
  // Paying later: the delivery zones where the driver may collect cash ('' = nowhere)...
  codZones: z.string().default('phnom_penh').transform(zoneList),
  // ...up to this order total in USD (0 = no cap)...
  codMaxUsd: z
    .string()
    .default('1000')
    .transform((v) => centsToDecimal(parseMoneyInput(v) ?? 100_000)),
  // ...and how many days an order to pay at pickup is held (stock reserved) before it is cancelled.
  pickupHoldDays: storedInt(3, 1, 14),
});
export type ShopSettings = z.infer<typeof ShopSettings>;

/**
 * The same for every visitor and read on many pages (fees, VAT, limits): kept in memory for
 * CATALOG_CACHE_SECONDS and dropped at once when the settings are saved here (another process sees a
 * change within that time).
 */
const settingsCache = new TtlCache<ShopSettings>(config.CATALOG_CACHE_SECONDS * 1000, 1);

export function getSettings(): Promise<ShopSettings> {
  return settingsCache.get('settings', async () => {
    const rows = await db.select().from(settings);
    return ShopSettings.parse(Object.fromEntries(rows.map((r) => [r.key, r.value])));
  });
}

/** After a setting is written outside saveSettings (the logo). */
export function forgetSettings(): void {
  settingsCache.clear();
}

/** A whole number from the form within [min, max]; `message` names the allowed range. */
const formInt = (min: number, max: number, message: string) =>
  z
    .string({ error: 'errors.required' })
    .trim()
    .regex(/^\d{1,6}$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));

export const SettingsInput = z
  .object({
    deliveryFeePhnomPenh: z.string().transform((v, ctx) => money(v, ctx)),
    deliveryFeeProvinces: z.string().transform((v, ctx) => money(v, ctx)),
    vatRate: z
      .string()
      .trim()
      .regex(/^\d{1,2}(\.\d{1,2})?$/, 'errors.vatRate'),
    shopLegalName: z.string().trim().min(1, 'errors.required').max(160, 'errors.tooLong'),
    shopLegalNameKm: z.string().trim().min(1, 'errors.required').max(160, 'errors.tooLong'),
    shopAddress: z.string().trim().min(1, 'errors.required').max(300, 'errors.tooLong'),
    shopAddressKm: z.string().trim().min(1, 'errors.required').max(300, 'errors.tooLong'),
    shopPhone: z.string().trim().min(1, 'errors.required').max(40, 'errors.tooLong'),
    vatNumber: z.string().trim().max(40, 'errors.tooLong'),
    maxUnitsPerProduct: formInt(1, 999, 'errors.maxUnitsRange'),
    maxOpenOrders: formInt(1, 50, 'errors.maxOpenOrdersRange'),
    proofAlertMinutes: formInt(5, 1440, 'errors.proofAlertRange'),
    proofCancelHours: formInt(1, 168, 'errors.proofCancelRange'),
    cashRoundingKhr: z
      .string()
      .refine((v) => ['0', '100', '500', '1000'].includes(v), 'errors.invalid')
      .transform(Number),
    // Checkboxes: none ticked sends nothing (no cash on delivery), one a string, several an array.
    codZones: z
      .preprocess(
        (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
        z.array(z.enum(DELIVERY_ZONES, { error: 'errors.invalid' })).max(DELIVERY_ZONES.length, 'errors.invalid'),
      )
      .transform((zones) => [...new Set(zones)].join(',')),
    // Checked with a refine (not inside the transform), so the form's other checks still run alongside.
    codMaxUsd: z
      .string({ error: 'errors.codMaxRange' })
      .refine((v) => (parseMoneyInput(v) ?? Number.POSITIVE_INFINITY) <= 10_000_000, 'errors.codMaxRange')
      .transform((v) => centsToDecimal(parseMoneyInput(v)!)),
    pickupHoldDays: formInt(1, 14, 'errors.pickupHoldRange'),
  })
  .refine((s) => s.proofCancelHours * 60 > s.proofAlertMinutes, {
    path: ['proofCancelHours'],
    message: 'errors.cancelAfterAlert',
  });

function money(v: string, ctx: z.RefinementCtx): string {
  const cents = parseMoneyInput(v);
  if (cents === null) {
    ctx.addIssue({ code: 'custom', message: 'errors.money' });
    return z.NEVER;
  }
  return centsToDecimal(cents);
}

/** The zone checkboxes as sent (any value), to tick them again on a form shown back with errors. */
export const SentZones = z.object({
  codZones: z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(20)).max(5))
    .transform((zones) => zones.join(','))
    .catch(''),
});

export async function saveSettings(input: z.output<typeof SettingsInput>): Promise<void> {
  await withTransaction(async (tx) => {
    for (const [key, value] of Object.entries(input)) {
      await tx
        .insert(settings)
        .values({ key, value: String(value) })
        .onDuplicateKeyUpdate({ set: { value: String(value) } });
    }
  });
  forgetSettings();
}
