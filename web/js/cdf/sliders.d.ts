/** Types for sliders.js (the browser loads the .js as it is). */
export const INBOUND_OUTCOME_COUNT: number;
export interface SliderComponent { left: number; center: number; right: number; weight?: number }
export interface Bounds { openLower: boolean; openUpper: boolean }
export interface Quartiles { lower25: number; median: number; upper75: number }
export function logisticParamsFromSliders(left: number, center: number, right: number): { mode: number; scale: number; asymmetry: number };
export function logisticCdf(x: number, mode: number, scale: number, asymmetry: number): number;
export function cdfFromSliders(left: number, center: number, right: number, openLower: boolean, openUpper: boolean, n?: number): number[];
export function standardizeCdf(cdf: number[], openLower: boolean, openUpper: boolean, n?: number): number[];
export function cdfFromSliderComponents(components: SliderComponent[], bounds: Bounds, n?: number): number[];
export function cdfToPmf(cdf: number[]): number[];
export function locationOfQuantile(cdf: number[], p: number): number;
export function quartilesOfCdf(cdf: number[]): Quartiles;
