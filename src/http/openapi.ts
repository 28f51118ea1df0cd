import { OpenAPIHono } from '@hono/zod-openapi';
import { Problem } from './schemas.js';
import { validationHook } from './errors.js';

export type App = OpenAPIHono;

export function newRouter(): App {
  return new OpenAPIHono({ defaultHook: validationHook as never });
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request did not validate: each bad field is named by a JSON Pointer.',
  401: 'A token is required for this request.',
  403: 'The token may not do this.',
  404: 'No such resource.',
  409: 'The request conflicts with a rule of the record (for example, forecasting a resolved claim).',
  413: 'The request body is too large.',
  415: 'The request body must be application/json.',
  422: 'The request is well-formed but breaks a domain rule.',
  429: 'Too many writes; slow down.',
  500: 'Unexpected error.',
  503: 'Busy (the database, or too many expensive reads at once): retry, after Retry-After when given.',
};

/** The problem+json responses a route may give, spread into its `responses`. */
export function problems(...codes: number[]) {
  const all = [...new Set([...codes, 500])];
  return Object.fromEntries(
    all.map((code) => [code, { description: DESCRIPTIONS[code] ?? 'Error', content: { 'application/problem+json': { schema: Problem } } }]),
  ) as Record<number, { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }>;
}

/** Errors any write may give besides its own. */
export const WRITE_ERRORS = [400, 401, 403, 413, 415, 429, 503] as const;
export const READ_ERRORS = [400, 401, 503] as const;

export function jsonBody<T>(schema: T, description: string) {
  return { required: true, description, content: { 'application/json': { schema } } };
}

export function jsonResponse<T>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
