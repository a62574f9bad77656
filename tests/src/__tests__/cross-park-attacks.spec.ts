// Another park's people and another district's viewer try every way in with Zhengyang's values: every
// query and mutation of the schema that names something (an id, or a reference sent as text), and
// every REST route. Each answer must be NOT_FOUND or FORBIDDEN, and the database must be as it was,
// its audit trail included. The operations come from the schema and the routes from the controllers'
// source, so a new way in fails this file until it is covered here.
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { creditCodeCheckChar } from '@qifu/domain';
import { DEMO_PASSWORD, apiUrl, gql, login, type GqlResult } from '../support/api.js';
import { registrationInput } from '../support/samples.js';
import { ownerQuery, repoPath } from '../support/server.js';

/** What an id names; each has a value of park A (Zhengyang) below. */
type Kind =
  | 'case'
  | 'caseDocument'
  | 'department'
  | 'enterprise'
  | 'user'
  | 'officeUser'
  | 'park'
  | 'district'
  | 'documentBatch'
  | 'issuedDocument'
  | 'documentTemplate'
  | 'notification'
  | 'job'
  | 'attachment';

/** A reference by the name of the input field that holds it; `field(name)` where the name alone is not enough. */
const REFERENCE_BY_NAME: Record<string, Kind> = {
  caseId: 'case',
  caseIds: 'case',
  documentId: 'caseDocument',
  departmentId: 'department',
  leadDepartmentId: 'department',
  cooperatingDepartmentIds: 'department',
  referredDepartmentIds: 'department',
  hopedDepartmentIds: 'department',
  linkedDepartmentId: 'department',
  enterpriseId: 'enterprise',
  userId: 'user',
  headUserId: 'user',
  linkedCadreUserId: 'user',
  parkId: 'park',
  parkIds: 'park',
  districtId: 'district',
  issuedDocumentId: 'issuedDocument',
  templateId: 'documentTemplate',
  'case(id)': 'case',
  'officeCase(id)': 'case',
  'documentBatch(id)': 'documentBatch',
  'updateDepartment(id)': 'department',
  'markNotificationsRead(ids)': 'notification',
  'retryJob(id)': 'job',
  'discardJob(id)': 'job',
  'setOfficeAccountActive(userId)': 'officeUser',
};

/**
 * Operations that name nothing of another park: what they read or change is the caller's own by
 * construction (their session, their park, their district), or the platform's. Each says why.
 */
const NAMES_NOTHING: Record<string, string> = {
  me: 'the caller',
  myAbilities: 'the caller',
  districts: 'the districts the caller may see',
  parks: 'the parks the caller may see',
  departments: "the caller's park",
  users: "the caller's park",
  parkRules: "the caller's park's rules, by version number",
  parkRulesVersions: "the caller's park",
  parkRulesDiff: "the caller's park's rules, by version numbers",
  parkRulesChanges: "rules sent by the caller against the caller's park's",
  workingDays: "the caller's park's calendar",
  workingDayCalendar: "the caller's park's calendar, by year",
  calendarYearsCovered: "the caller's park's calendar",
  nationalCalendarYears: 'the national calendar (public)',
  nationalCalendarStatus: 'the national calendar (public)',
  nationalCalendarFile: 'the national calendar (public), by year',
  enterprises: "the caller's park",
  attachmentPolicy: "the caller's park",
  documentTemplates: "the caller's park",
  myDocumentBatches: 'the caller',
  notifications: 'the caller',
  unreadNotificationCount: 'the caller',
  jobCounts: 'the platform',
  failedJobs: 'the platform',
  officeAccounts: "the caller's park",
  officeCases: "the caller's outside office",
  signIn: 'a sign-in (throttling has its own tests)',
  refreshSession: "the caller's own refresh token",
  changePassword: 'the caller',
  signOut: "the caller's own refresh token",
  createDistrict: 'the platform',
  validateParkRules: "rules sent by the caller against the caller's park's",
  publishParkRules: "the caller's park's rules",
  importNationalCalendar: 'the platform',
  saveEnterprise: "the caller's park (a credit code names an enterprise in the caller's park only)",
  importEnterprises: "the caller's park",
  importEnterprisesXlsx: "the caller's park",
  markAllNotificationsRead: 'the caller',
};

/** REST routes as the controllers declare them, and how each is attacked. */
interface Route {
  method: 'GET' | 'POST';
  path: string;
}
const routeKey = (r: Route) => `${r.method} /${r.path}`;
const REST_NAMES_NOTHING: Record<string, string> = {
  'GET /health': 'no data, no session',
  'GET /api/dashboards/monthly-report.docx': "the caller's district, by month",
  'GET /api/document-templates/:kind/default': 'the bundled default templates (no park data)',
  'GET /api/document-templates/:kind/default/preview': 'the bundled default templates (no park data)',
  'POST /api/document-templates/:kind': "uploads a template version into the caller's park",
};

/** The controllers' routes, read from their decorators. */
function declaredRoutes(): Route[] {
  const routes: Route[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__tests__') walk(file);
      } else if (entry.name.endsWith('.controller.ts')) {
        const source = fs.readFileSync(file, 'utf8');
        const base = /@Controller\(\s*'([^']*)'\s*\)/.exec(source)?.[1] ?? '';
        for (const match of source.matchAll(/@(Get|Post|Put|Patch|Delete)\(\s*(?:'([^']*)')?\s*\)/g)) {
          const method = match[1].toUpperCase() as Route['method'];
          routes.push({ method, path: [base, match[2]].filter(Boolean).join('/') });
        }
      }
    }
  };
  walk(repoPath('apps/api/src'));
  return routes;
}

/** One reference position in an operation's arguments. */
interface Reference {
  /** Argument name, then input field names; `[]` marks a list. */
  segments: string[];
  kind: Kind;
}

function referencesOf(field: GraphQLField<unknown, unknown>): { references: Reference[]; unknown: string[] } {
  const references: Reference[] = [];
  const unknown: string[] = [];
  const walk = (type: GraphQLInputType, segments: string[], name: string, seen: Set<string>): void => {
    const nullable = getNullableType(type);
    if (isListType(nullable)) return walk(nullable.ofType, [...segments, '[]'], name, seen);
    if (isInputObjectType(nullable)) {
      if (seen.has(nullable.name)) return;
      for (const inner of Object.values(nullable.getFields()))
        walk(inner.type, [...segments, inner.name], inner.name, new Set([...seen, nullable.name]));
      return;
    }
    const named = getNamedType(type).name;
    if (named !== 'ID' && !/Ids?$/.test(name)) return;
    const kind = REFERENCE_BY_NAME[`${field.name}(${name})`] ?? REFERENCE_BY_NAME[name];
    if (kind) references.push({ segments, kind });
    else unknown.push(`${field.name}(${segments.join('.')})`);
  };
  for (const arg of field.args) walk(arg.type, [arg.name], arg.name, new Set());
  return { references, unknown };
}

function isoDate(daysAhead = 0): string {
  return new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
}

/** Plausible values for the fields that are not references, so that only the reference is wrong. */
const SAMPLE_TEXT: Record<string, unknown> = {
  username: 'beiling.intruder',
  displayName: '北岭来客',
  password: DEMO_PASSWORD,
  enterpriseName: '重庆越界测试有限公司',
  reportedAt: new Date().toISOString(),
  categoryCode: 'RECRUITMENT',
  channelCode: 'SERVICE_HALL',
  reportFormCode: 'IN_PERSON_OR_LETTER',
  contactName: '张先生',
  contactPhone: '13800000000',
  title: '越界',
  description: '越界访问的尝试。',
  opinion: '同意',
  notes: '越界',
  reason: '越界',
  content: '越界',
  summary: '越界',
  periodFrom: '2026-01',
  periodTo: '2026-12',
  month: '2026-06',
  officeCode: 'DISTRICT_PRIVATE_ECONOMY_OFFICE',
  code: 'INTRUDER',
  name: '越界部室',
  tierCode: 'LEAD',
  kind: 'VISIT',
  repliedOn: isoDate(),
  heldOn: isoDate(),
  newDueOn: isoDate(30),
};
/** Enum values where the first is not one the operation takes (a park role for park users). */
const SAMPLE_ENUM: Record<string, string> = { role: 'DEPARTMENT_HANDLER' };

function sampleValue(type: GraphQLInputType, name: string, version: number): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [sampleValue(nullable.ofType, name, version)];
  if (isEnumType(nullable)) return SAMPLE_ENUM[name] ?? nullable.getValues()[0].value;
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const inner of Object.values(nullable.getFields()))
      if (isNonNullType(inner.type) && inner.defaultValue === undefined)
        value[inner.name] = sampleValue(inner.type, inner.name, version);
    return value;
  }
  switch (getNamedType(type).name) {
    case 'Int':
      return name === 'version' ? version : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'JSON':
      return {};
    default:
      return SAMPLE_TEXT[name] ?? '越界';
  }
}

/** `value` of `type` with `reference` set at `segments`; objects made on the way get their required fields. */
function withValue(type: GraphQLInputType, value: unknown, segments: string[], reference: string): unknown {
  if (segments.length === 0) return reference;
  const nullable = getNullableType(type);
  const [head, ...rest] = segments;
  if (head === '[]' && isListType(nullable))
    return [withValue(nullable.ofType, Array.isArray(value) ? value[0] : undefined, rest, reference)];
  if (!isInputObjectType(nullable)) throw new Error(`no input field ${head} in ${String(type)}`);
  const object = (value ?? sampleValue(type, '', 0)) as Record<string, unknown>;
  const inner = nullable.getFields()[head];
  return { ...object, [head]: withValue(inner.type, object[head], rest, reference) };
}

/** The request of `field` with each reference set to `valueOf` it. */
function attackRequest(
  operation: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  references: Reference[],
  valueOf: (reference: Reference) => string,
  version: number,
): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) {
    const aimed = references.filter((r) => r.segments[0] === arg.name);
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!aimed.length && !required) continue;
    let value = aimed.some((r) => r.segments.length === 1)
      ? undefined
      : sampleValue(arg.type, arg.name, version);
    for (const r of aimed) value = withValue(arg.type, value, r.segments.slice(1), valueOf(r));
    variables[arg.name] = value;
  }
  const definitions = field.args
    .filter((a) => a.name in variables)
    .map((a) => `$${a.name}: ${String(a.type)}`);
  const args = Object.keys(variables).map((name) => `${name}: $${name}`);
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    query: `${operation}${definitions.length ? `(${definitions.join(', ')})` : ''} { ${field.name}${
      args.length ? `(${args.join(', ')})` : ''
    }${selection} }`,
    variables,
  };
}

// Derived tables the dashboards' refresh jobs rewrite on their own schedule; the cases they are
// derived from are compared.
const DERIVED = new Set([
  'dashboard_cases',
  'dashboard_contributions',
  'dashboard_departments',
  'dashboard_park_figures',
  'dashboard_rollups',
]);

/** Every table's row count and a digest of its rows: any insert, update or delete changes it. */
async function databaseState(): Promise<Record<string, string>> {
  const { rows: tables } = await ownerQuery<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const state: Record<string, string> = {};
  for (const { name } of tables) {
    if (DERIVED.has(name)) continue;
    const { rows } = await ownerQuery<{ n: string; digest: string | null }>(
      `SELECT count(*)::text AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS digest
         FROM ${name} t`,
    );
    state[name] = `${rows[0].n} rows, ${rows[0].digest ?? '-'}`;
  }
  return state;
}

/**
 * Waits until the API's background work on earlier acts is done (nothing left to dispatch, no PDF
 * being converted) and the state holds still for a second.
 */
async function quietState(): Promise<Record<string, string>> {
  let last = await databaseState();
  for (let attempt = 0; attempt < 60; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { rows } = await ownerQuery<{ busy: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM outbox WHERE dispatched_at IS NULL)
           OR EXISTS (SELECT 1 FROM issued_document_pdfs WHERE status = 'PENDING') AS busy`,
    );
    const now = await databaseState();
    if (!rows[0].busy && JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error('the database did not settle within a minute');
}

const refused = (result: GqlResult) => result.errors?.map((e) => e.extensions?.code) ?? [];

describe('another park and another district, with Zhengyang values, on every way in', () => {
  const schema: GraphQLSchema = buildSchema(fs.readFileSync(repoPath('apps/api/schema.graphql'), 'utf8'));
  const tokens: Record<string, string> = {};
  const A = {} as Record<Kind, string>;
  let caseVersion = 0;
  /** The attackers' own things (park B's, district B's), sent beside one of Zhengyang's. */
  const OWN: Partial<Record<Kind, string>> = {};
  let ownCaseVersion = 0;
  const ATTACKERS = ['beiling.admin', 'beiling.staff', 'beiling.viewer'];

  // Answers are read loosely: the setup takes a few ids from each.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function ok<T = Record<string, any>>(
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const result = await gql(query, variables, token);
    if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  beforeAll(async () => {
    const platform = await login('platform');
    // Park B: 北岭工业园 in 北岭区, with its administrator and service center staff; and 北岭区's viewer.
    const { createDistrict } = await ok(
      platform,
      `mutation($input: CreateDistrictInput!) { createDistrict(input: $input) { id } }`,
      { input: { code: 'beiling', name: '北岭区' } },
    );
    await ok(platform, `mutation($input: CreateParkInput!) { createPark(input: $input) { id } }`, {
      input: {
        districtId: createDistrict.id,
        code: 'beiling',
        name: '北岭工业园',
        adminUsername: 'beiling.admin',
        adminDisplayName: '北岭园区管理员',
        adminPassword: DEMO_PASSWORD,
      },
    });
    await ok(
      await login('beiling.admin'),
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          username: 'beiling.staff',
          displayName: '北岭企业服务中心',
          password: DEMO_PASSWORD,
          roles: [{ role: 'SERVICE_CENTER_STAFF' }],
        },
      },
    );
    // District viewers are the platform's to make; the demo viewer's password hash is reused.
    await ownerQuery(
      `INSERT INTO users (username, display_name, password_hash, platform_role, district_id)
       SELECT 'beiling.viewer', '北岭区查看', password_hash, 'DISTRICT_VIEWER', $1 FROM users
        WHERE username = 'qianjiang'`,
      [createDistrict.id],
    );
    for (const name of [...ATTACKERS, 'zy.staff', 'zy.admin', 'zy.leader']) tokens[name] = await login(name);

    // Park B's own: a department of its starter rules, an enterprise, a registered case, its staff.
    const {
      departments: ownDepartments,
      users: ownUsers,
      parks: ownParks,
    } = await ok(
      tokens['beiling.admin'],
      `{ departments { id code } users { id username } parks { id code districtId } }`,
    );
    OWN.department = ownDepartments.find((d: { code: string }) => d.code === 'ECONOMIC_DEVELOPMENT').id;
    OWN.user = ownUsers.find((u: { username: string }) => u.username === 'beiling.staff').id;
    OWN.park = ownParks[0].id;
    OWN.district = ownParks[0].districtId;
    const { saveEnterprise: ownEnterprise } = await ok(
      tokens['beiling.staff'],
      `mutation($input: SaveEnterpriseInput!) { saveEnterprise(input: $input) { id } }`,
      {
        input: {
          creditCode: `91500114MA60BL0C3${creditCodeCheckChar('91500114MA60BL0C3')}`,
          name: '北岭精密制造有限公司',
        },
      },
    );
    OWN.enterprise = ownEnterprise.id;
    const { registerCase: ownCase } = await ok(
      tokens['beiling.staff'],
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id version } }`,
      { input: registrationInput(ownEnterprise.id) },
    );
    OWN.case = ownCase.id;
    OWN.caseDocument = ownCase.id;
    ownCaseVersion = ownCase.version;

    // Park A's values, made by its own people.
    const staff = tokens['zy.staff'];
    const { saveEnterprise } = await ok(
      staff,
      `mutation($input: SaveEnterpriseInput!) { saveEnterprise(input: $input) { id } }`,
      {
        input: {
          creditCode: `91500114MA60YJ0B2${creditCodeCheckChar('91500114MA60YJ0B2')}`,
          name: '重庆被越界测试有限公司',
        },
      },
    );
    A.enterprise = saveEnterprise.id;
    const { registerCase } = await ok(
      staff,
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id version enterpriseId } }`,
      { input: registrationInput(A.enterprise) },
    );
    A.case = registerCase.id;
    caseVersion = registerCase.version;
    const { case: detail } = await ok(
      staff,
      `query($id: ID!) { case(id: $id) { issuableDocuments { kind documentId } } }`,
      { id: A.case },
    );
    const registrationForm = detail.issuableDocuments.find(
      (d: { kind: string }) => d.kind === 'REGISTRATION_FORM',
    );
    A.caseDocument = registrationForm?.documentId ?? A.case;
    const { issueDocument } = await ok(
      staff,
      `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`,
      { input: { caseId: A.case, kind: 'REGISTRATION_FORM', documentId: registrationForm?.documentId } },
    );
    A.issuedDocument = issueDocument.id;
    const { startDocumentBatch } = await ok(
      staff,
      `mutation($input: StartDocumentBatchInput!) { startDocumentBatch(input: $input) { id } }`,
      { input: { kinds: ['REGISTRATION_FORM'] } },
    );
    A.documentBatch = startDocumentBatch.id;
    const upload = new FormData();
    upload.append(
      'file',
      new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }),
      '材料.pdf',
    );
    const attached = await fetch(`${apiUrl()}/api/cases/${A.case}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}` },
      body: upload,
    });
    expect(attached.status).toBe(201);
    A.attachment = ((await attached.json()) as { id: string }).id;

    const admin = tokens['zy.admin'];
    const { departments, users, officeAccounts } = await ok(
      admin,
      `{ departments { id code } users { id username } officeAccounts { id } }`,
    );
    A.department = departments[0].id;
    A.user = users.find((u: { username: string }) => u.username === 'zy.handler').id;
    A.officeUser = officeAccounts[0].id;
    const { parks } = await ok(platform, `{ parks { id code districtId } }`);
    const zhengyang = parks.find((p: { code: string }) => p.code === 'zhengyang');
    A.park = zhengyang.id;
    A.district = zhengyang.districtId;

    // A template version of its own: the bundled one, uploaded as the park's.
    const bundled = await fetch(`${apiUrl()}/api/document-templates/REGISTRATION_FORM/default`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const template = new FormData();
    template.append('file', new Blob([await bundled.arrayBuffer()]), '登记表.docx');
    const uploaded = await fetch(`${apiUrl()}/api/document-templates/REGISTRATION_FORM`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: template,
    });
    expect(uploaded.status).toBe(201);
    A.documentTemplate = ((await uploaded.json()) as { id: string }).id;
    // A notification of one of park A's people, as the deadline jobs write them (their tests say when).
    const { rows: notes } = await ownerQuery<{ id: string }>(
      `INSERT INTO notifications (park_id, user_id, kind, case_id, dedupe_key, title, body)
       SELECT $1, id, 'DEADLINE_REMINDER', $2, 'attack-suite', '办理时限提醒', '请按时办结。' FROM users
        WHERE username = 'zy.staff'
       RETURNING id`,
      [A.park, A.case],
    );
    A.notification = notes[0].id;
    // Job ids are the queue's; only the platform may name one.
    A.job = '1';
  });

  it("has a value of Zhengyang's for every kind of reference", () => {
    expect(Object.entries(A).filter(([, value]) => !value)).toEqual([]);
    expect(Object.keys(A).sort()).toEqual(
      [...new Set([...Object.values(REFERENCE_BY_NAME), 'attachment'])].sort(),
    );
  });

  it('covers every operation of the schema and every REST route', () => {
    const uncovered: string[] = [];
    for (const root of [schema.getQueryType()!, schema.getMutationType()!])
      for (const field of Object.values(root.getFields())) {
        const { references, unknown } = referencesOf(field);
        uncovered.push(...unknown.map((u) => `${u}: a reference of no known kind`));
        if (!references.length && !(field.name in NAMES_NOTHING))
          uncovered.push(`${root.name}.${field.name}: names nothing and is not listed`);
        if (references.length && field.name in NAMES_NOTHING)
          uncovered.push(`${root.name}.${field.name}: listed as naming nothing, but takes a reference`);
      }
    for (const route of declaredRoutes())
      if (!(routeKey(route) in REST_NAMES_NOTHING) && !REST_ATTACKS.some((a) => a.route === routeKey(route)))
        uncovered.push(`${routeKey(route)}: not attacked`);
    expect(uncovered).toEqual([]);
  });

  it('answers NOT_FOUND or FORBIDDEN to every operation naming Zhengyang, and changes nothing', async () => {
    const before = await quietState();
    const answered: string[] = [];
    let requests = 0;
    for (const [operation, root] of [
      ['query', schema.getQueryType()!],
      ['mutation', schema.getMutationType()!],
    ] as const)
      for (const field of Object.values(root.getFields())) {
        const { references } = referencesOf(field);
        if (!references.length) continue;
        // Every reference Zhengyang's; then, where there are several, one at a time among the
        // attacker's own (its own case assigned to Zhengyang's department, and so on).
        const variants: { label: string; foreign: (r: Reference) => boolean }[] = [
          { label: 'all', foreign: () => true },
          ...(references.length > 1
            ? references.map((one) => ({
                label: one.segments.join('.'),
                foreign: (r: Reference) => r === one,
              }))
            : []),
        ];
        for (const variant of variants) {
          const valueOf = (r: Reference) => (variant.foreign(r) ? A[r.kind] : (OWN[r.kind] ?? A[r.kind]));
          const ownCase = references.some((r) => r.kind === 'case' && !variant.foreign(r) && OWN.case);
          const { query, variables } = attackRequest(
            operation,
            field,
            references,
            valueOf,
            ownCase ? ownCaseVersion : caseVersion,
          );
          for (const attacker of ATTACKERS) {
            const result = await gql(query, variables, tokens[attacker]);
            requests++;
            const codes = refused(result);
            if (!(codes.length && codes.every((c) => c === 'NOT_FOUND' || c === 'FORBIDDEN')))
              answered.push(
                `${attacker} ${field.name} (${variant.label}): ${JSON.stringify(result.errors?.map((e) => [e.extensions?.code, e.message]) ?? result.data)}`,
              );
          }
        }
      }
    expect(requests).toBeGreaterThan(250);
    expect(answered).toEqual([]);
    expect(await quietState()).toEqual(before);
  });

  it('answers 404 or 403 to every REST route naming Zhengyang, and changes nothing', async () => {
    const before = await quietState();
    const answered: string[] = [];
    for (const attack of REST_ATTACKS)
      for (const attacker of ATTACKERS) {
        const response = await fetch(`${apiUrl()}${attack.url(A)}`, {
          method: attack.route.split(' ')[0],
          headers: {
            authorization: `Bearer ${tokens[attacker]}`,
            ...(attack.json ? { 'content-type': 'application/json' } : {}),
          },
          body: attack.json ? JSON.stringify(attack.json(A)) : attack.form?.(),
        });
        const body = await response.text();
        if (![403, 404].includes(response.status) || !/"(NOT_FOUND|FORBIDDEN)"/.test(body))
          answered.push(`${attacker} ${attack.route}: ${response.status} ${body.slice(0, 200)}`);
      }
    expect(answered).toEqual([]);
    expect(await quietState()).toEqual(before);
  });
});

interface RestAttack {
  route: string;
  url(values: Record<Kind, string>): string;
  json?(values: Record<Kind, string>): unknown;
  form?(): FormData;
}
const REST_ATTACKS: RestAttack[] = [
  {
    route: 'POST /api/exports/ledger.xlsx',
    url: () => '/api/exports/ledger.xlsx',
    json: (a) => ({ filter: { departmentId: a.department } }),
  },
  {
    route: 'POST /api/cases/:caseId/attachments',
    url: (a) => `/api/cases/${a.case}/attachments`,
    form: () => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'x.pdf');
      return form;
    },
  },
  { route: 'GET /api/attachments/:id', url: (a) => `/api/attachments/${a.attachment}` },
  { route: 'GET /api/document-batches/:id/zip', url: (a) => `/api/document-batches/${a.documentBatch}/zip` },
  { route: 'GET /api/issued-documents/:id', url: (a) => `/api/issued-documents/${a.issuedDocument}` },
  { route: 'GET /api/issued-documents/:id/pdf', url: (a) => `/api/issued-documents/${a.issuedDocument}/pdf` },
  {
    route: 'GET /api/document-templates/versions/:id',
    url: (a) => `/api/document-templates/versions/${a.documentTemplate}`,
  },
  {
    route: 'GET /api/document-templates/versions/:id/preview',
    url: (a) => `/api/document-templates/versions/${a.documentTemplate}/preview`,
  },
];
