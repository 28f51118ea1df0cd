type Box = { left: number; right: number; top: number; bottom: number };
type Row = { name: string; color: string; atRisk: (t: number) => number };
export type RowLayout = { name: string; shown: string; box: Box | null; numbers: Array<{ text: string; box: Box }> };
export function atRiskPlugin(rows: Row[], o?: { font?: string; color?: string; title?: string; named?: boolean }): { id: string; rows: Row[]; layout: RowLayout[]; afterDraw(chart: any): void; afterEvent(chart: any, args: { event: any }): void };
export function fitNames(ctx: { measureText(text: string): { width: number } }, names: string[], width: number): string[];
