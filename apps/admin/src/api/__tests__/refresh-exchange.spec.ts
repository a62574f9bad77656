import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DepartmentsDocument, UsersDocument } from '@/gql/graphql';
import { authPayload, packedAbilities, PARK_ADMIN_RULES, parkAdminMe } from '@/test-support/fixtures';
import { createConsoleHarness } from '@/test-support/console-harness';
import { graphqlError, graphqlFetch } from '@/test-support/graphql-fetch';

const users = [
  {
    id: 'u1',
    username: 'lisi',
    displayName: '李四',
    active: true,
    recentFailedSignIns: 0,
    lastFailedSignInAt: null,
    roles: [],
  },
];

// The initial navigation loads the session with the stored token; it is valid until it expires.
const Session = () => ({ data: { me: parkAdminMe, myAbilities: packedAbilities(PARK_ADMIN_RULES) } });

function signedInAs(accessToken: string, refreshToken: string): void {
  localStorage.setItem('qifu.accessToken', accessToken);
  localStorage.setItem('qifu.refreshToken', refreshToken);
}

describe('refresh exchange', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('refreshes once after UNAUTHENTICATED, stores the rotated refresh token and retries with the new access token', async () => {
    signedInAs('access-1', 'refresh-1');
    const api = graphqlFetch({
      Session,
      Users: (_vars, call) =>
        call.authorization === 'Bearer access-2'
          ? { data: { users } }
          : graphqlError('UNAUTHENTICATED', 'jwt expired'),
      RefreshSession: (vars) =>
        (vars.input as { refreshToken: string }).refreshToken === 'refresh-1'
          ? { data: { refreshSession: authPayload('access-2', 'refresh-2') } }
          : graphqlError('UNAUTHENTICATED'),
    });
    const { client } = await createConsoleHarness(api.fetch);
    api.calls.length = 0;

    const result = await client.query(UsersDocument, {}).toPromise();

    expect(result.error).toBeUndefined();
    expect(result.data?.users.map((user) => user.displayName)).toEqual(['李四']);
    expect(api.calls.map((call) => [call.operationName, call.authorization])).toEqual([
      ['Users', 'Bearer access-1'],
      ['RefreshSession', 'Bearer access-1'],
      ['Users', 'Bearer access-2'],
    ]);
    expect(localStorage.getItem('qifu.refreshToken')).toBe('refresh-2');
    expect(localStorage.getItem('qifu.accessToken')).toBe('access-2');
  });

  it('spends the refresh token only once when several requests fail together', async () => {
    signedInAs('access-1', 'refresh-1');
    const fresh = (call: { authorization: string | null }) => call.authorization === 'Bearer access-2';
    const api = graphqlFetch({
      Session,
      Users: (_vars, call) => (fresh(call) ? { data: { users } } : graphqlError('UNAUTHENTICATED')),
      Departments: (_vars, call) =>
        fresh(call) ? { data: { departments: [] } } : graphqlError('UNAUTHENTICATED'),
      RefreshSession: () => ({ data: { refreshSession: authPayload('access-2', 'refresh-2') } }),
    });
    const { client } = await createConsoleHarness(api.fetch);

    const [usersResult, departmentsResult] = await Promise.all([
      client.query(UsersDocument, {}).toPromise(),
      client.query(DepartmentsDocument, {}).toPromise(),
    ]);

    expect(usersResult.data?.users).toHaveLength(1);
    expect(departmentsResult.data?.departments).toEqual([]);
    expect(api.callsOf('RefreshSession')).toHaveLength(1);
  });

  it('retries only once: a refused fresh token ends the session instead of looping', async () => {
    signedInAs('access-1', 'refresh-1');
    const api = graphqlFetch({
      Session,
      Users: () => graphqlError('UNAUTHENTICATED'),
      RefreshSession: () => ({ data: { refreshSession: authPayload('access-2', 'refresh-2') } }),
    });
    const { client, session } = await createConsoleHarness(api.fetch);

    const result = await client.query(UsersDocument, {}).toPromise();

    expect(result.error?.graphQLErrors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(api.callsOf('Users')).toHaveLength(2);
    expect(api.callsOf('RefreshSession')).toHaveLength(1);
    expect(session().isAuthenticated).toBe(false);
  });

  it('clears the session and routes to /login when the refresh fails', async () => {
    signedInAs('access-1', 'refresh-1');
    const api = graphqlFetch({
      Session,
      Users: () => graphqlError('UNAUTHENTICATED'),
      RefreshSession: () => graphqlError('UNAUTHENTICATED', 'refresh token revoked'),
    });
    const { client, router, session } = await createConsoleHarness(api.fetch);

    const result = await client.query(UsersDocument, {}).toPromise();

    expect(result.error).toBeDefined();
    expect(session().isAuthenticated).toBe(false);
    expect(localStorage.getItem('qifu.refreshToken')).toBeNull();
    expect(localStorage.getItem('qifu.accessToken')).toBeNull();
    // The login page is a lazy chunk: the navigation completes once it has loaded.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/login'));
  });

  it('never refreshes for the login mutation itself', async () => {
    const api = graphqlFetch({
      Session,
      SignIn: () => graphqlError('UNAUTHENTICATED', 'invalid credentials'),
      RefreshSession: () => ({ data: { refreshSession: authPayload('x', 'y') } }),
    });
    const { session } = await createConsoleHarness(api.fetch);

    const error = await session().login({ username: 'zhangsan', password: 'wrong' });

    expect(error?.graphQLErrors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(api.callsOf('RefreshSession')).toHaveLength(0);
  });
});
