import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { describeFieldErrors, textProblems, zodFieldErrors, type FieldError } from '../commands/field-errors.js';
import { InputError } from '../commands/validate.js';
import { RuleError, ruleFields } from '../domain/rules.js';

export { textProblems, toPointer, zodFieldErrors, type FieldError } from '../commands/field-errors.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one error type of the HTTP layer; `onError` writes it as problem+json (RFC 9457). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }
}

export function problemBody(status: number, code: string, detail: string, errors?: FieldError[]) {
  return {
    type: `urn:reckon:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problem(c: Context, status: number, code: string, detail: string, errors?: FieldError[], headers?: Record<string, string>) {
  return new Response(JSON.stringify(problemBody(status, code, detail, errors)), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

/** A list cursor this server did not issue: 400 naming /cursor, with what to send instead. */
export function badCursorError(): ApiError {
  const errors = [{ pointer: '/cursor', message: 'cursor is not one this server issued: pass the nextCursor of the previous page, or leave it out to start at the first.' }];
  return new ApiError(400, 'validation', describeFieldErrors(errors, 'The query string'), errors);
}

/**
 * The zod-openapi hook: a request that does not match its schema is a 400 naming each field,
 * and so is one that matches but holds text that cannot be stored (U+0000, a lone surrogate).
 */
export function validationHook(result: { success: boolean; error?: unknown; target?: string; data?: unknown }, c: Context) {
  const where = result.target === 'json' ? 'request body' : result.target === 'param' ? 'path' : result.target === 'query' ? 'query string' : `${result.target ?? 'request'} parameters`;
  if (!result.success) {
    const errors = zodFieldErrors(result.error as ZodError);
    return problem(c, 400, 'validation', describeFieldErrors(errors, `The ${where}`), errors);
  }
  const text = textProblems(result.data);
  if (text.length > 0) return problem(c, 400, 'validation', describeFieldErrors(text, `The ${where}`), text);
  return undefined;
}

/** One error path: known errors become their problem; anything else is logged and a generic 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return problem(c, err.status, err.code, err.message, err.errors, err.headers);
  if (err instanceof InputError) return problem(c, 422, 'validation', err.message, err.errors);
  if (err instanceof RuleError) {
    const code = err.code ?? (err.status === 404 ? 'not-found' : err.status === 409 ? 'conflict' : 'rule');
    return problem(c, err.status, code, err.message, ruleFields(err));
  }
  if (err instanceof HTTPException) {
    const res = err.getResponse();
    const headers: Record<string, string> = {};
    const auth = res.headers.get('www-authenticate');
    if (auth) headers['www-authenticate'] = auth;
    const detail = err.status === 400 && /JSON/i.test(err.message) ? 'The request body is not valid JSON.' : err.message || TITLES[err.status] || 'Error';
    return problem(c, err.status, err.status === 400 ? 'malformed' : `http-${err.status}`, detail, undefined, headers);
  }
  const busy = /SQLITE_BUSY|database is locked/i.test(err.message);
  if (busy) return problem(c, 503, 'busy', 'The database is busy; try again.', undefined, { 'retry-after': '1' });
  console.error('[reckon] unexpected error', err);
  return problem(c, 500, 'internal', 'An unexpected error occurred; it has been logged.');
}
