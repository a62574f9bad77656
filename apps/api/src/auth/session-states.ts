import type { Actor } from '../access/actor.js';

/** What an access token stands for, as the database says now. */
export interface SessionState {
  active: boolean;
  version: number;
  platformRole: string | null;
  parkId: string | null;
  /** The role grants held in the park, as sorted `role:departmentId` keys. */
  grants: string[];
}

export type SessionLoader = (actor: Actor) => Promise<SessionState | null>;

const MAX_ENTRIES = 50_000;

function grantKeys(actor: Actor): string[] {
  return actor.roles.map((grant) => `${grant.role}:${grant.departmentId ?? ''}`).sort();
}

function sameGrants(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/**
 * Whether a verified access token's session still stands: its user is active, its session version
 * is the user's current one (raised on deactivation, password change, sign-out and the end of all
 * sessions) and it carries the roles the user holds now. Each user's state is read from the
 * database at most once per `ttlMs` in this process, so a request normally costs a map lookup;
 * changes made in this process are seen at once (`forget`), those of other processes within `ttlMs`.
 */
export class SessionStates {
  private readonly entries = new Map<string, { state: SessionState | null; loadedAt: number }>();
  private readonly loading = new Map<string, Promise<SessionState | null>>();

  constructor(
    private readonly load: SessionLoader,
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async stands(actor: Actor, sessionVersion: number): Promise<boolean> {
    const state = await this.stateOf(actor);
    return (
      state !== null &&
      state.active &&
      state.version === sessionVersion &&
      state.parkId === actor.parkId &&
      state.platformRole === actor.platformRole &&
      sameGrants(state.grants, grantKeys(actor))
    );
  }

  /** Drops what is known of the user: the next request reads the database again. */
  forget(userId: string): void {
    this.entries.delete(userId);
    this.loading.delete(userId);
  }

  private stateOf(actor: Actor): Promise<SessionState | null> {
    const cached = this.entries.get(actor.userId);
    if (cached && this.now() - cached.loadedAt < this.ttlMs) return Promise.resolve(cached.state);
    // Concurrent requests of one user share one read.
    const pending = this.loading.get(actor.userId);
    if (pending) return pending;
    const loadedAt = this.now();
    const loading = this.load(actor).then(
      (state) => {
        // Forgotten meanwhile: the state read may predate the change, keep it out of the cache.
        if (this.loading.get(actor.userId) === loading) {
          this.loading.delete(actor.userId);
          this.entries.delete(actor.userId);
          if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
          this.entries.set(actor.userId, { state, loadedAt });
        }
        return state;
      },
      (error: unknown) => {
        if (this.loading.get(actor.userId) === loading) this.loading.delete(actor.userId);
        throw error;
      },
    );
    this.loading.set(actor.userId, loading);
    return loading;
  }
}
