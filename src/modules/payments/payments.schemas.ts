import { z } from 'zod';

/** A row id from the path; anything else (letters, huge numbers) is simply not found. */
const RowId = z
  .string({ error: 'errors.invalid' })
  .regex(/^\d{1,10}$/, 'errors.invalid')
  .transform(Number)
  .pipe(z.number().int().positive('errors.invalid').max(4_294_967_295, 'errors.invalid'));
export const ProofParam = z.object({ id: RowId });

/** The pay page's currency (query or form): anything but KHR is USD. */
export const CurrencyQuery = z.object({ currency: z.enum(['USD', 'KHR']).catch('USD').default('USD') });
export const ProofInput = z.object({
  reference: z.string().trim().max(100, 'errors.tooLong').optional().default(''),
  currency: z.enum(['USD', 'KHR']).catch('USD').default('USD'),
});

export const RejectInput = z.object({
  reason: z.string({ error: 'errors.required' }).trim().min(3, 'errors.reasonRequired').max(300, 'errors.tooLong'),
});
