import net from 'node:net';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('dist/server.js', () => {
  it('on SIGTERM — finishes, closes the pool and exits 0', async () => {
    const child = spawn(process.execPath, ['dist/server.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        SESSION_SECRET: 'x'.repeat(40),
        SECURE_COOKIES: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    await expect.poll(() => out, { timeout: 15_000 }).toContain('listening');
    const port = Number(/"port":(\d+)/.exec(out)![1]);
    // Ready once the database answers and the catalog index is loaded (503 "starting" until then).
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status, { timeout: 15_000 })
      .toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('shutting down');
    expect(out).toContain('stopped');
  });

  it('on a port already taken — says so and exits 1 instead of pretending to listen (found live)', async () => {
    const taken = net.createServer().listen(0, '0.0.0.0');
    await new Promise((r) => taken.once('listening', r));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const child = spawn(process.execPath, [`${process.env.E2E_DIST ?? 'dist'}/server.js`], {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(port),
          SESSION_SECRET: 'x'.repeat(40),
          SECURE_COOKIES: 'false',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      expect(code).toBe(1);
      expect(out).toContain('cannot listen');
      expect(out).not.toContain('Computer Shop listening');
    } finally {
      taken.close();
    }
  });
});

describe('storefront page micro-cache', () => {
  it('serves a repeated anonymous page from memory, but never to a visitor with a session', async () => {
    const { startServer } = await import('../helpers/browser.js');
    const { createCategory, createProduct } = await import('../helpers/catalog.js');
    const cat = await createCategory({ name: 'Cables', slug: 'cables' });
    const p = await createProduct({ name: 'HDMI 2.1 Cable', categoryId: cat.id });
    const server = await startServer({ CATALOG_CACHE_SECONDS: '30' });
    try {
      const url = `${server.baseUrl}/p/${p.slug}`;
      expect((await fetch(url)).headers.get('x-page-cache')).toBeNull();
      const second = await fetch(url);
      expect(second.headers.get('x-page-cache')).toBe('hit');
      expect(await second.text()).toContain('HDMI 2.1 Cable');
      // Parameters no catalog page reads (padding, made-up keys) are never kept: nobody can fill the cache.
      for (let i = 0; i < 2; i++) expect((await fetch(`${url}?pad=${i}`)).headers.get('x-page-cache')).toBeNull();
      expect((await fetch(`${url}?pad=0`)).headers.get('x-page-cache')).toBeNull();
      // A visitor who has a session (here: after adding to the cart) always gets a fresh page.
      const add = await fetch(`${server.baseUrl}/cart/items`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `variantId=${p.variants[0]!.id}&quantity=1`,
      });
      const cookie = add.headers.get('set-cookie')!.split(';')[0]!;
      const withSession = await fetch(url, { headers: { cookie } });
      expect(withSession.headers.get('x-page-cache')).toBeNull();
      expect(await withSession.text()).toMatch(/data-cart-count[^>]*>1</);
    } finally {
      await server.stop();
    }
  });

  it('shares a catalog page body between readers with sessions, each with their own token and header; a change shows within seconds', async () => {
    const { startServer } = await import('../helpers/browser.js');
    const { createCategory, createProduct } = await import('../helpers/catalog.js');
    const { query } = await import('../helpers/db.js');
    const cat = await createCategory({ name: 'Cables', slug: 'cables' });
    const p = await createProduct({
      name: 'USB-C Cable',
      categoryId: cat.id,
      variants: [{ price: '9.00', stock: 50 }],
    });
    const server = await startServer({ CATALOG_CACHE_SECONDS: '30' });
    const url = `${server.baseUrl}/p/${p.slug}`;
    const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    const addToCart = (cookie: string, csrf: string | undefined, quantity: number) =>
      fetch(`${server.baseUrl}/cart/items`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        body: `variantId=${p.variants[0]!.id}&quantity=${quantity}${csrf ? `&_csrf=${csrf}` : ''}`,
      });
    try {
      // Two visitors with their own carts (1 and 2 items).
      const cookies: string[] = [];
      for (const n of [1, 2]) {
        const add = await addToCart('', undefined, n);
        expect(add.status).toBe(303);
        cookies.push(add.headers.get('set-cookie')!.split(';')[0]!);
      }
      const first = await fetch(url, { headers: { cookie: cookies[0]! } });
      expect(first.headers.get('x-body-cache')).toBeNull();
      const firstHtml = await first.text();
      const second = await fetch(url, { headers: { cookie: cookies[1]! } });
      expect(second.headers.get('x-body-cache')).toBe('hit');
      const secondHtml = await second.text();
      // The shared body carries each reader's own token and sits in each reader's own header.
      expect(firstHtml).toMatch(/data-cart-count[^>]*>1</);
      expect(secondHtml).toMatch(/data-cart-count[^>]*>2</);
      expect(token(firstHtml)).toBeTruthy();
      expect(token(secondHtml)).toBeTruthy();
      expect(token(secondHtml)).not.toBe(token(firstHtml));
      expect(secondHtml).not.toContain('\u0000');
      // The token works: the second reader adds one more, and another reader's token is refused.
      expect((await addToCart(cookies[1]!, token(secondHtml), 1)).status).toBe(303);
      expect((await addToCart(cookies[1]!, token(firstHtml), 1)).status).toBe(403);
      const [line] = await query<{ quantity: number }>(
        `SELECT ci.quantity FROM cart_items ci WHERE ci.variant_id = ? ORDER BY ci.quantity DESC LIMIT 1`,
        [p.variants[0]!.id],
      );
      expect(Number(line!.quantity)).toBe(3);
      // A change made elsewhere (another process, or SQL) reaches the page once the catalog index sees it.
      await query("UPDATE products SET name = 'USB-C Cable 2 m' WHERE id = ?", [p.id]);
      let html = '';
      for (let i = 0; i < 50 && !html.includes('USB-C Cable 2 m'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        html = await (await fetch(url, { headers: { cookie: cookies[0]! } })).text();
      }
      expect(html).toContain('USB-C Cable 2 m');
    } finally {
      await server.stop();
    }
  });
});
