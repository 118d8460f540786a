import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { selectRows } from '../../db/util.js';
import { currentDb } from '../../db/transaction.js';

export type CartLineRow = {
  itemId: number;
  variantId: number;
  quantity: number;
  priceWhenAdded: string;
  price: string;
  compareAtPrice: string | null;
  costPrice: string;
  stock: number;
  sku: string;
  variantTitle: string;
  variantActive: number;
  productId: number;
  productName: string;
  productNameKm: string | null;
  productSlug: string;
  productStatus: string;
  primaryImage: string | null;
};

/** The cart's lines joined with today's variant and product rows. */
export function findCartLines(cartId: number, tx: DbOrTx = currentDb()): Promise<CartLineRow[]> {
  return selectRows<CartLineRow>(
    sql`SELECT ci.id AS itemId, ci.variant_id AS variantId, ci.quantity, ci.price_when_added AS priceWhenAdded,
      v.price, v.compare_at_price AS compareAtPrice, v.cost_price AS costPrice, v.stock, v.sku, v.title AS variantTitle,
      v.is_active AS variantActive, p.id AS productId, p.name AS productName, p.name_km AS productNameKm,
      p.slug AS productSlug,
      p.status AS productStatus, p.primary_image AS primaryImage
    FROM cart_items ci JOIN variants v ON v.id = ci.variant_id JOIN products p ON p.id = v.product_id
    WHERE ci.cart_id = ${cartId} ORDER BY ci.id`,
    tx,
  );
}

/** Items in the cart the condition on `carts c` picks. */
export async function countCartItems(cart: SQL): Promise<number> {
  const rows = await selectRows<{ n: string | null }>(
    sql`SELECT SUM(ci.quantity) AS n FROM carts c JOIN cart_items ci ON ci.cart_id = c.id WHERE ${cart}`,
  );
  return Number(rows[0]?.n ?? 0);
}
