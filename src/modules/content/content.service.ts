import { asc, eq } from 'drizzle-orm';
import { config } from '../../config/env.js';
import { db } from '../../db/client.js';
import { contentPages, users, type ContentPage, type Locale } from '../../db/schema.js';
import { insertId } from '../../db/util.js';
import { TtlCache } from '../../lib/cache.js';
import { isDuplicateKeyError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { clearPageCache } from '../../lib/page-store.js';
import type { PageInput } from './content.schemas.js';

type FooterLink = { slug: string; titleEn: string; titleKm: string | null };

/**
 * The footer on every page links the published pages: kept in memory for CATALOG_CACHE_SECONDS (as the settings
 * and banners) and dropped at once when a page is saved here; another process sees the change within that time.
 */
const footerCache = new TtlCache<FooterLink[]>(config.CATALOG_CACHE_SECONDS * 1000, 1);

export const footerPages = (): Promise<FooterLink[]> =>
  footerCache.get('published', () =>
    db
      .select({ slug: contentPages.slug, titleEn: contentPages.titleEn, titleKm: contentPages.titleKm })
      .from(contentPages)
      .where(eq(contentPages.isPublished, true))
      .orderBy(asc(contentPages.id)),
  );

/** After a save: the footer, and the whole storefront pages cached with the old footer in them. */
function forgetPages(): void {
  footerCache.clear();
  clearPageCache();
}

/**
 * A page's Markdown as HTML (raw HTML off, unsafe links refused: lib/markdown). That renderer starts headings at h3
 * for product descriptions; here they sit right under the page's h1, so the biggest heading used becomes h2.
 */
export function pageHtml(source: string): string {
  const html = renderMarkdown(source);
  // Raw HTML is escaped by the renderer, so every <hN> in its output is a Markdown heading.
  const levels = [...html.matchAll(/<h([1-6])>/g)].map((m) => Number(m[1]));
  if (!levels.length) return html;
  const shift = Math.min(...levels) - 2;
  return html.replace(/<(\/?)h([1-6])>/g, (_m, close: string, n: string) => `<${close}h${Number(n) - shift}>`);
}

/** What a reader sees: the Khmer words when the reader reads Khmer and they are written, else the English. */
export function pageInLocale(page: ContentPage, locale: Locale) {
  const khmerBody = locale === 'km' && page.bodyKm.trim() !== '';
  return {
    title: locale === 'km' && page.titleKm ? page.titleKm : page.titleEn,
    html: pageHtml(khmerBody ? page.bodyKm : page.bodyEn),
    /** Shown in English to a Khmer reader: the page says so. */
    untranslated: locale === 'km' && !khmerBody,
  };
}

export const footerTitle = (p: FooterLink, locale: Locale) => (locale === 'km' && p.titleKm ? p.titleKm : p.titleEn);

export async function publishedPage(slug: string): Promise<ContentPage> {
  const [page] = await db.select().from(contentPages).where(eq(contentPages.slug, slug));
  if (!page?.isPublished) throw new NotFoundError();
  return page;
}

export const listPages = () =>
  db
    .select({
      id: contentPages.id,
      slug: contentPages.slug,
      titleEn: contentPages.titleEn,
      titleKm: contentPages.titleKm,
      isPublished: contentPages.isPublished,
      updatedAt: contentPages.updatedAt,
      updatedBy: users.name,
    })
    .from(contentPages)
    .leftJoin(users, eq(users.id, contentPages.updatedBy))
    .orderBy(asc(contentPages.id));

export async function getPage(id: number): Promise<ContentPage> {
  const [page] = await db.select().from(contentPages).where(eq(contentPages.id, id));
  if (!page) throw new NotFoundError();
  return page;
}

/** A slug another page already has is the form's error, not a failure (the unique index decides, also in a race). */
async function saving<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new ValidationError({ slug: 'errors.pageSlugTaken' });
    throw err;
  }
}

export async function createPage(input: PageInput, userId: number): Promise<number> {
  const id = await saving(async () => insertId(await db.insert(contentPages).values({ ...input, updatedBy: userId })));
  forgetPages();
  return id;
}

export async function updatePage(id: number, input: PageInput, userId: number): Promise<void> {
  await getPage(id);
  await saving(() =>
    db
      .update(contentPages)
      .set({ ...input, updatedBy: userId, updatedAt: new Date() })
      .where(eq(contentPages.id, id)),
  );
  forgetPages();
}
