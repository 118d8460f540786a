import { Router, type NextFunction, type Request, type Response } from 'express';
import { CouponRefusedError, normalizeCode } from '../coupons/coupons.service.js';
import { config } from '../../config/env.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { centsToDecimal, formatUsd } from '../../domain/money.js';
import { parseInput } from '../../lib/validation.js';
import { shopDay } from '../../domain/shop-time.js';
import { allow } from '../../middleware/access.js';
import { serialsOfOrder } from '../units/units.service.js';
import { requireStaff } from '../../middleware/auth.js';
import { keptValues, translateFields } from '../../middleware/forms.js';
import { flash } from '../../middleware/locals.js';
import { findLines, findOrderByNumber } from '../orders/orders.queries.js';
import { getSettings } from '../settings/settings.service.js';
import { approvalCodeStatus, resolveApproval, WrongCodeLimiter } from './approval.service.js';
import { endOfDay, drawerCents } from './end-of-day.queries.js';
import { checkSaleKhqr, displayKey, posBakongClient, showSaleKhqr, shownKhqr } from './pos-khqr.js';
import { receiptCash, rielDue } from './pos-math.js';
import * as S from './pos.schemas.js';
import * as pos from './pos.service.js';
import { returnLines } from './returns.service.js';
import {
  type Cashier,
  cashiersOn,
  expectedCash,
  findCashier,
  latestCount,
  latestCounts,
  saveCount,
} from './drawer.service.js';
import { completeCounterSale, findCompletedSale, PosStockError } from './sale.service.js';

type Handler = (req: Request, res: Response) => Promise<unknown>;

const draftOf = (req: Request): pos.PosDraft => (req.session.pos ??= pos.emptyDraft());
const isAdmin = (req: Request) => req.user?.role === 'admin';
const formValues = (req: Request) => {
  const { approvalCode: _code, ...rest } = keptValues(req.body);
  return rest;
};

async function screen(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
  const draft = draftOf(req);
  const query = S.ScreenQuery.parse(req.query);
  const sale = await pos.priceDraft(draft);
  const [matches, categories] = await Promise.all([
    query.q
      ? pos.searchVariants(query.q)
      : query.cat
        ? pos.categoryVariants(query.cat)
        : Promise.resolve([] as pos.VariantHit[]),
    pos.categoryTiles(),
  ]);
  const khqr = query.pay === 'khqr' ? await showSaleKhqr(draft, sale) : null;
  const { cashRoundingKhr } = await getSettings();
  res.status(status).render('pos/screen', {
    title: req.t('pos.title'),
    layout: 'layouts/pos',
    styles: ['/static/css/pos.css'],
    scripts: ['/static/js/pos.js'],
    sale,
    draft,
    q: query.q,
    cat: query.q ? undefined : categories.find((c) => Number(c.id) === query.cat),
    matches,
    categories,
    favourites: query.q || query.cat ? [] : await pos.favouriteVariants(12),
    khqr,
    bakong: Boolean(posBakongClient()),
    rate: config.KHR_PER_USD,
    stepKhr: cashRoundingKhr,
    // What a customer paying the whole total in riel hands over (rounded to the step).
    dueKhr: rielDue(sale.totalCents, config.KHR_PER_USD, cashRoundingKhr),
    approval: isAdmin(req) ? await approvalCodeStatus(req.user!.id) : null,
    values: {},
    errors: {},
    ...extra,
  });
}

/** A POS screen action: bad input re-renders the screen (422), a conflict says why (409). */
const onScreen = (handler: Handler) => async (req: Request, res: Response, next: NextFunction) => {
  try {
    await handler(req, res);
  } catch (err) {
    const values = formValues(req);
    if (err instanceof ValidationError) {
      // Some inputs (an id, a quantity, the method) have no field of their own: say it at the top.
      const errors = translateFields(req, err);
      return screen(
        req,
        res,
        { errors: { _form: errors._form ?? Object.values(errors)[0], ...errors }, values },
        422,
      ).catch(next);
    }
    if (err instanceof PosStockError || err instanceof ConflictError || err instanceof CouponRefusedError)
      return screen(req, res, { errors: { _form: String(req.t(err.message, err.vars)) }, values }, 409).catch(next);
    next(err);
  }
};

async function returnsPage(
  req: Request,
  res: Response,
  number: string,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const order = number ? await findOrderByNumber(number) : undefined;
  res.status(status).render('pos/returns', {
    title: req.t('pos.returns'),
    layout: 'layouts/pos',
    styles: ['/static/css/pos.css'],
    number,
    order,
    lines: order ? await findLines(order.id) : [],
    serials: order ? await serialsOfOrder(order.id) : new Map(),
    values: {},
    errors: {},
    ...extra,
  });
}

function numberParam(req: Request): string {
  const parsed = S.NumberParam.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.number;
}

type ApprovalOf = (req: Request, code: string | undefined) => ReturnType<typeof resolveApproval>;

export function posRoutes(): Router {
  const r = Router();
  const wrongCodes = new WrongCodeLimiter();
  const approvalOf: ApprovalOf = (req, code) =>
    resolveApproval({ id: req.user!.id, isAdmin: isAdmin(req) }, code, wrongCodes);
  r.use(requireStaff);
  draftRoutes(r, approvalOf);
  paymentRoutes(r, approvalOf);
  afterSaleRoutes(r, approvalOf);
  return r;
}

/** The sale being rung up: the screen, scanning and search, quantities, discounts, the customer. */
function draftRoutes(r: Router, approvalOf: ApprovalOf): void {
  r.get('/', allow.staff, (req, res) => screen(req, res));

  r.get('/search.json', allow.staff, async (req, res) => {
    const { q } = S.ScreenQuery.parse(req.query);
    res.json({ matches: await pos.searchVariants(q, 10) });
  });

  // A scanned barcode or exact SKU is added at once; anything else lists matches.
  r.post(
    '/scan',
    allow.staff,
    onScreen(async (req, res) => {
      const { code } = parseInput(S.ScanInput, req.body);
      const hit = await pos.findByCode(code);
      if (!hit) return res.redirect(303, `/pos?q=${encodeURIComponent(code)}`);
      await pos.addLine(draftOf(req), Number(hit.variantId), 1, hit.serial);
      if (hit.stock <= 0) flash(req, 'error', req.t('pos.noStock', { sku: hit.sku }));
      res.redirect(303, '/pos');
    }),
  );

  r.post(
    '/lines/:id',
    allow.staff,
    onScreen(async (req, res) => {
      await pos.addLine(draftOf(req), parseInput(S.VariantParam, req.params).id);
      res.redirect(303, '/pos');
    }),
  );

  r.post(
    '/lines/:id/quantity',
    allow.staff,
    onScreen(async (req, res) => {
      const { id } = parseInput(S.VariantParam, req.params);
      pos.setQuantity(draftOf(req), id, parseInput(S.QuantityInput, req.body).quantity);
      res.redirect(303, '/pos');
    }),
  );

  r.post(
    '/discount',
    allow.staff,
    onScreen(async (req, res) => {
      const input = parseInput(S.DiscountInput, req.body);
      const approval = await approvalOf(req, input.approvalCode);
      if (!approval) throw new ValidationError({ approvalCode: 'errors.approvalCode' });
      await pos.applyDiscount(draftOf(req), { target: input.target, cents: input.amount }, approval, req.user!.id);
      flash(req, 'success', req.t('pos.discountApplied'));
      res.redirect(303, '/pos');
    }),
  );

  // A coupon the customer shows: priced with the sale now, checked again under its lock at completion.
  r.post(
    '/coupon',
    allow.staff,
    onScreen(async (req, res) => {
      const { couponCode: code } = parseInput(S.PosCouponInput, req.body);
      const draft = draftOf(req);
      const tried = { ...draft, couponCode: normalizeCode(code) };
      const sale = await pos.priceDraft(tried);
      if (sale.couponRefused) throw sale.couponRefused;
      draft.couponCode = tried.couponCode;
      flash(
        req,
        'success',
        req.t('coupons.applied', { code: tried.couponCode, amount: formatUsd(sale.coupon?.discountCents ?? 0) }),
      );
      res.redirect(303, '/pos');
    }),
  );

  r.post('/coupon/remove', allow.staff, (req, res) => {
    delete draftOf(req).couponCode;
    res.redirect(303, '/pos');
  });

  r.post(
    '/customer',
    allow.staff,
    onScreen(async (req, res) => {
      const input = parseInput(S.CustomerInput, req.body);
      draftOf(req).customer = await pos.findOrCreateCustomer(input.phone, input.name);
      res.redirect(303, '/pos');
    }),
  );

  r.post('/clear', allow.staff, (req, res) => {
    req.session.pos = pos.emptyDraft();
    res.redirect(303, '/pos');
  });
}

/** Taking the money: the KHQR status the screen polls, completing the sale, the receipt. */
function paymentRoutes(r: Router, approvalOf: ApprovalOf): void {
  // Polled by the POS screen while a KHQR is shown: has the customer's payment for this sale reached the shop?
  r.get('/khqr-status', allow.staff, async (req, res) => {
    const draft = draftOf(req);
    const paid = draft.khqr ? (await checkSaleKhqr(draft, await pos.priceDraft(draft))).kind === 'paid' : false;
    res.set('Cache-Control', 'no-store').json({ paid });
  });

  // The customer display: a second window (turned to the customer) showing the sale, its total and the KHQR.
  r.get('/display', allow.staff, async (req, res) => {
    const draft = req.session.pos ?? pos.emptyDraft();
    const sale = await pos.priceDraft(draft);
    const { cashRoundingKhr } = await getSettings();
    res.render('pos/display', {
      title: req.t('pos.displayTitle'),
      layout: 'layouts/pos',
      bare: true,
      refreshSeconds: 10,
      styles: ['/static/css/pos.css'],
      scripts: ['/static/js/pos-display.js'],
      sale,
      khqr: await shownKhqr(draft, sale),
      dueKhr: rielDue(sale.totalCents, config.KHR_PER_USD, cashRoundingKhr),
      key: displayKey(draft, sale),
    });
  });

  // Polled by the customer display: it reloads when the sale (or its KHQR) changed.
  r.get('/display.json', allow.staff, async (req, res) => {
    const draft = req.session.pos ?? pos.emptyDraft();
    res.set('Cache-Control', 'no-store').json({ key: displayKey(draft, await pos.priceDraft(draft)) });
  });

  r.post(
    '/complete',
    allow.staff,
    onScreen(async (req, res) => {
      const input = parseInput(S.CompleteInput, req.body);
      const draft = draftOf(req);
      if (input.sale) {
        // A repeated submit of a sale already completed: show its receipt.
        const done = await findCompletedSale(input.sale, req.user!.id);
        if (done) return res.redirect(303, `/pos/receipt/${done.number}`);
        if (input.sale !== draft.number) throw new ConflictError('errors.posSaleChanged');
      }
      // Hand confirmations (and the KHQR part of a split) are approved by an admin's code.
      const approval =
        input.manual || (input.method === 'split' && input.khqrAmount > 0)
          ? await approvalOf(req, input.approvalCode)
          : null;
      const pay = {
        method: input.method,
        tenderedUsdCents: input.tenderedUsd,
        tenderedKhr: input.tenderedKhr,
        khqrCents: input.khqrAmount,
        manual: input.manual,
        reason: input.reason,
        buyer: input.buyer,
      };
      const order = await completeCounterSale(draft, pay, req.user!.id, approval);
      req.session.pos = pos.emptyDraft();
      res.redirect(303, `/pos/receipt/${order.number}`);
    }),
  );

  r.get('/receipt/:number', allow.staff, async (req, res) => {
    const order = await findOrderByNumber(numberParam(req));
    if (!order) throw new NotFoundError();
    res.render('pos/receipt', {
      title: req.t('pos.receipt', { number: order.number }),
      layout: 'layouts/print',
      styles: ['/static/css/pos.css'],
      order,
      lines: await findLines(order.id),
      serials: await serialsOfOrder(order.id),
      shop: await getSettings(),
      cashier: req.user!.id === order.cashierId ? req.user!.name : null,
      // Cash as counted ("$11 + 800 ៛") and the rounding, signed ("−50 ៛").
      cash: receiptCash(order),
    });
  });
}

/** After the sale: returns (with an admin's approval) and the end of day. */
function afterSaleRoutes(r: Router, approvalOf: ApprovalOf): void {
  r.get('/returns', allow.staff, (req, res) => returnsPage(req, res, S.ReturnsQuery.parse(req.query).number));

  r.post('/returns/:number', allow.staff, async (req, res) => {
    const number = numberParam(req);
    try {
      const input = parseInput(S.ReturnInput, req.body);
      const approval = await approvalOf(req, input.approvalCode);
      if (!approval) throw new ForbiddenError('errors.refundNeedsAdmin');
      const { refundCents } = await returnLines(number, input, req.user!.id, approval);
      flash(req, 'success', req.t('pos.returned', { amount: centsToDecimal(refundCents) }));
      res.redirect(303, `/pos/returns?number=${number}`);
    } catch (err) {
      if (err instanceof ValidationError)
        return returnsPage(req, res, number, { values: formValues(req), errors: translateFields(req, err) }, 422);
      if (err instanceof ConflictError)
        return returnsPage(req, res, number, { values: formValues(req), errors: { _form: req.t(err.message) } }, 422);
      throw err;
    }
  });

  r.get('/end-of-day', allow.staff, async (req, res) => {
    const day = S.EndOfDayQuery.parse(req.query).date ?? shopDay();
    const parsed = S.CashierQuery.safeParse(req.query);
    if (!parsed.success) throw new NotFoundError();
    await endOfDayPage(req, res, day, await drawerOwner(req, parsed.data.cashier));
  });

  // A count of the drawer: a new row each time (a recount), totals worked out from the notes here.
  r.post('/end-of-day', allow.staff, async (req, res) => {
    const target = S.CountTarget.safeParse(req.body ?? {});
    if (!target.success) throw new NotFoundError();
    const cashier = await drawerOwner(req, target.data.cashier);
    const kept = target.data.day ?? shopDay();
    try {
      const input = parseInput(S.DrawerCountInput, req.body);
      await saveCount({ ...input, cashierId: cashier.id, countedBy: req.user!.id });
      flash(req, 'success', req.t('pos.countSaved', { name: cashier.name }));
      res.redirect(303, `/pos/end-of-day?date=${input.day}&cashier=${cashier.id}#count-result`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const values = keptValues(req.body);
      await endOfDayPage(req, res, kept, cashier, { values, errors: translateFields(req, err) }, 422);
    }
  });
}

/**
 * Whose drawer a page is about: the signed-in cashier's by default; another cashier's only for an
 * admin (403 for staff); someone who is not a cashier is not found.
 */
async function drawerOwner(req: Request, cashierId: number | undefined): Promise<Cashier> {
  const me = req.user!;
  if (cashierId === undefined || cashierId === me.id) return { id: me.id, name: me.name };
  if (!isAdmin(req)) throw new ForbiddenError();
  return findCashier(cashierId);
}

/** End of day: the count form for one drawer, its latest count, and (for admins) every cashier's. */
async function endOfDayPage(
  req: Request,
  res: Response,
  day: string,
  cashier: Cashier,
  extra: { values?: Record<string, string>; errors?: Record<string, string> } = {},
  status = 200,
) {
  const admin = isAdmin(req);
  const report = await endOfDay(day);
  const count = await latestCount(day, cashier.id);
  // Kept values after an error; else the latest count's notes (a recount starts from them).
  const values =
    extra.values ??
    (count
      ? Object.fromEntries([
          ...S.USD_NOTES.map((n) => [`usd${n}`, String(count.usdNotes[String(n)] ?? 0)]),
          ...S.KHR_NOTES.map((n) => [`khr${n}`, String(count.khrNotes[String(n)] ?? 0)]),
        ])
      : {});
  res.status(status).render('pos/end-of-day', {
    title: req.t('pos.endOfDay'),
    layout: 'layouts/pos',
    styles: ['/static/css/pos.css'],
    scripts: ['/static/js/pos.js'],
    day,
    today: shopDay(),
    cashier,
    cashiers: admin ? await cashiersOn(day) : [],
    // Staff see their own drawer; admins every cashier's and the shop's.
    report: admin ? report : { rows: report.rows.filter((r) => Number(r.cashierId) === cashier.id), shop: null },
    drawer: drawerCents,
    expected: await expectedCash(day, cashier.id),
    count,
    counts: admin ? await latestCounts(day) : [],
    usdNotes: S.USD_NOTES,
    khrNotes: S.KHR_NOTES,
    stepKhr: (await getSettings()).cashRoundingKhr,
    values,
    errors: extra.errors ?? {},
  });
}
