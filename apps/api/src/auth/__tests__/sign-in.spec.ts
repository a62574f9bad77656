import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { AccessTokens } from '../tokens.js';

const LOGIN = `mutation($input: SignInInput!) {
  signIn(input: $input) { accessToken accessTokenExpiresAt refreshToken me { username park { name } district { name } roles { role department { name } } } }
}`;
const REFRESH = `mutation($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken refreshToken me { username } } }`;
const ME = `{ me { username displayName park { code name } roles { role } } myAbilities }`;

describe('sign-in', () => {
  let api: TestApi;
  beforeAll(async () => {
    // No grace period: a token presented again is a copy at once (refresh-grace.spec covers the window).
    api = await startTestApi({ REFRESH_REUSE_GRACE_SECONDS: '0' });
  });
  afterAll(() => api.close());

  const login = (username: string, password: string) => api.gql(LOGIN, { input: { username, password } });

  it('signs in a demo account and returns its park, district and roles', async () => {
    const result = await login('zy.head', 'Zhengyang@2022');
    expect(result.errors).toBeUndefined();
    const payload = result.data!.signIn;
    expect(payload.me).toEqual({
      username: 'zy.head',
      park: { name: '重庆市正阳工业园区' },
      district: { name: '黔江区' },
      roles: [{ role: 'DEPARTMENT_HEAD', department: { name: '经济发展部' } }],
    });
    const ttl = new Date(payload.accessTokenExpiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    const me = await api.gql(ME, {}, payload.accessToken);
    expect(me.data!.me).toMatchObject({ username: 'zy.head', park: { code: 'zhengyang' } });
  });

  it('accepts the username in any case and stores argon2id hashes only', async () => {
    expect((await login('ZY.Staff', 'Zhengyang@2022')).data?.signIn.me.username).toBe('zy.staff');
    const { rows } = await api.owner.query(`SELECT password_hash FROM users WHERE username = 'zy.staff'`);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password or unknown user with the same message', async () => {
    const wrong = await login('zy.staff', 'Wrong-password-1');
    const unknown = await login('nobody.here', 'Wrong-password-1');
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
  });

  it('refuses a blank name as bad input, naming the field, and counts no failure', async () => {
    const before = await api.owner.query(`SELECT count(*)::int AS n FROM sign_in_failures`);
    for (const username of ['', ' ', '\u3000']) {
      const result = await login(username, 'Wrong-password-1');
      expect({ code: errorCode(result), fields: errorFields(result) }).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['username'],
      });
    }
    expect((await api.owner.query(`SELECT count(*)::int AS n FROM sign_in_failures`)).rows).toEqual(
      before.rows,
    );
  });

  it('rotates refresh tokens, and a reused one ends the whole session', async () => {
    const first = (await login('zy.deputy', 'Zhengyang@2022')).data!.signIn;
    const second = await api.gql(REFRESH, { t: first.refreshToken });
    expect(second.data!.refreshSession.me.username).toBe('zy.deputy');
    const secondToken = second.data!.refreshSession.refreshToken;
    expect(secondToken).not.toBe(first.refreshToken);
    // The first token again: someone copied it. Both it and its successor stop working.
    expect(errorCode(await api.gql(REFRESH, { t: first.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(REFRESH, { t: secondToken }))).toBe('UNAUTHENTICATED');
    const { rows } = await api.owner.query(`SELECT token_hash FROM refresh_tokens`);
    expect(rows.map((r) => r.token_hash)).not.toContain(first.refreshToken);
  });

  it('logout revokes the refresh token', async () => {
    const session = (await login('zy.handler', 'Zhengyang@2022')).data!.signIn;
    expect(
      (
        await api.gql(`mutation($t: String!) { signOut(input: { refreshToken: $t }) }`, {
          t: session.refreshToken,
        })
      ).data,
    ).toEqual({
      signOut: true,
    });
    expect(errorCode(await api.gql(REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('refuses operations without a valid access token', async () => {
    expect(errorCode(await api.gql(ME))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(ME, {}, 'not-a-token'))).toBe('UNAUTHENTICATED');
    const forged = await new AccessTokens('another-secret-another-secret-1234').sign(
      {
        userId: '00000000-0000-4000-8000-000000000000',
        username: 'zy.admin',
        parkId: null,
        districtId: null,
        platformRole: 'PLATFORM_ADMIN',
        roles: [],
      },
      1,
    );
    expect(errorCode(await api.gql(ME, {}, forged.token))).toBe('UNAUTHENTICATED');
    const expired = await new AccessTokens(api.config.JWT_SECRET).sign(
      { userId: 'x', username: 'x', parkId: null, districtId: null, platformRole: null, roles: [] },
      1,
      new Date(Date.now() - 16 * 60_000),
    );
    const result = await api.gql(ME, {}, expired.token);
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    expect(result.errors![0].message).toMatch(/expired/);
  });

  it('limits sign-in attempts per client address', async () => {
    const limited = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '6' });
    try {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 8; i++) {
        const r = await limited.gql(LOGIN, { input: { username: `user${i}`, password: 'Wrong-password-1' } });
        codes.push(errorCode(r));
      }
      expect(codes.slice(0, 6)).toEqual(Array(6).fill('UNAUTHENTICATED'));
      expect(codes.slice(6)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    } finally {
      await limited.close();
    }
  });
});
