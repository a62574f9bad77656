import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';

describe('GraphQL errors and limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('refuses queries nested too deeply', async () => {
    const token = await api.login('platform');
    const deep = `{ districts { parks { district { parks { district { parks { district { parks { district { parks { district { id } } } } } } } } } } } }`;
    const result = await api.gql(deep, {}, token);
    expect(errorCode(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0].message).toMatch(/depth/);
  });

  it('refuses queries that are too expensive', async () => {
    const token = await api.login('qianjiang');
    // Ten dashboards: within the root field limit, above the cost limit.
    const fields = Array.from(
      { length: 10 },
      (_, i) =>
        `a${i}: dashboard(filter: { periodFrom: "2025-01", periodTo: "2025-${String(i + 1).padStart(2, '0')}" }) { asOf }`,
    ).join(' ');
    const result = await api.gql(`{ ${fields} }`, {}, token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/complexity/);
    // The cost of a query is remembered: the second time is refused just the same.
    expect(errorCode(await api.gql(`{ ${fields} }`, {}, token))).toBe('BAD_USER_INPUT');
  });

  it('counts fields left out by @include/@skip as the variables say, each time', async () => {
    const token = await api.login('qianjiang');
    const fields = Array.from(
      { length: 9 },
      (_, i) =>
        `a${i}: dashboard(filter: { periodFrom: "2025-01", periodTo: "2025-${String(i + 2).padStart(2, '0')}" }) @include(if: $all) { asOf }`,
    ).join(' ');
    const query = `query Dashboards($all: Boolean!) { dashboard(filter: { periodFrom: "2025-01", periodTo: "2025-01" }) { asOf } ${fields} }`;
    const small = await api.gql(query, { all: false }, token);
    expect(small.errors).toBeUndefined();
    expect(errorCode(await api.gql(query, { all: true }, token))).toBe('BAD_USER_INPUT');
    expect((await api.gql(query, { all: false }, token)).errors).toBeUndefined();
  });

  it('turns an unexpected database failure into INTERNAL_SERVER_ERROR with no details', async () => {
    const token = await api.login('zy.admin');
    await api.owner.query(`REVOKE SELECT ON departments FROM qifu_app`);
    try {
      const result = await api.gql(`{ departments { id } }`, {}, token);
      expect(errorCode(result)).toBe('INTERNAL_SERVER_ERROR');
      const text = JSON.stringify(result);
      expect(text).not.toMatch(/permission denied|relation|select|stack|\.ts:\d+/i);
    } finally {
      await api.owner.query(`GRANT SELECT ON departments TO qifu_app`);
    }
  });

  it('reports health with the migration state', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      database: 'up',
      migrations: { pending: [] },
    });
  });
});
