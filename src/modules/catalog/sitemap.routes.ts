import { Router } from 'express';
import { allow } from '../../middleware/access.js';
import { parseInput } from '../../lib/validation.js';
import { config } from '../../config/env.js';
import { NotFoundError } from '../../lib/errors.js';
import { getCategoryTree, isVisible } from './categories.queries.js';
import { countActiveProducts, findActiveCategoryIdsWithProducts, findSitemapProducts } from './product.queries.js';
import { FileParam } from './catalog.schemas.js';

const PER_FILE = 10_000;
const xmlEscape = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** /robots.txt and a sitemap index with category and product sitemaps of at most 10,000 URLs each. */

export function sitemapRoutes(): Router {
  const r = Router();

  r.get('/robots.txt', allow.visitor, (_req, res) => {
    res
      .type('text/plain')
      .send(
        [
          'User-agent: *',
          'Disallow: /admin',
          'Disallow: /pos',
          'Disallow: /cart',
          'Disallow: /checkout',
          'Disallow: /account',
          'Disallow: /orders',
          'Disallow: /search',
          '',
          `Sitemap: ${config.BASE_URL}/sitemap.xml`,
          '',
        ].join('\n'),
      );
  });

  r.get('/sitemap.xml', allow.visitor, async (_req, res) => {
    const files = Math.max(1, Math.ceil((await countActiveProducts()) / PER_FILE));
    const entries = [
      `${config.BASE_URL}/sitemap-categories.xml`,
      ...Array.from({ length: files }, (_, i) => `${config.BASE_URL}/sitemap-products-${i + 1}.xml`),
    ];
    res
      .type('application/xml')
      .send(
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
          `${entries.map((loc) => `<sitemap><loc>${xmlEscape(loc)}</loc></sitemap>`).join('\n')}\n</sitemapindex>\n`,
      );
  });

  r.get('/sitemap-categories.xml', allow.visitor, async (_req, res) => {
    const tree = await getCategoryTree();
    const withProducts = new Set((await findActiveCategoryIdsWithProducts()).map((r) => Number(r.categoryId)));
    const visible = [...tree.byId.values()].filter(
      (c) =>
        isVisible(tree, c) && [...tree.byId.values()].some((d) => withProducts.has(d.id) && d.path.startsWith(c.path)),
    );
    const urls = [`${config.BASE_URL}/`, ...visible.map((c) => `${config.BASE_URL}/c/${c.slug}`)];
    res.type('application/xml').send(urlset(urls.map((loc) => ({ loc }))));
  });

  r.get('/sitemap-products-:n.xml', allow.visitor, async (req, res) => {
    const { n } = parseInput(FileParam, req.params);
    if (!n) throw new NotFoundError();
    const rows = await findSitemapProducts((n - 1) * PER_FILE, PER_FILE);
    if (!rows.length && n > 1) throw new NotFoundError();
    res.type('application/xml').send(
      urlset(
        rows.map((p) => ({
          loc: `${config.BASE_URL}/p/${p.slug}`,
          lastmod: new Date(p.updatedAt).toISOString().slice(0, 10),
        })),
      ),
    );
  });

  return r;
}

function urlset(urls: { loc: string; lastmod?: string }[]): string {
  const body = urls
    .map((u) => `<url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`)
    .join('\n');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`
  );
}
