import { Router, type Request } from 'express';
import { allow } from '../../middleware/access.js';
import { parseInput, SlugParam } from '../../lib/validation.js';
import { config } from '../../config/env.js';
import { NotFoundError } from '../../lib/errors.js';
import { productImageUrl } from '../../lib/images/image-store.js';
import { listingHref, parseListingQuery, SearchOptions, SORTS, VariantQuery } from './catalog.schemas.js';
import * as catalog from './catalog.service.js';
import { categoryName } from './categories.queries.js';
import { sitemapRoutes } from './sitemap.routes.js';
import { suggestRoutes } from './suggest.routes.js';
import { searchListing } from './suggest.service.js';

const isStaff = (req: Request) => req.user?.role === 'staff' || req.user?.role === 'admin';

/** Storefront catalog: home, category listings, search, product pages, sitemap. */
export function catalogRoutes(): Router {
  const r = Router();

  r.get('/', allow.visitor, async (req, res) => {
    const [sections, categories] = await Promise.all([catalog.homeSections(), catalog.topCategories()]);
    res.render('catalog/home', {
      title: req.t('home.title'),
      ...sections,
      categories,
      canonicalUrl: `${config.BASE_URL}/`,
    });
  });

  r.get('/c/:slug', allow.visitor, async (req, res) => {
    const found = await catalog.findCategory(parseInput(SlugParam, req.params).slug);
    if (!found) throw new NotFoundError();
    const filters = parseListingQuery(req.query, false);
    const listing = await catalog.listProducts(filters, found.node, req.locale);
    const basePath = `/c/${found.node.slug}`;
    const name = categoryName(found.node, req.locale);
    res.render('catalog/listing', {
      title: filters.page > 1 ? `${name} – ${req.t('catalog.page', { page: filters.page })}` : name,
      heading: name,
      trail: found.trail,
      basePath,
      filters,
      listing,
      sorts: SORTS.filter((s) => s !== 'relevance'),
      href: (change: object) => listingHref(basePath, filters, change),
      canonicalUrl:
        config.BASE_URL + listingHref(basePath, { ...filters, sort: 'bestselling' }, { page: filters.page }),
      noindex: filters.brands.length + Object.keys(filters.specs).length > 1,
    });
  });

  r.get('/search', allow.visitor, async (req, res) => {
    const asked = parseListingQuery(req.query, true);
    const { exact } = parseInput(SearchOptions, req.query);
    const found = asked.q ? await searchListing(asked, req.locale, exact) : null;
    const filters = found?.filters ?? asked;
    const listing = found?.listing ?? null;
    const suggestions = !listing || listing.total === 0 ? await catalog.topCategories() : [];
    if (asked.q)
      res.locals.trackAs = {
        kind: 'search',
        searchTerm: asked.q.toLowerCase().slice(0, 100),
        searchResults: listing?.total ?? 0,
      };
    const heading = filters.q ? req.t('catalog.searchTitle', { q: filters.q }) : req.t('catalog.search');
    res.render('catalog/listing', {
      title: heading,
      heading,
      query: filters.q,
      correction: found?.correction,
      didYouMean: found?.didYouMean,
      trail: [],
      basePath: '/search',
      filters,
      listing,
      suggestions,
      sorts: SORTS,
      href: (change: object) => listingHref('/search', filters, change),
      noindex: true,
    });
  });

  r.get('/p/:slug', allow.visitor, async (req, res) => {
    const { slug } = parseInput(SlugParam, req.params);
    const { v: sku } = parseInput(VariantQuery, req.query);
    const view = await catalog.productPage(slug, { staff: isStaff(req), sku, locale: req.locale });
    if (!view) throw new NotFoundError();
    const name = catalog.productName(view, req.locale);
    res.locals.trackAs = { kind: 'product', productId: view.id };
    const image = view.images[0];
    const url = `${config.BASE_URL}/p/${view.slug}`;
    res.render('catalog/product', {
      title: view.seoTitle || name,
      metaDescription: view.seoDescription || view.shortDescription || name,
      canonicalUrl: url,
      noindex: view.status !== 'active',
      openGraph: {
        type: 'product',
        title: view.seoTitle || name,
        description: view.seoDescription || view.shortDescription,
        url,
        image: image ? `${config.BASE_URL}${productImageUrl(image.fileKey, 'lg')}` : undefined,
        site_name: req.t('shop.name'),
      },
      product: view,
      name,
    });
  });

  r.use(suggestRoutes());
  r.use(sitemapRoutes());
  return r;
}
