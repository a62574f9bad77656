import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';

const LOGIN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken } }`;
const REFRESH = `mutation($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken refreshToken } }`;
const LOGOUT = `mutation($t: String!) { signOut(input: { refreshToken: $t }) }`;
const ME = `{ me { username } }`;

interface Session {
  accessToken: string;
  refreshToken: string;
}

async function signIn(api: TestApi, username: string): Promise<Session> {
  const result = await api.gql(LOGIN, { input: { username, password: 'Zhengyang@2022' } });
  if (!result.data?.signIn) throw new Error(JSON.stringify(result.errors));
  return result.data.signIn;
}

async function refreshed(api: TestApi, token: string): Promise<Session> {
  const result = await api.gql(REFRESH, { t: token });
  if (!result.data?.refreshSession) throw new Error(JSON.stringify(result.errors));
  return result.data.refreshSession;
}

const works = async (api: TestApi, session: Session) =>
  errorCode(await api.gql(ME, {}, session.accessToken)) === undefined;

/** The sign-in's refresh tokens: how many there are and how many were ended. */
async function family(api: TestApi, username: string) {
  const { rows } = await api.owner.query(
    `SELECT count(*)::int AS tokens, count(revoked_at)::int AS revoked
       FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = $1`,
    [username],
  );
  return rows[0] as { tokens: number; revoked: number };
}

async function reuseAudits(api: TestApi): Promise<number> {
  const { rows } = await api.owner.query(
    `SELECT count(*)::int AS n FROM audit_events WHERE action = 'session.refresh_token_reused'`,
  );
  return rows[0].n;
}

/**
 * Two tabs of one browser refreshing with the same token at nearly the same moment: the second is
 * not a thief. Within the grace period it renews the same sign-in; after it, reuse is a copy.
 */
describe('refresh token reuse grace period', () => {
  describe('within the window (default 10 s)', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi();
    });
    afterAll(() => api?.close());

    it('two refreshes with the same token at once both succeed, and the sign-in lives on', async () => {
      const first = await signIn(api, 'zy.staff');
      const [a, b] = await Promise.all([
        api.gql(REFRESH, { t: first.refreshToken }),
        api.gql(REFRESH, { t: first.refreshToken }),
      ]);
      expect([errorCode(a), errorCode(b)]).toEqual([undefined, undefined]);
      const tabA = a.data!.refreshSession as Session;
      const tabB = b.data!.refreshSession as Session;
      expect(tabA.refreshToken).not.toBe(tabB.refreshToken);
      expect(await works(api, tabA)).toBe(true);
      expect(await works(api, tabB)).toBe(true);
      // Both tabs go on rotating their own successors.
      expect(await works(api, await refreshed(api, tabA.refreshToken))).toBe(true);
      expect(await works(api, await refreshed(api, tabB.refreshToken))).toBe(true);
      expect(await family(api, 'zy.staff')).toEqual({ tokens: 5, revoked: 0 });
      expect(await reuseAudits(api)).toBe(0);
    });

    it('a token presented again a moment after its rotation gets a sibling in the same family', async () => {
      const first = await signIn(api, 'zy.head');
      const second = await refreshed(api, first.refreshToken);
      await sleep(200);
      const sibling = await refreshed(api, first.refreshToken);
      expect(await works(api, second)).toBe(true);
      expect(await works(api, sibling)).toBe(true);
      const { rows } = await api.owner.query(
        `SELECT count(DISTINCT family_id)::int AS families
           FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = 'zy.head'`,
      );
      expect(rows[0].families).toBe(1);
      // One sign-out still ends all of it, the sibling included.
      expect((await api.gql(LOGOUT, { t: second.refreshToken })).data).toEqual({ signOut: true });
      expect(errorCode(await api.gql(REFRESH, { t: sibling.refreshToken }))).toBe('UNAUTHENTICATED');
    });

    it('the window does not bring back a sign-in that was ended', async () => {
      const first = await signIn(api, 'zy.deputy');
      const second = await refreshed(api, first.refreshToken);
      expect((await api.gql(LOGOUT, { t: second.refreshToken })).data).toEqual({ signOut: true });
      expect(errorCode(await api.gql(REFRESH, { t: first.refreshToken }))).toBe('UNAUTHENTICATED');
      expect(await family(api, 'zy.deputy')).toEqual({ tokens: 2, revoked: 2 });
    });
  });

  describe('after the window', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ REFRESH_REUSE_GRACE_SECONDS: '1' });
    });
    afterAll(() => api?.close());

    it('reuse past the window ends the whole family and is audited', async () => {
      const first = await signIn(api, 'zy.staff');
      const second = await refreshed(api, first.refreshToken);
      await sleep(1500);
      expect(errorCode(await api.gql(REFRESH, { t: first.refreshToken }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.gql(REFRESH, { t: second.refreshToken }))).toBe('UNAUTHENTICATED');
      expect(await works(api, second)).toBe(false);
      expect(await family(api, 'zy.staff')).toEqual({ tokens: 2, revoked: 2 });
      expect(await reuseAudits(api)).toBe(1);
    });
  });
});
