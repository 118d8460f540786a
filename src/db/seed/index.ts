import { eq } from 'drizzle-orm';
import { db, pool } from '../client.js';
import { users } from '../schema.js';
import { hashPassword } from '../../lib/password.js';
import { randomToken } from '../../lib/tokens.js';
import type { ProductDef } from './builders.js';
import { demoProducts, generatedProducts, imageRequests } from './catalog.js';
import { renderImages } from './images.js';
import { seedPurchasing } from './purchasing.js';
import { seedRepairs } from './repairs.js';
import { seedPages } from './pages.js';
import { seedCoupons } from './coupons.js';
import { seedHistory } from './history.js';
import { insertBatch, type InsertCounts, type Pictures } from './insert.js';
import { seedTaxonomy } from './taxonomy.js';

const DEMO_CUSTOMERS = [
  { name: 'Sokha Chan', email: 'sokha.chan@example.com', phone: '+85512345678', locale: 'km' as const },
  { name: 'Dara Kim', email: 'dara.kim@example.com', phone: '+85517888999', locale: 'en' as const },
  { name: 'Srey Leak Heng', email: 'sreyleak.heng@example.com', phone: '+85597123456', locale: 'km' as const },
];

/** Demo customers have random passwords: they exist to own demo orders, not to log in. */
async function seedCustomers(): Promise<number> {
  let created = 0;
  for (const c of DEMO_CUSTOMERS) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, c.email));
    if (existing) continue;
    await db
      .insert(users)
      .values({ ...c, passwordHash: await hashPassword(randomToken()), emailVerifiedAt: new Date() });
    created++;
  }
  return created;
}

export type SeedOptions = {
  /** Total number of products wanted: the demo catalog first, then generated ones (for benchmarks). */
  products?: number;
  /** Progress lines for long runs. */
  log?: (line: string) => void;
  /**
   * Also 90 days of shop history (customers, orders in every state, counter sales, payments, refunds,
   * traffic: src/db/seed/history.ts), once per database. Off unless asked (tests stay fast);
   * `npm run db:seed` asks for it unless given `--no-history`.
   */
  history?: boolean;
};

const add = (a: InsertCounts, b: InsertCounts): InsertCounts => ({
  products: a.products + b.products,
  variants: a.variants + b.variants,
  images: a.images + b.images,
  skipped: a.skipped + b.skipped,
});

async function inBatches(
  defs: Iterable<ProductDef>,
  size: number,
  insert: (batch: ProductDef[]) => Promise<InsertCounts>,
  progress?: (done: number) => void,
): Promise<InsertCounts> {
  let total: InsertCounts = { products: 0, variants: 0, images: 0, skipped: 0 };
  let batch: ProductDef[] = [];
  let done = 0;
  for (const def of defs) {
    batch.push(def);
    if (batch.length === size) {
      total = add(total, await insert(batch));
      done += batch.length;
      progress?.(done);
      batch = [];
    }
  }
  if (batch.length) total = add(total, await insert(batch));
  return total;
}

async function totals(): Promise<Record<string, number>> {
  const [rows] = await pool.query(`SELECT
      (SELECT COUNT(*) FROM categories WHERE depth = 0) top, (SELECT COUNT(*) FROM categories WHERE depth > 0) sub,
      (SELECT COUNT(*) FROM brands) brands, (SELECT COUNT(*) FROM product_types) types,
      (SELECT COUNT(*) FROM products) products, (SELECT COUNT(*) FROM products WHERE status = 'active') active,
      (SELECT COUNT(*) FROM variants) variants, (SELECT COUNT(*) FROM product_images) images`);
  return Object.fromEntries(Object.entries((rows as Record<string, unknown>[])[0]!).map(([k, v]) => [k, Number(v)]));
}

/**
 * A believable Cambodian computer shop: categories (English + Khmer), brands, product types
 * with specs, ~300 products with variants, stock (through the ledger) and generated pictures,
 * and 3 demo customers; with `history`, 90 days of orders, payments and traffic on top. Safe to run again:
 * everything is found by its natural key first (the history by its marker setting).
 * `products` above the demo size adds generated products in large batches (benchmarks).
 */
export async function seedDemoShop(opts: SeedOptions = {}): Promise<string> {
  if (opts.products !== undefined && (!Number.isInteger(opts.products) || opts.products < 1))
    throw new Error('--products must be a whole number above 0');
  const customers = await seedCustomers();
  const pages = await seedPages();
  const couponCount = await seedCoupons();
  const taxonomy = await seedTaxonomy();
  const now = Date.now();
  const demo = demoProducts(now);
  const wanted = opts.products ?? demo.defs.length;
  const images = await renderImages(imageRequests());
  const pictures: Pictures = {
    line: (d) => images.get(d.images.line)!,
    extra: (d) => (d.images.extra ? images.get(`extra|${d.type}`) : undefined),
  };
  const insert = (batch: ProductDef[]) => insertBatch(batch, taxonomy, pictures);
  let created = await inBatches(demo.defs.slice(0, wanted), 500, insert);
  const extra = Math.max(0, wanted - demo.defs.length);
  if (extra > 0) {
    const started = Date.now();
    // The npm script passes no logger; a long run still says how far it got.
    const log = opts.log ?? (extra >= 20_000 ? (line: string) => console.error(line) : undefined);
    const progress = (done: number) => {
      if (done % 10_000 === 0)
        log?.(
          `  ${done.toLocaleString('en-US')} / ${extra.toLocaleString('en-US')} generated products ` +
            `(${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
    };
    created = add(created, await inBatches(generatedProducts(0, extra, now, demo.usedCodes), 1000, insert, progress));
  }
  // Suppliers and purchase orders come with the history: receiving moves stock through the ledger.
  const history = opts.history ? `; ${await seedHistory()}; ${await seedPurchasing()}; ${await seedRepairs()}` : '';
  const t = await totals();
  return (
    `${t.top} top categories, ${t.sub} subcategories, ${t.brands} brands, ${t.types} product types, ` +
    `${t.products} products (${t.active} active), ${t.variants} variants, ` +
    `${t.images} images (${images.size} distinct pictures); ` +
    `this run created ${created.products} products, ${created.variants} variants, ${created.images} images, ` +
    `${taxonomy.created.topCategories + taxonomy.created.subcategories} categories, ` +
    `${taxonomy.created.brands} brands, ${customers} demo customers, ${pages} shop pages, ${couponCount} coupons${history}`
  );
}
