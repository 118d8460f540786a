import { eq } from 'drizzle-orm';
import { db } from '../client.js';
import { users } from '../schema.js';
import { hashPassword } from '../../lib/password.js';
import { randomToken } from '../../lib/tokens.js';

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
    await db.insert(users).values({ ...c, passwordHash: await hashPassword(randomToken()), emailVerifiedAt: new Date() });
    created++;
  }
  return created;
}

export async function seedDemoShop(_opts: { products?: number } = {}): Promise<string> {
  const customers = await seedCustomers();
  return `${customers} new demo customers`;
}
