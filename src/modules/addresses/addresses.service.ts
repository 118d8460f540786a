import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { addresses, users, type Address } from '../../db/schema.js';
import { currentDb, withTransaction } from '../../db/transaction.js';
import { insertId, withDeadlockRetry } from '../../db/util.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';

/** How many addresses one account may keep in its address book. */
export const MAX_ADDRESSES = 20;

/** What a customer types for one address (phone already normalised to E.164). */
type AddressFields = {
  recipientName: string;
  phone: string;
  street: string;
  commune: string;
  district: string;
  province: string;
  note: string;
};

const columns = (a: AddressFields) => ({
  recipientName: a.recipientName,
  phone: a.phone,
  street: a.street,
  commune: a.commune,
  district: a.district,
  province: a.province,
  note: a.note || null,
});

/** The user's addresses, the default first. */
export function listAddresses(userId: number): Promise<Address[]> {
  return db
    .select()
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(desc(addresses.isDefault), desc(addresses.id));
}

/** One of the user's addresses; another account's is undefined. */
export async function findAddress(userId: number, id: number): Promise<Address | undefined> {
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)));
  return row;
}

/**
 * Locks the account's address book in the current transaction: the user's row and every one of their
 * address rows, FOR UPDATE, so two requests of the same customer (two "set default" taps, two tabs
 * adding the 20th address, a checkout saving one) run one after the other.
 */
async function lockAddressBook(userId: number): Promise<{ id: number; isDefault: boolean }[]> {
  const tx = currentDb();
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  return tx
    .select({ id: addresses.id, isDefault: addresses.isDefault })
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(asc(addresses.id))
    .for('update');
}

/** Runs `work` in its own transaction holding the address book; a deadlock victim is retried. */
function withAddressBook<T>(
  userId: number,
  work: (rows: { id: number; isDefault: boolean }[]) => Promise<T>,
): Promise<T> {
  return withDeadlockRetry(() => withTransaction(async () => work(await lockAddressBook(userId))));
}

/**
 * "Save this address" at checkout, inside the order's transaction: added (the default when it is the
 * first) unless the book is full, in which case the order goes ahead without saving it.
 */
export async function saveCheckoutAddress(userId: number, input: AddressFields): Promise<boolean> {
  const rows = await lockAddressBook(userId);
  if (rows.length >= MAX_ADDRESSES) return false;
  const id = insertId(
    await currentDb()
      .insert(addresses)
      .values({ userId, ...columns(input), isDefault: false }),
  );
  if (!rows.some((r) => r.isDefault)) await makeDefault(userId, id);
  return true;
}

/** Makes `id` the user's one default address (every other address of theirs stops being it). */
async function makeDefault(userId: number, id: number): Promise<void> {
  await currentDb()
    .update(addresses)
    .set({ isDefault: sql`(${addresses.id} = ${id})` })
    .where(eq(addresses.userId, userId));
}

/** Adds an address; the first one, or one asked to be, becomes the default. Refused past MAX_ADDRESSES. */
export function createAddress(userId: number, input: AddressFields, asDefault: boolean): Promise<number> {
  return withAddressBook(userId, async (rows) => {
    if (rows.length >= MAX_ADDRESSES)
      throw new ValidationError({ _form: 'errors.addressLimit' }, { max: MAX_ADDRESSES });
    const id = insertId(
      await currentDb()
        .insert(addresses)
        .values({ userId, ...columns(input), isDefault: false }),
    );
    if (asDefault || rows.length === 0 || !rows.some((r) => r.isDefault)) await makeDefault(userId, id);
    return id;
  });
}

/** Changes one of the user's addresses; another account's address is a 404. */
export function updateAddress(userId: number, id: number, input: AddressFields, asDefault: boolean): Promise<void> {
  return withAddressBook(userId, async (rows) => {
    if (!rows.some((r) => r.id === id)) throw new NotFoundError();
    await currentDb()
      .update(addresses)
      .set(columns(input))
      .where(and(eq(addresses.id, id), eq(addresses.userId, userId)));
    if (asDefault) await makeDefault(userId, id);
  });
}

/** Makes one of the user's addresses the default; another account's address is a 404. */
export function setDefaultAddress(userId: number, id: number): Promise<void> {
  return withAddressBook(userId, async (rows) => {
    if (!rows.some((r) => r.id === id)) throw new NotFoundError();
    await makeDefault(userId, id);
  });
}

/** Deletes one of the user's addresses; when it was the default, the newest remaining one takes over. */
export function deleteAddress(userId: number, id: number): Promise<void> {
  return withAddressBook(userId, async (rows) => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new NotFoundError();
    await currentDb()
      .delete(addresses)
      .where(and(eq(addresses.id, id), eq(addresses.userId, userId)));
    const rest = rows.filter((r) => r.id !== id);
    if (row.isDefault && rest.length) await makeDefault(userId, rest[rest.length - 1]!.id);
  });
}
