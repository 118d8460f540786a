import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createCategory, createProduct } from '../helpers/catalog.js';
import { createUser, loginAs, newApp, type Agent } from '../helpers/http.js';
import { addToCart, checkoutToReview, placeOrder } from '../helpers/shop.js';

/** The back office's side navigation: the layout's <nav class="bo-nav">…</nav>. */
function sideNav(html: string): string {
  const m = /<nav class="bo-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
  if (!m) throw new Error('no side navigation');
  return m[1]!;
}
const navLinks = (html: string) => [...sideNav(html).matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
const currentLinks = (html: string) =>
  [...sideNav(html).matchAll(/<a href="([^"]+)" aria-current="page"/g)].map((m) => m[1]);

async function page(agent: Agent, path: string) {
  const res = await agent.get(path).set('Accept', 'text/html');
  expect(res.status, path).toBe(200);
  return res.text;
}

function expectBackOfficeLayout(html: string, path: string) {
  expect(html, path).toContain('class="lang-en admin"');
  expect(html, `${path}: storefront search`).not.toContain('action="/search"');
  expect(html, `${path}: storefront cart`).not.toContain('href="/cart"');
  expect(html, `${path}: storefront header`).not.toContain('class="site-header"');
  expect(html, `${path}: storefront footer`).not.toContain('class="site-footer"');
  expect(html, path).toContain('href="/static/css/backoffice.css"');
  // the top bar: a way back to the shop, who is signed in, the language switch and signing out
  expect(html, path).toMatch(/<a class="bo-brand" href="\/">[\s\S]*View shop/);
  expect(html, path).toContain('action="/lang"');
  expect(html, path).toContain('action="/logout"');
  // the menu button for phones, working without a script
  expect(html, path).toMatch(/<details class="bo-menu"><summary>Menu<\/summary><\/details>\s*<nav class="bo-nav"/);
}

describe('the back office has its own layout', () => {
  it('every back-office page shows the side navigation with its own section marked, and no storefront header', async () => {
    const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const p = await createProduct({
      name: 'ASUS TUF',
      categoryId: cat.id,
      variants: [{ sku: 'A-1', price: '10.00', stock: 5 }],
    });
    const app = newApp();
    const guest = request.agent(app);
    await addToCart(guest, p.variants[0]!.id, 1);
    const { token, csrf } = await checkoutToReview(guest);
    const number = (await placeOrder(guest, token, csrf)).headers.location!.split('/')[2]!;
    const customer = await createUser({ role: 'customer', name: 'Sokha Chan' });
    const admin = await loginAs(app, await createUser({ role: 'admin', name: 'Dara Meas' }));

    const pages: [string, string][] = [
      ['/admin', '/admin'],
      ['/admin/orders', '/admin/orders'],
      [`/admin/orders/${number}`, '/admin/orders'],
      ['/admin/orders?status=paid', '/admin/orders'],
      ['/admin/payments', '/admin/payments'],
      ['/admin/products', '/admin/products'],
      ['/admin/products/new', '/admin/products'],
      [`/admin/products/${p.id}`, '/admin/products'],
      ['/admin/products/import', '/admin/products'],
      ['/admin/categories', '/admin/categories'],
      ['/admin/banners', '/admin/banners'],
      ['/admin/pages', '/admin/pages'],
      ['/admin/pages/new', '/admin/pages'],
      ['/admin/messages', '/admin/messages'],
      ['/admin/inventory', '/admin/inventory'],
      [`/admin/inventory/${p.variants[0]!.id}`, '/admin/inventory'],
      ['/admin/customers', '/admin/customers'],
      [`/admin/customers/${customer.id}`, '/admin/customers'],
      ['/admin/staff', '/admin/staff'],
      ['/admin/reports/sales', '/admin/reports'],
      ['/admin/settings', '/admin/settings'],
    ];
    for (const [path, current] of pages) {
      const html = await page(admin, path);
      expectBackOfficeLayout(html, path);
      expect(currentLinks(html), path).toEqual([current]);
      expect(html, path).toMatch(/<p class="bo-who">[\s\S]*Dara Meas/);
    }

    // An admin sees every entry, grouped, in this order.
    const html = await page(admin, '/admin');
    expect(navLinks(html)).toEqual([
      '/admin',
      '/admin/orders',
      '/admin/payments',
      '/pos',
      '/admin/repairs',
      '/admin/products',
      '/admin/categories',
      '/admin/inventory',
      '/admin/purchase-orders',
      '/admin/suppliers',
      '/admin/banners',
      '/admin/customers',
      '/admin/warranty',
      '/admin/messages',
      '/admin/staff',
      '/admin/reports',
      '/admin/pages',
      '/admin/settings',
    ]);
    expect([...sideNav(html).matchAll(/<p class="bo-nav-group"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual([
      'Sales',
      'Catalog',
      'People',
      'Shop',
    ]);
  });

  it('staff do not see the admin-only entries (and an empty group is left out)', async () => {
    const app = newApp();
    const staff = await loginAs(app, await createUser({ role: 'staff' }));
    for (const path of ['/admin', '/admin/orders', '/admin/products', '/admin/inventory', '/admin/customers']) {
      const html = await page(staff, path);
      expectBackOfficeLayout(html, path);
      expect(navLinks(html), path).toEqual([
        '/admin',
        '/admin/orders',
        '/admin/payments',
        '/pos',
        '/admin/repairs',
        '/admin/products',
        '/admin/categories',
        '/admin/inventory',
        '/admin/purchase-orders',
        '/admin/customers',
        '/admin/warranty',
        '/admin/messages',
      ]);
      expect(sideNav(html), path).not.toContain('>Shop<');
    }
    expect((await staff.get('/admin/settings').set('Accept', 'text/html')).status).toBe(403);
  });

  it('in Khmer the navigation and the menu button are in Khmer', async () => {
    const app = newApp();
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const token = /name="_csrf" value="([^"]+)"/.exec(await page(admin, '/admin'))![1]!;
    await admin.post('/lang').type('form').send({ _csrf: token, locale: 'km', next: '/admin' }).expect(303);
    const html = await page(admin, '/admin/orders');
    expect(html).toContain('class="lang-km admin"');
    expect(html).toContain('<summary>ម៉ឺនុយ</summary>');
    expect(sideNav(html)).toContain('>ការលក់<');
    expect(sideNav(html)).toContain('>ផ្ទាំងផ្សាយ<');
    expect(currentLinks(html)).toEqual(['/admin/orders']);
  });

  it('an empty dashboard says there are no orders yet, and draws no empty chart', async () => {
    const app = newApp();
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const html = await page(admin, '/admin');
    expect(html).toMatch(/<td colspan="5" class="bo-empty"[^>]*>No orders yet<\/td>/);
    expect(html).not.toContain('id="sales-chart"');
    expect(html).toContain('No sales in the last 30 days yet.');
  });

  it('a dashboard with an order lists it, with no "No orders yet" row', async () => {
    const cat = await createCategory({ name: 'Mice', slug: 'mice' });
    const p = await createProduct({
      name: 'Logitech M90',
      categoryId: cat.id,
      variants: [{ sku: 'M90', price: '5.00', stock: 5 }],
    });
    const app = newApp();
    const guest = request.agent(app);
    await addToCart(guest, p.variants[0]!.id, 1);
    const { token, csrf } = await checkoutToReview(guest);
    const number = (await placeOrder(guest, token, csrf)).headers.location!.split('/')[2]!;
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const html = await page(admin, '/admin');
    expect(html).toContain(`<a href="/admin/orders/${number}">${number}</a>`);
    expect(html).not.toContain('No orders yet');
  });

  it('the storefront cart badge has no aria-label on a span; the link says what the number is', async () => {
    const app = newApp();
    const guest = request.agent(app);
    const html = (await guest.get('/').set('Accept', 'text/html')).text;
    const link = /<a class="cart-link"[^>]*>([\s\S]*?)<\/a>/.exec(html)![1]!;
    expect(link).not.toMatch(/<span[^>]*aria-label/);
    expect(link).toContain('<span class="visually-hidden">, number of items</span>');
    expect(link).toMatch(/<span class="badge" data-cart-count>0<\/span>/);
    expect(html).not.toMatch(/<span[^>]*data-cart-count[^>]*aria-label/);
  });
});
