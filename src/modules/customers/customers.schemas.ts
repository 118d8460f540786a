import { z } from 'zod';

export const ListQuery = z.object({
  q: z.string().trim().max(100).catch('').default(''),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
