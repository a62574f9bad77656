import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, SignJWT } from 'jose';
import { errorCode, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';

const LOGIN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken } }`;
const REFRESH = `mutation($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken refreshToken me { roles { role } } } }`;
const LOGOUT = `mutation($t: String!) { signOut(input: { refreshToken: $t }) }`;
const ME = `{ me { username } }`;
const SAVE_ENTERPRISE = `mutation { saveEnterprise(input: { creditCode: "91500114MA5U3XKL2T", name: "重庆正阳精密机械有限公司" }) { id } }`;
const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`;

interface Session {
  accessToken: string;
  refreshToken: string;
}

/**
 * Revocation takes effect on the next request: the access token already issued stops working when
 * its user is deactivated, loses roles, changes password or signs out.
 */
describe('revocation of issued access tokens', () => {
  let api: TestApi;
  let enterpriseId: string;

  beforeAll(async () => {
    // No grace period: a token presented again is a copy at once (refresh-grace.spec covers the window).
    api = await startTestApi({ REFRESH_REUSE_GRACE_SECONDS: '0' });
    const staff = await api.login('zy.staff');
    enterpriseId = (await api.gql(SAVE_ENTERPRISE, {}, staff)).data!.saveEnterprise.id;
  });
  afterAll(() => api?.close());

  async function signIn(username: string, password = 'Zhengyang@2022'): Promise<Session> {
    const result = await api.gql(LOGIN, { input: { username, password } });
    if (!result.data?.signIn) throw new Error(JSON.stringify(result.errors));
    return result.data.signIn;
  }

  const userId = async (username: string): Promise<string> =>
    (await api.owner.query(`SELECT id FROM users WHERE username = $1`, [username])).rows[0].id;

  const caseCount = async (): Promise<number> =>
    (await api.owner.query(`SELECT count(*)::int AS n FROM cases`)).rows[0].n;

  const register = (token: string, title: string) =>
    api.gql(
      REGISTER,
      {
        input: {
          enterpriseId,
          reportedAt: new Date().toISOString(),
          categoryCode: 'RECRUITMENT',
          channelCode: 'SERVICE_HALL',
          reportFormCode: 'IN_PERSON_OR_LETTER',
          contactName: '李女士',
          contactPhone: '13800000000',
          title,
          description: '旺季用工缺口约 200 人，希望协助对接劳务资源。',
        },
      },
      token,
    );

  it('a deactivated user can neither read nor write with the access token already issued', async () => {
    const session = await signIn('zy.staff');
    expect(errorCode(await api.gql(ME, {}, session.accessToken))).toBeUndefined();
    const admin = await api.login('zy.admin');
    const off = await api.gql(
      `mutation($id: ID!) { setUserActive(input: { userId: $id, active: false }) { active } }`,
      { id: await userId('zy.staff') },
      admin,
    );
    expect(off.errors).toBeUndefined();

    const before = await caseCount();
    const written = await register(session.accessToken, '停用后登记');
    expect(errorCode(written)).toBe('UNAUTHENTICATED');
    expect(await caseCount()).toBe(before);
    expect(errorCode(await api.gql(ME, {}, session.accessToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');

    // Switched on again, the person signs in anew: the old token stays dead.
    await api.gql(
      `mutation($id: ID!) { setUserActive(input: { userId: $id, active: true }) { active } }`,
      { id: await userId('zy.staff') },
      admin,
    );
    expect(errorCode(await api.gql(ME, {}, session.accessToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
    const again = await signIn('zy.staff');
    expect(errorCode(await api.gql(ME, {}, again.accessToken))).toBeUndefined();
  });

  it('reduced roles apply on the next request, not when the token expires', async () => {
    const session = await signIn('zy.staff');
    const admin = await api.login('zy.admin');
    const { rows } = await api.owner.query(`SELECT id FROM departments WHERE code = 'ECONOMIC_DEVELOPMENT'`);
    const reduced = await api.gql(
      `mutation($input: SetUserRolesInput!) { setUserRoles(input: $input) { roles { role } } }`,
      {
        input: {
          userId: await userId('zy.staff'),
          roles: [{ role: 'DEPARTMENT_HANDLER', departmentId: rows[0].id }],
        },
      },
      admin,
    );
    expect(reduced.errors).toBeUndefined();

    const before = await caseCount();
    expect(errorCode(await register(session.accessToken, '降权后登记'))).toBe('UNAUTHENTICATED');
    expect(await caseCount()).toBe(before);
    // The console renews the session and gets the roles the person holds now.
    const renewed = await api.gql(REFRESH, { t: session.refreshToken });
    expect(renewed.data!.refreshSession.me.roles).toEqual([{ role: 'DEPARTMENT_HANDLER' }]);
    expect(errorCode(await register(renewed.data!.refreshSession.accessToken, '降权后登记'))).toBe(
      'FORBIDDEN',
    );
    expect(await caseCount()).toBe(before);
  });

  it('an access token is refused after logout; other sessions of the person go on', async () => {
    const session = await signIn('zy.deputy');
    const other = await signIn('zy.deputy');
    expect((await api.gql(LOGOUT, { t: session.refreshToken })).data).toEqual({ signOut: true });
    expect(errorCode(await api.gql(ME, {}, session.accessToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
    // The other device renews its access token once and carries on.
    const renewed = await api.gql(REFRESH, { t: other.refreshToken });
    expect(errorCode(renewed)).toBeUndefined();
    expect(errorCode(await api.gql(ME, {}, renewed.data!.refreshSession.accessToken))).toBeUndefined();
  });

  it('a token without exp, signed with the real secret, is refused', async () => {
    const { accessToken } = await signIn('zy.head');
    const claims = decodeJwt(accessToken);
    delete claims.exp;
    const forever = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(api.config.JWT_SECRET));
    expect(errorCode(await api.gql(ME, {}, accessToken))).toBeUndefined();
    expect(errorCode(await api.gql(ME, {}, forever))).toBe('UNAUTHENTICATED');
  });

  it('a password change ends every other session at once and keeps the one that changed it', async () => {
    const elsewhere = await signIn('zy.leader');
    const here = await signIn('zy.leader');
    const changed = await api.gql(
      `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken refreshToken } }`,
      { input: { currentPassword: 'Zhengyang@2022', newPassword: 'Leader-New-Pass-2026' } },
      here.accessToken,
    );
    expect(changed.errors).toBeUndefined();
    expect(errorCode(await api.gql(ME, {}, elsewhere.accessToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(REFRESH, { t: elsewhere.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(ME, {}, here.accessToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(ME, {}, changed.data!.changePassword.accessToken))).toBeUndefined();
    expect(
      errorCode(await api.gql(LOGIN, { input: { username: 'zy.leader', password: 'Zhengyang@2022' } })),
    ).toBe('UNAUTHENTICATED');
    await signIn('zy.leader', 'Leader-New-Pass-2026');
  });

  it('people of no park change their own password too (district viewer, office viewer)', async () => {
    for (const username of ['qianjiang', 'zy.office']) {
      const session = await signIn(username);
      const changed = await api.gql(
        `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }`,
        { input: { currentPassword: 'Zhengyang@2022', newPassword: 'Viewer-New-Pass-2026' } },
        session.accessToken,
      );
      expect({ username, errors: changed.errors }).toEqual({ username, errors: undefined });
      expect(errorCode(await api.gql(ME, {}, session.accessToken))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.gql(ME, {}, changed.data!.changePassword.accessToken))).toBeUndefined();
      await signIn(username, 'Viewer-New-Pass-2026');
    }
  });

  it('a wrong current password changes nothing; a weak new one is refused naming the field', async () => {
    const session = await signIn('zy.handler');
    const change = (currentPassword: string, newPassword: string) =>
      api.gql(
        `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }`,
        { input: { currentPassword, newPassword } },
        session.accessToken,
      );
    const wrong = await change('Wrong-Password-1', 'Handler-New-Pass-2026');
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors![0].extensions!.fields).toEqual([
      { path: 'currentPassword', message: expect.any(String) },
    ]);
    const weak = await change('Zhengyang@2022', 'short');
    expect(errorCode(weak)).toBe('BAD_USER_INPUT');
    expect(weak.errors![0].extensions!.fields![0].path).toBe('newPassword');
    expect(errorCode(await api.gql(ME, {}, session.accessToken))).toBeUndefined();
  });

  it('a park administrator resets a password: the person is signed out everywhere, the reset is audited', async () => {
    const session = await signIn('zy.head');
    const admin = await api.login('zy.admin');
    const reset = await api.gql(
      `mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { username } }`,
      { input: { userId: await userId('zy.head'), password: 'Head-Temporary-2026' } },
      admin,
    );
    expect(reset.errors).toBeUndefined();
    expect(errorCode(await api.gql(ME, {}, session.accessToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
    await signIn('zy.head', 'Head-Temporary-2026');
    const { rows } = await api.owner.query(
      `SELECT action, before, after FROM audit_events WHERE action = 'user.password_reset'`,
    );
    expect(rows).toHaveLength(1);
    // The trail says that it happened, never what the password is.
    expect(JSON.stringify(rows[0])).not.toMatch(/Head-Temporary|argon2/);
  });

  it('only a park administrator resets passwords, of its own park’s people, to strong ones', async () => {
    const admin = await api.login('zy.admin');
    const platformId = await userId('platform');
    const reset = await api.gql(
      `mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { username } }`,
      { input: { userId: platformId, password: 'Platform-Stolen-2026' } },
      admin,
    );
    expect(errorCode(reset)).toBe('NOT_FOUND');
    const staff = await api.login('zy.staff');
    const byStaff = await api.gql(
      `mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { username } }`,
      { input: { userId: await userId('zy.deputy'), password: 'Deputy-Stolen-2026' } },
      staff,
    );
    expect(errorCode(byStaff)).toBe('FORBIDDEN');
    const weak = await api.gql(
      `mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { username } }`,
      { input: { userId: await userId('zy.deputy'), password: 'weak' } },
      admin,
    );
    expect(errorCode(weak)).toBe('BAD_USER_INPUT');
    expect(weak.errors![0].extensions!.fields![0].path).toBe('password');
    expect(
      errorCode(await api.gql(LOGIN, { input: { username: 'platform', password: 'Platform-Stolen-2026' } })),
    ).toBe('UNAUTHENTICATED');
  });

  it('a reused refresh token ends the whole family, its access tokens included, and is audited', async () => {
    const first = await signIn('zy.staff');
    const second = (await api.gql(REFRESH, { t: first.refreshToken })).data!.refreshSession as Session;
    expect(errorCode(await api.gql(ME, {}, second.accessToken))).toBeUndefined();
    expect(errorCode(await api.gql(REFRESH, { t: first.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(REFRESH, { t: second.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(ME, {}, second.accessToken))).toBe('UNAUTHENTICATED');
    const { rows } = await api.owner.query(
      `SELECT subject_type, subject_id FROM audit_events WHERE action = 'session.refresh_token_reused'`,
    );
    expect(rows).toEqual([{ subject_type: 'User', subject_id: await userId('zy.staff') }]);
  });
});
