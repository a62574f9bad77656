import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startTestApi, type GqlResult, type TestApi } from '../../__tests__/support/test-api.js';

const LOGIN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`;
const RIGHT = 'Zhengyang@2022';
const WRONG = 'Wrong-password-1';

/**
 * Guessing is slowed per account and per address with growing delays, never by a lock that refuses
 * the owner's right password, and unknown names are answered exactly like known ones.
 */
describe('sign-in throttling', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  /** Signs in as if from `address` (the API trusts X-Forwarded-For from its loopback proxy). */
  async function login(address: string, username: string, password: string): Promise<GqlResult> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query: LOGIN, variables: { input: { username, password } } }),
    });
    return { ...((await response.json()) as object), status: response.status };
  }

  const answer = (result: GqlResult) => ({
    code: errorCode(result) ?? 'OK',
    message: result.errors?.[0]?.message ?? null,
    retryAfterSeconds: result.errors?.[0]?.extensions?.retryAfterSeconds ?? null,
  });

  /** Moves every recorded failure `seconds` into the past, as if that much time had gone by. */
  async function passTime(seconds: number): Promise<void> {
    await api.owner.query(
      `UPDATE sign_in_failures SET window_started_at = window_started_at - make_interval(secs => $1),
              last_failed_at = last_failed_at - make_interval(secs => $1),
              busy_until = busy_until - make_interval(secs => $1)`,
      [seconds],
    );
  }

  it('wrong passwords never lock the owner out: the right password from another address signs in', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) codes.push(answer(await login('198.51.100.7', 'zy.leader', WRONG)).code);
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(codes.slice(5)).toEqual(Array(3).fill('TOO_MANY_REQUESTS'));
    expect(answer(await login('203.0.113.20', 'zy.leader', RIGHT)).code).toBe('OK');
  });

  it('after five failures an address waits a growing delay before each attempt on the account', async () => {
    const from = '198.51.100.8';
    for (let i = 0; i < 5; i++)
      expect(answer(await login(from, 'zy.head', WRONG)).code).toBe('UNAUTHENTICATED');
    // Even the right password waits: the answer must not tell a guesser that it was right.
    expect(answer(await login(from, 'zy.head', RIGHT))).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 1,
    });
    await passTime(1);
    expect(answer(await login(from, 'zy.head', WRONG)).code).toBe('UNAUTHENTICATED');
    expect(answer(await login(from, 'zy.head', WRONG))).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 2,
    });
    await passTime(2);
    expect(answer(await login(from, 'zy.head', WRONG)).code).toBe('UNAUTHENTICATED');
    expect(answer(await login(from, 'zy.head', WRONG)).retryAfterSeconds).toBe(4);
    await passTime(4);
    expect(answer(await login(from, 'zy.head', RIGHT)).code).toBe('OK');
  });

  it('an unknown name is answered exactly like a known one, attempt after attempt', async () => {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(answer(await login('198.51.100.9', 'zy.handler', WRONG)));
      unknown.push(answer(await login('198.51.100.10', 'zy.nobody', WRONG)));
    }
    expect(unknown).toEqual(known);
    expect(known.map((a) => (a as { code: string }).code)).toContain('TOO_MANY_REQUESTS');
  });

  it('an address trying many names waits growing delays; other addresses are not slowed', async () => {
    const spray = '198.51.100.11';
    for (let i = 0; i < 20; i++)
      expect(answer(await login(spray, `guess.${i}`, WRONG)).code).toBe('UNAUTHENTICATED');
    expect(answer(await login(spray, 'guess.20', WRONG))).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 1,
    });
    expect(answer(await login(spray, 'zy.deputy', RIGHT)).code).toBe('TOO_MANY_REQUESTS');
    expect(answer(await login('203.0.113.21', 'zy.deputy', RIGHT)).code).toBe('OK');
  });

  it('a wrong password for a platform or district account is answered like any other', async () => {
    const unknown = answer(await login('198.51.100.13', 'no.such.account', WRONG));
    for (const username of ['platform', 'qianjiang', 'zy.office'])
      expect(answer(await login('198.51.100.13', username, WRONG))).toEqual(unknown);
  });

  it('the park administrator sees recent failed sign-ins of its people; nothing shows whether a name exists', async () => {
    const from = '198.51.100.12';
    for (let i = 0; i < 3; i++) await login(from, 'zy.staff', WRONG);
    const admin = await api.login('zy.admin');
    const { data } = await api.gql(
      `{ users { username recentFailedSignIns lastFailedSignInAt } }`,
      {},
      admin,
    );
    const staff = data!.users.find((u: { username: string }) => u.username === 'zy.staff');
    expect(staff.recentFailedSignIns).toBe(3);
    expect(Date.now() - new Date(staff.lastFailedSignInAt).getTime()).toBeLessThan(60_000);
    // The counters keep no name or address in clear: a typed password in the name field stays unreadable.
    const { rows } = await api.owner.query(`SELECT subject FROM sign_in_failures`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.subject).toMatch(/^[0-9a-f]{64}$/);
  });
});
