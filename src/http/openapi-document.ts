/**
 * Finishing touches on the OpenAPI document that @hono/zod-openapi renders, applied to the
 * whole document so that every route, present and future, gets them:
 * - the bearer-token security scheme, required by writes and optional on reads (so the
 *   reference page has an Authorize button and generated clients can send a token);
 * - request bodies say what a client must send: a field with a server-side default is
 *   optional, and its default is said in words rather than as `default`, which client
 *   generators such as openapi-typescript read as "always present" and so as required;
 * - tuples (`prefixItems`) are closed: `minItems` = `maxItems` = their length, and `items`
 *   names the element schema. JSON Schema 2020-12 would also allow `items: false`, but
 *   Spectral's OAS rule `array-items` (severity error) asks for a truthy `items` on every
 *   array, so `false` fails the lint; the fixed length says the same thing and passes;
 * - an operation without a description takes its summary; a parameter without one takes its
 *   schema's; tags are listed in alphabetical order.
 */

type Json = Record<string, unknown>;
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = new Set([...WRITE_METHODS, 'get', 'head', 'options']);

export const BEARER_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  description:
    'An API token from `npx reckon token create --name NAME --source SOURCE-ID`, sent as `Authorization: Bearer rk_…`. Writes need one unless the server listens on loopback and no token exists yet; reads need one when the server runs with RECKON_READ=token.',
} as const;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every schema object below `node` (properties, items, prefixItems, combinators, …), depth first. */
function* schemaNodes(node: unknown): Generator<Json> {
  if (Array.isArray(node)) {
    for (const item of node) yield* schemaNodes(item);
    return;
  }
  if (!isObject(node)) return;
  yield node;
  for (const value of Object.values(node)) if (typeof value === 'object') yield* schemaNodes(value);
}

/** A request schema's fields with a default become optional; the default is said in words. */
function loosenDefaults(schema: Json): void {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  for (const [name, prop] of Object.entries(properties)) {
    if (!isObject(prop) || !('default' in prop)) continue;
    const said = `Default: ${JSON.stringify(prop.default)}.`;
    prop.description = typeof prop.description === 'string' ? `${prop.description} ${said}` : said;
    delete prop.default;
    const at = required.indexOf(name);
    if (at >= 0) required.splice(at, 1);
  }
}

function resolveRef(doc: Json, schema: Json): Json {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) return schema;
  const schemas = (doc.components as Json | undefined)?.schemas as Json | undefined;
  const target = schemas?.[ref.slice('#/components/schemas/'.length)];
  return isObject(target) ? target : schema;
}

/** A `prefixItems` tuple made fixed-length, with `items` naming what its elements are. */
function closeTuple(node: Json): void {
  const prefix = node.prefixItems as unknown[];
  node.minItems ??= prefix.length;
  node.maxItems ??= prefix.length;
  if (node.items === undefined || node.items === false) {
    const texts = new Set(prefix.map((p) => JSON.stringify(p)));
    node.items = texts.size === 1 ? structuredClone(prefix[0]) : { anyOf: structuredClone(prefix) };
  }
}

/** Apply the touches above to a rendered OpenAPI 3.1 document, in place; returns it. */
export function finishDocument<T extends object>(document: T): T {
  const doc = document as unknown as Json;
  const components = ((doc.components as Json | undefined) ??= {}) as Json;
  components.securitySchemes = { ...(components.securitySchemes as Json | undefined), bearerAuth: BEARER_SCHEME };
  for (const ops of Object.values((doc.paths as Json | undefined) ?? {})) {
    if (!isObject(ops)) continue;
    for (const [method, op] of Object.entries(ops)) {
      if (!METHODS.has(method) || !isObject(op)) continue;
      op.security ??= WRITE_METHODS.has(method) ? [{ bearerAuth: [] }] : [{}, { bearerAuth: [] }];
      if (typeof op.description !== 'string' || !op.description) op.description = typeof op.summary === 'string' ? op.summary : method.toUpperCase();
      for (const param of Array.isArray(op.parameters) ? op.parameters : []) {
        if (!isObject(param) || param.description) continue;
        const schema = isObject(param.schema) ? param.schema : {};
        param.description = typeof schema.description === 'string' ? schema.description : `The ${String(param.name)} ${String(param.in)} parameter.`;
      }
      const content = (isObject(op.requestBody) ? op.requestBody.content : undefined) as Json | undefined;
      for (const media of Object.values(content ?? {})) {
        if (isObject(media) && isObject(media.schema)) loosenDefaults(resolveRef(doc, media.schema));
      }
    }
  }
  if (Array.isArray(doc.tags)) (doc.tags as Array<{ name: string }>).sort((a, b) => a.name.localeCompare(b.name));
  for (const node of schemaNodes(doc)) if (Array.isArray(node.prefixItems)) closeTuple(node);
  return document;
}
