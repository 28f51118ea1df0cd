export function writtenAt(claim: any, field: string): string;
export function laterFields(claim: any, asOf: string | null): string[];
export function laterWordingNote(claim: any, asOf: string | null): HTMLElement | null;
export function detailsSection(claim: any, asOf: string | null): HTMLElement | null;
