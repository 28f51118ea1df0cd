/**
 * The UI's only way to the server: JSON over /api. A problem+json answer becomes an
 * ApiProblem that names the bad fields; a 401 asks for a token and retries.
 */
import { askForToken } from './token-dialog.js';

const TOKEN_KEY = 'reckon.apiToken';

export class ApiProblem extends Error {
  /**
   * @param {number} status
   * @param {{ title?: string, detail?: string, errors?: Array<{ pointer: string, message: string }> } | null} body
   */
  constructor(status, body) {
    super(body?.detail || body?.title || `The server answered ${status}.`);
    this.status = status;
    this.errors = Array.isArray(body?.errors) ? body.errors : [];
  }

  /** The route itself does not exist (yet): the feature is not available on this server. */
  get missingRoute() {
    return this.status === 404 && /^No route for /.test(this.message);
  }
}

function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function forgetToken() {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* nothing stored */
  }
}

function storeToken(token) {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    /* private mode: the token lasts for this page only */
  }
}

async function send(path, method, body, signal) {
  const headers = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = storedToken();
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
}

async function parse(res) {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

/**
 * `api('/api/claims', { method: 'POST', body })` → parsed JSON, or throws ApiProblem.
 * @param {string} path
 * @param {{ method?: string, body?: unknown, signal?: AbortSignal }} [opts]
 */
export async function api(path, { method = 'GET', body, signal } = {}) {
  let res = await send(path, method, body, signal);
  while (res.status === 401) {
    const problem = await parse(res);
    // A stored token that the server no longer accepts is dropped, so a cancel falls back to no token.
    if (storedToken()) forgetToken();
    const token = await askForToken(problem?.detail);
    if (!token) throw new ApiProblem(401, problem);
    storeToken(token);
    res = await send(path, method, body, signal);
  }
  const data = await parse(res);
  if (!res.ok) throw new ApiProblem(res.status, data);
  return data;
}

/** Like `api`, but null when the route does not exist on this server (a feature still to come). */
export async function apiOptional(path, opts) {
  try {
    return await api(path, opts);
  } catch (err) {
    if (err instanceof ApiProblem && err.missingRoute) return null;
    throw err;
  }
}

/** A query string from an object, leaving out empty values. */
export function qs(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
