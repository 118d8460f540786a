import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import QRCode from 'qrcode';
import { config } from '../../config/env.js';
import { centsToDecimal } from '../../domain/money.js';
import { repairIdOf, repairNextStatuses, repairNumber, REPAIR_STATUSES } from '../../domain/repair-states.js';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { generateKhqr, KhqrError } from '../../lib/khqr/khqr.js';
import { orderLinkKeyValid } from '../../lib/order-links.js';
import { normaliseCambodianPhone } from '../../lib/phone.js';
import { parseInput, TokenParam } from '../../lib/validation.js';
import { allow } from '../../middleware/access.js';
import { withForm } from '../../middleware/forms.js';
import { flash } from '../../middleware/locals.js';
import { formLimits } from '../../middleware/rate-limit.js';
import { keepUploadError, uploadFiles } from '../../middleware/upload.js';
import { sameAmount } from '../payments/payment-math.js';
import { shopAccount } from '../payments/payments.service.js';
import { posBakongClient } from '../pos/pos-khqr.js';
import { getSettings } from '../settings/settings.service.js';
import { ReportQuery } from '../reports/reports.schemas.js';
import { unitHistory } from '../units/units.service.js';
import {
  CollectInput,
  IntakeInput,
  LabourInput,
  LineParam,
  ListQuery,
  MoveInput,
  PhotoParam,
  PartInput,
  QuoteAnswerInput,
  RepairDetailsInput,
  RepairParam,
  SlipQuery,
  StatusQuery,
} from './repairs.schemas.js';
import * as svc from './repairs.service.js';

const admin = { layout: 'layouts/admin' };
const KHQR_MS = 15 * 60_000;

async function ticket(id: number): Promise<svc.RepairView> {
  const view = await svc.repairView(id);
  if (!view) throw new NotFoundError();
  return view;
}

const ticketPage = async (req: Request, id: number, extra: Record<string, unknown> = {}) => {
  const repair = await ticket(id);
  const k = req.session.repairKhqr;
  const khqr =
    k && k.repairId === id && k.amount === centsToDecimal(repair.dueCents) && k.expiresAt > Date.now()
      ? {
          dataUrl: await QRCode.toDataURL(k.qr, { margin: 2, scale: 6 }),
          amount: k.amount,
          auto: Boolean(posBakongClient()),
        }
      : null;
  return {
    ...admin,
    title: `${repair.number} · ${repair.deviceBrand} ${repair.deviceModel}`,
    styles: ['/static/css/repairs.css'],
    repair,
    passcode: svc.passcodeOf(repair),
    next: repairNextStatuses(repair.status),
    technicians: await svc.technicians(),
    statusUrl: svc.repairStatusUrl(id),
    khqr,
    values: {
      diagnosis: repair.diagnosis,
      technicianId: repair.technicianId ? String(repair.technicianId) : '',
      estimatedReady: repair.estimatedReady ?? '',
      underWarranty: repair.underWarranty ? '1' : '',
    },
    errors: {},
    ...extra,
  };
};

/** An action on the ticket that the ticket's state refuses (closed, wrong state): said on the ticket page. */
async function onTicket(req: Request, res: Response, id: number, action: () => Promise<void>): Promise<void> {
  try {
    await withForm(req, res, 'repairs/ticket', () => ticketPage(req, id), action);
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    flash(req, 'error', req.t(err.message, err.vars));
    res.redirect(303, `/admin/repairs/${id}`);
  }
}

const intakePage = (req: Request) => ({
  ...admin,
  title: req.t('repairs.newTitle'),
  styles: ['/static/css/repairs.css'],
  values: { locale: req.locale, intakeKey: crypto.randomBytes(16).toString('hex') },
  errors: {},
});

/**
 * The repair counter (/admin/repairs, staff and admins): intake, the ticket's work (state, parts through the
 * ledger, labour, quote), the printable slip and the handing back with its payment. The public side:
 * /repair-status (ticket + phone, or the slip's key) and /repair-quote/:token (the customer's answer).
 */
export function repairRoutes(): Router {
  const r = Router();

  r.get('/admin/repairs', allow.staff, async (req, res) => {
    const { status, q } = parseInput(ListQuery, req.query);
    res.render('repairs/list', {
      ...admin,
      title: req.t('repairs.title'),
      styles: ['/static/css/repairs.css'],
      repairs: await svc.listRepairs({ status, q }),
      // A serial typed in the search: the unit's whole life (supplier, sale, repairs); costs for admins only.
      units: q ? await unitHistory(q) : [],
      isAdmin: req.user!.role === 'admin',
      repairNumber,
      status: status ?? 'open',
      statuses: ['open', ...REPAIR_STATUSES, 'all'],
      q: q ?? '',
    });
  });

  // The report (admins): open tickets by state and technician, turnaround, cost against charges.
  r.get('/admin/repairs/report', allow.admin, async (req, res) => {
    const { range } = parseInput(ReportQuery, req.query);
    res.render('repairs/report', {
      ...admin,
      title: req.t('repairs.reportTitle'),
      styles: ['/static/css/repairs.css'],
      range,
      report: await svc.repairReport(range.from, range.to),
    });
  });

  r.get('/admin/repairs/new', allow.staff, async (req, res) => {
    res.render('repairs/intake', intakePage(req));
  });

  r.post('/admin/repairs', allow.staff, (req, res) =>
    withForm(req, res, 'repairs/intake', intakePage(req), async () => {
      const id = await svc.takeIn(parseInput(IntakeInput, req.body), req.user!.id);
      flash(req, 'success', req.t('repairs.created', { number: repairNumber(id) }));
      res.redirect(303, `/admin/repairs/${id}`);
    }),
  );

  r.get('/admin/repairs/:id', allow.staff, async (req, res) => {
    const { id } = parseInput(RepairParam, req.params);
    res.set('Cache-Control', 'private, no-store');
    res.render('repairs/ticket', await ticketPage(req, id));
  });

  r.post('/admin/repairs/:id/details', allow.staff, async (req, res) => {
    const { id } = parseInput(RepairParam, req.params);
    await onTicket(req, res, id, async () => {
      await svc.updateDetails(id, parseInput(RepairDetailsInput, req.body), req.user!.id);
      flash(req, 'success', req.t('repairs.saved'));
      res.redirect(303, `/admin/repairs/${id}`);
    });
  });

  r.post('/admin/repairs/:id/status', allow.staff, async (req, res) => {
    const { id } = parseInput(RepairParam, req.params);
    await onTicket(req, res, id, async () => {
      const { status, note } = parseInput(MoveInput, req.body);
      await svc.moveRepair(id, status, req.user!.id, note);
      flash(req, 'success', req.t('repairs.moved', { status: req.t(`repairs.status.${status}`) }));
      res.redirect(303, `/admin/repairs/${id}`);
    });
  });

  r.post('/admin/repairs/:id/parts', allow.staff, async (req, res) => {
    const { id } = parseInput(RepairParam, req.params);
    await onTicket(req, res, id, async () => {
      await svc.addPart(id, parseInput(PartInput, req.body), req.user!.id);
      flash(req, 'success', req.t('repairs.partAdded'));
      res.redirect(303, `/admin/repairs/${id}#lines`);
    });
  });

  r.post('/admin/repairs/:id/labour', allow.staff, async (req, res) => {
    const { id } = parseInput(RepairParam, req.params);
    await onTicket(req, res, id, async () => {
      await svc.addLabour(id, parseInput(LabourInput, req.body), req.user!.id);
      flash(req, 'success', req.t('repairs.labourAdded'));
      res.redirect(303, `/admin/repairs/${id}#lines`);
    });
  });

  r.post('/admin/repairs/:id/lines/:lineId/delete', allow.staff, async (req, res) => {
    const { id, lineId } = parseInput(LineParam, req.params);
    await onTicket(req, res, id, async () => {
      await svc.removeLine(id, lineId, req.user!.id);
      flash(req, 'success', req.t('repairs.lineRemoved'));
      res.redirect(303, `/admin/repairs/${id}#lines`);
    });
  });

  r.post('/admin/repairs/:id/quote', allow.staff, async (req, res) => {
    const { id } = parseInput(RepairParam, req.params);
    await onTicket(req, res, id, async () => {
      await svc.sendQuote(id, req.user!.id);
      flash(req, 'success', req.t('repairs.quoteSent'));
      res.redirect(303, `/admin/repairs/${id}`);
    });
  });

  // A KHQR for the balance, shown on the ticket for the customer to scan (tied to this ticket and amount).
  r.post('/admin/repairs/:id/khqr', allow.staff, async (req, res) => {
    const { id } = parseInput(RepairParam, req.params);
    const repair = await ticket(id);
    if (repair.dueCents <= 0) throw new ConflictError('errors.repairNothingDue');
    const amount = centsToDecimal(repair.dueCents);
    const expiresAt = Date.now() + KHQR_MS;
    let code: { qr: string; md5: string };
    try {
      code = generateKhqr(shopAccount(), {
        currency: 'USD',
        amount,
        billNumber: repair.number,
        expiresAt: new Date(expiresAt),
      });
    } catch (err) {
      // An amount KHQR cannot carry: said on the ticket, never a 500.
      if (err instanceof KhqrError) throw new ConflictError('errors.repairKhqrAmount');
      throw err;
    }
    req.session.repairKhqr = { repairId: id, md5: code.md5, qr: code.qr, amount, expiresAt };
    res.redirect(303, `/admin/repairs/${id}#collect`);
  });

  r.post('/admin/repairs/:id/collect', allow.staff, async (req, res) => {
    const { id } = parseInput(RepairParam, req.params);
    await onTicket(req, res, id, async () => {
      const input = parseInput(CollectInput, req.body);
      const repair = await ticket(id);
      const khqr = input.method === 'khqr' && repair.dueCents > 0 ? await khqrPaid(req, repair) : null;
      await svc.collect(id, input, req.user!.id, khqr);
      delete req.session.repairKhqr;
      flash(req, 'success', req.t(`repairs.closed.${input.outcome}`, { number: repair.number }));
      res.redirect(303, `/admin/repairs/${id}`);
    });
  });

  r.post(
    '/admin/repairs/:id/photos',
    allow.staff,
    ...uploadFiles('photos', 6),
    keepUploadError,
    async (req: Request, res: Response) => {
      const { id } = parseInput(RepairParam, req.params);
      await onTicket(req, res, id, async () => {
        if (res.locals.uploadError) throw res.locals.uploadError;
        const files = ((req.files as Express.Multer.File[] | undefined) ?? []).map((f) => f.buffer);
        await svc.addPhotos(id, files, req.user!.id);
        flash(req, 'success', req.t('repairs.photosAdded', { count: files.length }));
        res.redirect(303, `/admin/repairs/${id}#photos`);
      });
    },
  );

  r.get('/admin/repairs/:id/photos/:photoId/:size', allow.staff, async (req, res) => {
    const { id, photoId, size } = parseInput(PhotoParam, req.params);
    res.set('Cache-Control', 'private, max-age=3600').sendFile(await svc.photoFile(id, photoId, size));
  });

  r.get('/admin/repairs/:id/slip', allow.staff, async (req, res) => {
    const { id } = parseInput(RepairParam, req.params);
    const { size } = parseInput(SlipQuery, req.query);
    const repair = await ticket(id);
    const statusUrl = svc.repairStatusUrl(id);
    res.set('Cache-Control', 'private, no-store');
    res.render('repairs/slip', {
      layout: 'layouts/print',
      styles: ['/static/css/repairs.css'],
      title: repair.number,
      shop: await getSettings(),
      repair,
      size,
      statusUrl,
      qr: await QRCode.toDataURL(statusUrl, { margin: 1, scale: 4 }),
    });
  });

  // ---------------------------------------------------------------- public

  const statusLimit = formLimits({ name: 'repair-status', windowMinutes: 15, limit: 30 });
  r.get('/repair-status', allow.visitor, ...statusLimit, async (req, res) => {
    const { ticket: number, phone, k } = parseInput(StatusQuery, req.query);
    res.set('Cache-Control', 'private, no-store');
    const asked = Boolean(number && (phone || k));
    const found = asked ? await publicTicket(number, phone, k) : undefined;
    res.status(asked && !found ? 404 : 200).render('repairs/status', {
      title: req.t('repairs.statusTitle'),
      styles: ['/static/css/repairs.css'],
      noindex: true,
      values: { ticket: number, phone },
      repair: found,
      notFound: asked && !found,
      key: found && k ? k : '',
    });
  });

  const quoteLimit = formLimits({ name: 'repair-quote', windowMinutes: 15, limit: 20 });
  r.get('/repair-quote/:token', allow.visitor, ...quoteLimit, async (req, res) => {
    const { token } = parseInput(TokenParam, req.params);
    res.set('Cache-Control', 'private, no-store');
    res.set('Referrer-Policy', 'no-referrer');
    const repair = await svc.quoteByToken(token);
    if (!repair) throw new NotFoundError('errors.repairQuoteGone');
    res.render('repairs/quote', {
      title: req.t('repairs.quoteTitle', { number: repair.number }),
      styles: ['/static/css/repairs.css'],
      noindex: true,
      repair,
      token,
    });
  });

  r.post('/repair-quote/:token', allow.visitor, ...quoteLimit, async (req, res) => {
    const { token } = parseInput(TokenParam, req.params);
    const { answer } = parseInput(QuoteAnswerInput, req.body);
    const repair = await svc.answerQuote(token, answer);
    res.set('Cache-Control', 'private, no-store');
    res.render('repairs/quote-answered', {
      title: req.t('repairs.quoteTitle', { number: repair.number }),
      styles: ['/static/css/repairs.css'],
      noindex: true,
      answer,
      repair: svc.publicRepair(repair),
    });
  });

  return r;
}

/** The ticket for the public page: its number with the phone it was left with, or with the key printed on the slip. */
async function publicTicket(number: string, phone: string, key: string): Promise<svc.PublicRepair | undefined> {
  const id = repairIdOf(number);
  if (!id) return undefined;
  const view = await svc.repairView(id);
  if (!view) return undefined;
  const byKey = key !== '' && orderLinkKeyValid(view.number, key);
  const e164 = normaliseCambodianPhone(phone);
  const byPhone = e164 !== null && e164 === view.customerPhone;
  return byKey || byPhone ? svc.publicRepair(view) : undefined;
}

/**
 * The KHQR shown for this ticket's balance was paid: with a Bakong token, Bakong must report it (amount,
 * currency and the shop's account); without one, the cashier's word stands, as at the till.
 */
async function khqrPaid(req: Request, repair: svc.RepairView): Promise<{ hash: string | null }> {
  const k = req.session.repairKhqr;
  const amount = centsToDecimal(repair.dueCents);
  if (!k || k.repairId !== repair.id || k.amount !== amount)
    throw new ValidationError({ method: 'errors.repairKhqrShow' });
  const client = posBakongClient();
  if (!client) return { hash: null };
  const res = await client.checkByMd5(k.md5);
  if (res.kind === 'error') throw new ValidationError({ method: 'errors.repairKhqrUnreachable' });
  if (res.kind === 'not_found') throw new ValidationError({ method: 'errors.repairKhqrNotPaid' });
  const tx = res.transaction;
  if (tx.toAccountId !== config.KHQR_ACCOUNT_ID || tx.currency !== 'USD' || !sameAmount('USD', amount, tx.amount))
    throw new ValidationError({ method: 'errors.repairKhqrMismatch' });
  return { hash: tx.hash };
}
