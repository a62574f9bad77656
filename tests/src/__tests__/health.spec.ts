import { apiUrl, DEMO_PASSWORD, gql } from '../support/api.js';

describe('the running API', () => {
  it('reports itself healthy', async () => {
    const response = await fetch(`${apiUrl()}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('signs in a park user of the seeded demo park', async () => {
    const { data, errors } = await gql(
      `mutation SignIn($input: SignInInput!) {
        signIn(input: $input) { accessToken refreshToken me { username park { name } roles { role } } }
      }`,
      { input: { username: 'zy.staff', password: DEMO_PASSWORD } },
    );
    expect(errors).toBeUndefined();
    expect(data.signIn.accessToken).toEqual(expect.any(String));
    expect(data.signIn.me).toMatchObject({
      username: 'zy.staff',
      park: { name: '重庆市正阳工业园区' },
      roles: [{ role: 'SERVICE_CENTER_STAFF' }],
    });
  });

  it('refuses an unknown account', async () => {
    // Not a demo account: failed attempts must not count towards locking one the other tests use.
    const { data, errors } = await gql(
      'mutation SignIn($input: SignInInput!) { signIn(input: $input) { accessToken } }',
      { input: { username: 'zy.nobody', password: DEMO_PASSWORD } },
    );
    expect(data?.signIn ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
