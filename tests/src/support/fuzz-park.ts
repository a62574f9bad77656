// A district and a park of the fuzz suite's own, onboarded as the platform would, with an account
// per role, a few cases and the real values the fuzzer draws from. A call the fuzzer gets right
// (switching someone off, publishing rules, moving a case on) then changes only this park, never
// the Zhengyang data and accounts the other test files rely on.
import fs from 'node:fs';
import { gql, login, type GqlResult } from './api.js';
import { repoPath } from './server.js';
import type { Samples } from './schema-arbitraries.js';
import { registrationInput } from './samples.js';

/** Not among the passwords the fuzzer sends: no generated call changes an actor's password. */
const ACTOR_PASSWORD = 'Fz-actor#2026';
const ECONOMIC_DEVELOPMENT = 'ECONOMIC_DEVELOPMENT';

export interface FuzzPark {
  /** Caller → access token; `anonymous` has none. */
  callers: Record<string, string | null>;
  /** Callers with demo accounts, which the other test files sign in with. */
  demo: Set<string>;
  /** Mutations draw ids of this park only; queries read Zhengyang's too. */
  samples: { mutation: Samples; query: Samples };
}

/** The data of an answer, or an error naming what the API refused. */
// Loosely typed as answers are (GqlResult): the setup reads a few fields of each.
async function data<T = NonNullable<GqlResult['data']>>(answer: Promise<GqlResult<T>>): Promise<T> {
  const { data: value, errors } = await answer;
  if (errors || !value) throw new Error(`fuzz park setup: ${JSON.stringify(errors)}`);
  return value;
}

const ACTORS: [string, string, string | null][] = [
  ['fz.staff', 'SERVICE_CENTER_STAFF', null],
  ['fz.leader', 'LEADER_IN_CHARGE', null],
  ['fz.deputy', 'EXECUTIVE_DEPUTY_DIRECTOR', null],
  ['fz.head', 'DEPARTMENT_HEAD', ECONOMIC_DEVELOPMENT],
  ['fz.handler', 'DEPARTMENT_HANDLER', ECONOMIC_DEVELOPMENT],
];

export async function onboardFuzzPark(): Promise<FuzzPark> {
  const platform = await login('platform');
  const { createDistrict: district } = await data(
    gql(
      `mutation($input: CreateDistrictInput!) { createDistrict(input: $input) { id } }`,
      {
        input: { code: 'fuzz', name: '模糊测试区' },
      },
      platform,
    ),
  );
  const { createPark: park } = await data(
    gql(
      `mutation($input: CreateParkInput!) { createPark(input: $input) { id } }`,
      {
        input: {
          districtId: district.id,
          code: 'fuzz',
          name: '模糊测试园区',
          adminUsername: 'fz.admin',
          adminDisplayName: '模糊测试 园区管理员',
          adminPassword: ACTOR_PASSWORD,
        },
      },
      platform,
    ),
  );
  const admin = await login('fz.admin', ACTOR_PASSWORD);
  const { departments } = await data<{ departments: { id: string; code: string }[] }>(
    gql('{ departments { id code } }', {}, admin),
  );
  const departmentId = (code: string) => departments.find((d) => d.code === code)!.id;
  const createUser = (username: string, role: string, department: string | null) =>
    data(
      gql(
        `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        {
          input: {
            username,
            displayName: `模糊测试 ${username}`,
            password: ACTOR_PASSWORD,
            roles: [{ role, departmentId: department && departmentId(department) }],
          },
        },
        admin,
      ),
    );
  for (const [username, role, department] of ACTORS) await createUser(username, role, department);
  const createOffice = (username: string) =>
    data(
      gql(
        `mutation($input: CreateOfficeAccountInput!) { createOfficeAccount(input: $input) { id } }`,
        {
          input: {
            username,
            displayName: `模糊测试 ${username}`,
            password: ACTOR_PASSWORD,
            officeCode: 'DISTRICT_PRIVATE_ECONOMY_OFFICE',
          },
        },
        admin,
      ),
    );
  await createOffice('fz.office');
  // People the fuzzer may switch off, give other roles or new passwords: never one of its callers.
  const { createUser: target } = await createUser('fz.target', 'DEPARTMENT_HANDLER', 'FINANCE');
  const { createOfficeAccount: officeTarget } = await createOffice('fz.office.target');

  const callers: Record<string, string | null> = { anonymous: null, 'fz.admin': admin };
  for (const name of [...ACTORS.map(([username]) => username), 'fz.office'])
    callers[name] = await login(name, ACTOR_PASSWORD);
  callers.platform = platform;
  callers.qianjiang = await login('qianjiang');
  const demo = new Set(['platform', 'qianjiang']);

  const cases = await walkCases(callers, departmentId(ECONOMIC_DEVELOPMENT));
  const staff = callers['fz.staff']!;
  const { issueDocument } = await data(
    gql(
      `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`,
      { input: { caseId: cases.ids[0], kind: 'REGISTRATION_FORM' } },
      staff,
    ),
  );
  const { parkRules } = await data(gql('{ parkRules { rules } }', {}, admin));
  const notifications = await data(
    gql(
      '{ notifications(first: 1) { edges { node { id } } pageInfo { endCursor } } }',
      {},
      callers['fz.head']!,
    ),
  );
  const { ledger } = await data(gql('{ ledger(first: 1) { pageInfo { endCursor } } }', {}, staff));
  const cursors = [ledger.pageInfo.endCursor, notifications.notifications.pageInfo.endCursor].filter(Boolean);

  const ownIds: Record<string, string[]> = {
    district: [district.id],
    park: [park.id],
    department: departments.map((d) => d.id),
    user: [target.id, officeTarget.id],
    case: cases.ids,
    enterprise: [cases.enterpriseId],
    document: [issueDocument.id],
    notification: notifications.notifications.edges.map((e: { node: { id: string } }) => e.node.id),
  };
  const { parks, districts } = await data(gql('{ parks { id } districts { id } }', {}, platform));
  const mutation: Samples = {
    ids: ownIds,
    codes: codesIn(parkRules.rules),
    cursors,
    documents: [parkRules.rules],
    texts: [
      // The test calendar global setup imported: importing it again changes no day.
      fs.readFileSync(repoPath('tests/fixtures/national-calendar-2027.yaml'), 'utf8'),
      `统一社会信用代码,企业名称,联系电话\n91500114MA5U3XKL2T,模糊测试机械有限公司,13800000000\n`,
    ],
  };
  const readIds = {
    ...ownIds,
    park: parks.map((row: { id: string }) => row.id),
    district: districts.map((row: { id: string }) => row.id),
  };
  return { callers, demo, samples: { mutation, query: { ...mutation, ids: readIds } } };
}

/**
 * Three cases of the park: one registered, one verified, one assigned to 经济发展部, so that the
 * fuzzer finds cases at several steps (with their versions among the small numbers it sends).
 */
async function walkCases(
  callers: Record<string, string | null>,
  leadDepartmentId: string,
): Promise<{ ids: string[]; enterpriseId: string }> {
  const staff = callers['fz.staff']!;
  const { saveEnterprise } = await data(
    gql(
      `mutation($input: SaveEnterpriseInput!) { saveEnterprise(input: $input) { id } }`,
      { input: { creditCode: '91500114MA61WL8K0Q', name: '模糊测试食品有限公司' } },
      staff,
    ),
  );
  const ids: string[] = [];
  for (const [i, title] of ['招工困难', '用电增容', '融资需求'].entries()) {
    const { registerCase } = await data(
      gql(
        `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id version } }`,
        { input: registrationInput(saveEnterprise.id, title) },
        staff,
      ),
    );
    ids.push(registerCase.id);
    let version: number = registerCase.version;
    const act = async (caller: string, name: string, input: Record<string, unknown>) => {
      const type = `${name[0].toUpperCase()}${name.slice(1)}Input`;
      const answer = await data(
        gql(
          `mutation($input: ${type}!) { ${name}(input: $input) { version approverRole } }`,
          { input: { caseId: registerCase.id, version, ...input } },
          callers[caller]!,
        ),
      );
      version = answer[name].version;
      return answer[name] as { approverRole: string | null };
    };
    if (i < 1) continue;
    await act('fz.staff', 'verifyCase', { notes: '已电话核实' });
    if (i < 2) continue;
    const screened = await act('fz.staff', 'screenCase', {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId,
      opinion: '交经济发展部办理',
    });
    await act(
      screened.approverRole === 'EXECUTIVE_DEPUTY_DIRECTOR' ? 'fz.deputy' : 'fz.leader',
      'approveCase',
      {
        opinion: '同意',
      },
    );
  }
  return { ids, enterpriseId: saveEnterprise.id };
}

/** Every `code` in the rules, by the list it is in: categories, intakeChannels, grades, ccOffices… */
function codesIn(rules: unknown): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  const walk = (node: unknown, list: string) => {
    if (Array.isArray(node)) node.forEach((item) => walk(item, list));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'code' && typeof value === 'string') (lists[list] ??= []).push(value);
        else walk(value, Array.isArray(value) ? key : list);
      }
    }
  };
  walk(rules, 'rules');
  return lists;
}
