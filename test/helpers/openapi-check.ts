/**
 * Checks an API response against the app's own OpenAPI 3.1 document: the status must be one the
 * operation documents, the content type one documented for that status, and a JSON body must
 * validate (Ajv, JSON Schema 2020-12, components/$refs resolved) against the documented schema.
 *
 * The document is built once per test worker from a real app on an in-memory database.
 * Only documented /api/* operations are checked: anything else (pages, /docs, /openapi.json,
 * unknown routes) is the business of other tests.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openDatabase } from '../../src/db/client.js';
import { createApp } from '../../src/http/app.js';
import { Ledger } from '../../src/ledger/ledger.js';

// ajv-formats is CommonJS with `exports.default`; NodeNext sees the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

export type OpenApiDoc = {
  openapi: string;
  paths: Record<string, Record<string, any>>;
  components?: Record<string, Record<string, any>>;
};

export interface Operation {
  method: string;
  /** The path template, e.g. `/api/claims/{id}`. */
  template: string;
  operationId: string;
  op: any;
  /** Path parameters taken from the concrete path (still percent-encoded). */
  params: Record<string, string>;
}

export interface ResponseToCheck {
  method: string;
  /** The request path as sent; a query string or fragment is ignored. */
  path: string;
  status: number;
  contentType: string | null;
  /** The raw body text. */
  text: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DOC_ID = 'https://reckon.invalid/openapi.json';

let docPromise: Promise<OpenApiDoc> | undefined;

/** The app's OpenAPI document (built once per worker). */
export function openApiDocument(): Promise<OpenApiDoc> {
  docPromise ??= (async () => {
    const db = await openDatabase({ url: ':memory:' });
    try {
      const app = createApp({ db, ledger: new Ledger(db) });
      const res = await app.request('/openapi.json');
      if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}`);
      return (await res.json()) as OpenApiDoc;
    } finally {
      db.close();
    }
  })();
  return docPromise;
}

interface CompiledTemplate {
  template: string;
  method: string;
  op: any;
  regex: RegExp;
  names: string[];
  literals: number;
}

const templateCache = new WeakMap<OpenApiDoc, CompiledTemplate[]>();

function templates(doc: OpenApiDoc): CompiledTemplate[] {
  let list = templateCache.get(doc);
  if (list) return list;
  list = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const names: string[] = [];
    const source = template
      .split('/')
      .map((seg) =>
        seg.replace(/\{([^}]+)\}|[^{}]+/g, (m, name?: string) => {
          if (name) {
            names.push(name);
            return '([^/]+)';
          }
          return m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }),
      )
      .join('/');
    const literals = template.split('/').filter((s) => s && !s.includes('{')).length;
    for (const [method, op] of Object.entries(item)) {
      if (METHODS.includes(method)) list.push({ template, method, op, regex: new RegExp(`^${source}$`), names, literals });
    }
  }
  // A literal segment beats a parameter: /a/b is preferred to /a/{x}.
  list.sort((a, b) => b.literals - a.literals);
  templateCache.set(doc, list);
  return list;
}

/** The pathname of a request path or URL, without query string or fragment. */
export function pathnameOf(path: string): string {
  const cut = path.search(/[?#]/);
  const p = cut === -1 ? path : path.slice(0, cut);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(p) ? new URL(p).pathname : p;
}

/** The documented operation for a method and concrete path, if any. */
export function findOperation(doc: OpenApiDoc, method: string, path: string): Operation | null {
  const m = method.toLowerCase();
  const pathname = pathnameOf(path);
  for (const t of templates(doc)) {
    if (t.method !== m) continue;
    const match = t.regex.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    t.names.forEach((name, i) => (params[name] = match[i + 1] ?? ''));
    return { method: m, template: t.template, operationId: t.op.operationId, op: t.op, params };
  }
  return null;
}

/** Paths the check leaves alone: not the API, or the API's own description. */
export function isCheckedPath(path: string): boolean {
  const p = pathnameOf(path);
  return p.startsWith('/api/');
}

let ajvState: { doc: OpenApiDoc; ajv: Ajv2020; cache: Map<string, ValidateFunction> } | undefined;

function ajvFor(doc: OpenApiDoc) {
  if (ajvState?.doc === doc) return ajvState;
  // OpenAPI 3.1 schema objects are JSON Schema 2020-12 plus a few annotation keywords.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictSchema: false, strictTypes: false, strictTuples: false, validateFormats: true });
  addFormats(ajv);
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  // The components under an absolute id (as `x-components`, an annotation Ajv does not walk),
  // with every `#/components/...` ref re-pointed there, so refs resolve wherever they are.
  ajv.addKeyword({ keyword: 'x-components', schemaType: 'object' });
  const root = { $id: DOC_ID, 'x-components': doc.components ?? {} };
  ajv.addSchema(rebase(root, '#/components/', '#/x-components/') as never);
  ajvState = { doc, ajv, cache: new Map() };
  return ajvState;
}

/** A deep copy with every local `$ref` starting with `from` re-pointed at `to` (an absolute or doc-local prefix). */
function rebase(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rebase(v, from, to));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith(from) ? to + v.slice(from.length) : rebase(v, from, to);
    }
    return out;
  }
  return value;
}

function validatorFor(doc: OpenApiDoc, key: string, schema: unknown): ValidateFunction {
  const state = ajvFor(doc);
  let fn = state.cache.get(key);
  if (!fn) {
    fn = state.ajv.compile(rebase(schema, '#/components/', `${DOC_ID}#/x-components/`) as object);
    state.cache.set(key, fn);
  }
  return fn;
}

function mediaTypeOf(contentType: string | null): string | null {
  if (!contentType) return null;
  return contentType.split(';')[0]!.trim().toLowerCase() || null;
}

function documentedContent(content: Record<string, any>, media: string): any {
  const entries = Object.entries(content).map(([k, v]) => [k.toLowerCase(), v] as const);
  const [type] = media.split('/');
  return (entries.find(([k]) => k === media) ?? entries.find(([k]) => k === `${type}/*`) ?? entries.find(([k]) => k === '*/*'))?.[1];
}

export function formatAjvErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 20)
    .map((e) => `  ${e.instancePath || '(root)'} ${e.message ?? ''}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''} [${e.schemaPath}]`)
    .join('\n');
}

function clip(s: string, n = 600): string {
  return s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s;
}

/**
 * Why a response does not match the document, or null when it does (or is not checked:
 * not under /api/, or no documented operation for that method and path).
 */
export async function responseMismatch(r: ResponseToCheck): Promise<string | null> {
  if (!isCheckedPath(r.path)) return null;
  const doc = await openApiDocument();
  const found = findOperation(doc, r.method, r.path);
  if (!found) return null;
  const where = `${r.method.toUpperCase()} ${r.path} (${found.operationId}, ${found.template}) answered ${r.status}`;
  const responses: Record<string, any> = found.op.responses ?? {};
  const statusKey = [String(r.status), `${String(r.status)[0]}XX`, 'default'].find((k) => k in responses);
  if (!statusKey) {
    return `OpenAPI mismatch: ${where}, which is not a documented status (documented: ${Object.keys(responses).join(', ')}).\nbody: ${clip(r.text)}`;
  }
  const documented = responses[statusKey] as { content?: Record<string, any> };
  const content = documented.content ?? {};
  const media = mediaTypeOf(r.contentType);
  if (Object.keys(content).length === 0) {
    if (r.text.length > 0) return `OpenAPI mismatch: ${where} with a body (${media ?? 'no content type'}), but ${statusKey} documents none.\nbody: ${clip(r.text)}`;
    return null;
  }
  if (!media) return `OpenAPI mismatch: ${where} without a content type; documented: ${Object.keys(content).join(', ')}.\nbody: ${clip(r.text)}`;
  const entry = documentedContent(content, media);
  if (!entry) return `OpenAPI mismatch: ${where} as ${media}; documented for ${statusKey}: ${Object.keys(content).join(', ')}.\nbody: ${clip(r.text)}`;
  if (!entry.schema) return null;
  if (!/^application\/(?:[\w.+-]+\+)?json$/.test(media)) return null;
  let body: unknown;
  try {
    body = JSON.parse(r.text);
  } catch (err) {
    return `OpenAPI mismatch: ${where} as ${media}, but the body is not JSON (${(err as Error).message}).\nbody: ${clip(r.text)}`;
  }
  const validate = validatorFor(doc, `${found.method} ${found.template} ${statusKey} ${media}`, entry.schema);
  if (validate(body)) return null;
  return `OpenAPI mismatch: ${where} as ${media}; the body does not match the documented schema:\n${formatAjvErrors(validate.errors)}\nbody: ${clip(r.text)}`;
}

export class OpenApiMismatchError extends Error {
  override name = 'OpenApiMismatchError';
}

/** Throws an OpenApiMismatchError naming method, path, status and the schema errors on a mismatch. */
export async function checkResponse(r: ResponseToCheck): Promise<void> {
  const msg = await responseMismatch(r);
  if (msg) throw new OpenApiMismatchError(msg);
}
