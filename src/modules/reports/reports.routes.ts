import { Router } from 'express';
import { allow } from '../../middleware/access.js';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.js';
import { requireAdmin } from '../../middleware/auth.js';
import { flushPageViews } from '../analytics/tracking.js';
import { reportCsv, reportXlsx } from './report-export.js';
import type { Range, Report } from './report-types.js';
import { customersReport, staffReport } from './reports-more.queries.js';
import { productsReport, profitReport, salesReport, trafficReport } from './summary-reports.js';

const KINDS = ['sales', 'profit', 'products', 'customers', 'staff', 'traffic'] as const;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** Range from the query: a preset (today, week, month) or from/to, grouped by day, week or month. */
function parseRange(q: Record<string, unknown>): Range & { preset: string } {
  const preset = z
    .enum(['today', 'week', 'month', 'custom'])
    .catch('month')
    .parse(q.preset ?? (q.from ? 'custom' : 'month'));
  const group = z.enum(['day', 'week', 'month']).catch('day').parse(q.group);
  const end = today();
  const d = new Date(`${end}T00:00:00Z`);
  let from = end;
  if (preset === 'week')
    from = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
  if (preset === 'month') from = `${end.slice(0, 8)}01`;
  if (preset === 'custom') {
    const f = day.safeParse(q.from);
    const t = day.safeParse(q.to);
    const a = f.success ? f.data : from;
    const b = t.success ? t.data : end;
    // ISO dates compare as strings.
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return { preset, group, from: lo, to: hi };
  }
  return { preset, group, from, to: end };
}

/** /admin/reports/<kind> (admins only): on screen with a chart, or as CSV / XLSX of exactly what is shown. */
export function reportRoutes(): Router {
  const r = Router();
  r.use(requireAdmin);
  r.get('/', allow.admin, (_req, res) => res.redirect(303, '/admin/reports/sales'));
  r.get('/:kind', allow.admin, async (req, res) => {
    const kind = z.enum(KINDS).safeParse(req.params.kind);
    if (!kind.success) throw new NotFoundError();
    const range = parseRange(req.query);
    if (kind.data === 'traffic') await flushPageViews();
    const builders: Record<(typeof KINDS)[number], () => Promise<Report>> = {
      sales: () => salesReport(range, req.t),
      profit: () => profitReport(range, req.t),
      products: () =>
        productsReport(
          range,
          req.t,
          z.coerce
            .number()
            .int()
            .min(1)
            .max(3650)
            .catch(60)
            .parse(req.query.days ?? 60),
        ),
      customers: () => customersReport(range, req.t),
      staff: () => staffReport(range, req.t),
      traffic: () => trafficReport(range, req.t),
    };
    const report = await builders[kind.data]();
    const name = `${kind.data}-${range.from}-${range.to}`;
    if (req.query.format === 'csv')
      return res
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${name}.csv"`)
        .send(reportCsv(report));
    if (req.query.format === 'xlsx') {
      return res
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .set('Content-Disposition', `attachment; filename="${name}.xlsx"`)
        .send(await reportXlsx(report));
    }
    const days = z.coerce
      .number()
      .int()
      .min(1)
      .max(3650)
      .catch(60)
      .parse(req.query.days ?? 60);
    const qs = new URLSearchParams({
      preset: range.preset,
      from: range.from,
      to: range.to,
      group: range.group,
      ...(kind.data === 'products' ? { days: String(days) } : {}),
    }).toString();
    res.render('admin/reports/report', {
      days,
      title: req.t(`reports.kinds.${kind.data}`),
      layout: 'layouts/admin',
      kinds: KINDS,
      kind: kind.data,
      range,
      report,
      qs,
      scripts: ['/static/vendor/chart.js/chart.umd.min.js', '/static/js/reports.js'],
    });
  });
  return r;
}
