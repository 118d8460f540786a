import { and, asc, desc, eq } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client.js';
import {
  orderLines,
  orders,
  orderStatusLog,
  paymentProofs,
  payments,
  users,
  type Order,
  type OrderLine,
} from '../../db/schema.js';
import { currentDb } from '../../db/transaction.js';

export async function findOrderByNumber(number: string, tx: DbOrTx = currentDb()): Promise<Order | undefined> {
  const [row] = await tx.select().from(orders).where(eq(orders.number, number));
  return row;
}

export async function findOrderById(id: number, tx: DbOrTx = currentDb()): Promise<Order | undefined> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, id));
  return row;
}

export async function findOrderByToken(token: string, tx: DbOrTx = currentDb()): Promise<Order | undefined> {
  const [row] = await tx.select().from(orders).where(eq(orders.checkoutToken, token));
  return row;
}

export function findLines(orderId: number, tx: DbOrTx = currentDb()): Promise<OrderLine[]> {
  return tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.id));
}

export function findStatusLog(orderId: number) {
  return db
    .select({
      from: orderStatusLog.fromStatus,
      to: orderStatusLog.toStatus,
      note: orderStatusLog.note,
      at: orderStatusLog.createdAt,
      by: users.name,
    })
    .from(orderStatusLog)
    .leftJoin(users, eq(users.id, orderStatusLog.userId))
    .where(eq(orderStatusLog.orderId, orderId))
    .orderBy(asc(orderStatusLog.createdAt), asc(orderStatusLog.id));
}

export function findOrdersOfUser(userId: number, limit = 50, offset = 0) {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId)))
    .orderBy(desc(orders.placedAt))
    .limit(limit)
    .offset(offset);
}

export function findPaidPayments(orderId: number) {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.status, 'paid')));
}

export function findProofs(orderId: number) {
  return db.select().from(paymentProofs).where(eq(paymentProofs.orderId, orderId)).orderBy(asc(paymentProofs.id));
}
