import type { TestApi } from './test-api.js';

/** The mutation of the act `name` (its input type is `<Name>Input`), answering the case's `fields`. */
export const actMutation = (name: string, fields: string) =>
  `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${fields} } }`;

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

  function attempt(
    user: string,
    name: string,
    caseId: string,
    version: number,
    input: Record<string, unknown> = {},
  ) {
    const { api, tokens } = session();
    return api.gql(actMutation(name, 'id version'), { input: { caseId, version, ...input } }, tokens[user]);
  }

  async function act(user: string, name: string, caseId: string, input: Record<string, unknown> = {}) {
    const result = await attempt(user, name, caseId, (await caseOf(caseId)).version, input);
    if (result.errors) throw new Error(`${name} by ${user}: ${JSON.stringify(result.errors)}`);
    return caseOf(caseId);
  }

  /** A case `user` registers from `input` (see `caseReport`) and verifies by phone: its id. */
  async function registeredAndVerified(user: string, input: Record<string, unknown>): Promise<string> {
    const { registerCase } = await gqlOk(user, registerCaseMutation(), { input });
    await act(user, 'verifyCase', registerCase.id, { notes: '已电话核实' });
    return registerCase.id;
  }

  /** The case screened by `user` as a park case, neither major nor policy-heavy, assigned as `screening` says. */
  const screenedInPark = (user: string, caseId: string, screening: Record<string, unknown>) =>
    act(user, 'screenCase', caseId, { jurisdiction: 'PARK', major: false, policyHeavy: false, ...screening });

  return { gqlOk, caseOf, attempt, act, registeredAndVerified, screenedInPark };
}

/** `registerCase` answering `fields` of the new case. */
export const registerCaseMutation = (fields = 'id') =>
  `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { ${fields} } }`;

/** The two reports the demo park hears most, as the service center types them in. */
const REPORTS = {
  powerSupply: {
    categoryCode: 'POWER_SUPPLY',
    channelCode: 'HOTLINE',
    reportFormCode: 'PHONE',
    contactName: '王经理',
    contactPhone: '023-79420000',
    title: '新厂房用电增容',
    description: '新厂房投产需要增容至 2000 千伏安。',
  },
  recruitment: {
    categoryCode: 'RECRUITMENT',
    channelCode: 'SERVICE_HALL',
    reportFormCode: 'IN_PERSON_OR_LETTER',
    contactName: '李女士',
    contactPhone: '13800000000',
    title: '招工困难',
    description: '旺季用工缺口约 200 人，希望协助对接劳务资源。',
  },
} as const;

/**
 * A `RegisterCaseInput` reported now: one of the usual reports, with what a spec is about
 * (the enterprise, the title, a clock's time…) in `input`.
 */
export function caseReport(report: keyof typeof REPORTS, input: Record<string, unknown> = {}) {
  return { reportedAt: new Date().toISOString(), ...REPORTS[report], ...input };
}

/** A case `token` registers from `input` (see `caseReport`): the new case's `fields`. */
export async function registeredCase(
  api: TestApi,
  token: string,
  input: Record<string, unknown>,
  fields = 'id',
) {
  const result = await api.gql(registerCaseMutation(fields), { input }, token);
  if (!result.data?.registerCase) throw new Error(JSON.stringify(result.errors));
  return result.data.registerCase;
}

/**
 * Acts given on a case as last answered (its id and version), each answering the case's `fields`:
 * `attempt` returns the answer (for refusals), `run` the case after an act that must succeed.
 */
export function actsOnAnswer<C extends { id: string; version: number }>(
  session: () => { api: TestApi; tokens: Record<string, string> },
  fields: string,
) {
  function attempt(user: string, name: string, c: C, input: Record<string, unknown> = {}) {
    const { api, tokens } = session();
    return api.gql<Record<string, C>>(
      actMutation(name, fields),
      { input: { caseId: c.id, version: c.version, ...input } },
      tokens[user],
    );
  }
  async function run(user: string, name: string, c: C, input: Record<string, unknown> = {}): Promise<C> {
    const result = await attempt(user, name, c, input);
    if (result.errors) throw new Error(`${name} by ${user}: ${JSON.stringify(result.errors)}`);
    return result.data![name];
  }
  /** A case `user` registers from `input` (see `caseReport`) and verifies by phone. */
  async function verified(user: string, input: Record<string, unknown>): Promise<C> {
    const { api, tokens } = session();
    const c = await registeredCase(api, tokens[user], input, fields);
    return run(user, 'verifyCase', c, { notes: '已电话核实' });
  }
  /** The case screened by `user` as a park case, neither major nor policy-heavy, assigned as `screening` says. */
  const screenedInPark = (user: string, c: C, screening: Record<string, unknown>) =>
    run(user, 'screenCase', c, { jurisdiction: 'PARK', major: false, policyHeavy: false, ...screening });
  return { attempt, run, verified, screenedInPark };
}
