import { cents, toCents, type Cents } from './money.js';

/** A coupon as the rules see it (the database row plus its targets, categories already with their subcategories). */
export type CouponRule = {
  kind: 'percent' | 'fixed';
  /** Percent ("10", "12.5") or dollars off ("25.00"). */
  value: string;
  minSpend: string;
  startsAt: Date | null;
  endsAt: Date | null;
  maxUses: number | null;
  maxUsesPerCustomer: number | null;
  usedCount: number;
  firstOrderOnly: boolean;
  scope: 'all' | 'categories' | 'brands' | 'products';
  targets: ReadonlySet<number>;
  isActive: boolean;
};

/** A cart line as the rules see it. */
export type CouponLine = {
  variantId: number;
  productId: number;
  categoryId: number | null;
  brandId: number | null;
  unitCents: number;
  quantity: number;
};

/** What the customer has done before: uses of this coupon and earlier orders (not cancelled). */
export type CouponHistory = { customerUses: number; earlierOrders: number };

export type CouponRefusal =
  | 'inactive'
  | 'notStarted'
  | 'expired'
  | 'usedUp'
  | 'perCustomer'
  | 'firstOrder'
  | 'minSpend'
  | 'notInScope';

export type CouponResult =
  | { ok: true; discount: Cents; perLine: Map<number, Cents> }
  | { ok: false; reason: CouponRefusal };

function inScope(rule: CouponRule, line: CouponLine): boolean {
  switch (rule.scope) {
    case 'all':
      return true;
    case 'categories':
      return line.categoryId !== null && rule.targets.has(line.categoryId);
    case 'brands':
      return line.brandId !== null && rule.targets.has(line.brandId);
    case 'products':
      return rule.targets.has(line.productId);
  }
}

/**
 * Whether the coupon applies to these lines now, and for how much: percent of the goods in scope (rounded half
 * up to the cent) or a fixed amount (never more than those goods). The minimum spend is the whole cart's goods.
 * The discount is split over the lines in scope in proportion to their totals (largest remainder), so each
 * order line carries its share (for returns and reports).
 */
export function evaluateCoupon(
  rule: CouponRule,
  lines: readonly CouponLine[],
  history: CouponHistory,
  now: Date = new Date(),
): CouponResult {
  if (!rule.isActive) return { ok: false, reason: 'inactive' };
  if (rule.startsAt && now < rule.startsAt) return { ok: false, reason: 'notStarted' };
  if (rule.endsAt && now >= rule.endsAt) return { ok: false, reason: 'expired' };
  if (rule.maxUses !== null && rule.usedCount >= rule.maxUses) return { ok: false, reason: 'usedUp' };
  if (rule.maxUsesPerCustomer !== null && history.customerUses >= rule.maxUsesPerCustomer)
    return { ok: false, reason: 'perCustomer' };
  if (rule.firstOrderOnly && history.earlierOrders > 0) return { ok: false, reason: 'firstOrder' };
  const goods = lines.reduce((s, l) => s + l.unitCents * l.quantity, 0);
  if (goods < toCents(rule.minSpend)) return { ok: false, reason: 'minSpend' };
  const eligible = lines.filter((l) => inScope(rule, l));
  const base = eligible.reduce((s, l) => s + l.unitCents * l.quantity, 0);
  if (base <= 0) return { ok: false, reason: 'notInScope' };
  const off =
    rule.kind === 'percent'
      ? Math.floor((base * toCents(rule.value) + 5000) / 10000)
      : Math.min(toCents(rule.value), base);
  return { ok: true, discount: cents(off), perLine: allocate(off, eligible) };
}

/** Splits `total` cents over the lines in proportion to their totals; the leftover cents go to the largest remainders. */
function allocate(total: number, lines: readonly CouponLine[]): Map<number, Cents> {
  const base = lines.reduce((s, l) => s + l.unitCents * l.quantity, 0);
  const shares = lines.map((l) => {
    const exact = (total * l.unitCents * l.quantity) / base;
    return { id: l.variantId, whole: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = total - shares.reduce((s, x) => s + x.whole, 0);
  for (const s of [...shares].sort((a, b) => b.rest - a.rest || a.id - b.id)) {
    if (left <= 0) break;
    s.whole += 1;
    left -= 1;
  }
  return new Map(shares.map((s) => [s.id, cents(s.whole)]));
}
