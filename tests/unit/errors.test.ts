import { describe, expect, it } from 'vitest';
import { duplicateKeyIndex } from '../../src/lib/errors.js';

describe('duplicateKeyIndex', () => {
  it('names the unique index from MariaDB and MySQL 8 messages, wrapped by Drizzle or not', () => {
    const maria = { code: 'ER_DUP_ENTRY', sqlMessage: "Duplicate entry 'x' for key 'products_slug_uq'" };
    const mysql8 = { code: 'ER_DUP_ENTRY', sqlMessage: "Duplicate entry 'x' for key 'orders.orders_number_uq'" };
    expect(duplicateKeyIndex(maria)).toBe('products_slug_uq');
    expect(duplicateKeyIndex(mysql8)).toBe('orders_number_uq');
    expect(duplicateKeyIndex({ message: 'Failed query', cause: maria })).toBe('products_slug_uq');
  });

  it('is null for anything that is not a duplicate key', () => {
    expect(duplicateKeyIndex(new Error('boom'))).toBeNull();
    expect(duplicateKeyIndex({ code: 'ER_LOCK_DEADLOCK' })).toBeNull();
  });
});
