// Talking to the API started by global setup.

export const DEMO_PASSWORD = 'Zhengyang@2022';

export interface GqlError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string } & Record<string, unknown>;
}

// Loosely typed on purpose: tests read a few fields of each answer and assert on them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface GqlResult<T = any> {
  data?: T | null;
  errors?: GqlError[];
}

/** Base URL of the API (and of the console it serves), e.g. http://127.0.0.1:41234. */
export function apiUrl(): string {
  const url = process.env.QIFU_E2E_BASE_URL;
  if (!url) throw new Error('QIFU_E2E_BASE_URL is not set: run these tests through jest (global setup)');
  return url;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function gql<T = any>(
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<GqlResult<T>> {
  const { status, text } = await post(query, variables, token);
  try {
    return JSON.parse(text) as GqlResult<T>;
  } catch {
    throw new Error(`POST /graphql answered HTTP ${status} with a non-JSON body: ${text.slice(0, 300)}`);
  }
}

/** One GraphQL request as sent over HTTP: the status and the body as it came. */
export async function post(
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${apiUrl()}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, text: await response.text() };
}

/** Signs in and returns the access token; fails the test with the API's errors otherwise. */
export async function login(username: string, password = DEMO_PASSWORD): Promise<string> {
  const result = await gql<{ signIn: { accessToken: string } }>(
    'mutation SignIn($input: SignInInput!) { signIn(input: $input) { accessToken } }',
    { input: { username, password } },
  );
  const token = result.data?.signIn.accessToken;
  if (!token) throw new Error(`login as ${username} failed: ${JSON.stringify(result.errors)}`);
  return token;
}
