import { describe, expect, it } from 'vitest';
import { logInLanguage, systemNote } from '../../src/modules/orders/status-notes.js';
import { translator } from '../../src/lib/i18n.js';

describe("status notes the shop writes are read in each reader's language", () => {
  it('a note is stored once and read in English and Khmer; a typed note stays as typed', () => {
    const note = systemNote('statusNotes.proofRejected', { reason: 'Blurry screenshot' });
    const rows = [{ note }, { note: 'Customer phoned to cancel' }];
    const en = logInLanguage(rows, translator('en'));
    const km = logInLanguage(rows, translator('km'));
    expect(en[0]!.note).toContain('Blurry screenshot');
    expect(en[0]!.note).not.toBe(note);
    expect(km[0]!.note).toMatch(/[\u1780-\u17FF]/);
    expect(km[0]!.note).not.toBe(en[0]!.note);
    expect(en[1]!.note).toBe('Customer phoned to cancel');
  });

  it('the longest typed reason, even all quotes, fits the 500-character status-log note', () => {
    for (const reason of ['x'.repeat(300), '"'.repeat(300), 'ក'.repeat(300)]) {
      const note = systemNote('statusNotes.cancelRefund', { amount: '1234.56', reason });
      expect(note.length).toBeLessThanOrEqual(500);
      expect(logInLanguage([{ note }], translator('en'))[0]!.note).toContain(reason.slice(0, 50));
    }
  });
});
