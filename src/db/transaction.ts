import { AsyncLocalStorage } from 'node:async_hooks';
import { logger } from '../lib/logger.js';
import { type Db, type DbOrTx, db, type Tx } from './client.js';

type Scope = { tx: Tx; afterCommit: (() => unknown)[] };

const scope = new AsyncLocalStorage<Scope>();

/**
 * The database handle to use here: the ambient transaction when one is open (withTransaction),
 * the pool otherwise. Services read it instead of taking a `tx = db` parameter, so a query cannot
 * slip outside the transaction it belongs to.
 */
export function currentDb(): DbOrTx {
  return scope.getStore()?.tx ?? db;
}

/**
 * Runs `work` in a transaction, or inside the one already open (nested calls join it). Side effects
 * queued with afterCommit (emails, alerts) run once the outermost transaction has committed, and
 * never when it rolls back (a deadlock retry starts with an empty queue).
 */
export async function withTransaction<T>(
  work: (tx: Tx) => Promise<T>,
  handle: Pick<Db, 'transaction'> = db,
): Promise<T> {
  const outer = scope.getStore();
  if (outer) return work(outer.tx);
  const queued: Scope['afterCommit'] = [];
  const result = await handle.transaction((tx) => scope.run({ tx, afterCommit: queued }, () => work(tx)));
  for (const task of queued) {
    try {
      await task();
    } catch (err) {
      logger.error({ err }, 'a task after commit failed');
    }
  }
  return result;
}

/** Runs `task` after the current transaction commits (at once when none is open). Its failure is logged. */
export function afterCommit(task: () => unknown): void {
  const open = scope.getStore();
  if (open) {
    open.afterCommit.push(task);
    return;
  }
  void Promise.resolve()
    .then(task)
    .catch((err: unknown) => logger.error({ err }, 'a task after commit failed'));
}
