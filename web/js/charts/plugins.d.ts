export interface VerticalLine {
  x: number;
  label: string;
  color: string;
  dash?: number[];
  kind: string;
}
export function backgroundPlugin(color: string): { id: string; color: string; beforeDraw(chart: any): void };
export function verticalLinesPlugin(lines: VerticalLine[], o?: { font?: string; background?: string; above?: boolean }): { id: string; lines: VerticalLine[]; afterDatasetsDraw(chart: any): void };
export function errorBarsPlugin(): { id: string; afterDatasetsDraw(chart: any): void };
export function pointLabelsPlugin(o?: { font?: string; color?: string; background?: string }): { id: string; beforeDatasetsDraw(chart: any): void; afterDatasetsDraw(chart: any): void };
