/**
 * How long a sign-in attempt must wait, from the recent failures of its account, of its address on
 * that account, and of its address on any account. Pure: the counts come from `sign-in-failures.ts`.
 *
 * - An account with fewer than `accountFailures` recent failures slows nobody.
 * - From then on, an address that has failed on the account waits before its next attempt there:
 *   2^(its failures beyond `accountFailures`, at least 0, plus the account's pressure) seconds,
 *   where the pressure grows by one each time the account's failures double (many addresses
 *   guessing one account slow each of them down more). An address without recent failures on the
 *   account is never slowed by it: the owner's right password from elsewhere always gets through.
 * - An address with `addressFailures` recent failures on any names waits 2^(failures beyond) s
 *   before any attempt (guessing many accounts a few times each).
 * - Every delay stops growing at `maxDelaySeconds`.
 */
export interface ThrottleSettings {
  accountFailures: number;
  addressFailures: number;
  maxDelaySeconds: number;
}

/** Failures counted in the current window of one subject (account, address+account, address). */
export interface FailureCount {
  failures: number;
  /** Seconds since the last failure (Infinity: none). */
  sinceLastFailure: number;
  /** Seconds an attempt now in flight still holds the subject (0: none). */
  busyFor: number;
}

export const NO_FAILURES: FailureCount = { failures: 0, sinceLastFailure: Infinity, busyFor: 0 };

export interface AttemptCounts {
  account: FailureCount;
  pair: FailureCount;
  address: FailureCount;
}

function backoff(exponent: number, settings: ThrottleSettings): number {
  return Math.min(settings.maxDelaySeconds, 2 ** exponent);
}

/**
 * Which subjects one more failure would slow down: an attempt on them is then the only one in
 * flight (a burst of parallel guesses would otherwise all pass before the first is counted).
 */
export function guardedSubjects(
  settings: ThrottleSettings,
  counts: Pick<AttemptCounts, 'account' | 'address'>,
): { pair: boolean; address: boolean } {
  return {
    pair: counts.account.failures + 1 >= settings.accountFailures,
    address: counts.address.failures + 1 >= settings.addressFailures,
  };
}

/** Whole seconds to wait before this attempt may be checked; 0 when it may go ahead. */
export function secondsToWait(settings: ThrottleSettings, counts: AttemptCounts): number {
  const { account, pair, address } = counts;
  let wait = 0;
  if (account.failures >= settings.accountFailures && pair.failures > 0) {
    const pressure = Math.floor(Math.log2(account.failures / settings.accountFailures));
    const exponent = Math.max(0, pair.failures - settings.accountFailures) + pressure;
    wait = Math.max(wait, backoff(exponent, settings) - pair.sinceLastFailure);
  }
  if (address.failures >= settings.addressFailures) {
    const exponent = address.failures - settings.addressFailures;
    wait = Math.max(wait, backoff(exponent, settings) - address.sinceLastFailure);
  }
  const guarded = guardedSubjects(settings, counts);
  if (guarded.pair) wait = Math.max(wait, pair.busyFor);
  if (guarded.address) wait = Math.max(wait, address.busyFor);
  return wait > 0 ? Math.ceil(wait) : 0;
}
