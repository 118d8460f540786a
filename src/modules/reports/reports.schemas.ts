import { z } from 'zod';
import { shopDay } from '../../domain/shop-time.js';
import type { Range } from './report-types.js';
import { daysBefore } from './summaries.js';

export const KINDS = ['sales', 'profit', 'products', 'customers', 'staff', 'traffic'] as const;

/** `/admin/reports/:kind`: one of the reports, anything else is 404. */
export const KindParam = z.object({ kind: z.enum(KINDS) });

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Range from the query: a preset (today, week, month) or from/to, grouped by day, week or month. */
function toRange(q: {
  preset?: string;
  from?: string;
  to?: string;
  group: Range['group'];
}): Range & { preset: string } {
  const preset = z
    .enum(['today', 'week', 'month', 'custom'])
    .catch('month')
    .parse(q.preset ?? (q.from ? 'custom' : 'month'));
  const end = shopDay();
  let from = end;
  if (preset === 'week') from = daysBefore(end, (new Date(`${end}T00:00:00Z`).getUTCDay() + 6) % 7); // the Monday
  if (preset === 'month') from = `${end.slice(0, 8)}01`;
  if (preset === 'custom') {
    const a = day.safeParse(q.from).data ?? from;
    const b = day.safeParse(q.to).data ?? end;
    // ISO dates compare as strings.
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return { preset, group: q.group, from: lo, to: hi };
  }
  return { preset, group: q.group, from, to: end };
}

/** A report's query string. Report links are shared and edited by hand: a bad value falls back, never fails. */
export const ReportQuery = z
  .object({
    preset: z.string().max(20).optional().catch(undefined),
    from: z.string().max(20).optional().catch(undefined),
    to: z.string().max(20).optional().catch(undefined),
    group: z.enum(['day', 'week', 'month']).catch('day').default('day'),
    days: z.coerce.number().int().min(1).max(3650).catch(60).default(60),
    format: z.enum(['csv', 'xlsx']).optional().catch(undefined),
  })
  .transform((q) => ({ range: toRange(q), days: q.days, format: q.format }));
