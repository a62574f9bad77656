import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';

const SCHEMA = `{ __schema { queryType { name } types { name } } }`;
const TYPE = `{ __type(name: "Case") { fields { name } } }`;
const TYPO = `{ parkz { id } }`;
const ENUM_TYPO = `query($s: LedgerSort!) { ledger(sort: $s) { totalCount } }`;

describe('introspection and suggestions by default (as under npm start)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('refuses introspection, signed in or not', async () => {
    const token = await api.login('zy.admin');
    for (const query of [SCHEMA, TYPE]) {
      for (const as of [undefined, token]) {
        const result = await api.gql(query, {}, as);
        expect(errorCode(result)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(result.data ?? null).toBeNull();
      }
    }
  });

  it('suggests no field, type or enum value', async () => {
    const token = await api.login('zy.staff');
    const typo = await api.gql(TYPO, {}, token);
    expect(typo.errors?.[0].message).toBe('Cannot query field "parkz" on type "Query".');
    const value = await api.gql(ENUM_TYPO, { s: 'REGISTRATION' }, token);
    expect(errorCode(value)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(value.errors)).not.toMatch(/Did you mean|REGISTRATION_DESC/);
  });
});

describe('introspection when GRAPHQL_INTROSPECTION=true', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ GRAPHQL_INTROSPECTION: 'true' });
  });
  afterAll(() => api.close());

  it('answers introspection and suggests', async () => {
    const schema = await api.gql<{ __schema: { queryType: { name: string } } }>(SCHEMA);
    expect(schema.data?.__schema.queryType.name).toBe('Query');
    const typo = await api.gql(TYPO, {}, await api.login('zy.staff'));
    expect(typo.errors?.[0].message).toMatch(/Did you mean "parks"\?/);
  });
});
