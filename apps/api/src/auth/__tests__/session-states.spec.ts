import { describe, expect, it } from '@jest/globals';
import type { Actor } from '../../access/actor.js';
import { SessionStates, type SessionState } from '../session-states.js';

const actor: Actor = {
  userId: 'u1',
  username: 'zy.head',
  parkId: 'p1',
  districtId: 'd1',
  platformRole: null,
  roles: [
    { role: 'DEPARTMENT_HEAD', departmentId: 'dep1' },
    { role: 'DEPARTMENT_HANDLER', departmentId: 'dep2' },
  ],
};
const current: SessionState = {
  active: true,
  version: 4,
  platformRole: null,
  parkId: 'p1',
  grants: ['DEPARTMENT_HANDLER:dep2', 'DEPARTMENT_HEAD:dep1'],
};

/** A loader answering `state` and counting its reads, on a clock the test moves. */
function fixture(initial: SessionState | null = current) {
  let state = initial;
  let now = 0;
  let reads = 0;
  const sessions = new SessionStates(
    async () => {
      reads += 1;
      return state;
    },
    5_000,
    () => now,
  );
  return {
    sessions,
    reads: () => reads,
    set: (next: SessionState | null) => (state = next),
    advance: (ms: number) => (now += ms),
  };
}

describe('session states', () => {
  it('a standing session costs one read per user per cache period', async () => {
    const f = fixture();
    expect(await f.sessions.stands(actor, 4)).toBe(true);
    expect(await f.sessions.stands(actor, 4)).toBe(true);
    f.advance(4_999);
    expect(await f.sessions.stands(actor, 4)).toBe(true);
    expect(f.reads()).toBe(1);
    f.advance(1);
    expect(await f.sessions.stands(actor, 4)).toBe(true);
    expect(f.reads()).toBe(2);
  });

  it('concurrent requests of one user share one read', async () => {
    const f = fixture();
    expect(await Promise.all([1, 2, 3].map(() => f.sessions.stands(actor, 4)))).toEqual([true, true, true]);
    expect(f.reads()).toBe(1);
  });

  it('a change made elsewhere is seen once the cache period has passed', async () => {
    const f = fixture();
    expect(await f.sessions.stands(actor, 4)).toBe(true);
    f.set({ ...current, version: 5 });
    f.advance(5_000);
    expect(await f.sessions.stands(actor, 4)).toBe(false);
  });

  it('a change made here is seen on the next request', async () => {
    const f = fixture();
    expect(await f.sessions.stands(actor, 4)).toBe(true);
    f.set({ ...current, active: false });
    f.sessions.forget('u1');
    expect(await f.sessions.stands(actor, 4)).toBe(false);
  });

  it('a read started before a change is not kept', async () => {
    const f = fixture();
    const before = f.sessions.stands(actor, 4);
    f.set({ ...current, version: 5 });
    f.sessions.forget('u1');
    expect(await before).toBe(true);
    expect(await f.sessions.stands(actor, 4)).toBe(false);
  });

  it('refuses another version, an inactive or missing user, other roles, park or platform role', async () => {
    const cases: [SessionState | null, number][] = [
      [current, 3],
      [{ ...current, active: false }, 4],
      [null, 4],
      [{ ...current, grants: ['DEPARTMENT_HEAD:dep1'] }, 4],
      [{ ...current, grants: [...current.grants, 'PARK_ADMIN:'] }, 4],
      [{ ...current, parkId: 'p2' }, 4],
      [{ ...current, platformRole: 'PLATFORM_ADMIN' }, 4],
    ];
    for (const [state, version] of cases) {
      const f = fixture(state);
      expect({ state, stands: await f.sessions.stands(actor, version) }).toEqual({ state, stands: false });
    }
  });
});
