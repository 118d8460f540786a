import type { Translate } from '../../lib/i18n.js';

type Values = Record<string, string | number>;
const PREFIX = 'i18n:';
/** order_status_log.note is VARCHAR(500). */
const NOTE_MAX = 500;

/**
 * A note the shop writes itself (status log, a screenshot's reject reason) is stored as a translation
 * key with its values, so each reader sees it in their own language; notes people type stay as typed.
 */
export function systemNote(key: string, values: Values = {}): string {
  const note = `${PREFIX}${JSON.stringify({ key, values })}`;
  if (note.length <= NOTE_MAX) return note;
  // A long typed reason (up to 300 characters, quotes doubled by JSON) still fits the 500-character note.
  const short = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? `${v.slice(0, 120)}…` : v]),
  );
  return `${PREFIX}${JSON.stringify({ key, values: short })}`;
}

/** The note in the reader's language. */
function noteText(note: string | null, t: Translate): string | null {
  if (!note?.startsWith(PREFIX)) return note;
  try {
    const { key, values } = JSON.parse(note.slice(PREFIX.length)) as { key: string; values: Values };
    return String(t(key, values));
  } catch {
    return note;
  }
}

/** Status-log rows with their notes in the reader's language. */
export const logInLanguage = <T extends { note: string | null }>(rows: T[], t: Translate): T[] =>
  rows.map((r) => ({ ...r, note: noteText(r.note, t) }));

/** Payment screenshots with their reject reasons in the reader's language. */
export const proofsInLanguage = <T extends { rejectReason: string | null }>(rows: T[], t: Translate): T[] =>
  rows.map((r) => ({ ...r, rejectReason: noteText(r.rejectReason, t) }));
