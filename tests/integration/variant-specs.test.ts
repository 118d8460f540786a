import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { specsFromOptions } from '../../src/modules/catalog/variant-specs.js';
import { createCategory, createProduct, createProductType } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';
import { createUser, loginAs, newApp, postForm } from '../helpers/http.js';

const names16 = (res: { text: string }) => [...res.text.matchAll(/class="card-name">([^<]+)</g)].map((m) => m[1]);

/** The spec table's rows of a product page: [name, value]. */
const specRows = (html: string) =>
  [...html.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>([^<]+)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);

describe('specs that differ between variants live on the variant', () => {
  it('an option naming a spec is that spec for the variant: RAM=16 GB → 16, 1 TB in GB → 1000', () => {
    const attrs = [
      { id: 1, code: 'ram', name: 'RAM', nameKm: 'អង្គចងចាំ', unit: 'GB', dataType: 'number' as const },
      { id: 2, code: 'storage', name: 'Storage', nameKm: null, unit: 'GB', dataType: 'number' as const },
      { id: 3, code: 'colour', name: 'Colour', nameKm: null, unit: null, dataType: 'text' as const },
    ];
    expect(specsFromOptions({ RAM: '16 GB', Storage: '1 TB', Colour: 'Silver', Keyboard: 'US' }, attrs)).toEqual([
      { attributeId: 1, text: '16', number: '16' },
      { attributeId: 2, text: '1000', number: '1000' },
      { attributeId: 3, text: 'Silver', number: null },
    ]);
    expect(specsFromOptions({ អង្គចងចាំ: '32 GB' }, attrs)).toEqual([{ attributeId: 1, text: '32', number: '32' }]);
  });

  it('the product page shows the picked variant’s RAM and storage (no JavaScript: ?v=), the others the product’s', async () => {
    const type = await createProductType('laptop', [
      { code: 'cpu', name: 'Processor' },
      { code: 'ram', name: 'RAM', dataType: 'number', unit: 'GB' },
      { code: 'storage', name: 'Storage', dataType: 'number', unit: 'GB' },
    ]);
    const [cpu, ram, storage] = type.attributes;
    const cat = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const p = await createProduct({
      name: 'ASUS Vivobook 15',
      slug: 'asus-vivobook-15',
      categoryId: cat.id,
      productTypeId: type.id,
      specs: [
        { attributeId: cpu!.id, value: 'Core i5-1335U' },
        { attributeId: ram!.id, value: '8', number: '8' },
        { attributeId: storage!.id, value: '512', number: '512' },
      ],
      variants: [
        { sku: 'VB15-8-512', price: '549.00', options: { RAM: '8 GB', Storage: '512 GB' } },
        { sku: 'VB15-16-1T', price: '649.00', options: { RAM: '16 GB', Storage: '1 TB' } },
      ],
    });
    // An admin saves the second variant (as after any edit), which records its specs.
    const admin = await loginAs(newApp(), await createUser({ role: 'admin' }));
    const v2 = p.variants[1]!;
    const saved = await postForm(
      admin,
      `/admin/products/${p.id}/variants/${v2.id}`,
      {
        sku: 'VB15-16-1T',
        barcode: '',
        options: 'RAM=16 GB; Storage=1 TB',
        price: '649.00',
        compareAtPrice: '',
        costPrice: '500.00',
        lowStockThreshold: '3',
        isActive: '1',
      },
      `/admin/products/${p.id}`,
    );
    expect(saved.status).toBe(303);
    expect(
      await query(
        'SELECT variant_id, attribute_id, value_text, value_number FROM variant_specs ORDER BY variant_id, attribute_id',
      ),
    ).toEqual([
      { variant_id: p.variants[0]!.id, attribute_id: ram!.id, value_text: '8', value_number: '8.000' },
      { variant_id: p.variants[0]!.id, attribute_id: storage!.id, value_text: '512', value_number: '512.000' },
      { variant_id: v2.id, attribute_id: ram!.id, value_text: '16', value_number: '16.000' },
      { variant_id: v2.id, attribute_id: storage!.id, value_text: '1000', value_number: '1000.000' },
    ]);
    const app = newApp();
    const big = await request(app).get('/p/asus-vivobook-15?v=VB15-16-1T');
    expect(big.text).toContain('$649.00');
    expect(specRows(big.text)).toEqual([
      ['Processor', 'Core i5-1335U'],
      ['RAM', '16 GB'],
      ['Storage', '1 TB'],
    ]);
    const small = await request(app).get('/p/asus-vivobook-15?v=VB15-8-512');
    expect(specRows(small.text)).toEqual([
      ['Processor', 'Core i5-1335U'],
      ['RAM', '8 GB'],
      ['Storage', '512 GB'],
    ]);

    // The listing's RAM filter and counts see each variant's RAM; a plain product counts by its own.
    await createProduct({
      name: 'Acer Aspire 3',
      categoryId: cat.id,
      productTypeId: type.id,
      specs: [{ attributeId: ram!.id, value: '8', number: '8' }],
      variants: [{ sku: 'AA3-8', price: '399.00' }],
    });
    const sixteen = await request(app).get('/c/laptops?s_ram=16');
    expect(sixteen.text).toContain('ASUS Vivobook 15');
    expect(sixteen.text).not.toContain('Acer Aspire 3');
    const eight = await request(app).get('/c/laptops?s_ram=8');
    expect(eight.text).toContain('ASUS Vivobook 15');
    expect(eight.text).toContain('Acer Aspire 3');
    const all = (await request(app).get('/c/laptops')).text;
    // RAM and storage are from–to ranges: each value with its count.
    expect(all).toMatch(/<select id="r-ram-min"[\s\S]*?<option value="8">8 GB \(2\)<\/option>/);
    expect(all).toMatch(/<select id="r-ram-min"[\s\S]*?<option value="16">16 GB \(1\)<\/option>/);
    expect(all).toMatch(/<select id="r-storage-min"[\s\S]*?<option value="1000">1 TB \(1\)<\/option>/);
    expect(names16(await request(app).get('/c/laptops?r_ram_min=16'))).toEqual(['ASUS Vivobook 15']);
  });
});
