/**
 * Cambodian phone numbers: "012 345 678", "097-123-4567", "+855 12 345 678", "85512345678".
 * Returns E.164 ("+85512345678") or null when it is not a Cambodian mobile/landline number.
 */
export function normaliseCambodianPhone(input: string): string | null {
  const compact = input.replace(/[\s\-.()]/g, '');
  let national: string;
  if (/^\+855/.test(compact)) national = compact.slice(4);
  else if (/^00855/.test(compact)) national = compact.slice(5);
  else if (/^855\d{8,9}$/.test(compact)) national = compact.slice(3);
  else if (/^0\d{8,9}$/.test(compact)) national = compact.slice(1);
  else return null;
  national = national.replace(/^0/, '');
  if (!/^[1-9]\d{7,8}$/.test(national)) return null;
  return `+855${national}`;
}

/** "+85512345678" → "012 345 678" for display. */
export function formatCambodianPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const n = e164.replace(/^\+855/, '0');
  return n.length === 9
    ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`
    : `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
}
