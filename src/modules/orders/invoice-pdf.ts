import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Order, OrderLine } from '../../db/schema.js';
import { formatRielFromUsd, formatUsd } from '../../domain/money.js';
import { shopDay } from '../../domain/shop-time.js';
import { translator } from '../../lib/i18n.js';
import { formatCambodianPhone } from '../../lib/phone.js';
import type { ShopSettings } from '../settings/settings.service.js';
import { invoiceKind } from './invoice-number.js';

/*
 * The invoice as a PDF (A4), in Khmer with English beneath (GDT: Khmer, or Khmer and English).
 * Khmer runs are set in Noto Sans Khmer, a full TrueType font that fontkit shapes (coeng stacks,
 * pre-base vowels), Latin runs in Helvetica. pdfkit's own line breaking neither knows where Khmer words
 * end (it would break inside a syllable) nor keeps baselines level across two fonts on one line, so text
 * is laid out here: Khmer is cut into words by Intl.Segmenter('km'), a line breaks only between
 * words (or at spaces in Latin text), and every piece is drawn on the line's common baseline.
 */

const require = createRequire(import.meta.url);
let fontData: { km: Buffer; kmBold: Buffer } | undefined;
const khmerFonts = () =>
  (fontData ??= {
    km: fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans-khmer/400Regular/NotoSansKhmer_400Regular.ttf')),
    kmBold: fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans-khmer/700Bold/NotoSansKhmer_700Bold.ttf')),
  });

type Doc = PDFKit.PDFDocument;
type FontName = 'km' | 'kmBold' | 'Helvetica' | 'Helvetica-Bold';
type Piece = { text: string; font: FontName; width: number };
type Box = { pieces: Piece[]; width: number; spaceBefore: boolean };
type Style = { size: number; bold?: boolean; color?: string; align?: 'left' | 'right' | 'center' };

const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/;
// Helvetica's WinAnsi set beyond Latin-1; anything else goes to Noto Sans Khmer, which has Latin too.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const helveticaHas = (ch: string) => (ch >= ' ' && ch <= '\u00ff') || WIN_ANSI_EXTRA.has(ch);
const words = new Intl.Segmenter('km', { granularity: 'word' });
// A Khmer orthographic syllable: a base, then coeng + consonant pairs and marks (never split).
const SYLLABLE = /[\u1780-\u17B3](?:\u17D2[\u1780-\u17B3]|[\u17B4-\u17D1\u17D3\u17DD\u200C\u200D])*|./gsu;

type Gpos = { applyAnchor(mark: { markAnchor: unknown }, base: unknown, index: number): void; nullSafe?: true };
type WithFontkit = { _font?: { font?: { _layoutEngine?: { engine?: { GPOSProcessor?: Gpos | null } } } } };

/**
 * fontkit 2.0.4 throws ("reading 'xCoordinate'") on a NULL anchor in a GPOS mark lookup, which the
 * OpenType spec allows and Noto Sans Khmer has: every word with ំ after some bases (ភ្នំពេញ, ទំនិញ)
 * would fail (foliojs/fontkit#367; the fix, PR #374, is not released). Until it is, such an
 * attachment is skipped as HarfBuzz does. Patched once on fontkit's GPOS class, reached through
 * the Khmer font pdfkit loaded; the PDF test renders these words and would catch a change.
 */
function skipNullAnchors(doc: Doc): void {
  const gpos = (doc.font('km') as unknown as WithFontkit)._font?.font?._layoutEngine?.engine?.GPOSProcessor;
  const proto = gpos ? (Object.getPrototypeOf(gpos) as Gpos) : undefined;
  if (!proto || proto.nullSafe) return;
  const apply = proto.applyAnchor;
  proto.applyAnchor = function (this: Gpos, mark, base, index) {
    if (mark.markAnchor && base) apply.call(this, mark, base, index);
  };
  proto.nullSafe = true;
}

const lineText = (line: Box[]) =>
  line.map((b, i) => (i && b.spaceBefore ? ' ' : '') + b.pieces.map((p) => p.text).join('')).join('');

/** Lays out and draws text in both scripts; returns the height used. */
class Writer {
  constructor(readonly doc: Doc) {
    doc.registerFont('km', khmerFonts().km);
    doc.registerFont('kmBold', khmerFonts().kmBold);
    skipNullAnchors(doc);
  }

  private measure(text: string, font: FontName, size: number): Piece {
    return { text, font, width: this.doc.font(font).fontSize(size).widthOfString(text) };
  }

  /** Pieces of one space-free word, by font. */
  private pieces(word: string, style: Style): Piece[][] {
    const km: FontName = style.bold ? 'kmBold' : 'km';
    const latin: FontName = style.bold ? 'Helvetica-Bold' : 'Helvetica';
    const fontOf = (ch: string): FontName => (KHMER.test(ch) || !helveticaHas(ch) ? km : latin);
    // Units that may not be split: Khmer words (punctuation kept with the word before), Latin runs.
    const units: { text: string; font: FontName; breakBefore: boolean }[] = [];
    for (const run of word.match(/[\u1780-\u17FF\u19E0-\u19FF\u200B-\u200D]+|[^\u1780-\u17FF\u19E0-\u19FF]+/gu) ?? []) {
      if (!KHMER.test(run)) {
        for (const ch of run) {
          const last = units.at(-1);
          if (last && last.font === fontOf(ch) && !KHMER.test(last.text)) last.text += ch;
          else units.push({ text: ch, font: fontOf(ch), breakBefore: false });
        }
        continue;
      }
      for (const seg of words.segment(run.replace(/\u200B/g, ''))) {
        const last = units.at(-1);
        if (!seg.isWordLike && last && KHMER.test(last.text)) last.text += seg.segment;
        else units.push({ text: seg.segment, font: km, breakBefore: units.length > 0 });
      }
    }
    const groups: Piece[][] = [];
    for (const u of units) {
      if (u.breakBefore || !groups.length) groups.push([]);
      groups.at(-1)!.push(this.measure(u.text, u.font, style.size));
    }
    return groups;
  }

  private boxes(text: string, style: Style): Box[] {
    const out: Box[] = [];
    for (const [i, word] of text.split(/\s+/).filter(Boolean).entries()) {
      for (const [j, pieces] of this.pieces(word, style).entries()) {
        out.push({ pieces, width: pieces.reduce((w, p) => w + p.width, 0), spaceBefore: i > 0 && j === 0 });
      }
    }
    return out;
  }

  /** A box wider than the line is cut into syllables (Khmer) or characters. */
  private split(box: Box, width: number, style: Style): Box[] {
    if (box.width <= width) return [box];
    const out: Box[] = [];
    for (const p of box.pieces) {
      for (const part of p.text.match(SYLLABLE) ?? []) {
        const piece = this.measure(part, p.font, style.size);
        const last = out.at(-1);
        if (last && last.width + piece.width <= width) {
          last.pieces.push(piece);
          last.width += piece.width;
        } else out.push({ pieces: [piece], width: piece.width, spaceBefore: !out.length && box.spaceBefore });
      }
    }
    return out;
  }

  private lines(text: string, width: number, style: Style): Box[][] {
    const space = this.doc.font('Helvetica').fontSize(style.size).widthOfString(' ');
    const lines: Box[][] = [];
    let used = 0;
    for (const box of this.boxes(text, style).flatMap((b) => this.split(b, width, style))) {
      const line = lines.at(-1);
      const gap = line?.length && box.spaceBefore ? space : 0;
      if (line && used + gap + box.width <= width) {
        line.push(box);
        used += gap + box.width;
      } else {
        lines.push([box]);
        used = box.width;
      }
    }
    return lines;
  }

  /** Draws `text` in a column from (x, y) and returns the height it took (a line for empty text). */
  text(text: string, x: number, y: number, width: number, style: Style, draw = true): number {
    const { doc } = this;
    const space = doc.font('Helvetica').fontSize(style.size).widthOfString(' ');
    let top = y;
    for (const line of this.lines(text, width, style)) {
      const khmer = line.some((b) => b.pieces.some((p) => p.font.startsWith('km')));
      const ascent = style.size * (khmer ? 1.1 : 0.9);
      const height = style.size * (khmer ? 1.75 : 1.3);
      top += height;
      if (!draw) continue;
      const lineWidth = line.reduce((w, b, i) => w + b.width + (i && b.spaceBefore ? space : 0), 0);
      let cx =
        x + (style.align === 'right' ? width - lineWidth : style.align === 'center' ? (width - lineWidth) / 2 : 0);
      doc.fillColor(style.color ?? '#000');
      // The glyphs alone give a text layer in visual order and without split vowels (ោ comes out as
      // េ + ា): a line with Khmer carries its text as typed (ActualText) for copying, search and reading.
      if (khmer) doc.markContent('Span', { actual: lineText(line), lang: 'km' });
      for (const [i, box] of line.entries()) {
        if (i && box.spaceBefore) cx += space;
        for (const p of box.pieces) {
          const baseline = top - height + ascent;
          doc
            .font(p.font)
            .fontSize(style.size)
            .text(p.text, cx, baseline, { lineBreak: false, baseline: 'alphabetic' });
          cx += p.width;
        }
      }
      if (khmer) doc.endMarkedContent();
    }
    return Math.max(top - y, style.size * 1.3);
  }
}

const PAGE = { left: 40, right: 555, bottom: 800 };
const GREY = '#555';

/** The invoice of an order (both languages, Khmer above English), as PDF bytes. */
export function invoicePdf(
  order: Order,
  lines: OrderLine[],
  shop: ShopSettings,
  serials: Map<number, string[]> = new Map(),
): Promise<Buffer> {
  const km = translator('km');
  const en = translator('en');
  const kind = invoiceKind(order, shop.vatNumber);
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.left,
    info: { Title: `${en(`invoice.kind.${kind}`)} ${order.invoiceNumber ?? order.number}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const w = new Writer(doc);
  const riel = (v: string) => formatRielFromUsd(v, order.khrPerUsd);

  const english = (style: Style): Style => ({ ...style, size: style.size - 1, color: GREY });
  /** A label in Khmer with its English beneath; returns its height (drawn only with `draw`). */
  const label = (key: string, x: number, y: number, width: number, style: Style, vars = {}, draw = true) => {
    const h = w.text(String(km(key, vars)), x, y, width, style, draw);
    return h + w.text(String(en(key, vars)), x, y + h, width, english(style), draw);
  };
  /** "label: value" pairs, the label bilingual on the left, the value beside it. */
  const field = (key: string, value: string, x: number, y: number, width: number, labelWidth: number) =>
    Math.max(
      label(key, x, y, labelWidth, { size: 8.5 }),
      w.text(value, x + labelWidth + 6, y, width - labelWidth - 6, { size: 9.5 }),
    );

  // Seller (left) and the document's name and numbers (right).
  let y = PAGE.left;
  let left = y;
  left += w.text(shop.shopLegalNameKm, PAGE.left, left, 290, { size: 13, bold: true });
  left += w.text(shop.shopLegalName, PAGE.left, left, 290, { size: 11, bold: true });
  left += w.text(shop.shopAddressKm, PAGE.left, left, 290, { size: 9 });
  left += w.text(shop.shopAddress, PAGE.left, left, 290, { size: 9, color: GREY });
  left += field('invoice.phone', shop.shopPhone, PAGE.left, left + 4, 290, 90) + 4;
  if (shop.vatNumber) left += field('invoice.vatNumber', shop.vatNumber, PAGE.left, left, 290, 90);
  let right = y;
  right += w.text(String(km(`invoice.kind.${kind}`)), 340, right, 215, { size: 16, bold: true, align: 'right' });
  right += w.text(String(en(`invoice.kind.${kind}`)).toUpperCase(), 340, right, 215, {
    size: 12,
    bold: true,
    align: 'right',
  });
  right += 6;
  if (order.invoiceNumber) {
    right += field('invoice.number', order.invoiceNumber, 340, right, 215, 95);
    right += field('invoice.date', shopDay(order.invoicedAt ?? order.paidAt ?? order.placedAt), 340, right, 215, 95);
  }
  right += field('invoice.orderNumber', order.number, 340, right, 215, 95);
  right += field('invoice.orderDate', shopDay(order.placedAt), 340, right, 215, 95);
  y = Math.max(left, right) + 12;

  // The buyer.
  doc.moveTo(PAGE.left, y).lineTo(PAGE.right, y).strokeColor('#999').lineWidth(0.5).stroke();
  y += 6;
  const buyer: [string, string][] = [];
  if (order.buyerCompany) buyer.push(['invoice.company', order.buyerCompany]);
  if (order.buyerVatin) buyer.push(['invoice.buyerVatin', order.buyerVatin]);
  if (order.buyerAddress) buyer.push(['invoice.companyAddress', order.buyerAddress]);
  buyer.push(['invoice.customer', order.customerName]);
  if (order.customerPhone) buyer.push(['invoice.phone', formatCambodianPhone(order.customerPhone)]);
  if (order.customerEmail) buyer.push(['invoice.email', order.customerEmail]);
  if (order.deliveryMethod === 'delivery') {
    const address = [order.shipName, order.shipStreet, order.shipCommune, order.shipDistrict, order.shipProvince];
    buyer.push(['invoice.deliverTo', address.filter(Boolean).join(', ')]);
  } else buyer.push(['invoice.deliverTo', `${km('invoice.pickup')} / ${en('invoice.pickup')}`]);
  for (const [key, value] of buyer) y += field(key, value, PAGE.left, y, PAGE.right - PAGE.left, 120) + 2;
  y += 8;

  // The lines.
  const cols = [
    { x: PAGE.left, w: 28, key: 'invoice.no', align: 'left' as const },
    { x: 72, w: 238, key: 'invoice.description', align: 'left' as const },
    { x: 314, w: 46, key: 'invoice.qty', align: 'right' as const },
    { x: 364, w: 88, key: 'invoice.unitPrice', align: 'right' as const },
    { x: 456, w: 99, key: 'invoice.amount', align: 'right' as const },
  ];
  const head: Style = { size: 8.5, bold: true };
  const header = () => {
    const h = Math.max(...cols.map((c) => label(c.key, 0, 0, c.w, head, {}, false)));
    doc.rect(PAGE.left, y, PAGE.right - PAGE.left, h + 6).fill('#eee');
    for (const c of cols) label(c.key, c.x, y + 3, c.w, { ...head, align: c.align });
    y += h + 8;
  };
  header();
  for (const [i, l] of lines.entries()) {
    const name = `${l.productName}${l.variantTitle ? ` (${l.variantTitle})` : ''}`;
    const cells = [String(i + 1), name, String(l.quantity), formatUsd(l.unitPrice), formatUsd(l.lineTotal)];
    if (y + w.text(name, 0, 0, cols[1]!.w, { size: 9.5 }, false) + 12 > PAGE.bottom) {
      doc.addPage();
      y = PAGE.left;
      header();
    }
    let h = 0;
    for (const [c, col] of cols.entries())
      h = Math.max(h, w.text(cells[c]!, col.x, y, col.w, { size: 9.5, align: col.align }));
    const sn = l.variantId ? serials.get(l.variantId) : undefined;
    h += w.text(`SKU ${l.sku}${sn?.length ? ` · S/N ${sn.join(', ')}` : ''}`, cols[1]!.x, y + h, cols[1]!.w, {
      size: 7.5,
      color: GREY,
    });
    y += h + 4;
    doc
      .moveTo(PAGE.left, y - 2)
      .lineTo(PAGE.right, y - 2)
      .strokeColor('#ddd')
      .lineWidth(0.5)
      .stroke();
  }

  // Totals: VAT on its own line, the total in dollars and in riel at the order's rate.
  const totals: [string, string, Record<string, string>?, boolean?][] = [
    ['invoice.subtotal', formatUsd(order.subtotal)],
  ];
  if (order.discountTotal !== '0.00')
    totals.push(
      order.couponCode
        ? ['invoice.discountCode', `-${formatUsd(order.discountTotal)}`, { code: order.couponCode }]
        : ['invoice.discount', `-${formatUsd(order.discountTotal)}`],
    );
  if (order.deliveryMethod === 'delivery') totals.push(['invoice.delivery', formatUsd(order.deliveryFee)]);
  totals.push(['invoice.vat', formatUsd(order.vatAmount), { rate: String(Number(order.vatRate)) }]);
  totals.push(
    ['invoice.total', formatUsd(order.grandTotal), {}, true],
    ['invoice.totalKhr', riel(order.grandTotal), {}, true],
  );
  if (y + totals.length * 30 + 80 > PAGE.bottom) {
    doc.addPage();
    y = PAGE.left;
  }
  y += 6;
  for (const [key, value, vars, bold] of totals) {
    const h = label(key, 300, y, 150, { size: 9, bold }, vars);
    w.text(value, 456, y, 99, { size: bold ? 11 : 9.5, bold, align: 'right' });
    y += h + 3;
  }
  y += 10;
  y += label(
    'invoice.rate',
    PAGE.left,
    y,
    PAGE.right - PAGE.left,
    { size: 8.5 },
    { rate: order.khrPerUsd.toLocaleString('en-US') },
  );
  if (kind === 'proforma') label('invoice.notPaid', PAGE.left, y + 6, PAGE.right - PAGE.left, { size: 9, bold: true });
  doc.end();
  return done;
}
