import { shopDay } from '../../domain/shop-time.js';
import { Router, type Request, type Response } from 'express';
import { NotFoundError } from '../../lib/errors.js';
import { csvLine, parseCsv } from '../../lib/csv.js';
import { allow } from '../../middleware/access.js';
import { parseInput } from '../../lib/validation.js';
import { keepUploadError, uploadFiles } from '../../middleware/upload.js';
import { findJob, startImport } from './products-csv.import.js';
import { COLUMNS, exportRows, validateImport } from './products-csv.service.js';
import { JobParam } from './products.schemas.js';

const page = (req: Request, extra: Record<string, unknown> = {}) => ({
  title: req.t('csv.title'),
  layout: 'layouts/admin',
  columns: COLUMNS,
  rowErrors: [],
  values: {},
  errors: {},
  ...extra,
});

const drainedOrClosed = (res: Response) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });

/** /admin/products/export.csv and /admin/products/import (admins: the file holds cost prices). */
export function productsCsvRoutes(): Router {
  const r = Router();

  r.get('/export.csv', allow.admin, async (_req, res) => {
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="products-${shopDay(new Date())}.csv"`);
    res.write('\uFEFF' + csvLine([...COLUMNS]));
    for await (const batch of exportRows()) {
      // Respect back-pressure so a slow download never holds the whole catalog in memory.
      if (!res.write(batch.map(csvLine).join(''))) await drainedOrClosed(res);
      if (res.destroyed) return;
    }
    res.end();
  });

  r.get('/import', allow.admin, (req, res) => res.render('admin/catalog/import', page(req)));

  r.post(
    '/import',
    allow.admin,
    ...uploadFiles('file', 1, 20 * 1024 * 1024),
    keepUploadError,
    async (req: Request, res: Response) => {
      const file = (req.files as Express.Multer.File[] | undefined)?.[0];
      if (res.locals.uploadError || !file) {
        return res
          .status(422)
          .render(
            'admin/catalog/import',
            page(req, { errors: { file: req.t(res.locals.uploadError ? 'errors.csvTooLarge' : 'errors.csvChoose') } }),
          );
      }
      const text = file.buffer.toString('utf8');
      if (text.includes('\u0000'))
        return res
          .status(422)
          .render('admin/catalog/import', page(req, { errors: { file: req.t('errors.csvNotText') } }));
      const { rows, errors } = await validateImport(parseCsv(text));
      if (errors.length) {
        return res.status(422).render(
          'admin/catalog/import',
          page(req, {
            rowErrors: errors.slice(0, 500).map((e) => ({ ...e, message: req.t(e.message) })),
            errorCount: errors.length,
          }),
        );
      }
      const job = startImport(rows, req.user!.id);
      res.redirect(303, `/admin/products/import/${job.id}`);
    },
  );

  r.get('/import/:id', allow.admin, (req, res) => {
    const job = findJob(parseInput(JobParam, req.params).id);
    if (!job) throw new NotFoundError();
    if (req.accepts(['html', 'json']) === 'json') return res.set('Cache-Control', 'no-store').json(job);
    res.render('admin/catalog/import-job', page(req, { job, scripts: ['/static/js/catalog-admin.js'] }));
  });

  return r;
}
