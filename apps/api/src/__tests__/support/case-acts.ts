import type { TestApi } from './test-api.js';

/**
 * The GraphQL calls of a scenario test, made as the park's people by username: a query that must
 * succeed, an act attempted at a given version (its answer returned, for refusals), and an act at
 * the case's current version that must succeed (the case read back). The API and tokens are read
 * at each call: tests start the API and sign people in in `beforeAll`.
 */
export function caseActs(
  session: () => { api: TestApi; tokens: Record<string, string> },
  options: { caseQuery: string; reader: string },
) {
  async function gqlOk(user: string, query: string, variables: Record<string, unknown> = {}) {
    const { api, tokens } = session();
    const result = await api.gql(query, variables, tokens[user]);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }
  const caseOf = async (id: string, user = options.reader) =>
    (await gqlOk(user, options.caseQuery, { id })).case;

  /** `name` is the mutation; its input type is `<Name>Input`. */
  function attempt(
    user: string,
    name: string,
    caseId: string,
    version: number,
    input: Record<string, unknown> = {},
  ) {
    const { api, tokens } = session();
    const type = `${name[0].toUpperCase()}${name.slice(1)}Input`;
    return api.gql(
      `mutation($input: ${type}!) { ${name}(input: $input) { id version } }`,
      { input: { caseId, version, ...input } },
      tokens[user],
    );
  }

  async function act(user: string, name: string, caseId: string, input: Record<string, unknown> = {}) {
    const result = await attempt(user, name, caseId, (await caseOf(caseId)).version, input);
    if (result.errors) throw new Error(`${name} by ${user}: ${JSON.stringify(result.errors)}`);
    return caseOf(caseId);
  }

  return { gqlOk, caseOf, attempt, act };
}
