import type { ImportBundle, SourcePayload } from '../domain/types.js';
import type { ImportIssue } from './errors.js';

/**
 * What the importers return: an ImportBundle plus `notes`, the things deliberately
 * skipped or guessed (a multiple-choice question, a duplicate timestamp) that are not
 * errors but that the user should be told about.
 */
export interface ImportResult extends ImportBundle {
  notes: ImportIssue[];
}

/** Keeps sources unique by id, in first-seen order. */
export class SourceRegistry {
  private readonly byId = new Map<string, SourcePayload>();

  /** Adds a source unless its id is already known; returns the id. */
  add(source: SourcePayload): string {
    if (!this.byId.has(source.id)) this.byId.set(source.id, source);
    return source.id;
  }

  /** True if a source with this id was added. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The registered sources. */
  list(): SourcePayload[] {
    return [...this.byId.values()];
  }
}
