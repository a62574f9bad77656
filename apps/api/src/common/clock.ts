import { isoDateInChina } from '@qifu/domain';

/**
 * Where the API and the jobs read the time. Deadlines are decided against it, so tests can move
 * it past a deadline instead of waiting, and a job decides exactly as a request would.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Today in the parks' time zone by this clock (deadlines are dates in China). */
export function todayIn(clock: Clock): string {
  return isoDateInChina(clock.now());
}

/** A clock that stands still until moved: for tests and for replaying a day. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date): void {
    this.current = new Date(to);
  }
}
