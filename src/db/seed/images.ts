import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import sharp from 'sharp';
import { imageDir, imageFile, storeImage } from '../../lib/images/image-store.js';
import { SILHOUETTES } from './silhouettes.js';
import { BRANDS, PRODUCT_TYPES } from './taxonomy.data.js';

export type SeedImage = { key: string; width: number; height: number };
export type ImageRequest = {
  id: string;
  type: string;
  brand: string | null;
  title: string;
  caption: string;
  neutral?: boolean;
};

const W = 1200;
const H = 900;
const FONT = 'DejaVu Sans, Liberation Sans, Noto Sans, sans-serif';
const COLOURS = new Map(BRANDS.map((b) => [b.name, b.colour]));
const TYPE_NAMES = new Map(PRODUCT_TYPES.map((t) => [t.code, t.name]));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A clean studio-style drawing: soft background, the product shape in the brand colour, brand and model text. */
function productSvg(req: ImageRequest): string {
  const colour = req.neutral ? '#64748b' : (COLOURS.get(req.brand ?? '') ?? '#475569');
  const draw = SILHOUETTES[req.type] ?? SILHOUETTES.generic!;
  const title = req.title.length > 34 ? `${req.title.slice(0, 33)}…` : req.title;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">\n` +
    '<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">' +
    '<stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="#e8edf3"/></linearGradient>\n' +
    '<radialGradient id="sh"><stop offset="0" stop-color="#0f172a" stop-opacity="0.22"/>' +
    '<stop offset="1" stop-color="#0f172a" stop-opacity="0"/></radialGradient></defs>\n' +
    `<rect width="${W}" height="${H}" fill="url(#bg)"/><rect width="${W}" height="10" fill="${colour}"/>\n` +
    '<ellipse cx="600" cy="650" rx="420" ry="40" fill="url(#sh)"/>\n' +
    `<g>${draw(colour, '#1f2937')}</g>\n` +
    `<text x="70" y="110" font-family="${FONT}" font-size="64" font-weight="700" fill="${colour}">` +
    `${esc(req.brand ?? 'Computer Shop')}</text>\n` +
    `<text x="600" y="760" font-family="${FONT}" font-size="50" font-weight="700" ` +
    'text-anchor="middle" fill="#0f172a">' +
    `${esc(title)}</text>\n` +
    `<text x="600" y="825" font-family="${FONT}" font-size="32" text-anchor="middle" fill="#64748b">` +
    `${esc(req.caption)}</text>\n` +
    '</svg>'
  );
}

const memory = new Map<string, SeedImage>();
const manifestPath = () => `${imageDir('products')}/.seed-images.json`;

async function readManifest(): Promise<Record<string, SeedImage>> {
  try {
    return JSON.parse(await fs.readFile(manifestPath(), 'utf8')) as Record<string, SeedImage>;
  } catch {
    return {};
  }
}

const exists = (key: string) =>
  fs.access(imageFile('products', key, 'lg')).then(
    () => true,
    () => false,
  );

/**
 * Renders and stores each distinct picture once. A manifest beside the files remembers
 * drawing → key, so a second seed run (or the large catalog) does not re-encode anything.
 */
export async function renderImages(requests: ImageRequest[], concurrency = 3): Promise<Map<string, SeedImage>> {
  const manifest = await readManifest();
  const out = new Map<string, SeedImage>();
  const unique = [...new Map(requests.map((r) => [r.id, r])).values()];
  let next = 0;
  let changed = false;
  const worker = async () => {
    while (next < unique.length) {
      const req = unique[next++]!;
      const svg = productSvg(req);
      const hash = crypto.createHash('sha256').update(svg).digest('hex').slice(0, 24);
      const known = memory.get(hash) ?? manifest[hash];
      if (known && (await exists(known.key))) {
        out.set(req.id, known);
        continue;
      }
      const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 1 }).toBuffer();
      const stored = await storeImage(png);
      const image = { key: stored.key, width: stored.width, height: stored.height };
      memory.set(hash, image);
      manifest[hash] = image;
      changed = true;
      out.set(req.id, image);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (changed) await fs.writeFile(manifestPath(), JSON.stringify(manifest));
  return out;
}

export const typeLabel = (type: string) => TYPE_NAMES.get(type) ?? 'Accessory';
