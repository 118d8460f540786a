import { z } from 'zod';
import { idText } from '../../lib/validation.js';

export const PageQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1) });

/** Ticked rows arrive as ?pick=1&pick=2 (no JS needed); ?ids=1,2 also works for a link. */
export const LabelsQuery = z
  .object({ pick: z.union([z.string(), z.array(z.string())]).optional(), ids: z.string().max(2000).optional() })
  .catch({})
  .transform(({ pick, ids }) => ({
    ids: [...(ids ?? '').split(','), ...([] as string[]).concat(pick ?? [])]
      .slice(0, 200)
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0),
  }));

/** A unit's page action: /admin/inventory/:id/units/:unitId/:action. */
export const UnitActionParam = z.object({
  id: idText,
  unitId: idText,
  action: z.enum(['write-off', 'restock']),
});
export const UnitActionInput = z.object({ note: z.string().trim().max(255).optional().default('') });

/** The stock page's serial-tracking switch: a ticked box sends '1'. */
export const TrackingInput = z.object({
  tracksSerials: z
    .string()
    .optional()
    .transform((v) => v === '1'),
});
