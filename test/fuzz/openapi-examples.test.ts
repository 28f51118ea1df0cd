/**
 * The document's own examples are answers its schemas accept: a generated client that validates
 * what it sends would otherwise refuse the very values the reference shows.
 */
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../helpers/openapi-check.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

const doc = await openApiDocument();

/** Every schema object that carries an `example`, with where it is. */
function examples(node: unknown, where: string, out: Array<{ where: string; schema: Record<string, unknown> }> = []) {
  if (Array.isArray(node)) node.forEach((n, i) => examples(n, `${where}/${i}`, out));
  else if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if ('example' in obj && ('type' in obj || 'enum' in obj || 'format' in obj || 'pattern' in obj)) out.push({ where, schema: obj });
    for (const [k, v] of Object.entries(obj)) if (k !== 'example' && k !== 'examples') examples(v, `${where}/${k}`, out);
  }
  return out;
}

describe('OpenAPI examples', () => {
  it('each validates against the schema it illustrates', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const found = examples(doc, '#');
    expect(found.length).toBeGreaterThan(0);
    const bad = found.flatMap(({ where, schema }) => {
      const { example, description, ...rest } = schema;
      const validate = ajv.compile(rest);
      return validate(example) ? [] : [`${where}: ${JSON.stringify(example)} ${ajv.errorsText(validate.errors)}`];
    });
    expect(bad).toEqual([]);
  });
});
