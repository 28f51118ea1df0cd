/**
 * The `fetch` the libSQL client sends its Hrana requests with, on node:http(s) instead of the
 * global fetch. A libSQL client asks once per round trip; the global fetch (undici's Fetch
 * Standard machinery: abort signals, Web streams for the body both ways) cost about a fifth of
 * the server's CPU time in bench:remote at 2,000 forecasts/s, and on a busy event loop that CPU
 * time is waiting time for every request queued behind it. This one reads the answer into one
 * buffer and hands back what the client reads of a Response (ok, status, headers, json, text,
 * arrayBuffer, body).
 *
 * Connections are kept alive and reused, as the global fetch does; one left idle for 4 s (the
 * global fetch's default), or for less than the server's `Keep-Alive: timeout` hint, is closed
 * by the client, so a request is not sent on a connection the server is about to close.
 */
import http from 'node:http';
import https from 'node:https';

/** Idle connections are closed after this long (undici's keepAliveTimeout default). */
const IDLE_MS = 4_000;
/**
 * A request that hears nothing from the server for this long fails (undici's headersTimeout and
 * bodyTimeout defaults): a server that stopped answering is not waited for forever.
 */
const SILENCE_MS = 300_000;

const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_MS }),
};

/** What the libSQL client reads of a fetch Response, over a body already read in full. */
class BufferedResponse {
  readonly ok: boolean;
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly bytes: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  json(): Promise<unknown> {
    return Promise.resolve().then(() => JSON.parse(this.bytes.toString('utf8')) as unknown);
  }
  text(): Promise<string> {
    return Promise.resolve(this.bytes.toString('utf8'));
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.bytes;
    return Promise.resolve(buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
  }
  /** A cursor reads the body as a stream (Hrana v3): made only if asked for. */
  get body(): ReadableStream<Uint8Array> | null {
    const bytes = this.bytes;
    return new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(bytes));
        controller.close();
      },
    });
  }
}

/**
 * Send a Request the libSQL client built and read its answer. Rejects with a TypeError when no
 * complete answer arrives, as the global fetch does, naming the socket's error (its cause).
 */
export async function httpFetch(request: Request): Promise<BufferedResponse> {
  const url = new URL(request.url);
  const agent = url.protocol === 'https:' ? agents['https:'] : url.protocol === 'http:' ? agents['http:'] : null;
  if (!agent) throw new TypeError(`fetch failed: unsupported protocol ${url.protocol}`);
  const body = request.method === 'GET' || request.method === 'HEAD' || request.body === null ? null : Buffer.from(await request.arrayBuffer());
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  if (body) headers['content-length'] = String(body.length);
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    // Say why (a refused connection, a certificate not trusted), not only that it failed.
    const failed = (err: Error) => reject(new TypeError(`fetch failed: ${err.message}`, { cause: err }));
    const req = send(url, { method: request.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', failed);
      res.on('aborted', () => failed(new Error('the server closed the connection before the answer was complete')));
      res.on('end', () => {
        if (!res.complete) return failed(new Error('the server closed the connection before the answer was complete'));
        const h = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
        resolve(new BufferedResponse(res.statusCode ?? 0, res.statusMessage ?? '', h, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
      });
    });
    req.on('error', failed);
    req.setTimeout(SILENCE_MS, () => req.destroy(new Error(`the server sent nothing for ${SILENCE_MS / 1000} s`)));
    req.end(body ?? undefined);
  });
}
