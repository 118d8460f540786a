import { z } from 'zod';

/** The public warranty check's query: a serial as typed (looked up exactly, upper-cased). */
export const WarrantyQuery = z.object({
  serial: z
    .string()
    .trim()
    .max(64)
    .optional()
    .catch(undefined)
    .transform((v) => v ?? ''),
});
