import { and, count, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { db } from '../../db/client.js';
import { contactMessages, users, type Locale } from '../../db/schema.js';
import { afterCommit, currentDb, withTransaction } from '../../db/transaction.js';
import { affectedRows, insertId } from '../../db/util.js';
import { NotFoundError } from '../../lib/errors.js';
import type { ContactInput } from './content.schemas.js';
import { notifyShop } from './contact-notify.js';

export const MESSAGES_PER_PAGE = 50;

/** Stores the message and, once it is committed, tells the shop. */
export async function submitMessage(input: ContactInput, locale: Locale, userId: number | null): Promise<number> {
  return withTransaction(async () => {
    const id = insertId(
      await currentDb()
        .insert(contactMessages)
        .values({ ...input, locale, userId }),
    );
    const [stored] = await currentDb().select().from(contactMessages).where(eq(contactMessages.id, id));
    afterCommit(() => notifyShop(stored!));
    return id;
  });
}

const SHOWN: Record<'open' | 'handled' | 'all', SQL | undefined> = {
  open: isNull(contactMessages.handledAt),
  handled: isNotNull(contactMessages.handledAt),
  all: undefined,
};

/** Messages for the back office, open ones first, newest first. */
export async function listMessages(show: keyof typeof SHOWN, page: number) {
  const where = SHOWN[show];
  const handler = sql<string | null>`(SELECT u.name FROM ${users} u WHERE u.id = ${contactMessages.handledBy})`;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: contactMessages.id,
        name: contactMessages.name,
        email: contactMessages.email,
        phone: contactMessages.phone,
        subject: contactMessages.subject,
        message: contactMessages.message,
        locale: contactMessages.locale,
        createdAt: contactMessages.createdAt,
        handledAt: contactMessages.handledAt,
        handledBy: handler,
      })
      .from(contactMessages)
      .where(where)
      .orderBy(sql`${contactMessages.handledAt} IS NOT NULL`, desc(contactMessages.id))
      .limit(MESSAGES_PER_PAGE)
      .offset((page - 1) * MESSAGES_PER_PAGE),
    db.select({ n: count() }).from(contactMessages).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Marks a message handled (by whom, when) or open again; a repeated click changes nothing. */
export async function setHandled(id: number, handled: boolean, userId: number): Promise<void> {
  const result = await db
    .update(contactMessages)
    .set(handled ? { handledAt: new Date(), handledBy: userId } : { handledAt: null, handledBy: null })
    .where(
      and(
        eq(contactMessages.id, id),
        handled ? isNull(contactMessages.handledAt) : isNotNull(contactMessages.handledAt),
      ),
    );
  if (affectedRows(result) === 1) return;
  const [row] = await db.select({ id: contactMessages.id }).from(contactMessages).where(eq(contactMessages.id, id));
  if (!row) throw new NotFoundError();
}
