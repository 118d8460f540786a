import { z } from 'zod';
import { Phone } from '../accounts/accounts.schemas.js';
import { formEmail, formText } from '../../lib/validation.js';

export const PROVINCES = [
  'Phnom Penh',
  'Banteay Meanchey',
  'Battambang',
  'Kampong Cham',
  'Kampong Chhnang',
  'Kampong Speu',
  'Kampong Thom',
  'Kampot',
  'Kandal',
  'Kep',
  'Koh Kong',
  'Kratie',
  'Mondulkiri',
  'Oddar Meanchey',
  'Pailin',
  'Preah Sihanouk',
  'Preah Vihear',
  'Prey Veng',
  'Pursat',
  'Ratanakiri',
  'Siem Reap',
  'Stung Treng',
  'Svay Rieng',
  'Takeo',
  'Tbong Khmum',
] as const;

export const AddressInput = z.object({
  recipientName: formText(120),
  shipPhone: Phone,
  street: formText(200),
  commune: formText(100),
  district: formText(100),
  province: z.enum(PROVINCES, { error: 'errors.province' }),
  note: z.string().trim().max(300, 'errors.tooLong').optional().default(''),
});
export type AddressInput = z.infer<typeof AddressInput>;

const Contact = z.object({ name: formText(120), email: formEmail, phone: Phone });

/** What the checkout form collects; the address is either a saved one (addressId) or typed in. */
export const CheckoutInput = z.discriminatedUnion(
  'deliveryMethod',
  [
    Contact.extend({ deliveryMethod: z.literal('pickup') }),
    Contact.extend({
      deliveryMethod: z.literal('delivery'),
      addressId: z.string().optional(),
      saveAddress: z.string().optional(),
    }),
  ],
  { error: 'errors.deliveryMethod' },
);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'errors.tooLong')
    .optional()
    .transform((v) => v || undefined);

/**
 * The buyer's business, optional, for a tax invoice: a VAT number (a Cambodian TIN such as
 * K001-901234567: a letter, 3 digits, a dash and 9 digits; stored upper-cased with the dash, also when
 * typed with a space or none) needs the company name that goes with it.
 */
export const BuyerInput = z
  .object({
    buyerCompany: optionalText(160),
    buyerVatin: z
      .string()
      .optional()
      .transform(
        (v) =>
          v
            ?.trim()
            .toUpperCase()
            .replace(/^([A-Z]\d{3})[\s-]*(\d{9})$/, '$1-$2') || undefined,
      ),
    buyerAddress: optionalText(300),
  })
  // Checked together (not per field), so both messages show at once.
  .superRefine((b, ctx) => {
    if (b.buyerVatin && !/^[A-Z]\d{3}-\d{9}$/.test(b.buyerVatin))
      ctx.addIssue({ code: 'custom', path: ['buyerVatin'], message: 'errors.vatin' });
    if (b.buyerVatin && !b.buyerCompany)
      ctx.addIssue({ code: 'custom', path: ['buyerCompany'], message: 'errors.vatinNeedsCompany' });
  });
export type BuyerInput = z.infer<typeof BuyerInput>;

/** The delivery choice alone, so the address is checked even when the contact fields are not valid. */
export const DeliveryChoice = z.object({ deliveryMethod: z.enum(['pickup', 'delivery']).optional().catch(undefined) });

export type CheckoutDetails = {
  name: string;
  email: string;
  phone: string;
  deliveryMethod: 'pickup' | 'delivery';
  address?: AddressInput & { zone: 'phnom_penh' | 'provinces' };
  saveAddress?: boolean;
  buyer?: BuyerInput;
};

export const zoneOf = (province: string) =>
  (province === 'Phnom Penh' ? 'phnom_penh' : 'provinces') as 'phnom_penh' | 'provinces';

/** How the customer pays: now by KHQR, cash to the driver, or at the counter when picking up. */
const PAY_CHOICES = ['khqr', 'cod', 'at_pickup'] as const;
export type PayChoice = (typeof PAY_CHOICES)[number];

/** The review page's payment choice: none sent (an older form) is KHQR; anything unknown is refused. */
export const PayInput = z.object({
  payment: z.preprocess(
    (v) => (v === undefined || v === '' ? 'khqr' : v),
    z.enum(PAY_CHOICES, { error: 'errors.payChoice' }),
  ),
});

/** The review page's one-time place-order token (a missing or odd one places nothing twice, see placeOrder). */
export const PlaceInput = z.object({ token: z.string().max(100).catch('').default('') });

/** "Apply a code" in the cart or at review: letters, digits, - and _ (as admins create them). */
export const CouponInput = z.object({
  code: z
    .string({ error: 'errors.couponCodeRequired' })
    .trim()
    .min(1, { error: 'errors.couponCodeRequired' })
    .max(40, { error: 'errors.couponCodeFormat' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'errors.couponCodeFormat' }),
  from: z.enum(['cart', 'review']).catch('cart').default('cart'),
});

export const CouponRemoveInput = z.object({ from: z.enum(['cart', 'review']).catch('cart').default('cart') });
