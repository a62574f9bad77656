import ipaddr from 'ipaddr.js';
import type { RulesProblem } from './errors.js';

/**
 * Where a park's notification webhook may point, and which secret it may sign with. The rules are
 * written by the park's admin: without these checks the API would POST from inside the network
 * (loopback, the LAN, a cloud's metadata service) and sign with another park's secret.
 */

export const WEBHOOK_SECRET_PREFIX = 'QIFU_WEBHOOK_SECRET_';

/** A park code as an environment variable name writes it: upper case, anything else as `_`. */
export function webhookSecretBase(parkCode: string): string {
  return `${WEBHOOK_SECRET_PREFIX}${parkCode.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * The park's own secret names: `QIFU_WEBHOOK_SECRET_<CODE>`, or that and `__<SUFFIX>` (a second
 * secret while one is rotated). The double underscore keeps `ZHENG` from reaching `ZHENG_YANG`.
 */
export function webhookSecretInScope(secretRef: string, parkCode: string): boolean {
  const base = webhookSecretBase(parkCode);
  return secretRef === base || (secretRef.startsWith(`${base}__`) && secretRef.length > base.length + 2);
}

/** Two park codes whose secret names could be the same (refused when a park is onboarded). */
export function webhookSecretScopesOverlap(codeA: string, codeB: string): boolean {
  const a = webhookSecretBase(codeA);
  const b = webhookSecretBase(codeB);
  return a === b || a.startsWith(`${b}__`) || b.startsWith(`${a}__`);
}

/** An operator's CIDR list entry (WEBHOOK_ALLOWED_NETWORKS), e.g. `10.20.0.0/16`. */
export function isNetwork(cidr: string): boolean {
  return ipaddr.isValidCIDR(cidr);
}

// Cloud metadata services, named as such (they are link-local, CGNAT or ULA addresses anyway).
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '169.254.0.23']);

const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address (RFC 6598)',
  private: 'a private address (RFC 1918)',
  uniqueLocal: 'a unique local address (RFC 4193)',
};

function parsed(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return null;
  const ip = ipaddr.parse(bare);
  // ::ffff:127.0.0.1 reaches 127.0.0.1.
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()
    ? (ip as ipaddr.IPv6).toIPv4Address()
    : ip;
}

function inNetwork(ip: ipaddr.IPv4 | ipaddr.IPv6, cidr: string): boolean {
  if (!ipaddr.isValidCIDR(cidr)) return false;
  const [network, bits] = ipaddr.parseCIDR(cidr);
  return network.kind() === ip.kind() && ip.match(network, bits);
}

/**
 * Why a webhook may not be sent to `address`, or null when it may: only public unicast addresses,
 * or addresses in a network the operator allows (an on-premises gateway). Everything else —
 * loopback, private, CGNAT, unique local, link-local, metadata, unspecified, multicast, reserved,
 * and IPv6 forms that carry an IPv4 address (6to4, Teredo, NAT64) — is refused.
 */
export function blockedAddressReason(
  address: string,
  allowedNetworks: readonly string[] = [],
): string | null {
  const ip = parsed(address);
  if (!ip) return 'not an IP address';
  if (allowedNetworks.some((cidr) => inNetwork(ip, cidr))) return null;
  if (METADATA.has(ip.toNormalizedString()) || METADATA.has(ip.toString())) return 'a cloud metadata address';
  const range = ip.range();
  if (range === 'unicast') return null;
  return RANGE_WORDS[range] ?? `a reserved address (${range})`;
}

/** Names that resolve inside the network by convention: refused before any DNS lookup. */
function internalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (!name.includes('.')) return true;
  return ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home.arpa'].some(
    (suffix) => name === suffix || name.endsWith(`.${suffix}`),
  );
}

/**
 * What is wrong with a webhook URL as written, before any DNS lookup: a literal address that is
 * not public, or an obviously internal name (localhost, *.internal, a name without a domain…).
 * Internal names are let through when the operator allows networks: delivery then checks where
 * they resolve. Null when the URL may be used.
 */
export function webhookUrlProblem(url: string, allowedNetworks: readonly string[] = []): string | null {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return null; // The schema reports a URL that does not parse.
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') return null;
  const host = parsedUrl.hostname;
  if (parsed(host)) {
    const reason = blockedAddressReason(host, allowedNetworks);
    return reason ? `must not point at ${reason} (${host})` : null;
  }
  if (allowedNetworks.length === 0 && internalName(host)) {
    return `must not point at a name of the local network (${host}): use a public name or address`;
  }
  return null;
}

export interface WebhookRulesOptions {
  /** The park the rules are for: its webhook must sign with a secret named after it. */
  parkCode?: string;
  /** CIDR networks the operator lets webhooks reach (WEBHOOK_ALLOWED_NETWORKS). */
  webhookAllowedNetworks?: readonly string[];
}

/** Problems of `notifications.webhook` in (possibly invalid) rules, with their paths. */
export function webhookProblems(rules: unknown, options: WebhookRulesOptions = {}): RulesProblem[] {
  const notifications = (rules as { notifications?: { webhook?: unknown } } | null)?.notifications;
  const webhook = notifications?.webhook as { url?: unknown; secretRef?: unknown } | undefined;
  if (!webhook || typeof webhook !== 'object') return [];
  const problems: RulesProblem[] = [];
  if (typeof webhook.url === 'string') {
    const message = webhookUrlProblem(webhook.url, options.webhookAllowedNetworks);
    if (message) problems.push({ path: 'notifications.webhook.url', message });
  }
  if (
    options.parkCode !== undefined &&
    typeof webhook.secretRef === 'string' &&
    webhook.secretRef.startsWith(WEBHOOK_SECRET_PREFIX) &&
    !webhookSecretInScope(webhook.secretRef, options.parkCode)
  ) {
    const base = webhookSecretBase(options.parkCode);
    problems.push({
      path: 'notifications.webhook.secretRef',
      message: `must be this park's secret: ${base} or ${base}__…`,
    });
  }
  return problems;
}
