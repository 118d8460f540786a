import PDFDocument from 'pdfkit';
import { shopDay } from '../../domain/shop-time.js';
import type { Order, OrderLine } from '../../db/schema.js';
import { formatRielFromUsd, formatUsd } from '../../domain/money.js';
import { translator } from '../../lib/i18n.js';
import type { ShopSettings } from '../settings/settings.service.js';

/**
 * The invoice as a PDF (A4). Uses the built-in Helvetica, so it is written in English;
 * the HTML invoice is the one shown in the customer's language.
 */
export function invoicePdf(order: Order, lines: OrderLine[], shop: ShopSettings): Promise<Buffer> {
  const t = translator('en');
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `Invoice ${order.number}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const riel = (v: string) => formatRielFromUsd(v, order.khrPerUsd).replace(' ៛', ' KHR');

  doc.fontSize(20).text(t('shop.name')).fontSize(10).text(shop.shopAddress).text(shop.shopPhone);
  if (shop.vatNumber) doc.text(`VAT number: ${shop.vatNumber}`);
  doc
    .moveDown()
    .fontSize(16)
    .text(`Invoice ${order.number}`)
    .fontSize(10)
    .text(`Date: ${shopDay(order.placedAt)}`);
  doc.text(`Customer: ${order.customerName} · ${order.customerEmail} · ${order.customerPhone}`);
  if (order.deliveryMethod === 'delivery') {
    doc.text(
      'Deliver to: ' +
        [order.shipName, order.shipStreet, order.shipCommune, order.shipDistrict, order.shipProvince]
          .filter(Boolean)
          .join(', '),
    );
  } else doc.text('Store pickup');
  doc.moveDown();

  const cols = [48, 300, 360, 440];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(cells[0]!, cols[0], y, { width: 245 });
    const h = doc.y;
    doc.text(cells[1]!, cols[1], y, { width: 50, align: 'right' });
    doc.text(cells[2]!, cols[2], y, { width: 75, align: 'right' });
    doc.text(cells[3]!, cols[3], y, { width: 100, align: 'right' });
    doc.x = cols[0]!;
    doc.y = Math.max(h, doc.y) + 4;
  };
  row(['Item', 'Qty', 'Unit price', 'Total'], true);
  for (const l of lines)
    row([
      `${l.productName}${l.variantTitle ? ` (${l.variantTitle})` : ''}\nSKU ${l.sku}`,
      String(l.quantity),
      formatUsd(l.unitPrice),
      formatUsd(l.lineTotal),
    ]);
  doc.moveDown();
  row(['Subtotal', '', '', formatUsd(order.subtotal)]);
  if (order.discountTotal !== '0.00') row(['Discount', '', '', `-${formatUsd(order.discountTotal)}`]);
  row(['Delivery', '', '', formatUsd(order.deliveryFee)]);
  row([`VAT (${order.vatRate}%)`, '', '', formatUsd(order.vatAmount)]);
  row(['Grand total', '', '', formatUsd(order.grandTotal)], true);
  row(['Grand total in riel', '', '', riel(order.grandTotal)], true);
  doc.moveDown().font('Helvetica').fontSize(9).text(`Exchange rate: ${order.khrPerUsd} KHR per USD.`);
  doc.end();
  return done;
}
