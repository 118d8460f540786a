import { slugify } from '../../lib/slug.js';
import type { ProductStatus } from '../schema.js';
import { describe, describeKm, genericShort, specText } from './describe.js';
import type { Line } from './lines.js';
import { ean13, randFor, type Rand } from './random.js';
import { BRANDS, CATEGORY_TREE } from './taxonomy.data.js';
import { PARSERS, parseOptionField, type Dim } from './type-parsers.js';

type VariantDef = {
  sku: string;
  barcode: string | null;
  options: Record<string, string>;
  title: string;
  priceCents: number;
  compareAtCents: number | null;
  costCents: number;
  stock: number;
  lowStockThreshold: number;
};

export type ProductDef = {
  name: string;
  nameKm: string | null;
  slug: string;
  brand: string | null;
  category: string;
  type: string;
  shortDescription: string;
  description: string;
  descriptionKm: string | null;
  warrantyMonths: number;
  status: ProductStatus;
  featured: boolean;
  createdAt: Date;
  soldCount: number;
  specs: { code: string; text: string; number: string | null }[];
  variants: VariantDef[];
  /** Which generated pictures: the line's (brand + series) and, sometimes, a second one. */
  images: { line: string; extra: boolean };
};

const BRAND = new Map(BRANDS.map((b) => [b.name, b]));
const CATEGORY_KM = new Map(
  CATEGORY_TREE.flatMap((t) => (t.children ?? []).map((c) => [c.slug, c.nameKm.replace(/\s*\(.*\)$/, '')] as const)),
);
const WARRANTY: Record<string, number> = {
  laptop: 24,
  desktop: 24,
  cpu: 36,
  gpu: 36,
  ram: 36,
  ssd: 60,
  hdd: 36,
  motherboard: 36,
  psu: 60,
  case: 12,
  monitor: 36,
  keyboard: 24,
  mouse: 12,
  headset: 12,
  webcam: 12,
  router: 24,
  switch: 36,
  wifi_adapter: 12,
  portable_storage: 24,
  printer: 12,
  generic: 6,
};
const DAY = 86_400_000;

export const lineKey = (l: Pick<Line, 'type' | 'brand' | 'series'>) => `${l.type}|${l.brand ?? ''}|${l.series}`;

/** "FA507NV" from "A15 FA507NV"; "E14G5" from "E14 Gen 5". */
function modelCode(model: string): string {
  const tokens = model.split(/\s+/).filter(Boolean);
  const last = tokens[tokens.length - 1] ?? '';
  if (/[A-Za-z]/.test(last) && /\d/.test(last) && last.length >= 5)
    return last
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase()
      .slice(0, 16);
  return tokens
    .map((t) => (/\d/.test(t) ? t : t[0]!))
    .join('')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
    .slice(0, 16);
}

function cartesian(dims: Dim[]): { options: Record<string, string>; codes: string[]; delta: number }[] {
  let combos = [{ options: {} as Record<string, string>, codes: [] as string[], delta: 0 }];
  for (const d of dims)
    combos = combos.flatMap((c) =>
      d.values.map((v) => ({
        options: { ...c.options, [d.name]: v.label },
        codes: [...c.codes, v.code],
        delta: c.delta + v.delta,
      })),
    );
  return combos.slice(0, 4);
}

/** Whole dollars above $30, half dollars below; compare-at 8–22 % above the price. */
function compareAt(priceCents: number, r: Rand): number {
  const raw = priceCents * (1.08 + r.next() * 0.14);
  const step = priceCents >= 3000 ? 100 : 50;
  return Math.ceil(raw / step) * step;
}

function stockLevel(r: Rand): number {
  const roll = r.next();
  if (roll < 0.07) return 0;
  if (roll < 0.17) return r.int(1, 3);
  return r.int(4, 40);
}

export type BuildInput = {
  line: Line;
  model: string;
  barcodeSeq: () => number;
  usedCodes: Set<string>;
  now: number;
  priceFactor?: number;
  rename?: string;
};

/** Turns one model string of a line into a full product with variants, specs and texts. */
export function buildProduct(input: BuildInput): ProductDef {
  const { line: l } = input;
  const fields = input.model.split('|').map((f) => f.trim());
  const flags = new Set(fields.filter((f) => f.startsWith('!')).map((f) => f.slice(1)));
  const optionDims = fields.map(parseOptionField).filter((d): d is Dim => d !== null);
  const positional = fields.filter((f) => !f.startsWith('!') && !parseOptionField(f));
  const model = input.rename ?? positional[0]!;
  const parsed = PARSERS[l.type]!(positional, { brand: l.brand, category: l.category });
  const name = [l.label ?? l.brand, l.series, model].filter(Boolean).join(' ');
  const slug = slugify(name);
  const r = randFor(slug);
  const brand = l.brand ? BRAND.get(l.brand)! : null;
  const dims = [...(parsed.dims ?? []), ...optionDims];
  const specs = { ...parsed.specs };
  const capacity = optionDims.find((d) => d.name === 'Capacity')?.values[0]?.label;
  if (l.type === 'portable_storage' && capacity)
    specs.capacity = Number.parseFloat(capacity) * (capacity.endsWith('TB') ? 1000 : 1);
  const warranty = l.type === 'cpu' && /tray/i.test(input.model) ? 36 : (WARRANTY[l.type] ?? 12);
  const priceCents = Math.max(100, Math.round(parsed.price * (input.priceFactor ?? 1)) * 100);
  const deal = r.chance(0.25);
  const withBarcodes = r.chance(0.6);
  let code = `${brand?.sku ?? 'CS'}-${modelCode(model)}`;
  if (input.usedCodes.has(code)) code = `${brand?.sku ?? 'CS'}-${modelCode(`${l.series} ${model}`)}`;
  const stem = code;
  for (let n = 2; input.usedCodes.has(code); n++) code = `${stem}-${n}`;
  input.usedCodes.add(code);
  const variants = cartesian(dims).map((c): VariantDef => {
    const price = priceCents + Math.round(c.delta * (input.priceFactor ?? 1)) * 100;
    const sku = [code, ...c.codes].join('-');
    return {
      sku,
      barcode: withBarcodes ? ean13(`${brand?.gs1 ?? '200'}${String(input.barcodeSeq()).padStart(9, '0')}`) : null,
      options: c.options,
      title: Object.values(c.options).join(' / '),
      priceCents: price,
      compareAtCents: deal ? compareAt(price, r) : null,
      costCents: Math.round(price * (0.7 + r.next() * 0.2)),
      stock: stockLevel(r),
      lowStockThreshold: price < 3000 ? 5 : 3,
    };
  });
  const short = parsed.short || genericShort(l.category, l.brand);
  const nameKm = r.chance(0.35) ? `${CATEGORY_KM.get(l.category) ?? ''} ${name}`.trim() : null;
  return {
    name,
    nameKm,
    slug,
    brand: l.brand,
    category: l.category,
    type: l.type,
    shortDescription: short,
    description: describe(
      { name, type: l.type, specs, short, warranty, options: variants.length > 1 ? variants.map((v) => v.title) : [] },
      r,
    ),
    descriptionKm: nameKm ? describeKm(nameKm, l.type, warranty) : null,
    warrantyMonths: warranty,
    status: flags.has('draft') ? 'draft' : flags.has('archived') ? 'archived' : 'active',
    featured: flags.has('featured'),
    createdAt: new Date(input.now - Math.floor(r.next() * 120 * DAY)),
    soldCount: Math.floor(r.next() ** 2 * 400) + (flags.has('featured') ? 60 : 0),
    specs: Object.entries(specs).map(([code, v]) => ({
      code,
      text: specText(v),
      number: typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? '1' : '0') : null,
    })),
    variants,
    images: { line: lineKey(l), extra: variants.length > 1 || r.chance(0.3) },
  };
}
