import { Router, type Request, type Response } from 'express';
import { NotFoundError } from '../../lib/errors.js';
import { csvLine, parseCsv } from '../../lib/csv.js';
import { requireAdmin } from '../../middleware/auth.js';
import { keepUploadError, uploadFiles } from '../../middleware/upload.js';
import { COLUMNS, exportRows, findJob, startImport, validateImport } from './products-csv.service.js';

const page = (req: Request, extra: Record<string, unknown> = {}) => ({ title: req.t('csv.title'), layout: 'layouts/admin', columns: COLUMNS, rowErrors: [], values: {}, errors: {}, ...extra });

/** /admin/products/export.csv and /admin/products/import (admins: the file holds cost prices). */
export function productsCsvRoutes(): Router {
  const r = Router();

  r.get('/export.csv', requireAdmin, async (_req, res) => {
    res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="products-${new Date().toISOString().slice(0, 10)}.csv"`);
    res.write('\uFEFF' + csvLine([...COLUMNS]));
    for await (const batch of exportRows()) res.write(batch.map(csvLine).join(''));
    res.end();
  });

  r.get('/import', requireAdmin, (req, res) => res.render('admin/catalog/import', page(req)));

  r.post('/import', requireAdmin, ...uploadFiles('file', 1, 20 * 1024 * 1024), keepUploadError, async (req: Request, res: Response) => {
    const file = (req.files as Express.Multer.File[] | undefined)?.[0];
    if (res.locals.uploadError || !file) {
      return res.status(422).render('admin/catalog/import', page(req, { errors: { file: req.t(res.locals.uploadError ? 'errors.csvTooLarge' : 'errors.csvChoose') } }));
    }
    const text = file.buffer.toString('utf8');
    if (text.includes('\u0000')) return res.status(422).render('admin/catalog/import', page(req, { errors: { file: req.t('errors.csvNotText') } }));
    const { rows, errors } = await validateImport(parseCsv(text));
    if (errors.length) {
      return res.status(422).render('admin/catalog/import', page(req, { rowErrors: errors.slice(0, 500).map((e) => ({ ...e, message: req.t(e.message) })), errorCount: errors.length }));
    }
    const job = startImport(rows, req.user!.id);
    res.redirect(303, `/admin/products/import/${job.id}`);
  });

  r.get('/import/:id', requireAdmin, (req, res) => {
    const job = findJob(String(req.params.id));
    if (!job) throw new NotFoundError();
    if (req.accepts(['html', 'json']) === 'json') return res.set('Cache-Control', 'no-store').json(job);
    res.render('admin/catalog/import-job', page(req, { job, scripts: ['/static/js/catalog-admin.js'] }));
  });

  return r;
}
