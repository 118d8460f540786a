import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { createUser, loginAs, newApp } from '../helpers/http.js';

describe('HTTP caching a reverse proxy or CDN can use', () => {
  it('anonymous storefront pages are public for a shared cache, with an ETag answered by 304', async () => {
    const cat = await createCategory({ name: 'Mice', slug: 'mice' });
    await createProduct({ name: 'Logitech M90', slug: 'logitech-m90', categoryId: cat.id });
    const app = newApp();
    for (const path of ['/', '/c/mice', '/p/logitech-m90', '/search?q=logitech']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('public, max-age=0, s-maxage=30, stale-while-revalidate=60');
      expect(res.headers.vary, path).toMatch(/Accept-Language/);
      expect(res.headers['set-cookie'], path).toBeUndefined();
      const etag = res.headers.etag;
      expect(etag, path).toBeTruthy();
      const again = await request(app).get(path).set('If-None-Match', etag!);
      expect(again.status, path).toBe(304);
      expect(again.text, path).toBe('');
    }
  });

  it('pages for a session are private and never stored; so is a page that starts a session', async () => {
    const cat = await createCategory({ name: 'Mice', slug: 'mice' });
    await createProduct({ name: 'Logitech M90', slug: 'logitech-m90', categoryId: cat.id });
    const app = newApp();
    const customer = await loginAs(app, await createUser({ role: 'customer' }));
    for (const path of ['/', '/p/logitech-m90', '/account', '/cart']) {
      const res = await customer.get(path);
      expect(res.headers['cache-control'], path).toBe('private, no-store');
    }
    // The login form hands out a CSRF token kept in a new session.
    const login = await request(app).get('/login');
    expect(login.headers['set-cookie']).toBeDefined();
    expect(login.headers['cache-control']).toBe('private, no-store');
  });
});
