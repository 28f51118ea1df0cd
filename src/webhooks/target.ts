/**
 * Where a webhook may point (server-side request forgery): http(s) only, and every address the
 * host name resolves to must be public — checked when the webhook is created and again on every
 * delivery, at connect time, on the very addresses connected to (so DNS rebinding between the
 * check and the connection cannot reach a private address). RECKON_WEBHOOK_ALLOW_PRIVATE=1 lifts
 * the address rule (a local receiver, the tests).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from '../domain/webhooks.js';

export class TargetError extends Error {}

const LOOKUP_TIMEOUT_MS = 5_000;

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new TargetError(`the host name ${host} did not resolve in time`)), LOOKUP_TIMEOUT_MS);
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(new TargetError(`the host name ${host} does not resolve (${err.code ?? err.message})`));
      else resolve(addresses);
    });
  });
}

/** The host's addresses, all of them checked; a TargetError names the first refused one. */
export async function checkedAddresses(host: string, allowPrivate: boolean): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await resolveAll(bare);
  if (addresses.length === 0) throw new TargetError(`the host name ${host} has no address`);
  if (!allowPrivate) {
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) throw new TargetError(`${host} resolves to ${refused.address}, a loopback, private or reserved address; webhooks go only to public addresses (RECKON_WEBHOOK_ALLOW_PRIVATE=1 allows others)`);
  }
  return addresses;
}

/** The URL, if it is an absolute http(s) URL whose host resolves to allowed addresses only. */
export async function checkTargetUrl(text: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetError('must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetError('must be an http or https URL');
  if (url.username || url.password) throw new TargetError('must not carry a user name or password');
  await checkedAddresses(url.hostname, allowPrivate);
  return url;
}

/** A `lookup` for http.request that connects only to addresses that pass the check. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    checkedAddresses(hostname, allowPrivate).then(
      (addresses) => (options?.all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family)),
      (err: Error) => callback(err, ''),
    );
  }) as LookupFunction;
}
