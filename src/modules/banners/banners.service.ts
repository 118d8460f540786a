import { and, asc, eq, isNull, lte, gt, or, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { config } from '../../config/env.js';
import { db } from '../../db/client.js';
import { banners, settings, type Locale } from '../../db/schema.js';
import { insertId } from '../../db/util.js';
import { TtlCache } from '../../lib/cache.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import {
  deleteImageFiles,
  IMAGE_REFUSAL_MESSAGE,
  ImageRejectedError,
  inspectImage,
  storeImage,
} from '../../lib/images/image-store.js';
import { clearCatalogCaches } from '../catalog/catalog.service.js';
import { forgetSettings, getSettings } from '../settings/settings.service.js';
import type { BannerInput } from './banners.schemas.js';
import { imageInUse } from '../catalog-admin/images.service.js';

type Banner = typeof banners.$inferSelect;
type Upload = { buffer: Buffer };

/** The logo's largest box: it sits in a 40 px high header, twice that for sharp phone screens and some room. */
const LOGO_BOX = { width: 400, height: 120 };

const liveCache = new TtlCache<Banner[]>(config.CATALOG_CACHE_SECONDS * 1000, 1);

function forgetCaches(): void {
  liveCache.clear();
  clearCatalogCaches();
}

/** Checks an upload by content and stores it as the usual three WebP widths; refusals become a field error. */
async function storeUpload(file: Upload | undefined, field: string, resize?: typeof LOGO_BOX): Promise<string> {
  if (!file) throw new ValidationError({ [field]: 'errors.chooseImage' });
  try {
    await inspectImage(file.buffer);
    const buffer = resize
      ? await sharp(file.buffer, { failOn: 'error' })
          .rotate()
          .resize({ ...resize, fit: 'inside', withoutEnlargement: true })
          .png()
          .toBuffer()
      : file.buffer;
    return (await storeImage(buffer)).key;
  } catch (err) {
    if (err instanceof ImageRejectedError) throw new ValidationError({ [field]: IMAGE_REFUSAL_MESSAGE[err.reason] });
    throw err;
  }
}

/** The files of a picture go only when no product, banner or the logo still shows it (names are content hashes). */
async function dropImageIfUnused(key: string): Promise<void> {
  if (!(await imageInUse(key))) await deleteImageFiles(key);
}

export const listBanners = () => db.select().from(banners).orderBy(asc(banners.position), asc(banners.id));

export async function getBanner(id: number): Promise<Banner> {
  const [row] = await db.select().from(banners).where(eq(banners.id, id));
  if (!row) throw new NotFoundError();
  return row;
}

export async function createBanner(input: BannerInput, file: Upload | undefined): Promise<number> {
  const imageKey = await storeUpload(file, 'image');
  const id = insertId(await db.insert(banners).values({ ...input, imageKey }));
  forgetCaches();
  return id;
}

/** Saves the words, link and dates; a new picture (optional) replaces the old one. */
export async function updateBanner(id: number, input: BannerInput, file: Upload | undefined): Promise<void> {
  const old = await getBanner(id);
  const imageKey = file ? await storeUpload(file, 'image') : old.imageKey;
  await db
    .update(banners)
    .set({ ...input, imageKey })
    .where(eq(banners.id, id));
  if (imageKey !== old.imageKey) await dropImageIfUnused(old.imageKey);
  forgetCaches();
}

export async function deleteBanner(id: number): Promise<void> {
  const old = await getBanner(id);
  await db.delete(banners).where(eq(banners.id, id));
  await dropImageIfUnused(old.imageKey);
  forgetCaches();
}

/** Banners to show now: active, started (or no start) and not ended (or no end), in their order. */
export const liveBanners = (): Promise<Banner[]> =>
  liveCache.get('live', () =>
    db
      .select()
      .from(banners)
      .where(
        and(
          eq(banners.isActive, true),
          or(isNull(banners.startsAt), lte(banners.startsAt, sql`NOW(3)`)),
          or(isNull(banners.endsAt), gt(banners.endsAt, sql`NOW(3)`)),
        ),
      )
      .orderBy(asc(banners.position), asc(banners.id)),
  );

/** A banner's words in the visitor's language (Khmer when written, else English). */
export const bannerText = (b: Banner, locale: Locale) => ({
  title: locale === 'km' && b.titleKm ? b.titleKm : b.title,
  subtitle: locale === 'km' && b.subtitleKm ? b.subtitleKm : b.subtitle,
});

async function saveLogoKey(key: string): Promise<void> {
  await db
    .insert(settings)
    .values({ key: 'logoKey', value: key })
    .onDuplicateKeyUpdate({ set: { value: key } });
  forgetSettings();
}

/** The shop's logo: resized into 400×120 and stored as WebP; the header shows it instead of the name. */
export async function setLogo(file: Upload | undefined): Promise<void> {
  const old = (await getSettings()).logoKey;
  const key = await storeUpload(file, 'logo', LOGO_BOX);
  await saveLogoKey(key);
  if (old && old !== key) await dropImageIfUnused(old);
  forgetCaches();
}

export async function removeLogo(): Promise<void> {
  const old = (await getSettings()).logoKey;
  await saveLogoKey('');
  if (old) await dropImageIfUnused(old);
  forgetCaches();
}

/** The logo's picture key ('' for none), from the cached settings. */
export const logoKey = async (): Promise<string> => (await getSettings()).logoKey;
