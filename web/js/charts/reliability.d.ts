import type { ChartConfig, TableSpec, Theme } from './types.js';
export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanForecast: number | null;
  observedFrequency: number | null;
  interval: [number, number] | null;
}
export interface Calibration {
  count: number;
  brier: number | null;
  logScore: number | null;
  bins: CalibrationBin[];
  murphy: { reliability: number; resolution: number; uncertainty: number; withinBin?: number } | null;
}
export function filledBins(calibration: Calibration): CalibrationBin[];
export function binLabel(bin: CalibrationBin): string;
export function reliabilityConfig(calibration: Calibration, theme?: Theme): ChartConfig;
export function reliabilityTable(calibration: Calibration, caption?: string): TableSpec;
