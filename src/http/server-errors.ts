import type { Duplex } from 'node:stream';
import { RequestError } from '@hono/node-server';
import { problemBody } from './errors.js';

/**
 * Answers the server layer gives before a request reaches the app, as problem+json like
 * every other error (Node and @hono/node-server would send an empty 400 or 431).
 */

/** A raw HTTP/1.1 problem answer that closes the connection. */
function rawProblem(status: number, title: string, code: string, detail: string): string {
  const body = JSON.stringify({ ...problemBody(status, code, detail), title });
  return `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/**
 * Node's `clientError`: the request could not even be parsed. Headers over Node's limit
 * (16 KiB in all, a long URL included) are 431; a request that times out while arriving, 408;
 * anything else malformed, 400. A socket already answering, or gone, is closed.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (err.code === 'ECONNRESET' || !socket.writable || answering) {
    socket.destroy();
    return;
  }
  const answer =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? rawProblem(431, 'Request Header Fields Too Large', 'headers-too-large', 'The request line and headers are larger than the server accepts (16 KiB in all); send a shorter URL or fewer headers.')
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? rawProblem(408, 'Request Timeout', 'request-timeout', 'The request did not arrive in time.')
        : rawProblem(400, 'Bad Request', 'malformed', 'The request is not well-formed HTTP.');
  socket.end(answer);
}

/**
 * @hono/node-server's `errorHandler`: the request parsed but cannot become a URL (a malformed
 * `Host` header, a backslash in the path, an absolute URL of another scheme): 400. Anything
 * else that escapes the app is logged and a 500, still as problem+json.
 */
export function answerRequestError(err: unknown): Response {
  const bad = err instanceof RequestError;
  if (!bad) console.error('[reckon] unexpected error outside the app', err);
  const body = bad
    ? problemBody(400, 'malformed', `The request cannot be served: ${err.message.charAt(0).toLowerCase()}${err.message.slice(1)}.`)
    : problemBody(500, 'internal', 'An unexpected error occurred; it has been logged.');
  return new Response(JSON.stringify(body), { status: body.status, headers: { 'content-type': 'application/problem+json' } });
}
