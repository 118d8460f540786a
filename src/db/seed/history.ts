import fs from 'node:fs/promises';
import path from 'node:path';
import type { PoolConnection } from 'mysql2/promise';
import sharp from 'sharp';
import { config } from '../../config/env.js';
import { centsToDecimal, toCents } from '../../domain/money.js';
import type { OrderStatus } from '../../domain/order-states.js';
import { shopDay, shopDayStart } from '../../domain/shop-time.js';
import { generateKhqr } from '../../lib/khqr/khqr.js';
import { hashPassword } from '../../lib/password.js';
import { randomToken } from '../../lib/tokens.js';
import { computeTotals } from '../../modules/checkout/pricing.js';
import { khqrAmount } from '../../modules/payments/payment-math.js';
import { proofPath, shopAccount } from '../../modules/payments/payments.service.js';
import { computeChange, rielDue } from '../../modules/pos/pos-math.js';
import { daysBefore, ensureSales, ensureTraffic } from '../../modules/reports/summaries.js';
import { systemNote } from '../../modules/orders/status-notes.js';
import { getSettings, type ShopSettings } from '../../modules/settings/settings.service.js';
import { pool } from '../client.js';
import { randFor, type Rand } from './random.js';

/**
 * 90 shop days of a working shop on top of the demo catalog, written in bulk with plain SQL (no
 * service call, so no email is ever sent): customers with repeat orders, online orders in every
 * state with the status log, KHQR payments, screenshots (approved, and a few waiting for review),
 * refunds, counter sales by two cashiers in dollars and riel, stock moved through the ledger
 * (sales, cancellations, restocks), invoice numbers in paid order, and storefront traffic. The rows
 * are those the app itself would have written (same states, notes, rounding and ledger), and the
 * whole history is one transaction, marked by the `demoHistorySeeded` setting: a second run adds nothing.
 */

const MARKER = 'demoHistorySeeded';
const DAYS = 90;
const HOUR = 3_600_000;
const MIN = 60_000;
const DAY = 24 * HOUR;
const ROWS_PER_INSERT = 1000;

const FIRST =
  'Sokha Dara Sreymom Vannak Chenda Pisey Rithy Sophal Kosal Bopha Nary Sokun Malis Vibol Sovann Channary Rotha Kimheng Leakena Panha Sambath Theary Visal Raksmey Sreynich Borey Mony Phalla Chanthou Veasna'.split(
    ' ',
  );
const LAST = 'Chan Kim Heng Sok Lim Chea Meas Keo Ly Nget Pich Seng Touch Ouk Yim Khun Tep Phan Vong Sam'.split(' ');
const PHONE_PREFIXES = ['12', '17', '77', '89', '92', '96', '97', '98', '10', '15', '16', '69', '70', '81', '85', '88'];
const CASHIERS = [
  { name: 'Sophea Lim', email: 'sophea.cashier@example.com', locale: 'km' },
  { name: 'Vannak Heng', email: 'vannak.cashier@example.com', locale: 'en' },
] as const;
const PHNOM_PENH = ['Chamkar Mon', 'Daun Penh', 'Toul Kork', 'Sen Sok', 'Mean Chey', 'Chbar Ampov', '7 Makara'];
const PROVINCES = ['Siem Reap', 'Battambang', 'Kampong Cham', 'Kampot', 'Preah Sihanouk', 'Takeo', 'Kandal'];
const COURIERS = [
  { name: 'J&T Express', prefix: 'JT' },
  { name: 'Virak Buntham', prefix: 'VB' },
  { name: 'CE Express', prefix: 'CE' },
];
const BANKS = ['aclb', 'abaa', 'wing', 'cana', 'prince'];
const SEARCHES =
  'laptop|asus|lenovo|gaming laptop|ssd|mouse|keyboard|monitor|ram|printer|router|webcam|headset|hp|dell|acer|logitech|ups|hdmi|usb|macbook|gaming chair|lenvo|keybord|កុំព្យូទ័រ|កាស|rtx 4060|thinkpad|ddr5|ps5'.split(
    '|',
  );
const REFERRERS = ['https://www.google.com/', 'https://www.facebook.com/', 'https://t.me/', 'https://www.tiktok.com/'];

type VariantRow = {
  id: number;
  productId: number;
  name: string;
  slug: string;
  title: string;
  sku: string;
  priceCents: number;
  cost: string;
  stock: number;
  threshold: number;
  createdAt: number;
  weight: number;
};
type Person = { key: string; name: string; email: string; phone: string; locale: 'en' | 'km' };
type Customer = Person & { weight: number; address: Address | null; orders: number[] };
type Address = {
  street: string;
  commune: string;
  district: string;
  province: string;
  zone: 'phnom_penh' | 'provinces';
};
type Line = { v: VariantRow; qty: number; totalCents: number };
type Log = { at: number; from: OrderStatus | null; to: OrderStatus; actor: string | null; note: NoteRef };
/** A status-log note; a proof's id is only known once the proof row exists. */
type NoteRef = string | null | { proofOf: number };
type Pay = {
  method: 'khqr' | 'cash';
  currency: 'USD' | 'KHR';
  amount: string;
  khqr: string | null;
  md5: string | null;
  expiresAt: number | null;
  status: 'pending' | 'paid' | 'expired' | 'superseded';
  hash: string | null;
  payer: string | null;
  paidAt: number | null;
  createdAt: number;
};
type Proof = {
  fileKey: string;
  reference: string | null;
  status: 'submitted' | 'approved';
  reviewer: string | null;
  reviewedAt: number | null;
  alertedAt: number | null;
  createdAt: number;
};
type Order = {
  number: string;
  channel: 'online' | 'counter';
  status: OrderStatus;
  customer: Person | null;
  customerKey: string | null;
  address: Address | null;
  lines: Line[];
  subtotal: number;
  deliveryFee: number;
  vat: number;
  total: number;
  method: 'khqr' | 'cash' | 'split';
  deadline: number | null;
  paidAt: number | null;
  placedAt: number;
  updatedAt: number;
  courier: string | null;
  tracking: string | null;
  refunded: number;
  cashier: string | null;
  cash: { usd: number; khr: number; changeUsd: number; changeKhr: number; rounding: number } | null;
  token: string | null;
  logs: Log[];
  payments: Pay[];
  proof: Proof | null;
  refunds: { amount: number; reason: string; method: 'cash' | 'khqr'; at: number }[];
  invoice: string | null;
};
type Movement = {
  at: number;
  v: VariantRow;
  delta: number;
  reason: 'sale' | 'order_cancelled' | 'restock';
  order: Order | null;
  actor: string | null;
  note: string | null;
};

const hex = (r: Rand, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(0, 15)]).join('');
const digits = (r: Rand, n: number) => Array.from({ length: n }, () => String(r.int(0, 9))).join('');
/** A weighted pick: `weight(item)` ≤ 0 never wins. */
function weighted<T>(r: Rand, items: readonly T[], weight: (item: T) => number): T | undefined {
  let total = 0;
  for (const i of items) total += Math.max(0, weight(i));
  if (total <= 0) return undefined;
  let x = r.next() * total;
  for (const i of items) {
    const w = Math.max(0, weight(i));
    if (x < w) return i;
    x -= w;
  }
  return undefined;
}

/** A local time on a shop day, with more weight on the evening for online shopping. */
function onlineTime(r: Rand, day: string): number {
  const hour = weighted(r, [...Array(24).keys()], (h) =>
    h < 7 ? 0.15 : h < 12 ? 1 : h < 18 ? 1.4 : h < 23 ? 2.2 : 0.6,
  )!;
  return shopDayStart(day).getTime() + hour * HOUR + r.int(0, 59) * MIN + r.int(0, 59) * 1000;
}
/** Shop hours at the counter, 8:30 to 19:30. */
const counterTime = (r: Rand, day: string) => shopDayStart(day).getTime() + 8.5 * HOUR + r.int(0, 11 * 60 - 1) * MIN;
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** Everything the history will write, built in memory first (chronologically, so the ledger chains). */
class Plan {
  readonly r = randFor('demo-history');
  readonly orders: Order[] = [];
  readonly movements: Movement[] = [];
  readonly customers: Customer[] = [];
  readonly views: unknown[][] = [];
  private readonly queue: Movement[] = [];
  private readonly numbers = new Set<string>();

  constructor(
    readonly now: number,
    readonly variants: VariantRow[],
    readonly s: ShopSettings,
    readonly demoCustomers: Person[],
  ) {}

  get today() {
    return shopDay(this.now);
  }
  days(): string[] {
    return Array.from({ length: DAYS }, (_, i) => daysBefore(this.today, DAYS - 1 - i));
  }

  makeCustomers(count: number): void {
    const r = this.r;
    for (const p of this.demoCustomers) this.customers.push({ ...p, weight: 2.5, address: this.address(), orders: [] });
    for (let i = 1; this.customers.length < count; i++) {
      const first = FIRST[(i - 1) % FIRST.length]!;
      const last = r.pick(LAST);
      this.customers.push({
        key: `${first.toLowerCase()}.${i}@example.com`,
        name: `${first} ${last}`,
        email: `${first.toLowerCase()}.${i}@example.com`,
        phone: this.phone(),
        locale: r.chance(0.55) ? 'km' : 'en',
        weight: i % 4 === 0 ? 2.5 : 1,
        address: r.chance(0.7) ? this.address() : null,
        orders: [],
      });
    }
  }

  phone(): string {
    return `+855${this.r.pick(PHONE_PREFIXES)}${digits(this.r, 6)}`;
  }
  address(): Address {
    const r = this.r;
    const city = r.chance(0.7);
    return {
      street: `No. ${r.int(1, 240)}${r.pick(['', 'A', 'B', 'E0'])}, St. ${r.int(2, 600)}`,
      commune: `Sangkat ${r.pick(['Boeung Keng Kang', 'Tonle Bassac', 'Phsar Thmei', 'Toek Thla', 'Stueng Mean Chey'])}`,
      district: city ? r.pick(PHNOM_PENH) : `${r.pick(['Krong', 'Srok'])} ${r.pick(LAST)}`,
      province: city ? 'Phnom Penh' : r.pick(PROVINCES),
      zone: city ? 'phnom_penh' : 'provinces',
    };
  }

  number(at: number): string {
    for (;;) {
      const n = `CS-${shopDay(at).slice(2).replace(/-/g, '')}-${digits(this.r, 6)}`;
      if (!this.numbers.has(n)) {
        this.numbers.add(n);
        return n;
      }
    }
  }

  /** Applies queued stock returns and restocks that happened by `at`, in time order. */
  settle(at: number): void {
    this.queue.sort((a, b) => a.at - b.at);
    while (this.queue.length && this.queue[0]!.at <= at) this.apply(this.queue.shift()!);
  }
  private apply(m: Movement): void {
    m.v.stock += m.delta;
    this.movements.push(m);
    // Sold down to its threshold: the shop reorders most of the time (some stay low for the demo).
    if (m.reason === 'sale' && m.v.stock <= m.v.threshold && this.r.chance(0.8)) {
      const at = m.at + this.r.int(1, 4) * DAY + this.r.int(0, 8) * HOUR;
      const qty = m.v.threshold * 2 + this.r.int(3, 10);
      if (at < this.now - HOUR)
        this.queue.push({
          at,
          v: m.v,
          delta: qty,
          reason: 'restock',
          order: null,
          actor: null,
          note: 'Supplier delivery',
        });
    }
  }
  later(m: Movement): void {
    if (m.at <= this.now) this.queue.push(m);
  }
  finish(): void {
    this.settle(this.now);
    this.queue.length = 0;
  }

  /** 1–3 lines from what is in stock and was in the catalog then; cheap things sell more often. */
  pickLines(at: number, maxLines: number): Line[] {
    const r = this.r;
    const lines: Line[] = [];
    const n = r.chance(0.6) ? 1 : r.int(2, maxLines);
    for (let i = 0; i < n; i++) {
      const v = weighted(r, this.variants, (x) =>
        x.stock > 0 && x.createdAt < at - DAY && !lines.some((l) => l.v === x) ? x.weight : 0,
      );
      if (!v) break;
      const qty = v.priceCents < 3000 && v.stock >= 2 && r.chance(0.3) ? 2 : 1;
      lines.push({ v, qty, totalCents: v.priceCents * qty });
    }
    return lines;
  }

  /** Takes the order's stock at `at` (reason `sale`), as createOrder does. */
  take(o: Order, at: number, actor: string | null): void {
    for (const l of [...o.lines].sort((a, b) => a.v.id - b.v.id))
      this.apply({ at, v: l.v, delta: -l.qty, reason: 'sale', order: o, actor, note: null });
  }
  giveBack(o: Order, at: number): void {
    for (const l of [...o.lines].sort((a, b) => a.v.id - b.v.id))
      this.later({ at, v: l.v, delta: l.qty, reason: 'order_cancelled', order: o, actor: null, note: null });
  }

  baseOrder(channel: Order['channel'], at: number, lines: Line[], deliveryFee: number): Order {
    const t = computeTotals(
      lines.map((l) => ({ unitPrice: l.v.priceCents, quantity: l.qty })),
      deliveryFee,
      this.s.vatRate,
    );
    return {
      number: this.number(at),
      channel,
      status: 'pending_payment',
      customer: null,
      customerKey: null,
      address: null,
      lines,
      subtotal: t.subtotal,
      deliveryFee: t.deliveryFee,
      vat: t.vat,
      total: t.grandTotal,
      method: 'khqr',
      deadline: null,
      paidAt: null,
      placedAt: at,
      updatedAt: at,
      courier: null,
      tracking: null,
      refunded: 0,
      cashier: null,
      cash: null,
      token: null,
      logs: [],
      payments: [],
      proof: null,
      refunds: [],
      invoice: null,
    };
  }
}

// ------------------------------------------------------------------------------------------ online orders

type Fixed = { ageMin: number; stop: OrderStatus; delivery?: boolean; proof?: 'waiting' };
/** Recent orders that must exist whatever the hour: unpaid ones in the payment window, waiting screenshots, open work. */
const FIXED: Fixed[] = [
  { ageMin: 4, stop: 'pending_payment' },
  { ageMin: 11, stop: 'pending_payment' },
  { ageMin: 19, stop: 'pending_payment', delivery: true },
  { ageMin: 22, stop: 'payment_submitted', proof: 'waiting' },
  { ageMin: 48, stop: 'payment_submitted', proof: 'waiting', delivery: true },
  { ageMin: 130, stop: 'payment_submitted', proof: 'waiting' },
  { ageMin: 280, stop: 'payment_submitted', proof: 'waiting', delivery: true },
  { ageMin: 190, stop: 'paid', delivery: true },
  { ageMin: 240, stop: 'paid' },
  { ageMin: 540, stop: 'processing', delivery: true },
  { ageMin: 1560, stop: 'ready_for_pickup' },
  { ageMin: 3000, stop: 'shipped', delivery: true },
];

function onlineOrder(p: Plan, at: number, fixed: Fixed | null): Order | null {
  const r = p.r;
  const lines = p.pickLines(at, 3);
  if (!lines.length) return null;
  const registered = r.chance(0.5);
  // Loyal customers come back, up to a believable number of orders in three months.
  const c = registered ? (weighted(r, p.customers, (x) => (x.orders.length < 7 ? x.weight : 0)) ?? null) : null;
  const person: Person = c ?? {
    key: '',
    name: `${r.pick(FIRST)} ${r.pick(LAST)}`,
    email: `${r.pick(FIRST).toLowerCase()}.${1000 + p.orders.length}@example.com`,
    phone: p.phone(),
    locale: r.chance(0.5) ? 'km' : 'en',
  };
  const delivery = fixed ? Boolean(fixed.delivery) : r.chance(0.6);
  const address = delivery ? (c?.address ?? p.address()) : null;
  const fee = address
    ? toCents(address.zone === 'phnom_penh' ? p.s.deliveryFeePhnomPenh : p.s.deliveryFeeProvinces)
    : 0;
  const o = p.baseOrder('online', at, lines, fee);
  Object.assign(o, {
    customer: person,
    customerKey: c?.key ?? null,
    address,
    deadline: at + config.PAYMENT_WINDOW_MINUTES * MIN,
    token: hex(r, 64),
  });
  c?.orders.push(p.orders.length);
  const actor = c?.key ?? null;
  p.take(o, at, actor);
  o.logs.push({ at, from: null, to: 'pending_payment', actor, note: null });
  runLifeCycle(p, o, fixed);
  return o;
}

/**
 * A KHQR code as the pay page makes it: the exact total in the currency, valid until the deadline. The
 * Bakong SDK refuses to draw a code that has already expired, so a past one keeps only its md5 (all the
 * checker and the back office read once a code is no longer payable).
 */
function khqrCode(p: Plan, o: Order, currency: 'USD' | 'KHR', at: number): Pay {
  const amount = khqrAmount(currency, centsToDecimal(o.total), config.KHR_PER_USD);
  const live = o.deadline! > Date.now() + MIN;
  const code = live
    ? generateKhqr(shopAccount(), { currency, amount, billNumber: o.number, expiresAt: new Date(o.deadline!) })
    : { qr: null, md5: hex(p.r, 32) };
  return {
    method: 'khqr',
    currency,
    amount,
    khqr: code.qr,
    md5: code.md5,
    expiresAt: o.deadline,
    status: 'pending',
    hash: null,
    payer: null,
    paidAt: null,
    createdAt: at,
  };
}

/** Moves an online order along its life: paid (Bakong or an approved screenshot), then fulfilled, as time allows. */
function runLifeCycle(p: Plan, o: Order, fixed: Fixed | null): void {
  const r = p.r;
  const now = p.now;
  const step = (to: OrderStatus, at: number, actor: string | null, note: NoteRef = null) => {
    o.logs.push({ at, from: o.status, to, actor, note });
    o.status = to;
    o.updatedAt = at;
  };
  const staff = () => r.pick(CASHIERS).email;
  const code = khqrCode(p, o, r.chance(0.8) ? 'USD' : 'KHR', o.placedAt + r.int(20, 90) * 1000);
  if (fixed?.stop === 'pending_payment') {
    if (fixed.ageMin > 8) o.payments.push(code);
    return;
  }
  if (fixed?.proof === 'waiting') {
    o.payments.push(code);
    const at = Math.min(o.placedAt + r.int(3, 12) * MIN, now - 2 * MIN);
    const waited = now - at;
    o.proof = {
      fileKey: `${hex(r, 32)}.webp`,
      reference: r.chance(0.6) ? digits(r, 10) : null,
      status: 'submitted',
      reviewer: null,
      reviewedAt: null,
      // Past the review alert: staff were alerted (the scheduler's one email, long sent).
      alertedAt: waited > p.s.proofAlertMinutes * MIN ? at + p.s.proofAlertMinutes * MIN : null,
      createdAt: at,
    };
    step(
      'payment_submitted',
      at,
      o.customerKey,
      o.proof.reference ? systemNote('statusNotes.reference', { reference: o.proof.reference }) : null,
    );
    return;
  }
  // Unpaid and called off: the window ran out, or the customer cancelled.
  if (!fixed && r.chance(0.07)) {
    const byCustomer = o.customerKey !== null && r.chance(0.5);
    const at = byCustomer ? o.placedAt + r.int(2, 20) * MIN : o.deadline!;
    if (r.chance(0.7)) o.payments.push({ ...code, status: 'expired' });
    step(
      'cancelled',
      at,
      byCustomer ? o.customerKey : null,
      systemNote(byCustomer ? 'statusNotes.cancelledByCustomer' : 'statusNotes.windowExpired'),
    );
    p.giveBack(o, at);
    return;
  }
  const byProof = !fixed && o.placedAt < now - 3 * HOUR && r.chance(0.12);
  let paidAt: number;
  if (byProof) {
    const sent = o.placedAt + r.int(3, 12) * MIN;
    paidAt = sent + r.int(8, 90) * MIN;
    const reviewer = staff();
    o.proof = {
      fileKey: `${hex(r, 32)}.webp`,
      reference: r.chance(0.6) ? digits(r, 10) : null,
      status: 'approved',
      reviewer,
      reviewedAt: paidAt,
      alertedAt: paidAt - sent > p.s.proofAlertMinutes * MIN ? sent + p.s.proofAlertMinutes * MIN : null,
      createdAt: sent,
    };
    o.payments.push({ ...code, status: 'superseded' });
    step(
      'payment_submitted',
      sent,
      o.customerKey,
      o.proof.reference ? systemNote('statusNotes.reference', { reference: o.proof.reference }) : null,
    );
    step('paid', paidAt, reviewer, { proofOf: 0 });
  } else {
    paidAt = o.placedAt + r.int(1, 20) * MIN + r.int(0, 59) * 1000;
    const hash = hex(r, 64);
    const payer = `${(o.customer?.name ?? 'customer').split(' ')[0]!.toLowerCase()}_${hex(r, 4)}@${r.pick(BANKS)}`;
    o.payments.push({ ...code, status: 'paid', hash, payer, paidAt });
    step('paid', paidAt, null, systemNote('statusNotes.khqrPaid', { hash, account: payer }));
  }
  o.paidAt = paidAt;
  if (fixed?.stop === 'paid') return;
  const happened = (at: number) => at <= now && (!fixed || at <= now - MIN);
  if (o.address) {
    const confirm = paidAt + (fixed ? 30 * MIN : r.int(20, 180) * MIN);
    if (!happened(confirm)) return;
    step('processing', confirm, staff());
    if (fixed?.stop === 'processing') return;
    const ship = confirm + (fixed ? 2 * HOUR : r.int(2, 20) * HOUR);
    if (!happened(ship)) return;
    const courier = r.pick(COURIERS);
    o.courier = courier.name;
    o.tracking = `${courier.prefix}${digits(r, 10)}`;
    step('shipped', ship, staff(), `${o.courier} ${o.tracking}`);
    if (fixed?.stop === 'shipped') return;
    const done = ship + (o.address.zone === 'phnom_penh' ? r.int(20, 40) : r.int(40, 96)) * HOUR;
    if (!happened(done)) return;
    step('completed', done, staff());
  } else {
    const ready = paidAt + (fixed ? HOUR : r.int(1, 5) * HOUR);
    if (!happened(ready)) return;
    step('ready_for_pickup', ready, staff());
    if (fixed?.stop === 'ready_for_pickup') return;
    const done = ready + r.int(2, 50) * HOUR;
    if (!happened(done)) return;
    step('completed', done, staff());
  }
}

/** A few sales called off after payment: full refunds (before or after delivery) and partial ones. */
function addRefunds(p: Plan): void {
  const r = p.r;
  const old = p.orders.filter(
    (o) => o.channel === 'online' && o.status === 'completed' && o.placedAt < p.now - 6 * DAY,
  );
  const pickSome = (n: number) =>
    Array.from({ length: Math.min(n, old.length) }, () => old.splice(r.int(0, old.length - 1), 1)[0]!);
  const reasons = [
    'Customer returned the item',
    'Faulty on arrival',
    'Wrong model delivered',
    'Customer changed their mind',
  ];
  for (const o of pickSome(5)) {
    const at = o.updatedAt + r.int(1, 5) * DAY;
    if (at > p.now - HOUR) continue;
    const reason = r.pick(reasons);
    const left = o.total - o.refunded;
    o.refunds.push({ amount: left, reason, method: r.chance(0.5) ? 'khqr' : 'cash', at });
    o.refunded += left;
    o.logs.push({
      at,
      from: o.status,
      to: 'refunded',
      actor: null,
      note: systemNote('statusNotes.refund', { amount: centsToDecimal(left), reason }),
    });
    o.status = 'refunded';
    o.updatedAt = at;
  }
  for (const o of pickSome(3)) {
    const at = o.updatedAt + r.int(1, 4) * DAY;
    if (at > p.now - HOUR) continue;
    const amount = Math.max(100, Math.round(o.total * 0.1));
    if (amount >= o.total) continue;
    o.refunds.push({ amount, reason: 'Price matched after purchase', method: 'khqr', at });
    o.refunded += amount;
    o.updatedAt = at;
  }
}

/** Paid online orders cancelled by the shop before they left: the whole amount back, goods back on the shelf. */
function cancelPaid(p: Plan, o: Order): void {
  const r = p.r;
  const at = o.paidAt! + r.int(1, 6) * HOUR;
  const kept = o.logs.filter((l) => l.at <= at);
  // Only before the goods left (CANCEL_REFUNDS): what was planned after this moment never happens.
  if (!['paid', 'processing', 'ready_for_pickup'].includes(kept[kept.length - 1]!.to)) return;
  o.logs = kept;
  o.status = kept[kept.length - 1]!.to;
  const reason = 'Out of stock at the supplier';
  o.refunds.push({ amount: o.total, reason, method: 'khqr', at });
  o.refunded = o.total;
  o.logs.push({
    at,
    from: o.status,
    to: 'refunded',
    actor: null,
    note: systemNote('statusNotes.cancelRefund', { amount: centsToDecimal(o.total), reason }),
  });
  o.status = 'refunded';
  o.updatedAt = at;
  p.giveBack(o, at);
}

// ------------------------------------------------------------------------------------------ counter sales

/** Cash as people hand it over: the next note up in dollars, riel, or dollars and riel together. */
function counterSale(p: Plan, at: number): Order | null {
  const r = p.r;
  const lines = p.pickLines(at, 3);
  if (!lines.length) return null;
  const o = p.baseOrder('counter', at, lines, 0);
  const cashier = new Date(at + 7 * HOUR).getUTCHours() < 14 && new Date(at + 7 * HOUR).getUTCDay() !== 0 ? 0 : 1;
  o.cashier = CASHIERS[cashier]!.email;
  const c = r.chance(0.12) ? (weighted(r, p.customers, (x) => x.weight) ?? null) : null;
  if (c) {
    o.customer = { ...c, email: '' };
    o.customerKey = c.key;
  }
  const roll = r.next();
  o.method = roll < 0.45 ? 'cash' : roll < 0.85 ? 'khqr' : o.total >= 1000 ? 'split' : 'cash';
  const rate = config.KHR_PER_USD;
  const khqrCents =
    o.method === 'khqr' ? o.total : o.method === 'split' ? Math.min(o.total, Math.floor(o.total / 200) * 100) : 0;
  if (o.method !== 'khqr') {
    const due = o.total - khqrCents;
    const style = r.next();
    let usd = 0;
    let khr = 0;
    if (style < 0.5) {
      const note = [100, 500, 1000, 2000, 5000, 10000].find((n) => n >= due && r.chance(0.6)) ?? 10000;
      usd = Math.ceil(due / note) * note;
    } else if (style < 0.75) {
      khr = Math.ceil(rielDue(due, rate, p.s.cashRoundingKhr) / 5000) * 5000;
    } else {
      usd = Math.floor(due / 100) * 100;
      khr = Math.ceil(rielDue(due - usd, rate, p.s.cashRoundingKhr) / 1000) * 1000;
    }
    const change = computeChange({
      totalCents: o.total,
      khqrCents,
      tenderedUsdCents: usd,
      tenderedKhr: khr,
      rate,
      stepKhr: p.s.cashRoundingKhr,
    });
    if (!change.enough) throw new Error(`seed history: cash short on ${o.number}`);
    o.cash = { usd, khr, changeUsd: change.changeUsdCents, changeKhr: change.changeKhr, rounding: change.roundingKhr };
    if (change.cashDueCents > 0)
      o.payments.push({
        method: 'cash',
        currency: 'USD',
        amount: centsToDecimal(change.cashDueCents),
        khqr: null,
        md5: null,
        expiresAt: null,
        status: 'paid',
        hash: null,
        payer: null,
        paidAt: at,
        createdAt: at,
      });
  }
  if (khqrCents > 0)
    o.payments.push({
      method: 'khqr',
      currency: 'USD',
      amount: centsToDecimal(khqrCents),
      khqr: null,
      md5: hex(r, 32),
      expiresAt: null,
      status: 'paid',
      hash: o.method === 'khqr' ? hex(r, 64) : null,
      payer: o.method === 'khqr' ? `walkin_${hex(r, 4)}@${r.pick(BANKS)}` : null,
      paidAt: at,
      createdAt: at,
    });
  o.status = 'completed';
  o.paidAt = at;
  p.take(o, at, o.cashier);
  o.logs.push({ at, from: null, to: 'completed', actor: o.cashier, note: 'Counter sale' });
  return o;
}

// ------------------------------------------------------------------------------------------ traffic

function traffic(p: Plan, categorySlugs: string[], searchResults: Map<string, number>): void {
  const r = p.r;
  const ordersByDay = new Map<string, Order[]>();
  for (const o of p.orders)
    if (o.channel === 'online')
      ordersByDay.set(shopDay(o.placedAt), [...(ordersByDay.get(shopDay(o.placedAt)) ?? []), o]);
  const products = p.variants.filter((v, i, all) => i === 0 || all[i - 1]!.productId !== v.productId);
  const view = (
    at: number,
    visitor: string,
    kind: string,
    path: string,
    extra: { ref?: string | null; pid?: number | null; term?: string | null; results?: number | null } = {},
  ) => {
    if (at > p.now) return;
    p.views.push([
      new Date(at),
      shopDay(at),
      kind,
      path,
      extra.ref ?? null,
      visitor,
      extra.pid ?? null,
      extra.term ?? null,
      extra.results ?? null,
    ]);
  };
  const browse = (at: number, visitor: string, steps: number) => {
    let t = at;
    for (let i = 0; i < steps; i++) {
      t += r.int(20, 180) * 1000;
      const roll = r.next();
      if (roll < 0.5) {
        const v = r.pick(products);
        view(t, visitor, 'product', `/p/${v.slug}`, { pid: v.productId });
        if (r.chance(0.1)) view(t + 15_000, visitor, 'cart_add', '/cart/items');
      } else if (roll < 0.7) view(t, visitor, 'page', `/c/${r.pick(categorySlugs)}`);
      else if (roll < 0.85) {
        const term = r.pick(SEARCHES);
        view(t, visitor, 'search', '/search', { term, results: searchResults.get(term) ?? 0 });
      } else view(t, visitor, 'page', '/');
    }
  };
  p.days().forEach((day, i) => {
    const visitors = Math.round((35 + i * 0.35) * (isWeekend(day) ? 1.35 : 1) * (0.8 + r.next() * 0.4));
    for (let n = 0; n < visitors; n++) {
      const visitor = hex(r, 16);
      const at = onlineTime(r, day);
      const first = r.next();
      const ref = r.chance(0.55) ? r.pick(REFERRERS) : null;
      if (first < 0.5) view(at, visitor, 'page', '/', { ref });
      else if (first < 0.75) view(at, visitor, 'page', `/c/${r.pick(categorySlugs)}`, { ref });
      else {
        const v = r.pick(products);
        view(at, visitor, 'product', `/p/${v.slug}`, { ref, pid: v.productId });
      }
      browse(at, visitor, r.int(0, 6));
    }
    // Each online order's buyer: the products, the cart, the order.
    for (const o of ordersByDay.get(day) ?? []) {
      const visitor = hex(r, 16);
      let t = o.placedAt - r.int(5, 25) * MIN;
      view(t, visitor, 'page', '/', { ref: r.chance(0.5) ? r.pick(REFERRERS) : null });
      for (const l of o.lines) {
        t += r.int(30, 120) * 1000;
        view(t, visitor, 'product', `/p/${l.v.slug}`, { pid: l.v.productId });
        view(t + 20_000, visitor, 'cart_add', '/cart/items');
      }
      view(o.placedAt, visitor, 'order', '/checkout/place');
    }
  });
}

// ------------------------------------------------------------------------------------------ writing

async function insertRows(conn: PoolConnection, head: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await conn.query(`${head} VALUES ?`, [rows.slice(i, i + ROWS_PER_INSERT)]);
}
async function rows<T>(conn: PoolConnection, sql: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await conn.query(sql, params);
  return result as T[];
}
const d = (ms: number | null) => (ms === null ? null : new Date(ms));

async function loadVariants(conn: PoolConnection): Promise<VariantRow[]> {
  const list = await rows<Record<string, string | number | Date>>(
    conn,
    `SELECT v.id, v.product_id, p.name, p.slug, v.title, v.sku, v.price, v.cost_price, v.stock, v.low_stock_threshold,
            v.created_at
       FROM variants v JOIN products p ON p.id = v.product_id
      WHERE p.status = 'active' AND v.is_active = 1 ORDER BY v.id FOR UPDATE`,
  );
  return list.map((x) => {
    const priceCents = toCents(String(x.price));
    return {
      id: Number(x.id),
      productId: Number(x.product_id),
      name: String(x.name),
      slug: String(x.slug),
      title: String(x.title),
      sku: String(x.sku),
      priceCents,
      cost: String(x.cost_price),
      stock: Number(x.stock),
      threshold: Number(x.low_stock_threshold),
      createdAt: new Date(x.created_at as Date).getTime(),
      weight: 1 / (1 + priceCents / 8000),
    };
  });
}

/** A phone-sized picture of a Bakong "payment successful" screen, as customers upload. */
async function writeProofImage(o: Order, fileKey: string): Promise<void> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const font = 'DejaVu Sans, Liberation Sans, sans-serif';
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="640">' +
    '<rect width="360" height="640" fill="#f4f6f8"/><rect width="360" height="90" fill="#c8102e"/>' +
    `<text x="24" y="56" font-family="${font}" font-size="26" font-weight="700" fill="#fff">Bakong</text>` +
    '<circle cx="180" cy="170" r="38" fill="#16a34a"/><path d="M162 170l12 12 24-26" stroke="#fff" stroke-width="7" fill="none"/>' +
    `<text x="180" y="250" text-anchor="middle" font-family="${font}" font-size="20" fill="#111">Payment successful</text>` +
    `<text x="180" y="300" text-anchor="middle" font-family="${font}" font-size="34" font-weight="700" fill="#111">$${centsToDecimal(o.total)}</text>` +
    `<text x="24" y="370" font-family="${font}" font-size="15" fill="#555">To: ${esc(config.KHQR_MERCHANT_NAME)}</text>` +
    `<text x="24" y="400" font-family="${font}" font-size="15" fill="#555">Bill: ${o.number}</text>` +
    `<text x="24" y="430" font-family="${font}" font-size="15" fill="#555">Ref: ${o.proof?.reference ?? '—'}</text>` +
    '</svg>';
  const out = await sharp(Buffer.from(svg)).webp({ quality: 80 }).toBuffer();
  await fs.mkdir(path.dirname(proofPath(fileKey)), { recursive: true });
  await fs.writeFile(proofPath(fileKey), out);
}

type Ids = { users: Map<string, number>; orders: Map<Order, number> };

async function writeUsers(conn: PoolConnection, p: Plan, hash: string): Promise<Map<string, number>> {
  const firstOrder = new Map<string, number>();
  for (const o of p.orders)
    if (o.customerKey && !firstOrder.has(o.customerKey)) firstOrder.set(o.customerKey, o.placedAt);
  const start = p.now - (DAYS + 30) * DAY;
  const created = (key: string) => (firstOrder.get(key) ?? p.now - p.r.int(1, 80) * DAY) - p.r.int(1, 30) * DAY;
  const people = [
    ...p.customers
      .filter((c) => !p.demoCustomers.some((x) => x.email === c.email))
      .map((c) => ({ ...c, role: 'customer', at: created(c.key) })),
    ...CASHIERS.map((c) => ({ ...c, phone: p.phone(), role: 'staff', at: start })),
  ];
  await insertRows(
    conn,
    'INSERT IGNORE INTO users (email, name, phone, password_hash, role, locale, email_verified_at, created_at, updated_at)',
    people.map((u) => [
      u.email,
      u.name,
      u.phone,
      hash,
      u.role,
      u.locale,
      new Date(u.at + 3 * MIN),
      new Date(u.at),
      new Date(u.at),
    ]),
  );
  const emails = [...people.map((u) => u.email), ...p.demoCustomers.map((c) => c.email)];
  const found = await rows<{ id: number; email: string }>(conn, 'SELECT id, email FROM users WHERE email IN (?)', [
    emails,
  ]);
  return new Map(found.map((u) => [u.email, Number(u.id)]));
}

async function writeAddresses(conn: PoolConnection, p: Plan, users: Map<string, number>): Promise<void> {
  const list = p.customers.filter((c) => c.address && c.orders.some((i) => p.orders[i]?.address === c.address));
  await insertRows(
    conn,
    'INSERT INTO addresses (user_id, recipient_name, phone, street, commune, district, province, is_default, created_at)',
    list.map((c) => {
      const first = p.orders.find((o) => o.address === c.address)!;
      return [
        users.get(c.email),
        c.name,
        c.phone,
        c.address!.street,
        c.address!.commune,
        c.address!.district,
        c.address!.province,
        1,
        d(first.placedAt),
      ];
    }),
  );
}

async function writeOrders(conn: PoolConnection, p: Plan, users: Map<string, number>): Promise<Map<Order, number>> {
  const user = (key: string | null) => (key ? (users.get(key) ?? null) : null);
  const money = centsToDecimal;
  await insertRows(
    conn,
    'INSERT INTO orders (number, channel, status, user_id, customer_name, customer_email, customer_phone, locale, ' +
      'delivery_method, delivery_zone, ship_name, ship_phone, ship_street, ship_commune, ship_district, ship_province, ' +
      'subtotal, discount_total, delivery_fee, vat_rate, vat_amount, grand_total, khr_per_usd, payment_method, ' +
      'payment_deadline, paid_at, courier, tracking_number, refunded_amount, cashier_id, cash_tendered_usd, ' +
      'cash_tendered_khr, change_usd, change_khr, cash_rounding_khr, invoice_number, invoiced_at, checkout_token, ' +
      'placed_at, updated_at)',
    p.orders.map((o) => {
      const c = o.customer;
      const a = o.address;
      const cash = o.cash;
      return [
        o.number,
        o.channel,
        o.status,
        user(o.customerKey),
        c?.name ?? 'Walk-in customer',
        c?.email ?? '',
        c?.phone ?? '',
        o.channel === 'counter' ? (o.cashier === CASHIERS[0].email ? 'km' : 'en') : (c?.locale ?? 'en'),
        a ? 'delivery' : 'pickup',
        a?.zone ?? null,
        a ? c!.name : null,
        a ? c!.phone : null,
        a?.street ?? null,
        a?.commune ?? null,
        a?.district ?? null,
        a?.province ?? null,
        money(o.subtotal),
        '0.00',
        money(o.deliveryFee),
        p.s.vatRate,
        money(o.vat),
        money(o.total),
        config.KHR_PER_USD,
        o.method,
        d(o.deadline),
        d(o.paidAt),
        o.courier,
        o.tracking,
        money(o.refunded),
        user(o.cashier),
        cash && o.method !== 'khqr' ? money(cash.usd) : null,
        cash && o.method !== 'khqr' ? cash.khr : null,
        cash ? money(cash.changeUsd) : null,
        cash ? cash.changeKhr : null,
        cash?.rounding ?? 0,
        o.invoice,
        o.invoice ? d(o.paidAt) : null,
        o.token,
        d(o.placedAt),
        d(o.updatedAt),
      ];
    }),
  );
  const ids = new Map<string, number>();
  for (let i = 0; i < p.orders.length; i += ROWS_PER_INSERT) {
    const numbers = p.orders.slice(i, i + ROWS_PER_INSERT).map((o) => o.number);
    for (const x of await rows<{ id: number; number: string }>(
      conn,
      'SELECT id, number FROM orders WHERE number IN (?)',
      [numbers],
    ))
      ids.set(x.number, Number(x.id));
  }
  return new Map(p.orders.map((o) => [o, ids.get(o.number)!]));
}

async function writeOrderRows(conn: PoolConnection, p: Plan, ids: Ids): Promise<void> {
  const id = (o: Order) => ids.orders.get(o)!;
  const user = (key: string | null) => (key ? (ids.users.get(key) ?? null) : null);
  await insertRows(
    conn,
    'INSERT INTO order_lines (order_id, variant_id, product_id, product_name, variant_title, sku, unit_price, cost_price, ' +
      'quantity, discount, line_total)',
    p.orders.flatMap((o) =>
      o.lines.map((l) => [
        id(o),
        l.v.id,
        l.v.productId,
        l.v.name,
        l.v.title,
        l.v.sku,
        centsToDecimal(l.v.priceCents),
        l.v.cost,
        l.qty,
        '0.00',
        centsToDecimal(l.totalCents),
      ]),
    ),
  );
  const withProof = p.orders.filter((o) => o.proof);
  await insertRows(
    conn,
    'INSERT INTO payment_proofs (order_id, file_key, reference, currency, status, reviewed_by, reviewed_at, alerted_at, created_at)',
    withProof.map((o) => {
      const x = o.proof!;
      return [
        id(o),
        x.fileKey,
        x.reference,
        o.payments[0]?.currency ?? 'USD',
        x.status,
        user(x.reviewer),
        d(x.reviewedAt),
        d(x.alertedAt),
        d(x.createdAt),
      ];
    }),
  );
  const proofIds = new Map(
    withProof.length
      ? (
          await rows<{ id: number; order_id: number }>(
            conn,
            'SELECT id, order_id FROM payment_proofs WHERE order_id IN (?)',
            [withProof.map(id)],
          )
        ).map((x) => [Number(x.order_id), Number(x.id)])
      : [],
  );
  await insertRows(
    conn,
    'INSERT INTO order_status_log (order_id, from_status, to_status, user_id, note, created_at)',
    p.orders.flatMap((o) =>
      o.logs.map((l) => {
        const note =
          l.note !== null && typeof l.note === 'object'
            ? systemNote('statusNotes.proofApproved', { id: proofIds.get(id(o))! })
            : l.note;
        return [id(o), l.from, l.to, user(l.actor), note, d(l.at)];
      }),
    ),
  );
  await insertRows(
    conn,
    'INSERT INTO payments (order_id, method, currency, amount, khqr, md5, expires_at, status, transaction_hash, ' +
      'payer_account, paid_at, next_check_at, created_at)',
    p.orders.flatMap((o) =>
      o.payments.map((x) => [
        id(o),
        x.method,
        x.currency,
        x.amount,
        x.khqr,
        x.md5,
        d(x.expiresAt),
        x.status,
        x.hash,
        x.payer,
        d(x.paidAt),
        x.status === 'pending' ? d(x.createdAt) : null,
        d(x.createdAt),
      ]),
    ),
  );
  await insertRows(
    conn,
    'INSERT INTO refunds (order_id, amount, reason, method, user_id, created_at)',
    p.orders.flatMap((o) => o.refunds.map((f) => [id(o), centsToDecimal(f.amount), f.reason, f.method, null, d(f.at)])),
  );
}

/** The ledger rows in the order they happened, each with the stock before and after; then the stock itself. */
async function writeStock(conn: PoolConnection, p: Plan, ids: Ids, opening: Map<number, number>): Promise<void> {
  const stock = new Map(opening);
  const ledger = p.movements.map((m) => {
    const before = stock.get(m.v.id)!;
    const after = before + m.delta;
    if (after < 0) throw new Error(`seed history: ${m.v.sku} would go below zero`);
    stock.set(m.v.id, after);
    return [
      m.v.id,
      m.delta,
      before,
      after,
      m.reason,
      m.note,
      m.reason === 'restock' ? m.v.cost : null,
      m.actor ? (ids.users.get(m.actor) ?? null) : null,
      m.order ? ids.orders.get(m.order)! : null,
      d(m.at),
    ];
  });
  await insertRows(
    conn,
    'INSERT INTO stock_movements (variant_id, delta, stock_before, stock_after, reason, note, unit_cost, user_id, order_id, created_at)',
    ledger,
  );
  const touched = [...new Set(p.movements.map((m) => m.v))];
  if (!touched.length) return;
  // Crossings long past were alerted by the scheduler then: low ones are 'sent', the others 'ok'.
  const json = JSON.stringify(touched.map((v) => ({ id: v.id, s: v.stock })));
  await conn.query(
    `UPDATE variants v JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$.id', s INT PATH '$.s')) j ON j.id = v.id
        SET v.stock = j.s, v.low_stock_alert = IF(j.s > v.low_stock_threshold, 'ok', 'sent')`,
    [json],
  );
  const sold = new Map<number, number>();
  for (const o of p.orders) for (const l of o.lines) sold.set(l.v.productId, (sold.get(l.v.productId) ?? 0) + l.qty);
  await conn.query(
    `UPDATE products p JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$.id', n INT PATH '$.n')) j ON j.id = p.id
        SET p.sold_count = p.sold_count + j.n`,
    [JSON.stringify([...sold].map(([id, n]) => ({ id, n })))],
  );
  await conn.query(
    `UPDATE products p JOIN (SELECT product_id, SUM(stock) st FROM variants WHERE is_active = 1 AND product_id IN (?)
        GROUP BY product_id) v ON v.product_id = p.id
        SET p.total_stock = v.st, p.in_stock = v.st > 0`,
    [[...new Set(touched.map((v) => v.productId))]],
  );
}

/** Invoice numbers in order of payment, gapless per shop year, after any the shop already gave. */
async function assignInvoices(conn: PoolConnection, p: Plan): Promise<void> {
  const paid = p.orders
    .filter((o) => o.paidAt !== null && o.status !== 'cancelled')
    .sort((a, b) => a.paidAt! - b.paidAt!);
  const last = new Map(
    (
      await rows<{ year: number; last_number: number }>(
        conn,
        'SELECT year, last_number FROM invoice_counters FOR UPDATE',
      )
    ).map((x) => [Number(x.year), Number(x.last_number)]),
  );
  for (const o of paid) {
    const year = Number(shopDay(o.paidAt!).slice(0, 4));
    const n = (last.get(year) ?? 0) + 1;
    last.set(year, n);
    o.invoice = `INV-${year}-${String(n).padStart(6, '0')}`;
  }
  const counters = [...last].map(([year, n]) => [year, n]);
  if (counters.length)
    await conn.query(
      'INSERT INTO invoice_counters (year, last_number) VALUES ? ON DUPLICATE KEY UPDATE last_number = VALUES(last_number)',
      [counters],
    );
}

async function searchCounts(conn: PoolConnection): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const term of SEARCHES) {
    const [x] = await rows<{ n: number }>(
      conn,
      "SELECT COUNT(*) n FROM products WHERE status = 'active' AND (name LIKE ? OR name_km LIKE ? OR search_text LIKE ?)",
      [`%${term}%`, `%${term}%`, `%${term}%`],
    );
    out.set(term, Number(x?.n ?? 0));
  }
  return out;
}

function buildPlan(p: Plan): void {
  const r = p.r;
  p.makeCustomers(60);
  const days = p.days();
  // Busier as the shop gets known, and at weekends.
  const events: { at: number; kind: 'online' | 'counter' }[] = [];
  days.forEach((day, i) => {
    const busy = (0.75 + (0.5 * i) / DAYS) * (isWeekend(day) ? 1.4 : 1);
    const online = Math.round(4.1 * busy * (0.7 + r.next() * 0.6));
    const counter = Math.round(2.6 * busy * (0.6 + r.next() * 0.8));
    for (let n = 0; n < online; n++) events.push({ at: onlineTime(r, day), kind: 'online' });
    for (let n = 0; n < counter; n++) events.push({ at: counterTime(r, day), kind: 'counter' });
  });
  const fixedAt = new Map(FIXED.map((f) => [p.now - f.ageMin * MIN, f]));
  const all = [
    ...events.filter((e) => e.at < p.now - (config.PAYMENT_WINDOW_MINUTES + 5) * MIN),
    ...[...fixedAt.keys()].map((at) => ({ at, kind: 'online' as const })),
  ].sort((a, b) => a.at - b.at);
  for (const e of all) {
    p.settle(e.at);
    const fixed = fixedAt.get(e.at) ?? null;
    const o = e.kind === 'online' ? onlineOrder(p, e.at, fixed) : counterSale(p, e.at);
    if (o) p.orders.push(o);
    // A few paid orders called off by the shop before they left (from paid or processing).
    if (o && !fixed && o.channel === 'online' && o.paidAt && o.placedAt < p.now - 3 * DAY && r.chance(0.025))
      cancelPaid(p, o);
  }
  addRefunds(p);
  p.finish();
}

function summary(p: Plan, ms: number): string {
  const online = p.orders.filter((o) => o.channel === 'online');
  const by = (s: OrderStatus) => online.filter((o) => o.status === s).length;
  const multi = p.customers.filter((c) => c.orders.length >= 3).length;
  return (
    `history (${(ms / 1000).toFixed(1)} s): ${online.length} online orders (${by('pending_payment')} awaiting payment, ` +
    `${by('payment_submitted')} screenshots waiting, ${by('paid')} paid, ${by('processing')} processing, ` +
    `${by('ready_for_pickup')} ready, ${by('shipped')} shipped, ${by('completed')} completed, ` +
    `${by('cancelled')} cancelled, ${by('refunded')} refunded), ` +
    `${p.orders.length - online.length} counter sales by ${CASHIERS.length} cashiers, ${p.customers.length} customers ` +
    `(${multi} with 3+ orders), ${p.movements.length} stock movements, ${p.views.length} page views`
  );
}

/**
 * Writes the demo history once (see the top of this file). Returns a one-line summary; on a database
 * that has it already, or has no active products, writes nothing.
 */
export async function seedHistory(now = new Date()): Promise<string> {
  const started = Date.now();
  const conn = await pool.getConnection();
  try {
    await conn.query("SELECT GET_LOCK('computer_shop:seed_history', 60)");
    const [done] = await rows(conn, 'SELECT 1 FROM settings WHERE `key` = ?', [MARKER]);
    if (done) return 'history already seeded: nothing added';
    const settings = await getSettings();
    const passwordHash = await hashPassword(randomToken());
    await conn.beginTransaction();
    try {
      const variants = await loadVariants(conn);
      if (!variants.length) {
        await conn.rollback();
        return 'history skipped: no active products';
      }
      const opening = new Map(variants.map((v) => [v.id, v.stock]));
      const demo = await rows<Person>(
        conn,
        "SELECT email AS `key`, name, email, COALESCE(phone, '') phone, locale FROM users WHERE email IN (?)",
        [['sokha.chan@example.com', 'dara.kim@example.com', 'sreyleak.heng@example.com']],
      );
      const p = new Plan(now.getTime(), variants, settings, demo);
      buildPlan(p);
      const clash = await rows<{ number: string }>(conn, 'SELECT number FROM orders WHERE number IN (?)', [
        p.orders.map((o) => o.number),
      ]);
      if (clash.length) throw new Error('seed history: order numbers already taken; run again');
      await assignInvoices(conn, p);
      const users = await writeUsers(conn, p, passwordHash);
      await writeAddresses(conn, p, users);
      const ids: Ids = { users, orders: await writeOrders(conn, p, users) };
      await writeOrderRows(conn, p, ids);
      await writeStock(conn, p, ids, opening);
      const categories = (await rows<{ slug: string }>(conn, 'SELECT slug FROM categories')).map((c) => c.slug);
      traffic(p, categories.length ? categories : ['laptops'], await searchCounts(conn));
      await insertRows(
        conn,
        'INSERT INTO page_views (viewed_at, day, kind, path, referrer, visitor, product_id, search_term, search_results)',
        p.views,
      );
      // Traffic summaries are built once per finished day: the days just filled in must be built again.
      await conn.query("DELETE FROM report_summarised_days WHERE kind = 'traffic' AND day >= ?", [p.days()[0]]);
      await conn.query('INSERT INTO settings (`key`, value) VALUES (?, ?)', [MARKER, now.toISOString()]);
      for (const o of p.orders) if (o.proof) await writeProofImage(o, o.proof.fileKey);
      await conn.commit();
      await ensureSales(p.days()[0]!, p.today);
      await ensureTraffic(p.days()[0]!, p.today);
      return summary(p, Date.now() - started);
    } catch (err) {
      await conn.rollback();
      throw err;
    }
  } finally {
    await conn.query("SELECT RELEASE_LOCK('computer_shop:seed_history')");
    conn.release();
  }
}
