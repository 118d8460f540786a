import { z } from 'zod';
import { formText } from '../../lib/validation.js';
import { PROVINCES } from '../checkout/checkout.schemas.js';
import { Phone } from './accounts.schemas.js';

/** One address of the address book, as the form sends it; the phone comes back normalised (+855...). */
export const AddressBookInput = z.object({
  recipientName: formText(120),
  phone: Phone,
  street: formText(200),
  commune: formText(100),
  district: formText(100),
  province: z.enum(PROVINCES, { error: 'errors.province' }),
  note: z.string({ error: 'errors.invalid' }).trim().max(300, 'errors.tooLong').optional().default(''),
  makeDefault: z
    .unknown()
    .optional()
    .transform((v) => v === '1'),
});

/** `/account/addresses/:id`: anything but a plausible row id becomes 0, which no address has (a 404). */
export const AddressIdParam = z.object({
  id: z.coerce.number().int().positive().max(4_294_967_295).catch(0),
});
