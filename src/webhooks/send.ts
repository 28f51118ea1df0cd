/**
 * One delivery attempt: POST the body, signed as the Standard Webhooks specification says
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`: v1 HMAC-SHA256 over
 * `id.timestamp.body`, made by the `standardwebhooks` library), with a time limit. Any 2xx is
 * success; everything else (another status, a refused address, a timeout) is a failure to retry.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import { isIP } from 'node:net';
import { guardedLookup, TargetError } from './target.js';
import { isPublicAddress } from '../domain/webhooks.js';

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** The headers of a signed delivery. `id` stays the same on every retry of one delivery. */
export function signedHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Reckon-Webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

export function sendSigned(opts: { url: string; secret: string; id: string; body: string; timeoutMs: number; allowPrivate: boolean; now?: Date }): Promise<SendResult> {
  const started = performance.now();
  const url = new URL(opts.url);
  const headers = signedHeaders(opts.secret, opts.id, opts.now ?? new Date(), opts.body);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  // An address literal never reaches `lookup`: check it here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!opts.allowPrivate && isIP(literal) && !isPublicAddress(literal)) {
    const error = new TargetError(`${literal} is a loopback, private or reserved address; webhooks go only to public addresses (RECKON_WEBHOOK_ALLOW_PRIVATE=1 allows others)`);
    return Promise.resolve({ ok: false, statusCode: null, error: error.message, durationMs: 0 });
  }
  return new Promise((resolve) => {
    let settled = false;
    const done = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ok: statusCode !== null && statusCode >= 200 && statusCode < 300, statusCode, error, durationMs: Math.round(performance.now() - started) });
    };
    const req = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(opts.body)) }, lookup: guardedLookup(opts.allowPrivate) }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? null, res.statusCode && res.statusCode >= 200 && res.statusCode < 300 ? null : `answered ${res.statusCode}`));
      res.on('error', (e) => done(res.statusCode ?? null, e.message));
    });
    const timer = setTimeout(() => {
      done(null, `no answer within ${opts.timeoutMs} ms`);
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (e) => done(null, e.message));
    req.end(opts.body);
  });
}
