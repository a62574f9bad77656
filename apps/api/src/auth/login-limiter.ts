/**
 * Limits sign-in attempts per client address (fixed one-minute windows), on top of the per-account
 * lockout. Kept in memory: each API process limits its own share.
 */
export class LoginLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly maxAttempts = 20,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts an attempt; returns seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    if (this.windows.size > 10_000) this.sweep(now);
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      this.windows.set(key, { startedAt: now, count: 1 });
      return 0;
    }
    window.count += 1;
    if (window.count <= this.maxAttempts) return 0;
    return Math.ceil((window.startedAt + this.windowMs - now) / 1000);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
  }
}
