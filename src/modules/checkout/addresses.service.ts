import { and, desc, eq } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { addresses, type Address } from '../../db/schema.js';

export function listAddresses(userId: number): Promise<Address[]> {
  return db
    .select()
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(desc(addresses.isDefault), desc(addresses.id));
}

export async function findAddress(userId: number, id: number): Promise<Address | undefined> {
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)));
  return row;
}
