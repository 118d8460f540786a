import ExcelJS from 'exceljs';
import { csvLine } from '../../lib/csv.js';
import type { Report } from './report-types.js';

/** The tables exactly as shown, one after another, each with its title row and header. */
export function reportCsv(report: Report): string {
  let out = '\uFEFF';
  for (const table of report.tables) {
    out += csvLine([table.title]) + csvLine(table.columns.map((c) => c.label));
    for (const row of table.rows) out += csvLine(table.columns.map((c) => row[c.key]));
    out += '\r\n';
  }
  return out;
}

/** One worksheet per table; money, counts and percentages are number cells, days are date cells. */
export async function reportXlsx(report: Report): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Computer Shop';
  for (const table of report.tables) {
    const sheet = book.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
    sheet.addRow(table.columns.map((c) => c.label)).font = { bold: true };
    for (const row of table.rows) {
      sheet.addRow(
        table.columns.map((c) => {
          const v = row[c.key];
          if (v === null || v === undefined || v === '') return null;
          if (c.type === 'int' || c.type === 'money' || c.type === 'percent') return Number(v);
          if (c.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(String(v))) return new Date(`${v}T00:00:00Z`);
          return String(v);
        }),
      );
    }
    table.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = c.type === 'text' ? 28 : 14;
      if (c.type === 'money') column.numFmt = '#,##0.00';
      if (c.type === 'percent') column.numFmt = '0.0';
      if (c.type === 'date') column.numFmt = 'yyyy-mm-dd';
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
