import { Router, type Request, type Response } from 'express';
import { ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { IdParam, parseInput } from '../../lib/validation.js';
import { allow } from '../../middleware/access.js';
import { flash } from '../../middleware/locals.js';
import { keptValues, translateFields } from '../../middleware/forms.js';
import { AdjustInput, adjustStock, barcodeDataUrl } from './inventory.service.js';
import {
  brandOptions,
  categoryOptions,
  countMovements,
  findStockRow,
  HISTORY_PAGE,
  labelRows,
  listStock,
  movements,
  StockFilters,
  STOCK_PAGE,
} from './inventory.queries.js';
import { LabelsQuery, PageQuery, TrackingInput, UnitActionInput, UnitActionParam } from './inventory.schemas.js';
import { setTracking, unitAction, unitsOfVariant } from '../units/units.service.js';

const isAdmin = (req: Request) => req.user!.role === 'admin';

/** Cost prices are for admins only (as in the CSV export): staff pages never receive them, so no view can leak them. */
const stockRowFor = <T extends { costPrice: string }>(req: Request, row: T): T =>
  isAdmin(req) ? row : { ...row, costPrice: '' };
const movementFor = <T extends { unitCost: string | null }>(req: Request, m: T): T =>
  isAdmin(req) ? m : { ...m, unitCost: null };

async function variantPage(req: Request, id: number) {
  const row = await findStockRow(id);
  if (!row) throw new NotFoundError();
  const pages = Math.max(1, Math.ceil((await countMovements(id)) / HISTORY_PAGE));
  const page = Math.min(pages, parseInput(PageQuery, req.query).page);
  const history = (await movements(id, page)).map((m) => movementFor(req, m));
  const units = Number(row.tracksSerials)
    ? (await unitsOfVariant(id)).map((u) => (isAdmin(req) ? u : { ...u, unitCost: null }))
    : [];
  return {
    title: req.t('inventory.variantTitle', { sku: row.sku }),
    layout: 'layouts/admin',
    styles: ['/static/css/inventory.css'],
    scripts: ['/static/js/inventory.js'],
    row: stockRowFor(req, row),
    history,
    units,
    page,
    pages,
    isAdmin: isAdmin(req),
  };
}

/** /admin/inventory — stock by variant, adjustments with a reason, movement history, low stock, labels. */
export function inventoryRoutes(): Router {
  const r = Router();

  r.get('/', allow.staff, async (req, res) => {
    const filters = StockFilters.parse(req.query);
    const [{ rows, total }, categories, brands] = await Promise.all([
      listStock(filters),
      categoryOptions(),
      brandOptions(),
    ]);
    const qs = new URLSearchParams(
      Object.entries({ ...filters, page: undefined })
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    // Cost prices are for admins only, as in the CSV export.
    res.render('admin/inventory/list', {
      title: req.t('inventory.title'),
      layout: 'layouts/admin',
      filters,
      rows: rows.map((row) => stockRowFor(req, row)),
      total,
      pages: Math.max(1, Math.ceil(total / STOCK_PAGE)),
      qs,
      categories,
      brands,
      isAdmin: isAdmin(req),
      styles: ['/static/css/inventory.css'],
    });
  });

  r.get('/labels', allow.staff, async (req, res) => {
    // Ticked rows arrive as ?pick=1&pick=2 (no JS needed); ?ids=1,2 also works for a link.
    const { ids } = parseInput(LabelsQuery, req.query);
    const rows = await labelRows(ids);
    res.render('admin/inventory/labels', {
      title: req.t('inventory.labels'),
      layout: 'layouts/print',
      styles: ['/static/css/labels.css'],
      labels: rows.map((l) => ({ ...stockRowFor(req, l), barcode: barcodeDataUrl(l.barcode || l.sku) })),
    });
  });

  r.get('/:id', allow.staff, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    res.render('admin/inventory/variant', { ...(await variantPage(req, id)), values: {}, errors: {} });
  });

  // Serial tracking on or off (admins): on while the stock is 0, off while no unit with a serial is in stock.
  r.post('/:id/tracking', allow.admin, async (req: Request, res: Response) => {
    const { id } = parseInput(IdParam, req.params);
    const { tracksSerials } = parseInput(TrackingInput, req.body);
    try {
      await setTracking(id, tracksSerials);
      flash(req, 'success', req.t(tracksSerials ? 'inventory.trackingOn' : 'inventory.trackingOff'));
      res.redirect(303, `/admin/inventory/${id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      res.status(422).render('admin/inventory/variant', {
        ...(await variantPage(req, id)),
        values: {},
        errors: translateFields(req, err),
      });
    }
  });

  // A unit known by serial written off, or a repaired faulty one back in stock (admins).
  r.post('/:id/units/:unitId/:action', allow.admin, async (req: Request, res: Response) => {
    const { id, unitId, action } = parseInput(UnitActionParam, req.params);
    const { note } = parseInput(UnitActionInput, req.body);
    await unitAction(id, unitId, action, req.user!.id, note);
    flash(req, 'success', req.t(action === 'restock' ? 'inventory.unitRestocked' : 'inventory.unitWrittenOff'));
    res.redirect(303, `/admin/inventory/${id}`);
  });

  r.post('/:id', allow.staff, async (req: Request, res: Response) => {
    const { id } = parseInput(IdParam, req.params);
    try {
      const input = parseInput(AdjustInput, req.body);
      const result = await adjustStock(id, input, { id: req.user!.id, isAdmin: isAdmin(req) });
      flash(req, 'success', req.t('inventory.adjusted', { before: result.before, after: result.after }));
      res.redirect(303, `/admin/inventory/${id}`);
    } catch (err) {
      if (err instanceof ForbiddenError) throw err;
      if (!(err instanceof ValidationError)) throw err;
      const errors = translateFields(req, err);
      res
        .status(422)
        .render('admin/inventory/variant', { ...(await variantPage(req, id)), values: keptValues(req.body), errors });
    }
  });

  return r;
}
