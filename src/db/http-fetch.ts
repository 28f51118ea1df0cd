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
 * Unlike the global fetch, a redirect is not followed (it would cost a round trip on every
 * request): the request fails naming where the server sends, so that URL can be configured.
 * A connection not made in 10 s, or an answer silent for 300 s, fails (undici's defaults).
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
const CUT_OFF = 'the server closed the connection before the answer was complete';
/** A connection not made within this long fails (undici's connect timeout). */
const CONNECT_MS = 10_000;

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
  private stream: ReadableStream<Uint8Array> | null = null;
  /** A cursor reads the body as a stream (Hrana v3): made only if asked for. */
  get body(): ReadableStream<Uint8Array> {
    const bytes = this.bytes;
    return (this.stream ??= new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(bytes));
        controller.close();
      },
    }));
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
    let settled = false;
    // Say why (a refused connection, a certificate not trusted), not only that it failed.
    const failed = (err: Error) => {
      if (settled) return;
      settled = true;
      reject(new TypeError(`fetch failed: ${reason(err)}`, { cause: err }));
    };
    const req = send(url, { method: request.method, headers, agent }, (res) => {
      const status = res.statusCode ?? 0;
      // A redirect would cost a round trip on every request (and the global fetch drops the
      // token when it crosses origins): say where the server sends instead of following it.
      if (status >= 300 && status < 400) {
        res.resume();
        return failed(new Error(`the server redirects (${status}) to ${res.headers.location ?? 'an address it does not give'}; use that URL`));
      }
      // No Accept-Encoding is sent, so an encoded answer is one this client cannot read.
      const encoding = res.headers['content-encoding'];
      if (encoding && encoding !== 'identity') {
        res.resume();
        return failed(new Error(`the answer is encoded (${encoding}), which was not asked for`));
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', failed);
      res.on('end', () => {
        if (!res.complete) return failed(new Error(CUT_OFF));
        try {
          const h = new Headers();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
          settled = true;
          resolve(new BufferedResponse(status, res.statusMessage ?? '', h, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
        } catch (err) {
          failed(err instanceof Error ? err : new Error(String(err)));
        }
      });
      res.on('close', () => {
        if (!res.complete) failed(new Error(CUT_OFF));
      });
    });
    req.on('error', failed);
    // The agent's idle timeout (IDLE_MS) is the socket's from its creation: while this request
    // has it, the socket waits CONNECT_MS to connect, then SILENCE_MS for each word of the answer.
    req.on('socket', (socket) => {
      socket.setTimeout(SILENCE_MS);
      if (!socket.connecting) return;
      const timer = setTimeout(() => req.destroy(new Error(`could not connect to ${url.host} within ${CONNECT_MS / 1000} s`)), CONNECT_MS);
      socket.once('connect', () => clearTimeout(timer));
      req.once('close', () => clearTimeout(timer));
    });
    req.on('timeout', () => req.destroy(new Error(`the server sent nothing for ${SILENCE_MS / 1000} s`)));
    req.end(body ?? undefined);
  });
}

/** An error's reason in words: a connection tried at several addresses fails with all of theirs. */
function reason(err: Error): string {
  if (err.message) return err.message;
  if (err instanceof AggregateError && err.errors.length > 0) return err.errors.map((e: unknown) => (e instanceof Error ? reason(e) : String(e))).join('; ');
  return (err as NodeJS.ErrnoException).code ?? err.name;
}
