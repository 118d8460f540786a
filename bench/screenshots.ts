/**
 * Screenshots of a RUNNING shop, the way a customer and a cashier see it: home, a category with a
 * brand filter, a product with variants, the cart with two items, the till (/pos) and the back-office
 * dashboard (/admin), at 1280 px and 390 px wide, in English and Khmer. Drives Debian Chromium like a
 * user: the language link/button in the header, the product page's add-to-cart form, the /login form.
 *
 *   npx tsx bench/screenshots.ts --base http://127.0.0.1:3811 --out docs/screenshots/after \
 *     --email admin@shop.local --password 'long-enough-pass-2026'
 *
 * Options: --category SLUG (default laptops), --brand SLUG (default: the first brand the filter
 * offers), --product SLUG (default: the first product of the category with two or more variants),
 * --second SLUG (the other cart item; default: the next product of the category that can be bought),
 * --widths 1280,390 (which sizes to take), --chromium PATH (default /usr/bin/chromium or $CHROMIUM_PATH).
 * The account must be staff or admin; it signs in in a browser context of its own, so the guest's cart
 * is never moved into it.
 * Pages taller than 3000 px are cut at 3000 px; PNGs are palette-compressed with sharp.
 * See docs/screenshots/README.md for starting a seeded shop from any checkout.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import { z } from 'zod';
import { parseArgs } from '../src/scripts/args.js';

const Args = z.object({
  base: z.url({ error: 'needs --base http://host:port of a running shop' }),
  out: z.string({ error: 'needs --out DIR' }).min(1),
  email: z.email({ error: 'needs --email of a staff or admin account' }),
  password: z.string({ error: 'needs --password' }).min(1),
  category: z.string().min(1).default('laptops'),
  brand: z.string().min(1).optional(),
  product: z.string().min(1).optional(),
  second: z.string().min(1).optional(),
  chromium: z
    .string()
    .min(1)
    .default(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  widths: z
    .string()
    .regex(/^(1280|390)(,(1280|390))*$/, 'needs --widths 1280,390 (either or both)')
    .default('1280,390'),
});
type Options = z.infer<typeof Args>;

const LOCALES = ['en', 'km'] as const;
type Locale = (typeof LOCALES)[number];
const VIEWPORTS = [
  { width: 1280, height: 800, isMobile: false },
  { width: 390, height: 844, isMobile: true },
] as const;
/** Long pages are cut here so each file stays small enough to commit and to show in a README. */
const MAX_HEIGHT = 3000;
const TIMEOUT_MS = 30_000;

const parsed = Args.safeParse(parseArgs(process.argv.slice(2)));
if (!parsed.success) {
  console.error(`screenshots: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  console.error(
    'usage: npx tsx bench/screenshots.ts --base URL --out DIR --email E --password P ' +
      '[--category SLUG] [--brand SLUG] [--product SLUG] [--second SLUG] [--widths 1280,390] [--chromium PATH]',
  );
  process.exit(2);
}
const opts: Options = { ...parsed.data, base: parsed.data.base.replace(/\/$/, '') };
const url = (p: string) => `${opts.base}${p}`;

async function htmlLang(page: Page): Promise<string> {
  return (await page.locator('html').getAttribute('lang')) ?? '';
}

/** Switches the language with the page's own switch (a link for guests, a form for signed-in users). */
async function ensureLocale(page: Page, want: Locale): Promise<void> {
  if ((await htmlLang(page)) === want) return;
  const back = page.url();
  let control = page.locator('.lang-switch').first();
  if ((await control.count()) === 0) {
    // The back office has no switch of its own: use the storefront's, then come back.
    await page.goto(url('/'));
    if ((await htmlLang(page)) !== want) await ensureLocale(page, want);
    await page.goto(back);
    return;
  }
  const tag = await control.evaluate((el) => el.tagName.toLowerCase());
  if (tag === 'form') control = control.locator('button[type=submit]').first();
  if (await control.isVisible()) {
    await control.click();
  } else if (tag === 'a') {
    // Folded away in a phone menu: follow the same link.
    await page.goto(new URL((await control.getAttribute('href')) ?? '/', page.url()).href);
  } else {
    await page
      .locator('form.lang-switch')
      .first()
      .evaluate((f) => (f as HTMLFormElement).requestSubmit());
  }
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    await page.waitForLoadState('load');
    const lang = await htmlLang(page).catch(() => '');
    if (lang === want) return;
    if (Date.now() > deadline) throw new Error(`language did not switch to ${want} on ${page.url()}`);
    await page.waitForTimeout(100);
  }
}

/** Waits for fonts and (lazy) pictures down to the cut, then saves a compressed PNG and prints its path. */
async function shoot(page: Page, name: string, width: number, locale: Locale): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(async (cap) => {
    await document.fonts.ready;
    const end = Math.min(document.documentElement.scrollHeight, cap);
    for (let y = 0; y < end; y += Math.max(200, Math.floor(window.innerHeight / 2))) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 50));
    }
    window.scrollTo(0, 0);
    const pending = Array.from(document.images).filter((img) => !img.complete);
    await Promise.race([
      Promise.all(pending.map((img) => new Promise((r) => img.addEventListener('loadend', r, { once: true })))),
      new Promise((r) => setTimeout(r, 5000)),
    ]);
  }, MAX_HEIGHT);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400); // charts and transitions settle
  const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), MAX_HEIGHT);
  const raw = await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width, height }, animations: 'disabled' });
  const png = await sharp(raw).png({ palette: true, colours: 256, compressionLevel: 9, effort: 10 }).toBuffer();
  const file = path.join(opts.out, `${name}-${width}-${locale}.png`);
  await fs.writeFile(file, png);
  console.log(`${file} (${width}×${height}, ${Math.round(png.length / 1024)} KB)`);
}

/** Product links of a listing page, in page order, without repeats. */
async function productSlugs(page: Page): Promise<string[]> {
  const hrefs = await page.locator('main a[href^="/p/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const slugs = hrefs.map((h) => (h ?? '').replace(/^\/p\//, '').split(/[?#]/)[0] ?? '').filter((s) => s !== '');
  return [...new Set(slugs)];
}

async function canAddToCart(page: Page): Promise<boolean> {
  const button = page.locator('form[action="/cart/items"] button[type=submit]').first();
  return (await button.count()) > 0 && (await button.isEnabled());
}

type Targets = { categoryPath: string; product: string; second: string };

/** The filtered category, a product with variants and a second product for the cart. */
async function findTargets(page: Page): Promise<Targets> {
  const listing = `/c/${encodeURIComponent(opts.category)}`;
  await page.goto(url(listing));
  const brand = opts.brand ?? (await page.locator('input[name="brand"]').first().getAttribute('value'));
  if (!brand) throw new Error(`no brand filter on ${listing}: pass --brand or another --category`);
  const slugs = await productSlugs(page);
  let product = opts.product;
  let second = opts.second;
  for (const slug of slugs.slice(0, 40)) {
    if (product && second) break;
    await page.goto(url(`/p/${slug}`));
    if (!(await canAddToCart(page))) continue;
    const variants = await page.locator('a[href^="?v="]').count();
    if (!product && variants >= 2) product = slug;
    else if (slug !== product && !second) second = slug;
  }
  if (!product) throw new Error(`no product with two or more variants in ${listing}: pass --product`);
  if (!second) throw new Error(`no second product to add to the cart in ${listing}`);
  console.log(`category ${listing}?brand=${brand}, product ${product}, second cart item ${second}`);
  return { categoryPath: `${listing}?brand=${encodeURIComponent(brand)}`, product, second };
}

/**
 * Adds the product page's current variant with its own form (the page's script posts it with fetch).
 * One retry on a fresh page load: a first add from a visitor with no session yet can race the page.
 */
async function addToCart(page: Page, slug: string): Promise<void> {
  let problem = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.goto(url(`/p/${slug}`));
    await page.waitForLoadState('networkidle');
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/cart/items'));
    await page.locator('form[action="/cart/items"] button[type=submit]').first().click();
    const res = await posted;
    await page.waitForLoadState('networkidle');
    if (res.status() < 400) return;
    const body = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300);
    problem = `${res.status()}: ${body}`;
    console.error(`adding ${slug} to the cart answered ${problem}; trying again`);
  }
  throw new Error(`adding ${slug} to the cart answered ${problem}`);
}

async function signIn(page: Page): Promise<void> {
  await page.goto(url('/login?next=%2Fpos'));
  const form = page.locator('form[action="/login"]');
  await form.locator('input[name="email"]').fill(opts.email);
  await form.locator('input[name="password"]').fill(opts.password);
  await form.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: TIMEOUT_MS });
  if (!page.url().includes('/pos')) throw new Error(`signing in did not reach /pos (at ${page.url()})`);
}

/** A guest: storefront pages in each language; the cart is filled once, before the first cart shot. */
async function shootStorefront(context: BrowserContext, width: number, known: Targets | null): Promise<Targets> {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const targets = known ?? (await findTargets(page));
  let cartFilled = false;
  for (const locale of LOCALES) {
    await page.goto(url('/'));
    await ensureLocale(page, locale);
    await shoot(page, 'home', width, locale);
    await page.goto(url(targets.categoryPath));
    await shoot(page, 'category', width, locale);
    await page.goto(url(`/p/${targets.product}`));
    await shoot(page, 'product', width, locale);
    if (!cartFilled) {
      await addToCart(page, targets.product);
      await addToCart(page, targets.second);
      cartFilled = true;
    }
    await page.goto(url('/cart'));
    await shoot(page, 'cart', width, locale);
  }
  return targets;
}

/**
 * The cashier / manager, in a browser of their own (signing in from the guest's browser would move
 * the guest's cart into the staff account): the till and the dashboard in each language.
 */
async function shootBackOffice(context: BrowserContext, width: number): Promise<void> {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  await signIn(page);
  for (const locale of LOCALES) {
    await page.goto(url('/pos'));
    await ensureLocale(page, locale);
    await shoot(page, 'pos', width, locale);
    await page.goto(url('/admin'));
    await ensureLocale(page, locale);
    await shoot(page, 'dashboard', width, locale);
  }
}

await fs.mkdir(opts.out, { recursive: true });
const browser = await chromium.launch({
  executablePath: opts.chromium,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  let targets: Targets | null = null;
  for (const vp of VIEWPORTS.filter((v) => opts.widths.split(',').includes(String(v.width)))) {
    const settings = {
      viewport: { width: vp.width, height: vp.height },
      deviceScaleFactor: 1,
      isMobile: vp.isMobile,
      hasTouch: vp.isMobile,
    };
    const guest = await browser.newContext(settings);
    try {
      targets = await shootStorefront(guest, vp.width, targets);
    } finally {
      await guest.close();
    }
    const staff = await browser.newContext(settings);
    try {
      await shootBackOffice(staff, vp.width);
    } finally {
      await staff.close();
    }
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await browser.close();
}
