/** A spec value as a shopper reads it: "16 GB", "1 TB" (not "1000 GB"), "15.6 in", "Core i5". */
export function specValue(value: string, unit: string | null | undefined): string {
  if (!unit) return value;
  const n = Number(value);
  if (unit === 'GB' && Number.isFinite(n) && n >= 1000 && n % 250 === 0) return `${n / 1000} TB`;
  return `${value} ${unit}`;
}
