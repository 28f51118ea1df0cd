/** Reads the interop fixtures (written for these tests, in each format's real shape). */
import { readFileSync } from 'node:fs';

const DIR = new URL('../fixtures/interop/', import.meta.url);

/** The text of `test/fixtures/interop/<name>`. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, DIR), 'utf8');
}

/** Runs `fn`, which must throw an ImportError, and returns its issues. */
export function issuesOf(fn: () => unknown): Array<{ line?: number; field?: string; message: string }> {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error && error.name === 'ImportError' && 'issues' in error) {
      return error.issues as Array<{ line?: number; field?: string; message: string }>;
    }
    throw error;
  }
  throw new Error('expected an ImportError, but nothing was thrown');
}
