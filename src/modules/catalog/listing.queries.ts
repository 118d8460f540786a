import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/util.js';

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

export const idList = (ids: Iterable<number>) =>
  sql.join(
    [...ids].map((id) => sql`${id}`),
    sql`, `,
  );

export const CARD_COLUMNS = sql`p.id, p.slug, p.name, p.name_km AS nameKm, b.name AS brandName, p.min_price AS minPrice,
  p.max_price AS maxPrice, p.in_stock AS inStock, p.total_stock AS totalStock, p.primary_image AS primaryImage,
  (SELECT cv.compare_at_price FROM variants cv
    WHERE cv.product_id = p.id AND cv.is_active = 1 AND cv.compare_at_price > cv.price
    ORDER BY cv.price ASC LIMIT 1) AS compareAtPrice`;

/** Product cards by id, in the order given (ids no longer active are left out). */
export async function findCards(ids: number[]): Promise<ProductCard[]> {
  if (!ids.length) return [];
  const cards = await selectRows<ProductCard>(
    sql`SELECT ${CARD_COLUMNS} FROM products p LEFT JOIN brands b ON b.id = p.brand_id
      WHERE p.id IN (${idList(ids)}) AND p.status = 'active'`,
  );
  const byId = new Map(cards.map((c) => [Number(c.id), c]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Filterable spec codes → whether any attribute with that code is a number (only those take a range). */
export async function findFilterableCodes(): Promise<Map<string, boolean>> {
  const rows = await selectRows<{ code: string; isNumber: number | string }>(
    sql`SELECT code, MAX(data_type = 'number') AS isNumber FROM spec_attributes WHERE filterable = 1 GROUP BY code`,
  );
  return new Map(rows.map((r) => [r.code, Number(r.isNumber) === 1]));
}
