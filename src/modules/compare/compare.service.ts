import { specValue } from '../../domain/specs.js';
import {
  type AttributeRow,
  type CompareProductRow,
  type CompareVariantRow,
  findAttributes,
  findCompareProducts,
  findDefaultVariants,
  findSpecs,
  type SpecRow,
} from './compare.queries.js';

/** How many products fit side by side (four columns still read on a laptop; a phone scrolls them). */
export const COMPARE_LIMIT = 4;

type Named = { name: string; nameKm: string | null };
/** A spec value as shown: text ("16 GB", "Core i5") or, for a yes/no spec, the answer (translated by the view). */
type Cell = { text: string; yes: boolean | null } | null;
type CompareRow = { label: Named; cells: Cell[]; differs: boolean };
type CompareGroup = { label: Named; rows: CompareRow[] };
type StockState = { kind: 'in' | 'low' | 'out'; count: number };
type CompareItem = Omit<CompareProductRow, 'status' | 'productTypeId'> & {
  type: Named | null;
  variant: Pick<CompareVariantRow, 'sku' | 'price' | 'compareAtPrice'> | null;
  stock: StockState;
};
export type Comparison = {
  items: CompareItem[];
  /** The overview rows whose values differ (price, stock, brand, type, warranty). */
  differs: Record<'price' | 'stock' | 'brand' | 'type' | 'warranty', boolean>;
  groups: CompareGroup[];
  /** Products on the list that are no longer sold: their names (unknown ids have none), taken off the list. */
  gone: { names: Named[]; count: number };
  /** The list as it should now be kept: only products still sold, in the order added. */
  list: number[];
};

export type AddOutcome = 'added' | 'already' | 'full' | 'unavailable';

const toId = (v: unknown) => Number(v);

/**
 * Adds a product to a visitor's list (the caller keeps the list, in the session). A product that is not
 * for sale is refused, and products on the list that stopped being sold no longer take a place.
 */
export async function addToCompare(
  list: readonly number[],
  productId: number,
): Promise<{ outcome: AddOutcome; list: number[] }> {
  const rows = await findCompareProducts([...new Set([...list, productId])]);
  const active = new Set(rows.filter((r) => r.status === 'active').map((r) => toId(r.id)));
  const kept = list.filter((id) => active.has(id));
  if (!active.has(productId)) return { outcome: 'unavailable', list: kept };
  if (kept.includes(productId)) return { outcome: 'already', list: kept };
  if (kept.length >= COMPARE_LIMIT) return { outcome: 'full', list: kept };
  return { outcome: 'added', list: [...kept, productId] };
}

function stockState(v: CompareVariantRow | undefined): StockState {
  if (!v || v.stock <= 0) return { kind: 'out', count: 0 };
  return v.stock <= v.lowStockThreshold ? { kind: 'low', count: v.stock } : { kind: 'in', count: v.stock };
}

const isYes = (v: string) => ['1', 'yes', 'true'].includes(v.trim().toLowerCase());

function toCell(value: string, a: AttributeRow): NonNullable<Cell> {
  if (a.dataType === 'boolean') return { text: '', yes: isYes(value) };
  const n = Number(value);
  const text = a.dataType === 'number' && value.trim() !== '' && Number.isFinite(n) ? String(n) : value.trim();
  return { text: specValue(text, a.unit), yes: null };
}

/** Two cells are the same when a shopper would read them the same ("16 GB" and "16.0 gb"). */
const sameAs = (c: NonNullable<Cell>) => (c.yes !== null ? String(c.yes) : c.text.toLowerCase());
const allSame = (keys: unknown[]) => new Set(keys).size <= 1;
/**
 * A row differs when the products that have a value disagree. A product without the attribute (a
 * monitor has no processor) shows "—" but is not a difference: across types every row would be one.
 */
const differ = (cells: Cell[]) => !allSame(cells.flatMap((c) => (c === null ? [] : [sameAs(c)])));

/** An attribute's row is found by its code, or by its name and unit (a laptop's `screen`, a monitor's `size`). */
const rowKeys = (a: AttributeRow) => [`code:${a.code}`, `name:${a.name.trim().toLowerCase()}|${a.unit ?? ''}`];

type RowPlan = { label: Named; attrs: AttributeRow[] };

/**
 * The rows, grouped by product type (types in the order their products were added), each type's attributes
 * in their order. An attribute another type already showed (a laptop's and a monitor's screen size) joins
 * that row instead of making a second one.
 */
function planRows(typeOrder: number[], attrs: AttributeRow[]): { label: Named; rows: RowPlan[] }[] {
  const rowOf = new Map<string, RowPlan>();
  return typeOrder.map((typeId) => {
    const own = attrs.filter((a) => toId(a.productTypeId) === typeId);
    const rows: RowPlan[] = [];
    for (const a of own) {
      const found = rowKeys(a)
        .map((k) => rowOf.get(k))
        .find(Boolean);
      const row = found ?? { label: a, attrs: [] };
      row.attrs.push(a);
      for (const k of rowKeys(a)) if (!rowOf.has(k)) rowOf.set(k, row);
      if (!found) rows.push(row);
    }
    return { label: { name: own[0]?.typeName ?? '', nameKm: own[0]?.typeNameKm ?? null }, rows };
  });
}

/** The spec rows with each product's value ("—" where it has none); rows and groups nobody has a value in are left out. */
function buildGroups(items: CompareProductRow[], attrs: AttributeRow[], specs: SpecRow[]): CompareGroup[] {
  const typeOf = new Map(items.map((p) => [toId(p.id), p.productTypeId === null ? null : toId(p.productTypeId)]));
  const specValues = new Map(specs.map((s) => [`${toId(s.productId)}|${toId(s.attributeId)}`, s.value]));
  const typeOrder = [
    ...new Set([...items.map((p) => typeOf.get(toId(p.id))), ...attrs.map((a) => toId(a.productTypeId))]),
  ].filter((t): t is number => t !== null && t !== undefined);
  // A product's value for a row: from its own type's attribute first, else from any other in the row.
  const cellFor = (productId: number, row: RowPlan): Cell => {
    const mine = (a: AttributeRow) => Number(toId(a.productTypeId) === typeOf.get(productId));
    for (const a of [...row.attrs].sort((x, y) => mine(y) - mine(x))) {
      const value = specValues.get(`${productId}|${toId(a.id)}`);
      if (value !== undefined) return toCell(value, a);
    }
    return null;
  };
  return planRows(typeOrder, attrs)
    .map((g) => ({
      label: g.label,
      rows: g.rows.flatMap((r) => {
        const cells = items.map((p) => cellFor(toId(p.id), r));
        return cells.every((c) => c === null) ? [] : [{ label: r.label, cells, differs: differ(cells) }];
      }),
    }))
    .filter((g) => g.rows.length);
}

/** Everything the compare page shows for a visitor's list (at most COMPARE_LIMIT ids, in the order added). */
export async function loadComparison(list: readonly number[]): Promise<Comparison> {
  const ids = list.slice(0, COMPARE_LIMIT);
  const rows = await findCompareProducts(ids);
  const byId = new Map(rows.map((r) => [toId(r.id), r]));
  const items = ids.flatMap((id) => (byId.get(id)?.status === 'active' ? [byId.get(id)!] : []));
  const goneRows = ids.flatMap((id) => (byId.get(id)?.status === 'active' ? [] : [byId.get(id)]));
  const productIds = items.map((p) => toId(p.id));
  const variants = await findDefaultVariants(productIds);
  const specs = await findSpecs(
    productIds,
    [...variants.values()].map((v) => toId(v.id)),
  );
  const typeIds = [...new Set(items.flatMap((p) => (p.productTypeId === null ? [] : [toId(p.productTypeId)])))];
  const attrs = await findAttributes(typeIds, [...new Set(specs.map((s) => toId(s.attributeId)))]);
  const typeNames = new Map(attrs.map((a) => [toId(a.productTypeId), { name: a.typeName, nameKm: a.typeNameKm }]));
  const view: CompareItem[] = items.map(({ status: _s, productTypeId, ...p }) => {
    const v = variants.get(toId(p.id));
    return {
      ...p,
      type: productTypeId === null ? null : (typeNames.get(toId(productTypeId)) ?? null),
      variant: v ? { sku: v.sku, price: v.price, compareAtPrice: v.compareAtPrice } : null,
      stock: stockState(v),
    };
  });
  const many = view.length > 1;
  return {
    items: view,
    differs: {
      price: many && !allSame(view.map((i) => i.variant?.price ?? null)),
      stock: many && !allSame(view.map((i) => i.stock.kind)),
      brand: !allSame(view.flatMap((i) => (i.brandName ? [i.brandName] : []))),
      type: !allSame(view.flatMap((i) => (i.type ? [i.type.name] : []))),
      warranty: many && !allSame(view.map((i) => Number(i.warrantyMonths))),
    },
    groups: buildGroups(items, attrs, specs),
    gone: {
      names: goneRows.flatMap((r) => (r ? [{ name: r.name, nameKm: r.nameKm }] : [])),
      count: goneRows.length,
    },
    list: productIds,
  };
}
