import { buildProduct, lineKey, type ProductDef } from './builders.js';
import { typeLabel, type ImageRequest } from './images.js';
import type { Line } from './lines.js';
import { COMPONENT_LINES } from './models.components.js';
import { COMPUTER_LINES } from './models.computers.js';
import { PERIPHERAL_LINES } from './models.peripherals.js';
import { hash } from './random.js';
import { CATEGORY_TREE, PRODUCT_TYPES } from './taxonomy.data.js';

const ALL_LINES: Line[] = [...COMPUTER_LINES, ...COMPONENT_LINES, ...PERIPHERAL_LINES];
const CATEGORY_NAMES = new Map(CATEGORY_TREE.flatMap((t) => (t.children ?? []).map((c) => [c.slug, c.name] as const)));

/** The hand-written demo catalog, in a stable order (so barcodes and SKUs are the same on every run). */
export function demoProducts(now: number): { defs: ProductDef[]; usedCodes: Set<string> } {
  const usedCodes = new Set<string>();
  const slugs = new Set<string>();
  let seq = 0;
  const defs: ProductDef[] = [];
  for (const line of ALL_LINES) {
    for (const model of line.models) {
      const def = buildProduct({ line, model, usedCodes, now, barcodeSeq: () => ++seq });
      if (slugs.has(def.slug)) throw new Error(`seed data: duplicate product ${def.name}`);
      slugs.add(def.slug);
      defs.push(def);
    }
  }
  return { defs, usedCodes };
}

/** "K4821": a model number unique for each generated index k. */
function generatedNumber(k: number): string {
  const letter = String.fromCharCode(65 + (Math.floor(k / 9000) % 26));
  const round = Math.floor(k / 234_000);
  return `${letter}${1000 + (k % 9000)}${round ? `-${round}` : ''}`;
}

/**
 * Products beyond the demo set for benchmarks: brand × series × a generated model number,
 * with the specs, options and (jittered) prices of a real model of the same line.
 */
export function* generatedProducts(
  start: number,
  count: number,
  now: number,
  usedCodes: Set<string>,
): Generator<ProductDef> {
  const templates = ALL_LINES.flatMap((line) =>
    line.models.map((model) => ({
      line,
      model: model
        .split('|')
        .filter((f) => !f.trim().startsWith('!'))
        .join('|'),
    })),
  );
  for (let k = start; k < start + count; k++) {
    const t = templates[k % templates.length]!;
    const first = t.model
      .split('|')[0]!
      .trim()
      .split(/[\s-]+/)[0]!;
    let j = 0;
    yield buildProduct({
      line: t.line,
      model: t.model,
      rename: `${first} ${generatedNumber(k)}`,
      priceFactor: 0.85 + (hash(`price${k}`) % 36) / 100,
      usedCodes,
      now,
      barcodeSeq: () => 100_000_000 + k * 4 + j++,
    });
  }
}

/** One picture per product line (brand + series) and one "shop service" picture per type. */
export function imageRequests(): ImageRequest[] {
  const lines = ALL_LINES.map((l) => ({
    id: lineKey(l),
    type: l.type,
    brand: l.label ?? l.brand,
    title: l.series || (l.type === 'generic' ? (CATEGORY_NAMES.get(l.category) ?? '') : typeLabel(l.type)),
    caption: l.type === 'generic' ? 'Accessories' : (CATEGORY_NAMES.get(l.category) ?? typeLabel(l.type)),
  }));
  const extras = PRODUCT_TYPES.map((t) => ({
    id: `extra|${t.code}`,
    type: t.code,
    brand: null,
    title: 'Genuine, with shop warranty',
    caption: 'Checked and tested in our Phnom Penh shop',
    neutral: true,
  }));
  return [...lines, ...extras];
}
