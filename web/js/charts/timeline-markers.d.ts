import type { Theme } from './types.js';
export const nameOf: (names: Map<string, string> | Record<string, string> | undefined, id: string) => string;
export function markerDatasets(claim: any, theme: Theme, names: Map<string, string> | Record<string, string>): any[];
