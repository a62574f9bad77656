import { describe, expect, it } from '@jest/globals';
import { NO_FAILURES, secondsToWait, type FailureCount } from '../sign-in-throttle.js';

const settings = { accountFailures: 5, addressFailures: 20, maxDelaySeconds: 900 };
const failed = (failures: number, sinceLastFailure = 0, busyFor = 0): FailureCount => ({
  failures,
  sinceLastFailure,
  busyFor,
});

describe('sign-in throttle', () => {
  it('slows nobody before the account has five failures', () => {
    expect(secondsToWait(settings, { account: failed(4), pair: failed(4), address: failed(4) })).toBe(0);
  });

  it('doubles the wait of a failing address with each failure, up to the longest delay', () => {
    const waits = [5, 6, 7, 8, 9, 20, 40].map((n) =>
      secondsToWait(settings, { account: failed(n), pair: failed(n), address: failed(0) }),
    );
    // 10 failures double the account's pressure: one more doubling.
    expect(waits).toEqual([1, 2, 4, 8, 16, 900, 900]);
  });

  it('counts the time already waited', () => {
    expect(secondsToWait(settings, { account: failed(7), pair: failed(7, 3.2), address: failed(0) })).toBe(1);
    expect(secondsToWait(settings, { account: failed(7), pair: failed(7, 4), address: failed(0) })).toBe(0);
  });

  it('never slows an address without failures on the account, however attacked the account is', () => {
    expect(secondsToWait(settings, { account: failed(5000), pair: NO_FAILURES, address: NO_FAILURES })).toBe(
      0,
    );
  });

  it('slows each of many guessing addresses more as the account’s failures double', () => {
    const wait = (account: number) =>
      secondsToWait(settings, { account: failed(account), pair: failed(1), address: failed(1) });
    expect([5, 10, 20, 40, 80].map(wait)).toEqual([1, 2, 4, 8, 16]);
  });

  it('slows an address trying many names once it has twenty failures', () => {
    const wait = (address: number) =>
      secondsToWait(settings, { account: NO_FAILURES, pair: NO_FAILURES, address: failed(address) });
    expect([19, 20, 21, 22, 40].map(wait)).toEqual([0, 1, 2, 4, 900]);
  });

  it('lets one attempt at a time through once the next failure would slow the address down', () => {
    // An attempt is in flight for 10 more seconds: a parallel guess waits for its outcome.
    expect(
      secondsToWait(settings, { account: failed(4), pair: failed(4, 60, 10), address: NO_FAILURES }),
    ).toBe(10);
    // Not yet guarded: parallel attempts are fine (an office signing in together).
    expect(
      secondsToWait(settings, { account: failed(1), pair: failed(1, 60, 10), address: NO_FAILURES }),
    ).toBe(0);
  });
});
