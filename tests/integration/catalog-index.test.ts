import { describe, expect, it } from 'vitest';
import { changedSince, loadCatalogIndex } from '../../src/modules/catalog/catalog-index.js';
import { parseListingQuery } from '../../src/modules/catalog/catalog.schemas.js';
import { refreshProductSummary } from '../../src/modules/catalog/product-summary.service.js';
import { createBrand, createCategory, createProduct, createProductType } from '../helpers/catalog.js';
import { query } from '../helpers/db.js';

const dbNow = async () => new Date((await query<{ now: Date }>('SELECT NOW(3) AS now'))[0]!.now);
const filters = (q: Record<string, string>, search = false) => parseListingQuery(q, search);

/**
 * Each process holds the catalog index and, every second, reloads the products whose changed_at moved
 * (changedSince + reload). These tests do by hand what the poll does, against the real database.
 */
describe('catalog index: a change after the full load', () => {
  it('is found by the poll; the product is then searched by its new words, listed at its new price and spec', async () => {
    const laptops = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const brand = await createBrand('ASUS');
    const type = await createProductType('laptop', [{ code: 'ram', name: 'RAM', dataType: 'number', unit: 'GB' }]);
    const ram = type.attributes[0]!.id;
    const alpha = await createProduct({
      name: 'Alpha Notebook',
      categoryId: laptops.id,
      brandId: brand.id,
      productTypeId: type.id,
      variants: [{ price: '500.00', stock: 3 }],
      specs: [{ attributeId: ram, value: '8', number: '8' }],
    });
    const beta = await createProduct({
      name: 'Beta Notebook',
      categoryId: laptops.id,
      brandId: brand.id,
      productTypeId: type.id,
      variants: [{ price: '900.00', stock: 3 }],
      specs: [{ attributeId: ram, value: '16', number: '16' }],
    });
    const index = await loadCatalogIndex();
    const found = (q: string) => [...index.search(q, { limit: 50 }).keys()];
    const listed = (q: Record<string, string>) => index.listing(filters(q), { categoryIds: [laptops.id] }, 24);
    expect(found('alpha')).toEqual([alpha.id]);
    expect(found('notebook').sort()).toEqual([alpha.id, beta.id].sort());
    expect(listed({ min: '400', max: '600' }).ids).toEqual([alpha.id]);
    const since = await dbNow();

    // Renamed, repriced and given 32 GB through the admin's path (the summary refresh stamps changed_at).
    await query("UPDATE products SET name = 'Gamma Notebook' WHERE id = ?", [alpha.id]);
    await query("UPDATE variants SET price = '700.00' WHERE product_id = ?", [alpha.id]);
    await query("UPDATE product_specs SET value_text = '32', value_number = 32 WHERE product_id = ?", [alpha.id]);
    await refreshProductSummary(alpha.id);
    const changed = (await changedSince(since)).map((c) => Number(c.id));
    expect(changed).toEqual([alpha.id]);
    // Until the poll reloads it, the index answers as before.
    expect(found('alpha')).toEqual([alpha.id]);
    await index.reload(changed);
    expect(found('alpha')).toEqual([]);
    expect(found('gamma')).toEqual([alpha.id]);
    expect(found('gamma notebook')).toEqual([alpha.id]);
    expect(listed({ min: '400', max: '600' }).ids).toEqual([]);
    expect(listed({ min: '650', max: '750' }).ids).toEqual([alpha.id]);
    const ramFacet = listed({}).facets.specs.find((s) => s.code === 'ram')!;
    expect(ramFacet.values.map((v) => [v.value, v.count])).toEqual([
      ['16', 1],
      ['32', 1],
    ]);
    expect(listed({ s_ram: '32' }).ids).toEqual([alpha.id]);

    // Archived: the row's changed_at moves by itself (ON UPDATE), and the product leaves search and listings.
    const before = await dbNow();
    await query("UPDATE products SET status = 'archived' WHERE id = ?", [beta.id]);
    const gone = (await changedSince(before)).map((c) => Number(c.id));
    expect(gone).toEqual([beta.id]);
    await index.reload(gone);
    expect(found('notebook')).toEqual([alpha.id]);
    expect(found('beta')).toEqual([]);
    expect(listed({}).total).toBe(1);
    expect(index.related(alpha.id, laptops.id)).toEqual([]);
  });

  it("counts each filter's options without that filter, in one pass, as the filter panel needs", async () => {
    const laptops = await createCategory({ name: 'Laptops', slug: 'laptops' });
    const [asus, acer] = [await createBrand('ASUS'), await createBrand('Acer')];
    const make = (name: string, brandId: number, price: string, stock: number) =>
      createProduct({ name, categoryId: laptops.id, brandId, variants: [{ price, stock }] });
    await make('A1', asus.id, '150.00', 1);
    await make('A2', asus.id, '450.00', 0);
    await make('C1', acer.id, '150.00', 1);
    await make('C2', acer.id, '1500.00', 1);
    const index = await loadCatalogIndex();
    const { total, facets } = index.listing(
      filters({ brand: 'asus', min: '100', max: '300' }),
      { categoryIds: [laptops.id] },
      24,
    );
    expect(total).toBe(1);
    // Brands under the price filter only: ASUS A1, Acer C1.
    expect(facets.brands.map((b) => [b.slug, b.count])).toEqual([
      ['acer', 1],
      ['asus', 1],
    ]);
    // Prices under the brand filter only: ASUS at 150 and 450.
    expect(facets.priceBuckets.filter((b) => b.count).map((b) => [b.min, b.count])).toEqual([
      [100, 1],
      [300, 1],
    ]);
    expect(facets.inStockCount).toBe(1);
  });
});
