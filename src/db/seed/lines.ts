/**
 * A product line: one brand + series in one category, with its models as compact
 * pipe-separated strings whose fields depend on the product type (see builders.ts).
 * A field "Name: A/B+10/C+25" adds variants (B costs $10 more); "!draft", "!archived"
 * and "!featured" are flags.
 */
export type Line = {
  type: string;
  category: string;
  brand: string | null;
  series: string;
  /** Shown instead of the brand at the start of the name ("WD" for Western Digital). */
  label?: string;
  models: string[];
};

export const line = (
  type: string,
  category: string,
  brand: string | null,
  series: string,
  models: string[],
  label?: string,
): Line => ({
  type,
  category,
  brand,
  series,
  models,
  ...(label ? { label } : {}),
});
