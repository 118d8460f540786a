import { and, eq, sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { products, wishlistItems } from '../../db/schema.js';
import { selectRows } from '../../db/util.js';
import { NotFoundError } from '../../lib/errors.js';
import { CARD_COLUMNS, type ProductCard } from '../catalog/listing.queries.js';

export async function addToWishlist(userId: number, productId: number): Promise<void> {
  const [p] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.status, 'active')));
  if (!p) throw new NotFoundError();
  await db.insert(wishlistItems).ignore().values({ userId, productId });
}

export async function removeFromWishlist(userId: number, productId: number): Promise<void> {
  await db.delete(wishlistItems).where(and(eq(wishlistItems.userId, userId), eq(wishlistItems.productId, productId)));
}

export function listWishlist(userId: number): Promise<(ProductCard & { status: string })[]> {
  return selectRows(sql`SELECT ${CARD_COLUMNS}, p.status FROM wishlist_items w JOIN products p ON p.id = w.product_id
    LEFT JOIN brands b ON b.id = p.brand_id WHERE w.user_id = ${userId} ORDER BY w.created_at DESC`);
}

/** The variant to put in the cart when moving a product from the wishlist: the first one in stock. */
export async function defaultVariantId(productId: number): Promise<number | null> {
  const rows = await selectRows<{
    id: number;
  }>(sql`SELECT id FROM variants WHERE product_id = ${productId} AND is_active = 1
    ORDER BY stock > 0 DESC, position, id LIMIT 1`);
  return rows[0]?.id ?? null;
}
