import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { selectRows } from '../../db/util.js';

export const StockFilters = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  category: z.coerce.number().int().positive().optional().catch(undefined),
  brand: z.coerce.number().int().positive().optional().catch(undefined),
  filter: z.enum(['low', 'out']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type StockFilters = z.infer<typeof StockFilters>;
export const STOCK_PAGE = 50;

export type StockRow = {
  variantId: number;
  productId: number;
  product: string;
  title: string;
  sku: string;
  barcode: string | null;
  stock: number;
  threshold: number;
  costPrice: string;
  price: string;
  status: string;
  tracksSerials: number;
};

function where(f: StockFilters): SQL {
  const c: SQL[] = [sql`v.is_active = 1`];
  if (f.q) c.push(sql`(v.sku LIKE ${`${f.q}%`} OR v.barcode = ${f.q} OR p.name LIKE ${`%${f.q}%`})`);
  if (f.category)
    c.push(
      sql`p.category_id IN (SELECT id FROM categories
        WHERE path LIKE CONCAT((SELECT path FROM categories WHERE id = ${f.category}), '%'))`,
    );
  if (f.brand) c.push(sql`p.brand_id = ${f.brand}`);
  // Low stock: at or under the threshold but not out; out of stock: none left.
  if (f.filter === 'low') c.push(sql`v.stock <= v.low_stock_threshold AND v.stock > 0`);
  if (f.filter === 'out') c.push(sql`v.stock = 0`);
  return sql.join(c, sql` AND `);
}

export async function listStock(f: StockFilters): Promise<{ rows: StockRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    selectRows<StockRow>(sql`SELECT v.id AS variantId, p.id AS productId, p.name AS product, v.title, v.sku, v.barcode,
      v.stock, v.low_stock_threshold AS threshold, v.cost_price AS costPrice, v.price, p.status
      FROM variants v JOIN products p ON p.id = v.product_id WHERE ${where(f)}
      ORDER BY ${f.filter ? sql`v.stock ASC,` : sql``} p.name, v.position, v.id
      LIMIT ${STOCK_PAGE} OFFSET ${(f.page - 1) * STOCK_PAGE}`),
    selectRows<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM variants v JOIN products p ON p.id = v.product_id WHERE ${where(f)}`,
    ),
  ]);
  return { rows, total: Number(count[0]?.n ?? 0) };
}

export async function findStockRow(variantId: number): Promise<StockRow | undefined> {
  const [row] =
    await selectRows<StockRow>(sql`SELECT v.id AS variantId, p.id AS productId, p.name AS product, v.title, v.sku,
    v.barcode, v.stock, v.low_stock_threshold AS threshold, v.cost_price AS costPrice, v.price, p.status,
    v.tracks_serials AS tracksSerials
    FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ${variantId}`);
  return row;
}

export const HISTORY_PAGE = 20;

export async function countMovements(variantId: number): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM stock_movements WHERE variant_id = ${variantId}`,
  );
  return Number(row?.n ?? 0);
}

/** A variant's ledger, newest first. */
export function movements(variantId: number, page: number, size = HISTORY_PAGE) {
  return selectRows<{
    createdAt: Date;
    reason: string;
    delta: number;
    stockBefore: number;
    stockAfter: number;
    note: string | null;
    unitCost: string | null;
    by: string | null;
    orderNumber: string | null;
  }>(sql`
    SELECT m.created_at AS createdAt, m.reason, m.delta, m.stock_before AS stockBefore, m.stock_after AS stockAfter,
      m.note, m.unit_cost AS unitCost, u.name AS \`by\`, o.number AS orderNumber
    FROM stock_movements m LEFT JOIN users u ON u.id = m.user_id LEFT JOIN orders o ON o.id = m.order_id
    WHERE m.variant_id = ${variantId} ORDER BY m.id DESC LIMIT ${size} OFFSET ${(page - 1) * size}`);
}

export function labelRows(ids: number[]): Promise<StockRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return selectRows<StockRow>(sql`SELECT v.id AS variantId, p.id AS productId, p.name AS product, v.title, v.sku,
    v.barcode, v.stock, v.low_stock_threshold AS threshold, v.cost_price AS costPrice, v.price, p.status
    FROM variants v JOIN products p ON p.id = v.product_id
    WHERE v.id IN (${sql.join(
      ids.slice(0, 200).map((i) => sql`${i}`),
      sql`, `,
    )}) ORDER BY p.name, v.id`);
}

export function categoryOptions() {
  return selectRows<{ id: number; name: string; depth: number }>(
    sql`SELECT id, name, depth FROM categories ORDER BY path`,
  );
}
export function brandOptions() {
  return selectRows<{ id: number; name: string }>(sql`SELECT id, name FROM brands ORDER BY name`);
}
