export type ColumnType = 'text' | 'int' | 'money' | 'percent' | 'date';
type Column = { key: string; label: string; type: ColumnType };
/** A money cell is a decimal string ("12.50"), a count a number, a day "YYYY-MM-DD". */
export type Cell = string | number | null;
type Table = { id: string; title: string; columns: Column[]; rows: Record<string, Cell>[] };
type Chart = { type: 'bar' | 'line'; labels: string[]; series: { label: string; data: number[] }[] };
export type Report = { tables: Table[]; chart?: Chart };
export type Range = { from: string; to: string; group: 'day' | 'week' | 'month' };
