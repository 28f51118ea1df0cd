/** Shapes shared by the chart modules' type declarations. */
export interface Theme {
  bg: string;
  fg: string;
  muted: string;
  grid: string;
  border: string;
  font: string;
  series: string[];
  status: Record<'open' | 'confirmed' | 'refuted' | 'annulled' | 'unresolvable' | 'resolved', string>;
  stance: Record<'asserts' | 'denies', string>;
  bearing: Record<'supports' | 'contradicts' | 'context', string>;
  deadline: string;
}

export type Cell = string | { text: string; href?: string; class?: string };
export interface TableSpec {
  caption: string;
  columns: Array<string | { label: string; numeric?: boolean }>;
  rows: Cell[][];
  rowHeader?: boolean;
  /** Drawn instead of `rows` where given: one <tbody> per section under its heading. */
  sections?: Array<{ heading: string; rows: Cell[][] }>;
}

/** A Chart.js configuration (kept loose: chart.js types are not a dependency of the web code). */
export interface ChartConfig {
  type: string;
  data: { labels?: string[]; datasets: Array<Record<string, any> & { label?: string; data: any[] }> };
  options: Record<string, any>;
  plugins: Array<Record<string, any> & { id: string }>;
}
