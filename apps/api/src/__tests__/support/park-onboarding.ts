import { readFileSync } from 'node:fs';
import { parseParkConfigYaml, type ParkConfig, type ParkRole } from '@qifu/domain';
import { importParkConfig } from '../../rules/park-import.js';
import { ParkRulesService } from '../../rules/park-rules.service.js';
import type { TestApi } from './test-api.js';

/** One of the park's people: their role and, for department roles, the department's code. */
export interface Person {
  username: string;
  displayName: string;
  role: ParkRole;
  departmentCode?: string;
}

export interface OnboardedPark {
  config: ParkConfig;
  parkId: string;
  /** Department ids by the rules' codes. */
  departments: Record<string, string>;
  /** Access tokens by username. */
  tokens: Record<string, string>;
}

const PASSWORD = 'Onboarding@2026';

async function gqlOk(api: TestApi, token: string, query: string, variables: Record<string, unknown> = {}) {
  const result = await api.gql(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

/**
 * A park onboarded as it would be in production: the platform creates it with its administrator,
 * the operator imports its configuration file (infra/parks/*.yaml), its administrator adds its
 * people. The file's rules are put in force from `effectiveFrom`, so a test's clock may stand
 * before the real date of the import.
 */
export async function onboardPark(
  api: TestApi,
  file: string,
  people: Person[],
  options: { effectiveFrom: string },
): Promise<OnboardedPark> {
  const parsed = parseParkConfigYaml(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  const config = parsed.config;
  const platform = await api.login('platform');
  let { districts } = await gqlOk(api, platform, `{ districts { id code } }`);
  if (!districts.some((d: { code: string }) => d.code === config.park.districtCode)) {
    await gqlOk(
      api,
      platform,
      `mutation($input: CreateDistrictInput!) { createDistrict(input: $input) { id } }`,
      {
        input: { code: config.park.districtCode, name: config.park.districtName },
      },
    );
    ({ districts } = await gqlOk(api, platform, `{ districts { id code } }`));
  }
  const adminUsername = `${config.park.code}.admin`;
  const { createPark } = await gqlOk(
    api,
    platform,
    `mutation($input: CreateParkInput!) { createPark(input: $input) { id } }`,
    {
      input: {
        districtId: districts.find((d: { code: string }) => d.code === config.park.districtCode).id,
        code: config.park.code,
        name: config.park.name,
        adminUsername,
        adminDisplayName: `${config.park.name}管理员`,
        adminPassword: PASSWORD,
      },
    },
  );
  const imported = await importParkConfig(api.db, new ParkRulesService(api.db), config);
  if (!imported.published) throw new Error(`${file}: the import published nothing`);
  await api.owner.query(`UPDATE park_rules_versions SET effective_from = $2 WHERE park_id = $1`, [
    createPark.id,
    options.effectiveFrom,
  ]);

  const admin = await api.login(adminUsername, PASSWORD);
  const { departments } = await gqlOk(api, admin, `{ departments { id code } }`);
  const departmentIds: Record<string, string> = Object.fromEntries(
    (departments as { id: string; code: string }[]).map((d) => [d.code, d.id]),
  );
  const tokens: Record<string, string> = {};
  for (const person of people) {
    const departmentId = person.departmentCode ? departmentIds[person.departmentCode] : null;
    if (person.departmentCode && !departmentId)
      throw new Error(`${file}: no department ${person.departmentCode}`);
    await gqlOk(api, admin, `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: {
        username: person.username,
        displayName: person.displayName,
        password: PASSWORD,
        roles: [{ role: person.role, departmentId }],
      },
    });
    tokens[person.username] = await api.login(person.username, PASSWORD);
  }
  return { config, parkId: createPark.id, departments: departmentIds, tokens };
}

const SECOND_PARK_PASSWORD = 'Wulingshan@2024';

/**
 * Wulingshan (武陵山工业园区), a second park of Zhengyang's district created by the platform, with
 * no one yet but its administrator `wl.admin`: the other park of the isolation specs.
 */
export async function secondPark(api: TestApi): Promise<{ parkId: string; adminToken: string }> {
  const platform = await api.login('platform');
  const { rows } = await api.owner.query(`SELECT id FROM districts WHERE code = 'qianjiang'`);
  const { createPark } = await gqlOk(
    api,
    platform,
    `mutation($input: CreateParkInput!) { createPark(input: $input) { id } }`,
    {
      input: {
        districtId: rows[0].id,
        code: 'wulingshan',
        name: '武陵山工业园区',
        adminUsername: 'wl.admin',
        adminDisplayName: '武陵山管理员',
        adminPassword: SECOND_PARK_PASSWORD,
      },
    },
  );
  return { parkId: createPark.id, adminToken: await api.login('wl.admin', SECOND_PARK_PASSWORD) };
}
