import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { config } from '../../config/env.js';
import { db, type DbOrTx, type Tx } from '../../db/client.js';
import {
  repairLines,
  repairPayments,
  repairPhotos,
  repairs,
  repairStatusLog,
  users,
  variants,
  products,
  type Repair,
  type RepairLine,
} from '../../db/schema.js';
import { afterCommit, withTransaction } from '../../db/transaction.js';
import { inShopDays, insertId, selectRows, withDeadlockRetry } from '../../db/util.js';
import { type Cents, cents, centsToDecimal, formatUsd, toCents } from '../../domain/money.js';
import {
  canMoveRepair,
  CUSTOMER_FACING_REPAIR_STATUSES,
  isOpenRepair,
  repairNumber,
  repairTotals,
  type RepairLogEvent,
  type RepairStatus,
} from '../../domain/repair-states.js';
import { sendTemplate } from '../../lib/email/mailer.js';
import {
  deleteImageFiles,
  IMAGE_REFUSAL_MESSAGE,
  ImageRejectedError,
  type ImageSize,
  imageFile,
  type StoredImage,
  storeImage,
} from '../../lib/images/image-store.js';
import {
  ConflictError,
  duplicateKeyIndex,
  isDuplicateKeyError,
  NotFoundError,
  ValidationError,
} from '../../lib/errors.js';
import { orderLinkKey } from '../../lib/order-links.js';
import { open, seal } from '../../lib/secret-box.js';
import { randomToken, secretHash } from '../../lib/tokens.js';
import { changeStock, InsufficientStockError } from '../inventory/stock.service.js';
import { findByCode, findOrCreateCustomer } from '../pos/pos.service.js';
import { computeChange, formatCash } from '../pos/pos-math.js';
import { getSettings } from '../settings/settings.service.js';
import {
  fitRepairUnit,
  lockUnitStatus,
  moveRepairUnit,
  soldUnitBySerial,
  unfitRepairUnit,
} from '../units/units.service.js';
import type { CollectInput, IntakeInput, LabourInput, PartInput, RepairDetailsInput } from './repairs.schemas.js';

const PASSCODE = 'repair-passcode';

/** Where the customer follows a ticket: the public status page, opened by the key printed on the slip. */
export const repairStatusUrl = (id: number): string => {
  const number = repairNumber(id);
  return `${config.BASE_URL}/repair-status?ticket=${number}&k=${orderLinkKey(number)}`;
};

async function lockRepair(tx: Tx, id: number): Promise<Repair> {
  const [row] = await tx.select().from(repairs).where(eq(repairs.id, id)).for('update');
  if (!row) throw new NotFoundError();
  return row;
}

function requireOpen(r: Repair): void {
  if (!isOpenRepair(r.status)) throw new ConflictError('errors.repairClosed');
}

async function logStatus(
  tx: Tx,
  repairId: number,
  from: RepairStatus | null,
  to: RepairStatus,
  userId: number | null,
  note?: string,
  event?: RepairLogEvent,
): Promise<void> {
  await tx.insert(repairStatusLog).values({
    repairId,
    fromStatus: from,
    toStatus: to,
    userId,
    note: note?.slice(0, 500) || null,
    event: event ?? null,
  });
}

/** The customer hears of a customer-facing state by email (in their language), once the change has committed. */
function notify(r: Repair, status: RepairStatus, extra: Record<string, unknown> = {}): void {
  if (!r.customerEmail || !CUSTOMER_FACING_REPAIR_STATUSES.includes(status)) return;
  const template = status === 'awaiting_approval' ? 'repair-quote' : `repair-${status}`;
  const to = r.customerEmail;
  afterCommit(async () => {
    const view = await repairView(r.id);
    if (!view) return;
    await sendTemplate(template, to, r.locale, {
      name: r.customerName,
      number: view.number,
      repair: view,
      usd: formatUsd,
      statusUrl: repairStatusUrl(r.id),
      ...extra,
    });
  });
}

// ---------------------------------------------------------------- intake

/**
 * A device taken in at the counter: the customer by phone (an account found, or a walk-in one made), the
 * device (a unit sold here, found by serial, goes "in repair"), the problem, what was left with it, the
 * passcode sealed, and a cash deposit if one was taken (counted in the cashier's day).
 */
export async function takeIn(input: IntakeInput, staffId: number): Promise<number> {
  // A repeated submit of the same form (a double click, a retry) finds the ticket it made.
  const made = await byIntakeKey(input.intakeKey);
  if (made) return made;
  // The device is checked before anyone is added: a refused intake leaves no walk-in account behind.
  const unit = input.serial ? await soldUnitBySerial(input.serial) : undefined;
  if (!unit && (!input.brand || !input.model))
    throw new ValidationError({
      ...(input.brand ? {} : { brand: 'errors.repairDevice' }),
      ...(input.model ? {} : { model: 'errors.repairDevice' }),
    });
  // An account's phone is not verified, so the account found by phone only gives the ticket a customer
  // and a name: its email is never used (the email typed at the counter is).
  const customer = await findOrCreateCustomer(input.phone, input.name);
  const depositCents = input.depositCents;
  try {
    return await withDeadlockRetry(() =>
      withTransaction(async (tx) => {
        // The customer's unit is locked first and must be with its owner: one open ticket per unit.
        if (unit) await lockUnitForIntake(tx, unit.unitId);
        const id = insertId(
          await tx.insert(repairs).values({
            userId: customer.userId,
            customerName: input.name || customer.name,
            customerPhone: customer.phone,
            customerEmail: input.email || null,
            locale: input.locale,
            unitId: unit?.unitId ?? null,
            deviceBrand: input.brand || unit?.brand || '',
            deviceModel: input.model || unit?.product || '',
            deviceSerial: (unit?.serial ?? input.serial).toUpperCase(),
            problem: input.problem,
            accessories: input.accessories,
            deviceCondition: input.condition,
            passcodeEncrypted: input.passcode ? seal(PASSCODE, input.passcode) : null,
            underWarranty: input.underWarranty,
            deposit: centsToDecimal(depositCents),
            estimatedReady: input.estimatedReady || null,
            intakeKey: input.intakeKey || null,
            createdBy: staffId,
          }),
        );
        await logStatus(tx, id, null, 'received', staffId);
        if (unit) await moveRepairUnit(tx, { unitId: unit.unitId, repairId: id, userId: staffId, to: 'in_repair' });
        if (depositCents > 0)
          await tx.insert(repairPayments).values({
            repairId: id,
            kind: 'deposit',
            method: 'cash',
            amount: centsToDecimal(depositCents),
            khrPerUsd: config.KHR_PER_USD,
            cashTenderedUsd: centsToDecimal(depositCents),
            cashTenderedKhr: 0,
            changeUsd: '0.00',
            changeKhr: 0,
            cashierId: staffId,
          });
        const [row] = await tx.select().from(repairs).where(eq(repairs.id, id));
        notify(row!, 'received');
        return id;
      }),
    );
  } catch (err) {
    // The same form submitted twice at once: the second finds what the first made.
    if (duplicateKeyIndex(err) === 'repairs_intake_key_uq') {
      const first = await byIntakeKey(input.intakeKey);
      if (first) return first;
    }
    throw err;
  }
}

async function byIntakeKey(key: string): Promise<number | undefined> {
  if (!key) return undefined;
  const [row] = await db.select({ id: repairs.id }).from(repairs).where(eq(repairs.intakeKey, key));
  return row?.id;
}

/** The unit a customer brings must be with them (sold), not already on an open ticket: locked, then checked. */
async function lockUnitForIntake(tx: Tx, unitId: number): Promise<void> {
  const [open] = await tx
    .select({ id: repairs.id })
    .from(repairs)
    .where(and(eq(repairs.unitId, unitId), sql`${repairs.status} NOT IN ('collected', 'returned')`))
    .limit(1);
  const status = await lockUnitStatus(tx, unitId);
  if (open || status !== 'sold')
    throw new ValidationError({ serial: 'errors.repairUnitOpen' }, { number: open ? repairNumber(open.id) : '' });
}

// ---------------------------------------------------------------- reading

type RepairLineView = RepairLine & { sku: string | null; totalCents: Cents };
export type RepairView = Repair & {
  number: string;
  lines: RepairLineView[];
  log: {
    fromStatus: RepairStatus | null;
    toStatus: RepairStatus;
    event: RepairLogEvent | null;
    note: string | null;
    by: string | null;
    at: Date;
  }[];
  payments: (typeof repairPayments.$inferSelect)[];
  photos: { id: number }[];
  technician: string | null;
  totals: ReturnType<typeof repairTotals>;
  /** The balance still to take at collection (0 once collected). */
  dueCents: Cents;
};

export async function repairView(id: number): Promise<RepairView | undefined> {
  const [r] = await db.select().from(repairs).where(eq(repairs.id, id));
  if (!r) return undefined;
  const [lines, log, payments, tech, photos] = await Promise.all([
    db
      .select({ line: repairLines, sku: variants.sku })
      .from(repairLines)
      .leftJoin(variants, eq(variants.id, repairLines.variantId))
      .where(eq(repairLines.repairId, id))
      .orderBy(asc(repairLines.id)),
    db
      .select({
        fromStatus: repairStatusLog.fromStatus,
        toStatus: repairStatusLog.toStatus,
        event: repairStatusLog.event,
        note: repairStatusLog.note,
        by: users.name,
        at: repairStatusLog.createdAt,
      })
      .from(repairStatusLog)
      .leftJoin(users, eq(users.id, repairStatusLog.userId))
      .where(eq(repairStatusLog.repairId, id))
      .orderBy(asc(repairStatusLog.id)),
    db.select().from(repairPayments).where(eq(repairPayments.repairId, id)).orderBy(asc(repairPayments.id)),
    r.technicianId ? db.select({ name: users.name }).from(users).where(eq(users.id, r.technicianId)) : [],
    db
      .select({ id: repairPhotos.id })
      .from(repairPhotos)
      .where(eq(repairPhotos.repairId, id))
      .orderBy(asc(repairPhotos.id)),
  ]);
  const totals = totalsOf(
    r,
    lines.map((l) => l.line),
  );
  const paidBalance = payments.some((p) => p.kind === 'balance');
  return {
    ...r,
    number: repairNumber(r.id),
    lines: lines.map((l) => ({
      ...l.line,
      sku: l.sku,
      totalCents: cents(toCents(l.line.unitPrice) * l.line.quantity),
    })),
    log,
    payments,
    photos,
    technician: tech[0]?.name ?? null,
    totals,
    dueCents: paidBalance ? cents(0) : totals.balanceCents,
  };
}

function totalsOf(
  r: Pick<Repair, 'underWarranty' | 'deposit'>,
  lines: Pick<RepairLine, 'unitPrice' | 'unitCost' | 'quantity'>[],
) {
  return repairTotals(
    lines.map((l) => ({
      unitPriceCents: toCents(l.unitPrice),
      unitCostCents: toCents(l.unitCost),
      quantity: l.quantity,
    })),
    r.underWarranty,
    toCents(r.deposit),
  );
}

/** The device's passcode, for staff only (the route declares it); null when none was left or it cannot be read. */
export function passcodeOf(r: Pick<Repair, 'passcodeEncrypted'>): string | null {
  return r.passcodeEncrypted ? open(PASSCODE, r.passcodeEncrypted) : null;
}

export type RepairRow = Pick<
  Repair,
  | 'id'
  | 'status'
  | 'customerName'
  | 'customerPhone'
  | 'deviceBrand'
  | 'deviceModel'
  | 'deviceSerial'
  | 'estimatedReady'
  | 'createdAt'
> & { number: string; technician: string | null };

/** The counter's list: open tickets (or one state), newest first; `q` finds a ticket number, phone, serial or name. */
export async function listRepairs(filter: {
  status?: RepairStatus | 'open' | 'all';
  q?: string;
}): Promise<RepairRow[]> {
  const where = [];
  if (!filter.status || filter.status === 'open') where.push(sql`${repairs.status} NOT IN ('collected', 'returned')`);
  else if (filter.status !== 'all') where.push(eq(repairs.status, filter.status));
  const q = filter.q?.trim();
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
    // A phone as typed at the counter ("012 345", "+855 12…") against the stored +855 form.
    const digits = q.replace(/\D/g, '');
    const phone = digits.length >= 3 ? `%${digits.startsWith('0') ? `855${digits.slice(1)}` : digits}%` : null;
    const id = /^\s*r-?0*(\d{1,12})\s*$/i.exec(q)?.[1];
    where.push(
      sql`(${repairs.customerPhone} LIKE ${like}${phone ? sql` OR ${repairs.customerPhone} LIKE ${phone}` : sql``} OR ${repairs.deviceSerial} = ${q.toUpperCase()} OR ${repairs.customerName} LIKE ${like}
        OR ${repairs.deviceModel} LIKE ${like}${id ? sql` OR ${repairs.id} = ${Number(id)}` : sql``})`,
    );
  }
  const rows = await db
    .select({
      id: repairs.id,
      status: repairs.status,
      customerName: repairs.customerName,
      customerPhone: repairs.customerPhone,
      deviceBrand: repairs.deviceBrand,
      deviceModel: repairs.deviceModel,
      deviceSerial: repairs.deviceSerial,
      estimatedReady: repairs.estimatedReady,
      createdAt: repairs.createdAt,
      technician: users.name,
    })
    .from(repairs)
    .leftJoin(users, eq(users.id, repairs.technicianId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(repairs.id))
    .limit(200);
  return rows.map((r) => ({ ...r, number: repairNumber(r.id) }));
}

/** Staff who can be named as the technician. */
export function technicians(): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(sql`${users.role} IN ('staff', 'admin')`, sql`${users.disabledAt} IS NULL`))
    .orderBy(asc(users.name));
}

// ---------------------------------------------------------------- work on the ticket

/** Diagnosis, technician, estimated day and warranty: the bench's notes, while the ticket is open. */
export async function updateDetails(id: number, input: RepairDetailsInput, staffId: number): Promise<void> {
  if (input.technicianId) {
    const [tech] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.technicianId), sql`${users.role} IN ('staff', 'admin')`));
    if (!tech) throw new ValidationError({ technicianId: 'errors.repairTechnician' });
  }
  await withTransaction(async (tx) => {
    const r = await lockRepair(tx, id);
    requireOpen(r);
    const warrantyChanged = r.underWarranty !== input.underWarranty;
    await tx
      .update(repairs)
      .set({
        diagnosis: input.diagnosis,
        technicianId: input.technicianId,
        estimatedReady: input.estimatedReady || null,
        underWarranty: input.underWarranty,
        // What the customer owes changed: a quote sent before no longer stands.
        ...(warrantyChanged ? { quoteTokenHash: null } : {}),
      })
      .where(eq(repairs.id, id));
    if (warrantyChanged)
      await logStatus(tx, id, r.status, r.status, staffId, '', input.underWarranty ? 'warranty_on' : 'warranty_off');
  });
}

/** A state change by staff (the handing back goes through `collect`); customer-facing states email the customer. */
export async function moveRepair(id: number, to: RepairStatus, staffId: number, note: string): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await lockRepair(tx, id);
    if (r.status === to) return;
    if (!canMoveRepair(r.status, to)) throw new ConflictError('errors.repairTransition');
    await tx
      .update(repairs)
      .set({ status: to, ...(r.status === 'awaiting_approval' ? { quoteTokenHash: null } : {}) })
      .where(eq(repairs.id, id));
    await logStatus(tx, id, r.status, to, staffId, note);
    notify(r, to);
  });
}

/** The ticket's lines changed: a quote sent before no longer stands (the customer must see the new total). */
async function voidQuote(tx: Tx, r: Repair): Promise<void> {
  if (r.quoteTokenHash) await tx.update(repairs).set({ quoteTokenHash: null }).where(eq(repairs.id, r.id));
}

/**
 * A part fitted: scanned or typed (SKU, barcode, or the serial of a unit in stock); it leaves stock through
 * the ledger (reason "repair"), a tracked item by its serial. Charged at the item's price, costed at the
 * unit's cost (else the item's average cost).
 */
export async function addPart(id: number, input: PartInput, staffId: number): Promise<void> {
  const hit = await findByCode(input.code);
  if (!hit) throw new ValidationError({ code: 'errors.repairPartUnknown' });
  if (hit.tracksSerials && !hit.serial) throw new ValidationError({ code: 'errors.repairPartSerial' });
  const quantity = hit.serial ? 1 : input.quantity;
  await withDeadlockRetry(() =>
    withTransaction(async (tx) => {
      const r = await lockRepair(tx, id);
      requireOpen(r);
      const [v] = await tx
        .select({ cost: variants.costPrice, price: variants.price, name: products.name, title: variants.title })
        .from(variants)
        .innerJoin(products, eq(products.id, variants.productId))
        .where(eq(variants.id, hit.variantId));
      if (!v) throw new ValidationError({ code: 'errors.repairPartUnknown' });
      const fitted = hit.serial
        ? await fitRepairUnit(tx, { variantId: hit.variantId, serial: hit.serial, repairId: id, userId: staffId })
        : null;
      try {
        await changeStock(
          {
            variantId: hit.variantId,
            delta: -quantity,
            reason: 'repair',
            note: `Repair ${repairNumber(id)}${hit.serial ? ` (${hit.serial})` : ''}`,
            userId: staffId,
          },
          tx,
        );
      } catch (err) {
        if (err instanceof InsufficientStockError)
          throw new ValidationError({ quantity: 'errors.repairPartStock' }, { available: err.available });
        throw err;
      }
      await tx.insert(repairLines).values({
        repairId: id,
        kind: 'part',
        variantId: hit.variantId,
        unitId: fitted?.unitId ?? null,
        description: [v.name, v.title, hit.serial ? `S/N ${hit.serial}` : ''].filter(Boolean).join(' · ').slice(0, 200),
        quantity,
        unitPrice: v.price,
        unitCost: fitted?.unitCost ?? v.cost ?? '0.00',
        userId: staffId,
      });
      await voidQuote(tx, r);
    }),
  );
}

/** Labour (or a diagnosis fee): a description and a price; nothing leaves stock. */
export async function addLabour(id: number, input: LabourInput, staffId: number): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await lockRepair(tx, id);
    requireOpen(r);
    await tx.insert(repairLines).values({
      repairId: id,
      kind: 'labour',
      description: input.description,
      quantity: 1,
      unitPrice: centsToDecimal(input.priceCents),
      unitCost: centsToDecimal(input.costCents),
      userId: staffId,
    });
    await voidQuote(tx, r);
  });
}

/** A line taken off an open ticket: a part goes back to stock through the ledger (its unit back in stock). */
export async function removeLine(id: number, lineId: number, staffId: number): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await lockRepair(tx, id);
    requireOpen(r);
    const [line] = await tx
      .select()
      .from(repairLines)
      .where(and(eq(repairLines.id, lineId), eq(repairLines.repairId, id)))
      .for('update');
    if (!line) throw new NotFoundError();
    await takeOff(tx, line, staffId);
    await voidQuote(tx, r);
  });
}

/** A line off its ticket (the caller holds the ticket's lock): a part back in stock through the ledger, its unit too. */
async function takeOff(tx: Tx, line: RepairLine, userId: number | null): Promise<void> {
  if (line.kind === 'part' && line.variantId) {
    if (line.unitId) await unfitRepairUnit(tx, { unitId: line.unitId, repairId: line.repairId, userId });
    await changeStock(
      {
        variantId: line.variantId,
        delta: line.quantity,
        reason: 'repair',
        note: `Taken off repair ${repairNumber(line.repairId)}`,
        userId,
      },
      tx,
    );
  }
  await tx.delete(repairLines).where(eq(repairLines.id, line.id));
}

// ---------------------------------------------------------------- photos of the device

const PHOTO_FOLDER = 'repair-photos';
const MAX_PHOTOS = 12;

/**
 * Photos of the device's condition (taken at intake, or later on the bench): each checked by content and
 * re-encoded without metadata (storeImage), kept outside the public media folders; at most 12 a ticket.
 */
export async function addPhotos(id: number, files: Buffer[], staffId: number): Promise<void> {
  if (!files.length) throw new ValidationError({ photos: 'errors.repairPhotoRequired' });
  const room = async (tx: DbOrTx, lock: boolean) => {
    const r = lock ? await lockRepair(tx as Tx, id) : (await tx.select().from(repairs).where(eq(repairs.id, id)))[0];
    if (!r) throw new NotFoundError();
    requireOpen(r);
    const [row] = await tx.select({ n: sql<number>`COUNT(*)` }).from(repairPhotos).where(eq(repairPhotos.repairId, id));
    if (Number(row?.n ?? 0) + files.length > MAX_PHOTOS)
      throw new ValidationError({ photos: 'errors.repairPhotoLimit' }, { max: MAX_PHOTOS });
  };
  // Checked before the work of storing, and again under the ticket's lock.
  await room(db, false);
  const stored: StoredImage[] = [];
  try {
    for (const f of files) stored.push(await storeImage(f, PHOTO_FOLDER));
    await withTransaction(async (tx) => {
      await room(tx, true);
      await tx.insert(repairPhotos).values(stored.map((p) => ({ repairId: id, fileKey: p.key, userId: staffId })));
    });
  } catch (err) {
    // Files no photo row names (the same picture may be on another ticket: content-named) are removed.
    for (const p of stored) {
      const [used] = await db.select({ id: repairPhotos.id }).from(repairPhotos).where(eq(repairPhotos.fileKey, p.key));
      if (!used) await deleteImageFiles(p.key, PHOTO_FOLDER);
    }
    if (err instanceof ImageRejectedError) throw new ValidationError({ photos: IMAGE_REFUSAL_MESSAGE[err.reason] });
    throw err;
  }
}

/** A photo's file, for staff (the route declares it): only a photo of this ticket, in one of the stored sizes. */
export async function photoFile(id: number, photoId: number, size: ImageSize): Promise<string> {
  const [row] = await db
    .select({ fileKey: repairPhotos.fileKey })
    .from(repairPhotos)
    .where(and(eq(repairPhotos.id, photoId), eq(repairPhotos.repairId, id)));
  if (!row) throw new NotFoundError();
  return imageFile(PHOTO_FOLDER, row.fileKey, size);
}

// ---------------------------------------------------------------- the quote

/**
 * Sends the quote (the ticket's lines and what the customer would pay) with a link to approve or decline it.
 * The link's token is random and stored hashed; it answers once, and any change to the lines voids it.
 */
export async function sendQuote(id: number, staffId: number): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await lockRepair(tx, id);
    if (r.status !== 'diagnosing' && r.status !== 'awaiting_approval')
      throw new ConflictError('errors.repairTransition');
    if (!r.customerEmail) throw new ValidationError({ _form: 'errors.repairNoEmail' });
    const lines = await tx.select().from(repairLines).where(eq(repairLines.repairId, id));
    if (!lines.length) throw new ValidationError({ _form: 'errors.repairQuoteEmpty' });
    const token = randomToken();
    const totals = totalsOf(r, lines);
    await tx
      .update(repairs)
      .set({
        status: 'awaiting_approval',
        quoteTokenHash: secretHash(`repair-quote:${token}`),
        quoteTotal: centsToDecimal(totals.chargedCents),
        quoteSentAt: new Date(),
        quoteAnswer: null,
        quoteAnsweredAt: null,
      })
      .where(eq(repairs.id, id));
    await logStatus(tx, id, r.status, 'awaiting_approval', staffId, formatUsd(totals.chargedCents), 'quote_sent');
    notify(r, 'awaiting_approval', { quoteUrl: `${config.BASE_URL}/repair-quote/${token}` });
  });
}

async function repairIdByToken(token: string): Promise<number | undefined> {
  if (!/^[\w-]{20,100}$/.test(token)) return undefined;
  const [row] = await db
    .select({ id: repairs.id })
    .from(repairs)
    .where(eq(repairs.quoteTokenHash, secretHash(`repair-quote:${token}`)));
  return row?.id;
}

/** The quote behind a link, while it stands (sent, not answered, lines unchanged); otherwise undefined. */
export async function quoteByToken(token: string): Promise<RepairView | undefined> {
  const id = await repairIdByToken(token);
  const view = id ? await repairView(id) : undefined;
  return view?.status === 'awaiting_approval' ? view : undefined;
}

/**
 * The customer's answer through the link: approved (work goes on: "repairing") or declined (the quoted work
 * is taken off and the device made ready to be handed back unrepaired). Locked and re-checked; the token
 * then stops working.
 */
export async function answerQuote(token: string, answer: 'approved' | 'declined'): Promise<RepairView> {
  const id = await repairIdByToken(token);
  if (!id) throw new NotFoundError('errors.repairQuoteGone');
  await withTransaction(async (tx) => {
    const r = await lockRepair(tx, id);
    if (r.status !== 'awaiting_approval' || r.quoteTokenHash !== secretHash(`repair-quote:${token}`))
      throw new NotFoundError('errors.repairQuoteGone');
    const to: RepairStatus = answer === 'approved' ? 'repairing' : 'ready';
    // Declined: the work quoted is not done, so it is not owed; its parts go back to stock. A diagnosis
    // fee, if the shop charges one, is added by staff afterwards.
    if (answer === 'declined') {
      const lines = await tx
        .select()
        .from(repairLines)
        .where(eq(repairLines.repairId, id))
        .orderBy(asc(repairLines.id));
      for (const line of lines) await takeOff(tx, line, null);
    }
    await tx
      .update(repairs)
      .set({ status: to, quoteAnswer: answer, quoteAnsweredAt: new Date(), quoteTokenHash: null })
      .where(eq(repairs.id, id));
    await logStatus(tx, id, r.status, to, null, '', answer === 'approved' ? 'quote_approved' : 'quote_declined');
  });
  return (await repairView(id))!;
}

// ---------------------------------------------------------------- handing back

/**
 * The device handed back, repaired ("collected", from ready) or not ("returned", from any open state),
 * and the balance taken at the counter: cash (change in dollars and riel, CONTEXT.md of the till) or
 * KHQR (confirmed before this call). A deposit larger than the charges is given back in cash. Once only:
 * the ticket is locked and re-checked, and one balance row per ticket is allowed.
 */
export async function collect(
  id: number,
  input: CollectInput,
  cashierId: number,
  khqr: { hash: string | null } | null,
): Promise<void> {
  const stepKhr = (await getSettings()).cashRoundingKhr;
  await withTransaction(async (tx) => {
    const r = await lockRepair(tx, id);
    requireOpen(r);
    const to: RepairStatus = input.outcome;
    if (to === 'collected' && r.status !== 'ready') throw new ConflictError('errors.repairNotReady');
    // The customer declined the repair: the device goes back unrepaired.
    if (to === 'collected' && r.quoteAnswer === 'declined') throw new ConflictError('errors.repairDeclined');
    const lines = await tx.select().from(repairLines).where(eq(repairLines.repairId, id));
    const totals = totalsOf(r, lines);
    const due = totals.balanceCents;
    const base = { repairId: id, kind: 'balance' as const, khrPerUsd: config.KHR_PER_USD, cashierId };
    if (due > 0 && input.method === 'khqr') {
      if (!khqr) throw new ValidationError({ method: 'errors.repairKhqrNotPaid' });
      await tx
        .insert(repairPayments)
        .values({ ...base, method: 'khqr', amount: centsToDecimal(due), transactionHash: khqr.hash });
    } else if (due > 0) {
      const cash = computeChange({
        totalCents: due,
        khqrCents: 0,
        tenderedUsdCents: input.tenderedUsdCents,
        tenderedKhr: input.tenderedKhr,
        rate: config.KHR_PER_USD,
        stepKhr,
      });
      if (!cash.enough)
        throw new ValidationError(
          { tenderedUsd: 'errors.posNotEnoughCash' },
          { usd: formatCash(cash.shortCents, 0), khr: formatCash(0, cash.shortKhr) },
        );
      await tx.insert(repairPayments).values({
        ...base,
        method: 'cash',
        amount: centsToDecimal(due),
        cashTenderedUsd: centsToDecimal(input.tenderedUsdCents),
        cashTenderedKhr: input.tenderedKhr,
        changeUsd: centsToDecimal(cash.changeUsdCents),
        changeKhr: cash.changeKhr,
        cashRoundingKhr: cash.roundingKhr,
      });
    } else if (totals.refundCents > 0) {
      // The deposit was more than the charges: the rest goes back in dollars from the drawer.
      await tx.insert(repairPayments).values({
        ...base,
        method: 'cash',
        amount: centsToDecimal(-totals.refundCents),
        cashTenderedUsd: '0.00',
        cashTenderedKhr: 0,
        changeUsd: centsToDecimal(totals.refundCents),
        changeKhr: 0,
      });
    }
    await tx.update(repairs).set({ status: to, closedAt: new Date(), quoteTokenHash: null }).where(eq(repairs.id, id));
    await logStatus(tx, id, r.status, to, cashierId, input.note);
    if (r.unitId) await moveRepairUnit(tx, { unitId: r.unitId, repairId: id, userId: cashierId, to: 'sold' });
    notify(r, to);
  }).catch((err: unknown) => {
    // A second submit that raced the first: the ticket was handed back once.
    if (isDuplicateKeyError(err)) throw new ConflictError('errors.repairClosed');
    throw err;
  });
}

// ---------------------------------------------------------------- the public status page

/** What the public status page shows: no passcode, no cost, no staff names. */
export type PublicRepair = Pick<
  RepairView,
  | 'number'
  | 'status'
  | 'deviceBrand'
  | 'deviceModel'
  | 'estimatedReady'
  | 'createdAt'
  | 'underWarranty'
  | 'quoteTotal'
  | 'quoteAnswer'
> & {
  steps: { status: RepairStatus; at: Date }[];
  chargedCents: Cents;
  dueCents: Cents;
};

export function publicRepair(v: RepairView): PublicRepair {
  return {
    number: v.number,
    status: v.status,
    deviceBrand: v.deviceBrand,
    deviceModel: v.deviceModel,
    estimatedReady: v.estimatedReady,
    createdAt: v.createdAt,
    underWarranty: v.underWarranty,
    quoteTotal: v.quoteTotal,
    quoteAnswer: v.quoteAnswer,
    steps: v.log.filter((l) => l.fromStatus !== l.toStatus).map((l) => ({ status: l.toStatus, at: l.at })),
    chargedCents: v.totals.chargedCents,
    dueCents: v.dueCents,
  };
}

// ---------------------------------------------------------------- the report

export type RepairReport = {
  byStatus: { status: RepairStatus; count: number }[];
  byTechnician: { technician: string | null; open: number; closed: number; avgDays: number | null }[];
  closed: {
    count: number;
    avgDays: number | null;
    listed: string;
    charged: string;
    partsCost: string;
    labourCost: string;
    partsCharged: string;
    warrantyGiven: string;
  };
};

/**
 * The repair counter at a glance: open tickets by state and by technician, and for the tickets handed back in
 * [from, to] (Phnom Penh days): how many, the average turnaround (received → handed back, in days), and
 * what parts and labour cost the shop against what the customers were charged (warranty work charges nothing).
 */
export async function repairReport(from: string, to: string): Promise<RepairReport> {
  const closedIn = inShopDays(sql`r.closed_at`, from, to);
  const [byStatus, byTechnician, [closed]] = await Promise.all([
    selectRows<{ status: RepairStatus; count: number }>(sql`SELECT r.status, COUNT(*) AS count FROM repairs r
      WHERE r.status NOT IN ('collected', 'returned') GROUP BY r.status`),
    selectRows<{ technician: string | null; open: number; closed: number; avgDays: number | null }>(sql`
      SELECT u.name AS technician, SUM(r.status NOT IN ('collected', 'returned')) AS open,
        SUM(r.closed_at IS NOT NULL AND ${closedIn}) AS closed,
        AVG(CASE WHEN r.closed_at IS NOT NULL AND ${closedIn}
          THEN TIMESTAMPDIFF(MINUTE, r.created_at, r.closed_at) / 1440 END) AS avgDays
      FROM repairs r LEFT JOIN users u ON u.id = r.technician_id
      WHERE r.status NOT IN ('collected', 'returned') OR (r.closed_at IS NOT NULL AND ${closedIn})
      GROUP BY r.technician_id, u.name ORDER BY u.name`),
    selectRows<Omit<RepairReport['closed'], 'warrantyGiven'>>(sql`
      SELECT COUNT(*) AS count, AVG(TIMESTAMPDIFF(MINUTE, r.created_at, r.closed_at) / 1440) AS avgDays,
        COALESCE(SUM(l.listed), 0) AS listed,
        COALESCE(SUM(CASE WHEN r.under_warranty THEN 0 ELSE l.listed END), 0) AS charged,
        COALESCE(SUM(l.partsCost), 0) AS partsCost, COALESCE(SUM(l.labourCost), 0) AS labourCost,
        COALESCE(SUM(CASE WHEN r.under_warranty THEN 0 ELSE l.partsListed END), 0) AS partsCharged
      FROM repairs r LEFT JOIN (SELECT repair_id, SUM(unit_price * quantity) AS listed,
          SUM(CASE WHEN kind = 'part' THEN unit_price * quantity ELSE 0 END) AS partsListed,
          SUM(CASE WHEN kind = 'part' THEN unit_cost * quantity ELSE 0 END) AS partsCost,
          SUM(CASE WHEN kind = 'labour' THEN unit_cost * quantity ELSE 0 END) AS labourCost
        FROM repair_lines GROUP BY repair_id) l ON l.repair_id = r.id
      WHERE r.closed_at IS NOT NULL AND ${closedIn}`),
  ]);
  const days = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  const money = (v: unknown) => centsToDecimal(toCents(String(v ?? '0')));
  const listed = money(closed?.listed);
  const charged = money(closed?.charged);
  return {
    byStatus: byStatus.map((s) => ({ status: s.status, count: Number(s.count) })),
    byTechnician: byTechnician.map((t) => ({
      technician: t.technician,
      open: Number(t.open),
      closed: Number(t.closed),
      avgDays: days(t.avgDays),
    })),
    closed: {
      count: Number(closed?.count ?? 0),
      avgDays: days(closed?.avgDays),
      listed,
      charged,
      warrantyGiven: centsToDecimal(toCents(listed) - toCents(charged)),
      partsCost: money(closed?.partsCost),
      labourCost: money(closed?.labourCost),
      partsCharged: money(closed?.partsCharged),
    },
  };
}
