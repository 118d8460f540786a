import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from '../../src/lib/csv.js';

describe('csv', () => {
  it('round-trips commas, quotes, newlines and Khmer', () => {
    const rows = [
      ['a,b', 'say "hi"', 'line1\nline2', 'កុំព្យូទ័រ', ''],
      ['1', '2.50', '-3', 'x', 'y'],
    ];
    expect(parseCsv(rows.map(csvLine).join(''))).toEqual(rows);
  });
  it('reads LF files, a BOM and a last line without newline', () => {
    expect(parseCsv('\uFEFFa,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('neutralises formulas but keeps negative numbers', () => {
    expect(csvLine(['=SUM(A1)', '-5', '@x'])).toBe("'=SUM(A1),-5,'@x\r\n");
  });
  it('keeps empty trailing cells, CRLF inside quotes and a stray quote inside an unquoted cell', () => {
    expect(parseCsv('a,"b""c",\r\n"x\r\ny",5" screen,\r\n')).toEqual([
      ['a', 'b"c', ''],
      ['x\r\ny', '5" screen', ''],
    ]);
  });
  it('quotes only the cells that need it', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', null, 3])).toBe('plain,"a,b","say ""hi""",,3\r\n');
  });
});
