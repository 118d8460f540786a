import request from 'supertest';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { createBrand, createCategory, createProduct, createProductType } from '../helpers/catalog.js';
import { createUser, loginAs, newApp, postForm } from '../helpers/http.js';
import { addToCart, checkoutToReview, placeOrder } from '../helpers/shop.js';
import { seedPages } from '../../src/db/seed/pages.js';
import { query } from '../helpers/db.js';

// Same-origin assets need no Subresource Integrity; everything else is the standard document rule set.
const validator = new HtmlValidate({
  extends: ['html-validate:document'],
  rules: { 'require-sri': 'off', 'no-trailing-whitespace': 'off', 'long-title': 'off' },
});

async function problems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`));
}

describe('every page is valid HTML', () => {
  it('storefront, account, checkout, order and back-office pages', async () => {
    const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const type = await createProductType('laptop', [{ code: 'ram', name: 'RAM', dataType: 'number', unit: 'GB' }]);
    const p = await createProduct({
      name: 'ASUS TUF',
      categoryId: cat.id,
      brandId: (await createBrand('Asus')).id,
      productTypeId: type.id,
      description: '# Title\n\n- one',
      variants: [
        { sku: 'A-1', price: '10.00', compareAtPrice: '12.00', stock: 5 },
        { sku: 'A-2', price: '11.00', stock: 0, options: { RAM: '16 GB' } },
      ],
      specs: [{ attributeId: type.attributes[0]!.id, value: '16', number: '16' }],
    });
    const app = newApp();
    const guest = request.agent(app);
    await addToCart(guest, p.variants[0]!.id, 1);
    await postForm(guest, '/compare/items', { productId: String(p.id) }, '/track');
    const { token, csrf } = await checkoutToReview(guest);
    const placed = await placeOrder(guest, token, csrf);
    const number = placed.headers.location!.split('/')[2]!;
    const admin = await loginAs(app, await createUser({ role: 'admin' }));
    const intake = await postForm(
      admin,
      '/admin/repairs',
      { phone: '012 345 678', name: 'Sokha', brand: 'Dell', model: 'Inspiron 15', problem: 'No power', deposit: '5' },
      '/admin/repairs/new',
    );
    const ticket = intake.headers.location!;
    await postForm(admin, `${ticket}/labour`, { description: 'Diagnosis', price: '5' }, ticket);
    await seedPages();
    const [shopPage] = await query<{ id: number }>("SELECT id FROM content_pages WHERE slug = 'terms'");
    await postForm(guest, '/contact', {
      name: 'Sokha',
      phone: '012 345 678',
      subject: 'Stock?',
      message: 'Is it in stock?\nThanks',
    });
    const pages: [typeof guest, string][] = [
      [guest, '/'],
      [guest, '/c/laptops'],
      [guest, '/search?q=asus'],
      [guest, '/search?q=zzzz'],
      [guest, `/p/${p.slug}`],
      [guest, '/compare'],
      [guest, '/compare?only=differences'],
      [guest, '/register'],
      [guest, '/login'],
      [guest, '/verify'],
      [guest, '/forgot-password'],
      [guest, '/cart'],
      [guest, '/track'],
      [guest, `/orders/${number}`],
      [guest, `/orders/${number}/pay`],
      [guest, `/orders/${number}/invoice`],
      [guest, '/no-such-page'],
      [admin, '/account'],
      [admin, '/admin'],
      [admin, '/admin/orders'],
      [admin, `/admin/orders/${number}`],
      [admin, '/admin/payments'],
      [admin, '/admin/customers'],
      [admin, '/admin/products'],
      [admin, `/admin/products/${p.id}`],
      [admin, '/admin/products/new'],
      [admin, '/admin/categories'],
      [admin, '/admin/inventory'],
      [admin, '/admin/staff'],
      [admin, '/admin/settings'],
      [admin, '/pos'],
      [admin, '/pos/returns'],
      [admin, '/pos/end-of-day'],
      [admin, '/admin/products/import'],
      [admin, '/admin/reports/sales'],
      [admin, '/admin/reports/profit'],
      [admin, '/admin/reports/products'],
      [admin, '/admin/reports/customers'],
      [admin, '/admin/reports/staff'],
      [admin, '/admin/reports/traffic'],
      [admin, '/admin/repairs'],
      [admin, '/admin/repairs/new'],
      [admin, ticket],
      [admin, `${ticket}/slip?size=80`],
      [admin, `${ticket}/slip?size=a4`],
      [admin, '/admin/repairs/report'],
      [guest, '/repair-status'],
      [guest, '/repair-status?ticket=R-000001&phone=012345678'],
      [guest, '/repair-status?ticket=R-000009&phone=012345678'],
      [guest, '/pages/terms'],
      [guest, '/contact'],
      [admin, '/admin/pages'],
      [admin, '/admin/pages/new'],
      [admin, `/admin/pages/${shopPage!.id}`],
      [admin, '/admin/messages'],
    ];
    const found: Record<string, string[]> = {};
    for (const [agent, path] of pages) {
      const res = await agent.get(path).set('Accept', 'text/html');
      const list = await problems(res.text);
      if (list.length) found[path] = list;
    }
    expect(found).toEqual({});
  }, 60_000);
});
