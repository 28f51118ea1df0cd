/**
 * A cache of encoded answers (JSON bytes) by key, each for one version of what it encodes,
 * bounded by their total size: the entries stored longest ago go first (a Map keeps insertion
 * order, and storing an entry moves it to the end). The claim page's and the claim list's
 * caches (claim-read.ts, claim-list.ts).
 *
 * Versions only grow (they are sequence numbers of an append-only ledger), and reads that store
 * here may finish in any order: an entry is never replaced by an older version of itself.
 */
export class ByteCache<B extends Uint8Array = Uint8Array> {
  /** Key → its entry; `bytes` is always the sum of their bodies' sizes. */
  readonly entries = new Map<string, { version: number; body: B }>();
  bytes = 0;

  /** `maxEntryBytes`: larger bodies are not kept. */
  constructor(
    private readonly maxBytes: number,
    private readonly maxEntryBytes = maxBytes,
  ) {}

  /** The body stored for the key at exactly this version. */
  get(key: string, version: number): B | undefined {
    const e = this.entries.get(key);
    return e && e.version === version ? e.body : undefined;
  }

  set(key: string, version: number, body: B): void {
    const old = this.entries.get(key);
    if (old) {
      if (old.version > version) return;
      this.entries.delete(key);
      this.bytes -= old.body.byteLength;
    }
    if (body.byteLength > this.maxEntryBytes) return;
    this.entries.set(key, { version, body });
    this.bytes += body.byteLength;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.byteLength;
    }
  }
}
