import { inArray } from 'drizzle-orm';
import { db } from '../client.js';
import { coupons } from '../schema.js';

/** Demo coupons a shop would run: a welcome code for a first order and a seasonal fixed amount off. Safe to run twice. */
export async function seedCoupons(): Promise<number> {
  const demo: (typeof coupons.$inferInsert)[] = [
    {
      code: 'WELCOME10',
      description: '10 % off a first order',
      kind: 'percent',
      value: '10.00',
      maxUsesPerCustomer: 1,
      firstOrderOnly: true,
    },
    {
      code: 'KHMERNEWYEAR25',
      description: '$25 off orders of $500 or more',
      kind: 'fixed',
      value: '25.00',
      minSpend: '500.00',
      maxUses: 200,
      maxUsesPerCustomer: 1,
    },
  ];
  const have = await db
    .select({ code: coupons.code })
    .from(coupons)
    .where(
      inArray(
        coupons.code,
        demo.map((c) => c.code),
      ),
    );
  const missing = demo.filter((c) => !have.some((h) => h.code === c.code));
  if (missing.length) await db.insert(coupons).values(missing);
  return missing.length;
}
