import { isIP } from 'node:net';

/**
 * What counts as "this machine" for tokenless writes. Only literal loopback forms do: a name
 * that merely starts with `127.` (`127.attacker.example`) can be made to resolve to 127.0.0.1
 * by its owner, so a page there would be same-origin with a local Reckon (DNS rebinding).
 */

/** A dotted-quad IPv4 literal in 127.0.0.0/8: four decimal parts, each 0–255, no leading zeros. */
const LOOPBACK_V4 = /^127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * True for `localhost`, an IPv4 literal in 127.0.0.0/8 and `[::1]` (bare `::1` too, as HOST
 * is configured). Names are compared case-insensitively; nothing else passes — not
 * `localhost.`, `127.1`, `0x7f.0.0.1` nor `127.attacker.example`.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '[::1]' || h === '::1' || LOOPBACK_V4.test(h);
}

/** A Host header (`name`, `name:port`, `[v6]`, `[v6]:port`) naming a loopback host. */
export function isLoopbackHostHeader(value: string): boolean {
  const m = /^(\[[^\]]*\]|[^:[\]]+)(?::\d{1,5})?$/.exec(value.trim());
  return m !== null && isLoopbackHost(m[1] as string);
}

/** An Origin header (`scheme://host[:port]`) of a loopback page. `null` and anything opaque fail. */
export function isLoopbackOrigin(value: string): boolean {
  const m = /^https?:\/\/(\[[^\]]*\]|[^:/[\]]+)(?::\d{1,5})?$/i.exec(value.trim());
  return m !== null && isLoopbackHost(m[1] as string);
}

/** A peer IP address on loopback: 127.0.0.0/8, `::1`, or IPv4-mapped `::ffff:127.x.x.x`. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (isIP(a) === 4) return LOOPBACK_V4.test(a);
  if (isIP(a) !== 6) return false;
  if (a.startsWith('::ffff:')) return LOOPBACK_V4.test(a.slice(7));
  return /^(?:0{0,4}:){2,7}0{0,3}1$/.test(a) || a === '::1';
}

/**
 * Every client address a proxy reports: each hop of X-Forwarded-For and X-Real-IP, and each
 * `for=` of Forwarded (RFC 7239, quotes, brackets and port removed). Empty when none is sent.
 */
export function forwardedAddresses(header: (name: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const hop of (header('x-forwarded-for') ?? '').split(',')) if (hop.trim()) out.push(hop.trim());
  const real = header('x-real-ip')?.trim();
  if (real) out.push(real);
  for (const m of (header('forwarded') ?? '').matchAll(/for\s*=\s*("[^"]*"|[^;,\s]+)/gi)) {
    let v = (m[1] as string).replace(/^"|"$/g, '');
    if (v.startsWith('[')) v = v.slice(1).replace(/\](?::\d+)?$/, '');
    else if (/^[^:]+:\d+$/.test(v)) v = v.replace(/:\d+$/, '');
    out.push(v);
  }
  return out;
}
