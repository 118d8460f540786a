type ColumnType = 'text' | 'int' | 'money' | 'percent' | 'date';
type Column = { key: string; label: string; type: ColumnType };
type Table = { id: string; title: string; columns: Column[]; rows: Record<string, string | number | null>[] };
type Chart = { type: 'bar' | 'line'; labels: string[]; series: { label: string; data: number[] }[] };
export type Report = { tables: Table[]; chart?: Chart };
export type Range = { from: string; to: string; group: 'day' | 'week' | 'month' };
