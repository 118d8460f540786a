import { describe, expect, it } from 'vitest';
import { getStore } from '../../src/middleware/session.js';
import { createUser, loginAs, newApp } from '../helpers/http.js';

type Store = { query: (sql: string, params?: unknown[]) => Promise<unknown> };

describe('the session is written only when it changed', () => {
  it('a signed-in customer browsing pages causes no session write once the session holds its CSRF token', async () => {
    const customer = await loginAs(newApp(), await createUser({ role: 'customer' }));
    // The first page with a form keeps a CSRF token in the session: one write, a real change.
    await customer.get('/account');
    const store = getStore() as unknown as Store;
    const original = store.query.bind(store);
    const writes: string[] = [];
    store.query = (sql: string, params?: unknown[]) => {
      if (/^\s*(UPDATE|INSERT|REPLACE|DELETE)/i.test(sql))
        writes.push(`${sql} ${JSON.stringify(params).slice(0, 300)}`);
      return original(sql, params);
    };
    try {
      for (const path of ['/', '/account', '/orders', '/cart']) expect((await customer.get(path)).status).toBe(200);
    } finally {
      store.query = original;
    }
    expect(writes).toEqual([]);
  });
});
