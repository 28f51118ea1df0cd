import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/interop/detect-format.js';
import { ImportError } from '../../src/interop/errors.js';
import { fixture } from './fixtures.js';

describe('detectFormat', () => {
  it.each([
    ['reckon-mapped.csv', 'csv'],
    ['fatebook-export.csv', 'fatebook'],
    ['fatebook-export-15-columns.csv', 'fatebook'],
    ['metaculus-post-resolved-no.json', 'metaculus'],
    ['claimreview-page.html', 'claimreview'],
    ['factcheck-tools-api.json', 'claimreview'],
  ])('%s → %s', (name, format) => {
    expect(detectFormat(name, fixture(name))).toBe(format);
  });

  it('recognises a Reckon ledger export by seq and hash, whatever the name', () => {
    const jsonl = '{"seq":1,"type":"source.registered","hash":"ab12"}\n{"seq":2,"hash":"cd34"}\n';
    expect(detectFormat('export.jsonl', jsonl)).toBe('reckon-jsonl');
    expect(detectFormat('upload.txt', jsonl)).toBe('reckon-jsonl');
  });

  it('goes by content, not by extension', () => {
    expect(detectFormat('questions.txt', '\uFEFF[{"id": 1, "possibilities": {"type": "binary"}}]')).toBe('metaculus');
    expect(detectFormat('review.json', '{"@type": ["ClaimReview"], "claimReviewed": "x"}')).toBe('claimreview');
  });

  it('throws ImportError for anything else', () => {
    expect(() => detectFormat('notes.md', '# Notes')).toThrow(ImportError);
    expect(() => detectFormat('page.html', '<html><body>No markup</body></html>')).toThrow(/cannot tell the format/);
    expect(() => detectFormat('data.json', '{"name": "something"}')).toThrow(ImportError);
  });
});
