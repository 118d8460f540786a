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

export type CheckoutDetails = {
  name: string;
  email: string;
  phone: string;
  deliveryMethod: 'pickup' | 'delivery';
  address?: AddressInput & { zone: 'phnom_penh' | 'provinces' };
  saveAddress?: boolean;
};

export const zoneOf = (province: string) =>
  (province === 'Phnom Penh' ? 'phnom_penh' : 'provinces') as 'phnom_penh' | 'provinces';

/** The review page's one-time place-order token (a missing or odd one places nothing twice, see placeOrder). */
export const PlaceInput = z.object({ token: z.string().max(100).catch('').default('') });
