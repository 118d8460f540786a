import { Router, type Request } from 'express';
import { allow } from '../../middleware/access.js';
import { parseInput, SlugParam } from '../../lib/validation.js';
import { config } from '../../config/env.js';
import { NotFoundError } from '../../lib/errors.js';
import { productImageUrl } from '../../lib/images/image-store.js';
import {
  activeFilterCount,
  listingHref,
  type ListingFilters,
  parseListingQuery,
  SearchOptions,
  SORTS,
  VariantQuery,
  withoutFilters,
} from './catalog.schemas.js';
import * as catalog from './catalog.service.js';
import { categoryName } from './categories.queries.js';
import { sitemapRoutes } from './sitemap.routes.js';
import { suggestRoutes } from './suggest.routes.js';
import { searchListing } from './suggest.service.js';
import { bannerText, liveBanners } from '../banners/banners.service.js';
import { getSettings } from '../settings/settings.service.js';

const isStaff = (req: Request) => req.user?.role === 'staff' || req.user?.role === 'admin';

/** What the listing view needs besides the products: links that keep or drop filters, the filter count. */
const listingLocals = (basePath: string, filters: ListingFilters) => ({
  basePath,
  filters,
  href: (change: Partial<ListingFilters>) => listingHref(basePath, filters, change),
  /** A subcategory keeps the filters (and sort), back on page 1. */
  categoryHref: (slug: string) => listingHref(`/c/${slug}`, filters),
  clearHref: listingHref(basePath, withoutFilters(filters)),
  countUrl: `${basePath}/count`,
  activeCount: activeFilterCount(filters),
  scripts: ['/static/js/filters.js', '/static/js/compare.js'],
});

/** Storefront catalog: home, category listings, search, product pages, sitemap. */
export function catalogRoutes(): Router {
  const r = Router();

  r.get('/', allow.visitor, async (req, res) => {
    const [sections, tiles, live] = await Promise.all([
      catalog.homeSections(),
      catalog.categoryTiles(req.locale),
      liveBanners(),
    ]);
    res.render('catalog/home', {
      cacheBody: true,
      title: req.t('home.title'),
      ...sections,
      tiles,
      banners: live.map((b) => ({ ...b, ...bannerText(b, req.locale) })),
      canonicalUrl: `${config.BASE_URL}/`,
    });
  });

  r.get('/c/:slug', allow.visitor, async (req, res) => {
    const found = await catalog.findCategory(parseInput(SlugParam, req.params).slug);
    if (!found) throw new NotFoundError();
    const filters = await catalog.knownFilters(parseListingQuery(req.query, false));
    const listing = await catalog.listProducts(filters, found.node, req.locale);
    const basePath = `/c/${found.node.slug}`;
    const name = categoryName(found.node, req.locale);
    res.render('catalog/listing', {
      cacheBody: true,
      title: filters.page > 1 ? `${name} – ${req.t('catalog.page', { page: filters.page })}` : name,
      heading: name,
      trail: found.trail,
      ...listingLocals(basePath, filters),
      listing,
      sorts: SORTS.filter((s) => s !== 'relevance'),
      canonicalUrl:
        config.BASE_URL + listingHref(basePath, { ...filters, sort: 'bestselling' }, { page: filters.page }),
      noindex: filters.brands.length + Object.keys(filters.specs).length + Object.keys(filters.ranges).length > 1,
    });
  });

  // How many products the filters being chosen would show: the filter panel's "Show N results".
  r.get('/c/:slug/count', allow.visitor, async (req, res) => {
    const found = await catalog.findCategory(parseInput(SlugParam, req.params).slug);
    if (!found) throw new NotFoundError();
    const filters = await catalog.knownFilters(parseListingQuery(req.query, false));
    const { total } = await catalog.listProducts({ ...filters, page: 1 }, found.node, req.locale);
    res.json({ total, label: req.t('filters.showResults', { count: total }) });
  });

  r.get('/search', allow.visitor, async (req, res) => {
    const asked = await catalog.knownFilters(parseListingQuery(req.query, true));
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
      cacheBody: true,
      title: heading,
      heading,
      query: filters.q,
      correction: found?.correction,
      didYouMean: found?.didYouMean,
      trail: [],
      ...listingLocals('/search', filters),
      listing,
      suggestions,
      sorts: SORTS,
      noindex: true,
    });
  });

  r.get('/search/count', allow.visitor, async (req, res) => {
    const asked = await catalog.knownFilters(parseListingQuery(req.query, true));
    const { exact } = parseInput(SearchOptions, req.query);
    const total = asked.q ? (await searchListing({ ...asked, page: 1 }, req.locale, exact)).listing.total : 0;
    res.json({ total, label: req.t('filters.showResults', { count: total }) });
  });

  r.get('/p/:slug', allow.visitor, async (req, res) => {
    const { slug } = parseInput(SlugParam, req.params);
    const { v: sku } = parseInput(VariantQuery, req.query);
    const [view, shopSettings] = await Promise.all([
      catalog.productPage(slug, { staff: isStaff(req), sku, locale: req.locale }),
      getSettings(),
    ]);
    if (!view) throw new NotFoundError();
    const name = catalog.productName(view, req.locale);
    res.locals.trackAs = { kind: 'product', productId: view.id };
    const image = view.images[0];
    const url = `${config.BASE_URL}/p/${view.slug}`;
    res.render('catalog/product', {
      cacheBody: true,
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
      scripts: ['/static/js/product.js'],
      delivery: { phnomPenh: shopSettings.deliveryFeePhnomPenh, provinces: shopSettings.deliveryFeeProvinces },
    });
  });

  r.use(suggestRoutes());
  r.use(sitemapRoutes());
  return r;
}
