import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a webhook POST: the gateway verifies the signature before it trusts the body. */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-qifu-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'x-qifu-signature';
export const WEBHOOK_DELIVERY_HEADER = 'x-qifu-delivery';

/**
 * `sha256=` and the hex HMAC-SHA256, keyed with the park's secret, of `<timestamp>.<body>`:
 * the timestamp (Unix seconds) is signed too, so a captured request cannot be replayed later.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** What a gateway does on receipt: the signature matches and the timestamp is recent. */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || !headers.signature) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
