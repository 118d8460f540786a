import { Router } from 'express';
import { allow } from '../../middleware/access.js';
import { NotFoundError } from '../../lib/errors.js';
import { requireAdmin } from '../../middleware/auth.js';
import { flushPageViews } from '../analytics/tracking.js';
import { reportCsv, reportXlsx } from './report-export.js';
import type { Report } from './report-types.js';
import { KINDS, KindParam, ReportQuery } from './reports.schemas.js';
import { parseInput } from '../../lib/validation.js';
import { customersReport, staffReport } from './live-reports.js';
import { productsReport, profitReport, salesReport, trafficReport } from './summary-reports.js';

/** /admin/reports/<kind> (admins only): on screen with a chart, or as CSV / XLSX of exactly what is shown. */
export function reportRoutes(): Router {
  const r = Router();
  r.use(requireAdmin);
  r.get('/', allow.admin, (_req, res) => res.redirect(303, '/admin/reports/sales'));
  r.get('/:kind', allow.admin, async (req, res) => {
    const kind = KindParam.safeParse(req.params);
    if (!kind.success) throw new NotFoundError();
    const { range, days, format } = parseInput(ReportQuery, req.query);
    if (kind.data.kind === 'traffic') await flushPageViews();
    const builders: Record<(typeof KINDS)[number], () => Promise<Report>> = {
      sales: () => salesReport(range, req.t),
      profit: () => profitReport(range, req.t),
      products: () => productsReport(range, req.t, days),
      customers: () => customersReport(range, req.t),
      staff: () => staffReport(range, req.t),
      traffic: () => trafficReport(range, req.t),
    };
    const report = await builders[kind.data.kind]();
    const name = `${kind.data.kind}-${range.from}-${range.to}`;
    if (format === 'csv')
      return res
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${name}.csv"`)
        .send(reportCsv(report));
    if (format === 'xlsx') {
      return res
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .set('Content-Disposition', `attachment; filename="${name}.xlsx"`)
        .send(await reportXlsx(report));
    }
    const qs = new URLSearchParams({
      preset: range.preset,
      from: range.from,
      to: range.to,
      group: range.group,
      ...(kind.data.kind === 'products' ? { days: String(days) } : {}),
    }).toString();
    res.render('admin/reports/report', {
      days,
      title: req.t(`reports.kinds.${kind.data.kind}`),
      layout: 'layouts/admin',
      kinds: KINDS,
      kind: kind.data.kind,
      range,
      report,
      qs,
      scripts: ['/static/vendor/chart.js/chart.umd.min.js', '/static/js/reports.js'],
    });
  });
  return r;
}
