import { sql, type SQL } from 'drizzle-orm';
import { selectRows } from '../../db/util.js';
import { centsToDecimal } from '../../domain/money.js';
import type { ListingFilters } from './catalog.schemas.js';

export type ProductCard = {
  id: number;
  slug: string;
  name: string;
  nameKm: string | null;
  brandName: string | null;
  minPrice: string;
  maxPrice: string;
  compareAtPrice: string | null;
  inStock: number;
  totalStock: number;
  primaryImage: string | null;
};

/** What the listing is limited to: a category subtree and/or the products a search found (id → relevance). */
export type Scope = { categoryIds?: number[]; ids?: Map<number, number> };
const idList = (ids: Iterable<number>) =>
  sql.join(
    [...ids].map((id) => sql`${id}`),
    sql`, `,
  );
type Except = 'brand' | 'category' | 'price' | 'stock' | `spec:${string}`;

/** For a product_specs row `ps`: none of the product's active variants has its own value for that spec. */
const NO_VARIANT_VALUE = sql`NOT EXISTS (SELECT 1 FROM variants v JOIN variant_specs vs ON vs.variant_id = v.id
  WHERE v.product_id = ps.product_id AND v.is_active = 1 AND vs.attribute_id = ps.attribute_id)`;

/**
 * A product whose spec `code` passes `test` (given the table alias: `ps` or `vs`): the product's own value,
 * unless its variants have their own (then any active variant's value).
 */
function specMatches(code: string, test: (alias: SQL) => SQL): SQL {
  return sql`(EXISTS (SELECT 1 FROM product_specs ps JOIN spec_attributes sa ON sa.id = ps.attribute_id
      WHERE ps.product_id = p.id AND sa.code = ${code} AND ${test(sql.raw('ps'))} AND ${NO_VARIANT_VALUE})
    OR EXISTS (SELECT 1 FROM variants v JOIN variant_specs vs ON vs.variant_id = v.id
      JOIN spec_attributes sa ON sa.id = vs.attribute_id
      WHERE v.product_id = p.id AND v.is_active = 1 AND sa.code = ${code} AND ${test(sql.raw('vs'))}))`;
}

/** The WHERE clause of a listing, optionally without one filter (for that filter's own counts). */
function conditions(f: ListingFilters, scope: Scope, except?: Except): SQL {
  const c: SQL[] = [sql`p.status = 'active'`];
  if (scope.categoryIds)
    c.push(
      scope.categoryIds.length
        ? sql`p.category_id IN (${sql.join(
            scope.categoryIds.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`FALSE`,
    );
  if (scope.ids) c.push(scope.ids.size ? sql`p.id IN (${idList(scope.ids.keys())})` : sql`FALSE`);
  if (except !== 'brand' && f.brands.length) {
    c.push(
      sql`p.brand_id IN (SELECT id FROM brands WHERE slug IN (${sql.join(
        f.brands.map((b) => sql`${b}`),
        sql`, `,
      )}))`,
    );
  }
  if (except !== 'price' && f.minCents !== null) c.push(sql`p.min_price >= ${centsToDecimal(f.minCents)}`);
  if (except !== 'price' && f.maxCents !== null) c.push(sql`p.min_price <= ${centsToDecimal(f.maxCents)}`);
  if (except !== 'stock' && f.inStock) c.push(sql`p.in_stock = 1`);
  for (const [code, values] of Object.entries(f.specs)) {
    if (except === `spec:${code}`) continue;
    const list = sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
    c.push(specMatches(code, (col) => sql`${col}.value_text IN (${list})`));
  }
  for (const [code, { min, max }] of Object.entries(f.ranges)) {
    if (except === `spec:${code}`) continue;
    c.push(
      specMatches(code, (col) =>
        sql.join(
          [
            sql`${col}.value_number IS NOT NULL`,
            ...(min !== null ? [sql`${col}.value_number >= ${min}`] : []),
            ...(max !== null ? [sql`${col}.value_number <= ${max}`] : []),
          ],
          sql` AND `,
        ),
      ),
    );
  }
  return sql.join(c, sql` AND `);
}

function orderBy(f: ListingFilters): SQL {
  switch (f.sort) {
    case 'price_asc':
      return sql`p.min_price ASC, p.id ASC`;
    case 'price_desc':
      return sql`p.min_price DESC, p.id DESC`;
    case 'newest':
      return sql`p.created_at DESC, p.id DESC`;
    default:
      return sql`p.sold_count DESC, p.id DESC`;
  }
}

export const CARD_COLUMNS = sql`p.id, p.slug, p.name, p.name_km AS nameKm, b.name AS brandName, p.min_price AS minPrice,
  p.max_price AS maxPrice, p.in_stock AS inStock, p.total_stock AS totalStock, p.primary_image AS primaryImage,
  (SELECT cv.compare_at_price FROM variants cv
    WHERE cv.product_id = p.id AND cv.is_active = 1 AND cv.compare_at_price > cv.price
    ORDER BY cv.price ASC LIMIT 1) AS compareAtPrice`;

export async function findProductPage(
  f: ListingFilters,
  scope: Scope,
  pageSize: number,
): Promise<{ items: ProductCard[]; total: number }> {
  const where = conditions(f, scope);
  const offset = (f.page - 1) * pageSize;
  if (f.sort === 'relevance' && scope.ids) {
    // Relevance is known per id: filter in SQL, order and cut the page here, then load 24 cards.
    const matching = await selectRows<{ id: number; sold: number }>(
      sql`SELECT p.id, p.sold_count AS sold FROM products p WHERE ${where}`,
    );
    const ordered = matching
      .map((m) => ({ id: Number(m.id), score: scope.ids!.get(Number(m.id)) ?? 0, sold: Number(m.sold) }))
      .sort((a, b) => b.score - a.score || b.sold - a.sold || b.id - a.id);
    const pageIds = ordered.slice(offset, offset + pageSize).map((m) => m.id);
    if (!pageIds.length) return { items: [], total: ordered.length };
    const cards = await selectRows<ProductCard>(
      sql`SELECT ${CARD_COLUMNS} FROM products p LEFT JOIN brands b ON b.id = p.brand_id
        WHERE p.id IN (${idList(pageIds)})`,
    );
    const byId = new Map(cards.map((c) => [Number(c.id), c]));
    return { items: pageIds.map((id) => byId.get(id)!).filter(Boolean), total: ordered.length };
  }
  const [items, count] = await Promise.all([
    selectRows<ProductCard>(sql`SELECT ${CARD_COLUMNS} FROM products p LEFT JOIN brands b ON b.id = p.brand_id
      WHERE ${where} ORDER BY ${orderBy(f)} LIMIT ${pageSize} OFFSET ${offset}`),
    selectRows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM products p WHERE ${where}`),
  ]);
  return { items, total: Number(count[0]?.n ?? 0) };
}

export type Facets = {
  brands: { slug: string; name: string; count: number }[];
  categories: { categoryId: number; count: number }[];
  priceBuckets: { min: number | null; max: number | null; count: number }[];
  inStockCount: number;
  specs: SpecFacet[];
};

/** One spec's filter: its values with product counts (numbers in numeric order, others most products first). */
type SpecFacet = {
  code: string;
  name: string;
  nameKm: string | null;
  unit: string | null;
  dataType: 'text' | 'number' | 'boolean';
  values: { value: string; num: number | null; count: number }[];
};

/** The most values one spec offers (the rest are rare: a search finds them). */
const MAX_VALUES = 60;

const BUCKETS: [number | null, number | null][] = [
  [null, 100],
  [100, 300],
  [300, 700],
  [700, 1200],
  [1200, 2000],
  [2000, null],
];

export async function findFacets(f: ListingFilters, scope: Scope): Promise<Facets> {
  const bucketSql = BUCKETS.map(([lo, hi], i) => {
    const parts = [
      lo !== null ? sql`p.min_price >= ${lo}` : sql`TRUE`,
      hi !== null ? sql`p.min_price < ${hi}` : sql`TRUE`,
    ];
    return sql`SUM(${sql.join(parts, sql` AND `)}) AS ${sql.raw(`b${i}`)}`;
  });
  const [brands, cats, buckets, stock, specRows] = await Promise.all([
    selectRows<{
      slug: string;
      name: string;
      count: number;
    }>(sql`SELECT b.slug, b.name, COUNT(*) AS count FROM products p
      JOIN brands b ON b.id = p.brand_id WHERE ${conditions(f, scope, 'brand')} GROUP BY b.id`),
    selectRows<{
      categoryId: number;
      count: number;
    }>(sql`SELECT p.category_id AS categoryId, COUNT(*) AS count FROM products p
      WHERE ${conditions(f, scope, 'category')} GROUP BY p.category_id`),
    selectRows<Record<string, string | null>>(
      sql`SELECT ${sql.join(bucketSql, sql`, `)} FROM products p WHERE ${conditions(f, scope, 'price')}`,
    ),
    selectRows<{ n: string | null }>(
      sql`SELECT SUM(p.in_stock) AS n FROM products p WHERE ${conditions(f, scope, 'stock')}`,
    ),
    specFacetRows(f, scope),
  ]);
  // A selected attribute's own counts ignore its own selection, so other values stay offered.
  const selectedCodes = [...new Set([...Object.keys(f.specs), ...Object.keys(f.ranges)])];
  const ownCounts = await Promise.all(selectedCodes.map((code) => specFacetRows(f, scope, `spec:${code}`, code)));
  const rows = specRows.filter((r) => !selectedCodes.includes(r.code)).concat(ownCounts.flat());
  // A chosen brand with nothing left under the other filters still shows (0), checked, to untick.
  const missing = f.brands.filter((slug) => !brands.some((b) => b.slug === slug));
  const chosenEmpty = missing.length
    ? await selectRows<{ slug: string; name: string }>(
        sql`SELECT slug, name FROM brands WHERE slug IN (${sql.join(
          missing.map((b) => sql`${b}`),
          sql`, `,
        )})`,
      )
    : [];
  return {
    brands: brands
      .map((b) => ({ ...b, count: Number(b.count) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .concat(chosenEmpty.map((b) => ({ slug: b.slug, name: b.name, count: 0 }))),
    categories: cats.map((c) => ({ categoryId: Number(c.categoryId), count: Number(c.count) })),
    priceBuckets: BUCKETS.map(([min, max], i) => ({ min, max, count: Number(buckets[0]?.[`b${i}`] ?? 0) })),
    inStockCount: Number(stock[0]?.n ?? 0),
    specs: groupSpecs(rows),
  };
}

type SpecRow = {
  code: string;
  name: string;
  nameKm: string | null;
  unit: string | null;
  dataType: string;
  position: number;
  value: string;
  num: string | null;
  count: number;
};

/**
 * Products per spec value: each product counts once per value, from its own spec or, where its
 * variants differ (RAM, storage), from its active variants' values.
 */
async function specFacetRows(f: ListingFilters, scope: Scope, except?: Except, onlyCode?: string): Promise<SpecRow[]> {
  const where = sql`${conditions(f, scope, except)} ${onlyCode ? sql`AND sa.code = ${onlyCode}` : sql``}`;
  const columns = sql`sa.code, sa.name, sa.name_km AS nameKm, sa.unit, sa.data_type AS dataType, MIN(sa.position) AS position`;
  const group = sql`GROUP BY sa.code, sa.name, sa.name_km, sa.unit, sa.data_type`;
  // The product's own values where no active variant has one: an anti-join looked up per row through the
  // variants and variant_specs keys (a NOT EXISTS here is materialized over all of variant_specs).
  const [own, fromVariants] = await Promise.all([
    selectRows<SpecRow>(sql`SELECT ${columns}, ps.value_text AS value, MIN(ps.value_number) AS num, COUNT(*) AS count
      FROM products p STRAIGHT_JOIN product_specs ps ON ps.product_id = p.id
      JOIN spec_attributes sa ON sa.id = ps.attribute_id AND sa.filterable = 1
      LEFT JOIN (variants ov JOIN variant_specs ovs ON ovs.variant_id = ov.id)
        ON ov.product_id = ps.product_id AND ov.is_active = 1 AND ovs.attribute_id = ps.attribute_id
      WHERE ${where} AND ovs.variant_id IS NULL ${group}, ps.value_text`),
    selectRows<SpecRow>(sql`SELECT ${columns}, vs.value_text AS value, MIN(vs.value_number) AS num,
        COUNT(DISTINCT p.id) AS count
      FROM products p STRAIGHT_JOIN variants v ON v.product_id = p.id AND v.is_active = 1
      JOIN variant_specs vs ON vs.variant_id = v.id
      JOIN spec_attributes sa ON sa.id = vs.attribute_id AND sa.filterable = 1
      WHERE ${where} ${group}, vs.value_text`),
  ]);
  const merged = new Map<string, SpecRow>();
  for (const r of [...own, ...fromVariants]) {
    const key = `${r.code}\u0000${r.value}`;
    const seen = merged.get(key);
    if (seen) seen.count = Number(seen.count) + Number(r.count);
    else merged.set(key, { ...r, count: Number(r.count) });
  }
  return [...merged.values()];
}

function groupSpecs(rows: SpecRow[]): Facets['specs'] {
  const byCode = new Map<string, SpecFacet & { position: number }>();
  for (const r of rows) {
    let g = byCode.get(r.code);
    if (!g) {
      const dataType = r.dataType === 'number' || r.dataType === 'boolean' ? r.dataType : 'text';
      g = {
        code: r.code,
        name: r.name,
        nameKm: r.nameKm,
        unit: r.unit,
        dataType,
        position: Number(r.position),
        values: [],
      };
      byCode.set(r.code, g);
    }
    if (!g.values.some((v) => v.value === r.value))
      g.values.push({ value: r.value, num: r.num === null ? null : Number(r.num), count: Number(r.count) });
  }
  return [...byCode.values()]
    .filter((g) => g.values.length > 1 || g.values.some((v) => v.count > 0))
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
    .map(({ position: _, ...g }) => ({
      ...g,
      values: g.values
        .sort((a, b) =>
          g.dataType === 'number'
            ? (a.num ?? 0) - (b.num ?? 0) || a.value.localeCompare(b.value)
            : b.count - a.count || a.value.localeCompare(b.value, undefined, { numeric: true }),
        )
        .slice(0, MAX_VALUES),
    }));
}

/** Filterable spec codes → whether any attribute with that code is a number (only those take a range). */
export async function findFilterableCodes(): Promise<Map<string, boolean>> {
  const rows = await selectRows<{ code: string; isNumber: number | string }>(
    sql`SELECT code, MAX(data_type = 'number') AS isNumber FROM spec_attributes WHERE filterable = 1 GROUP BY code`,
  );
  return new Map(rows.map((r) => [r.code, Number(r.isNumber) === 1]));
}
