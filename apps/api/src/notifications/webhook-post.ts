import { blockedAddressReason } from '@qifu/domain';
import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a name resolves to (the system resolver, as sockets use it). */
export type ResolveAll = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: ResolveAll = (hostname) => dns.lookup(hostname, { all: true });

export interface WebhookPostOptions {
  /** CIDR networks the operator lets webhooks reach (WEBHOOK_ALLOWED_NETWORKS). */
  allowedNetworks: readonly string[];
  resolve: ResolveAll;
  timeoutMs: number;
}

export interface WebhookAnswer {
  status: number;
  /** The start of the body, for the delivery's error. */
  text: string;
}

const ANSWER_BYTES = 64 * 1024;

/**
 * The addresses a webhook may be sent to: the URL's literal address, or every address its name
 * resolves to, each one public (or in an allowed network). One inside address refuses the name.
 */
async function checkedAddresses(host: string, options: WebhookPostOptions): Promise<ResolvedAddress[]> {
  const family = net.isIP(host);
  const addresses = family ? [{ address: host, family }] : await options.resolve(host);
  if (addresses.length === 0) throw new Error(`${host} does not resolve`);
  for (const { address } of addresses) {
    const reason = blockedAddressReason(address, options.allowedNetworks);
    if (reason) {
      throw new Error(
        family
          ? `the webhook may not be sent to ${reason} (${address})`
          : `the webhook may not be sent to ${host}: it resolves to ${reason} (${address})`,
      );
    }
  }
  return addresses;
}

/**
 * POSTs a webhook to addresses checked after DNS resolution. The socket is given those addresses
 * instead of resolving the name again, so a second answer (DNS rebinding) cannot move it inside;
 * redirects are not followed. TLS still verifies the certificate against the URL's name.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: WebhookPostOptions,
): Promise<WebhookAnswer> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = await checkedAddresses(host, options);
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<WebhookAnswer>((resolve, reject) => {
    const done =
      <T>(settle: (value: T) => void) =>
      (value: T) => {
        clearTimeout(timer);
        settle(value);
      };
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        // A socket of its own: a pooled one may have been connected under other rules.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept >= ANSWER_BYTES) return;
          chunks.push(chunk);
          kept += chunk.length;
        });
        response.on('end', () =>
          done(resolve)({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8').slice(0, 300),
          }),
        );
        response.on('error', done(reject));
      },
    );
    // The whole exchange, not only each silence: a gateway dripping bytes is cut off too.
    const timer = setTimeout(
      () => request.destroy(new Error(`the webhook did not answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on('error', done(reject));
    request.end(body);
  });
}
