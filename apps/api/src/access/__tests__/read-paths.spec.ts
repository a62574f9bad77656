/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are loosely typed on purpose: the assertions check their shape. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDaysToIsoDate, isoDateInChina } from '@qifu/domain';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { pino } from 'pino';
import { errorCode, startTestApi, type TestApi, nodesOf } from '../../__tests__/support/test-api.js';
import { refreshCaseDashboard } from '../../dashboards/dashboard-jobs.js';
import { scopeOf } from '../../database/tenant-db.js';
import { rowsOfSql } from '../../database/typed-sql.js';
import type { Actor } from '../actor.js';
import { caseReachCondition, caseVisibility, reachesCase } from '../case-visibility.js';
import { ACTOR_KEYS, CASE_KEYS, expected, type ActorKey, type CaseKey } from './visibility-table.js';

// Every read path of the API against the table of who sees which case (visibility-table.ts): the
// services enforce the definition the acl spec checks.

const USERS: Record<ActorKey, string> = {
  staff: 'zy.staff',
  leader: 'zy.leader',
  deputy: 'zy.deputy',
  admin: 'zy.admin',
  head: 'zy.head',
  handler: 'zy.handler',
  cadre: 'zy.cadre',
  district: 'qianjiang',
  office: 'zy.office',
  platform: 'platform',
};
const CONTACT = { name: '张三丰', phone: '13800001234' };
const MASKED = { name: '张**', phone: '138****1234' };
// A 1×1 PNG: a file any upload check accepts.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

type Outcome = 'SHOWN' | 'MASKED' | 'HIDDEN';

describe('who sees which case, on every read path', () => {
  let api: TestApi;
  let storageDir: string;
  const tokens = {} as Record<ActorKey, string>;
  const departments: Record<string, string> = {};
  const users: Record<string, string> = {};
  const cases = {} as Record<CaseKey, { id: string; registrationNo: string }>;
  const files = {} as Record<CaseKey, { issued: string; attachment: string }>;
  let parkId: string;
  let enterpriseId: string;
  const today = isoDateInChina();
  const period = {
    periodFrom: addDaysToIsoDate(today, -40).slice(0, 7),
    periodTo: addDaysToIsoDate(today, 40).slice(0, 7),
  };

  async function gqlOk(actor: ActorKey, query: string, variables: Record<string, unknown> = {}) {
    const result = await api.gql(query, variables, tokens[actor]);
    if (result.errors) throw new Error(`${actor}: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  async function caseState(id: string) {
    return (
      await gqlOk('staff', `query($id: ID!) { case(id: $id) { id version status approverRole } }`, { id })
    ).case as { id: string; version: number; status: string; approverRole: string | null };
  }

  async function act(actor: ActorKey, name: string, caseId: string, input: Record<string, unknown> = {}) {
    const type = `${name[0].toUpperCase()}${name.slice(1)}Input`;
    const { version } = await caseState(caseId);
    await gqlOk(actor, `mutation($input: ${type}!) { ${name}(input: $input) { id } }`, {
      input: { caseId, version, ...input },
    });
  }

  /** Registered, verified, screened to `lead` (with `cooperating`) and signed off by whoever the route asks. */
  async function assigned(title: string, lead: string, cooperating: string[] = []) {
    const { registerCase } = await gqlOk(
      'staff',
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id registrationNo } }`,
      {
        input: {
          enterpriseId,
          reportedAt: new Date().toISOString(),
          categoryCode: 'POWER_SUPPLY',
          channelCode: 'HOTLINE',
          reportFormCode: 'PHONE',
          contactName: CONTACT.name,
          contactPhone: CONTACT.phone,
          title,
          description: `${title}：企业反映的困难。`,
        },
      },
    );
    await act('staff', 'verifyCase', registerCase.id, { notes: '已核实' });
    await act('staff', 'screenCase', registerCase.id, {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departments[lead],
      cooperatingDepartmentIds: cooperating.map((code) => departments[code]),
      opinion: '园区部室职能',
    });
    for (let state = await caseState(registerCase.id); state.status === 'PENDING_APPROVAL';) {
      await act(
        state.approverRole === 'EXECUTIVE_DEPUTY_DIRECTOR' ? 'deputy' : 'leader',
        'approveCase',
        state.id,
      );
      state = await caseState(registerCase.id);
    }
    return registerCase as { id: string; registrationNo: string };
  }

  beforeAll(async () => {
    storageDir = await mkdtemp(path.join(tmpdir(), 'qifu-read-paths-'));
    api = await startTestApi({ PDF_CONVERSION: 'off', ATTACHMENTS_DIR: storageDir });
    for (const row of (await api.owner.query(`SELECT id, code, park_id FROM departments`)).rows) {
      departments[row.code as string] = row.id as string;
      parkId = row.park_id as string;
    }
    for (const key of ACTOR_KEYS) if (key !== 'cadre') tokens[key] = await api.login(USERS[key]);
    // The enterprise's linked cadre: a handler of a third department.
    await gqlOk('admin', `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: {
        username: 'zy.cadre',
        displayName: '规划建设部 包保干部 罗军',
        password: 'Zhengyang@2026!',
        roles: [{ role: 'DEPARTMENT_HANDLER', departmentId: departments.PLANNING_CONSTRUCTION }],
      },
    });
    tokens.cadre = await api.login('zy.cadre', 'Zhengyang@2026!');
    for (const row of (await api.owner.query(`SELECT id, username FROM users`)).rows)
      users[row.username as string] = row.id as string;
    enterpriseId = (
      await gqlOk(
        'staff',
        `mutation { saveEnterprise(input: { creditCode: "91500114MA5U3XKL2T", name: "重庆正阳电子有限公司" }) { id } }`,
      )
    ).saveEnterprise.id;

    cases.OWN = await assigned('经发部牵头的案件', 'ECONOMIC_DEVELOPMENT');
    cases.COOPERATING = await assigned('经发部配合的案件', 'FINANCE', ['ECONOMIC_DEVELOPMENT']);
    cases.OTHER = await assigned('财政金融部的案件', 'FINANCE');
    cases.FOLLOW_UP = await assigned('经发部挂钩联系的案件', 'FINANCE');
    cases.OFFICE = await assigned('抄送区民促办的案件', 'FINANCE');
    // As registration records them when the rules let the linked department and cadre follow up.
    await api.owner.query(
      `UPDATE cases SET follow_up_department_id = $2, follow_up_user_id = $3 WHERE id = $1`,
      [cases.FOLLOW_UP.id, departments.ECONOMIC_DEVELOPMENT, users['zy.cadre']],
    );
    // As a copy of a referral letter to the office records it.
    await api.owner.query(
      `INSERT INTO office_cases (park_id, case_id, office_code, occasion)
       VALUES ($1, $2, 'DISTRICT_PRIVATE_ECONOMY_OFFICE', 'REFERRAL_LETTER')`,
      [parkId, cases.OFFICE.id],
    );

    for (const key of CASE_KEYS) {
      const c = cases[key];
      // A notice naming the case's lead department and the case.
      const { rows } = await api.owner.query(`SELECT lead_department_id FROM cases WHERE id = $1`, [c.id]);
      await gqlOk(
        'staff',
        `mutation($input: IssueCircularNoticeInput!) { issueCircularNotice(input: $input) { id } }`,
        {
          input: {
            departmentId: rows[0].lead_department_id,
            grounds: ['DELAY'],
            caseIds: [c.id],
            content: '对交办事项久拖不办，予以通报。',
          },
        },
      );
      const { issueDocument } = await gqlOk(
        'staff',
        `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`,
        { input: { caseId: c.id, kind: 'REGISTRATION_FORM' } },
      );
      const form = new FormData();
      form.append('file', new Blob([PNG], { type: 'image/png' }), '现场照片.png');
      const uploaded = await fetch(`${api.url}/api/cases/${c.id}/attachments`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${tokens.staff}` },
      });
      expect(uploaded.status).toBe(201);
      files[key] = { issued: issueDocument.id, attachment: ((await uploaded.json()) as { id: string }).id };
      // Everyone was told about every case once (as people responsible before a re-assignment were).
      await api.owner.query(
        `INSERT INTO notifications (park_id, user_id, kind, case_id, dedupe_key, title, body)
         SELECT $1, u.id, 'DEADLINE_REMINDER', $2, 'read-paths', '办理时限提醒', '请按时办理。'
           FROM users u WHERE u.username = ANY($3)`,
        [parkId, c.id, Object.values(USERS)],
      );
    }
    await refreshCaseDashboard(
      { db: api.db, logger: pino({ level: 'silent' }) },
      { parkId, caseIds: CASE_KEYS.map((key) => cases[key].id) },
    );
  });

  afterAll(async () => {
    await api.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const contactOutcome = (contact: { name: string; phone: string }): Outcome =>
    contact.name === CONTACT.name && contact.phone === CONTACT.phone
      ? 'SHOWN'
      : contact.name === MASKED.name && contact.phone === MASKED.phone
        ? 'MASKED'
        : (() => {
            throw new Error(`unexpected contact ${JSON.stringify(contact)}`);
          })();

  /** Each read path's answer for the actor, per case. */
  const READERS: Record<string, (actor: ActorKey) => Promise<Record<CaseKey, Outcome>>> = {
    async case(actor) {
      const out = {} as Record<CaseKey, Outcome>;
      for (const key of CASE_KEYS) {
        const result = await api.gql(
          `query($id: ID!) { case(id: $id) { id contactName contactPhone } }`,
          { id: cases[key].id },
          tokens[actor],
        );
        out[key] = result.errors
          ? (expect(['NOT_FOUND', 'FORBIDDEN']).toContain(errorCode(result)), 'HIDDEN')
          : contactOutcome({ name: result.data!.case.contactName, phone: result.data!.case.contactPhone });
      }
      return out;
    },
    async ledger(actor) {
      const result = await api.gql(`{ ledger(first: 200) { edges { node { id } } } }`, {}, tokens[actor]);
      const ids = new Set(nodesOf(result.data?.ledger).map((item: any) => item.id));
      return byCase((id) => (ids.has(id) ? 'SHOWN' : 'HIDDEN'));
    },
    async ledgerExport(actor) {
      const response = await fetch(`${api.url}/api/exports/ledger.xlsx`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[actor]}` },
        body: JSON.stringify({}),
      });
      const numbers = new Set<string>();
      if (response.status === 200) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(await response.arrayBuffer());
        workbook.worksheets[0].eachRow((row) => numbers.add(String(row.getCell(1).value)));
      } else expect(response.status).toBe(403);
      return byCase((_, key) => (numbers.has(cases[key].registrationNo) ? 'SHOWN' : 'HIDDEN'));
    },
    async circularNotices(actor) {
      const all = await api.gql(
        `{ circularNotices(first: 200) { edges { node { id cases { id title } } } } }`,
        {},
        tokens[actor],
      );
      const named = new Set(
        nodesOf(all.data?.circularNotices).flatMap((n: any) => n.cases.map((c: any) => c.id)),
      );
      const out = {} as Record<CaseKey, Outcome>;
      for (const key of CASE_KEYS) {
        const one = await api.gql(
          `query($caseId: ID) { circularNotices(caseId: $caseId) { edges { node { id cases { id } } } } }`,
          { caseId: cases[key].id },
          tokens[actor],
        );
        const listed = nodesOf(one.data?.circularNotices).length > 0;
        // The list and the case's own notices agree.
        expect({ actor, key, listed }).toEqual({ actor, key, listed: named.has(cases[key].id) });
        out[key] = listed ? 'SHOWN' : 'HIDDEN';
      }
      return out;
    },
    async issuedDocuments(actor) {
      return downloads(actor, (key) => `/api/issued-documents/${files[key].issued}`);
    },
    async attachments(actor) {
      return downloads(actor, (key) => `/api/attachments/${files[key].attachment}`);
    },
    async notifications(actor) {
      const result = await api.gql(
        `{ notifications(first: 100) { edges { node { caseId } } } }`,
        {},
        tokens[actor],
      );
      const ids = new Set(nodesOf(result.data?.notifications).map((n: any) => n.caseId));
      const count = await api.gql(`{ unreadNotificationCount }`, {}, tokens[actor]);
      // The count agrees with the list.
      expect(count.data?.unreadNotificationCount ?? 0).toBe(nodesOf(result.data?.notifications).length);
      // Notifications show no contacts: an office's are its masked view of the case.
      return byCase((id) => (ids.has(id) ? (actor === 'office' ? 'MASKED' : 'SHOWN') : 'HIDDEN'));
    },
    async drillDown(actor) {
      const result = await api.gql(
        `query($input: DrillDownInput!) { drillDown(input: $input, first: 100) { edges { node { caseId contactName contactPhone } } } }`,
        { input: { selector: 'RECEIVED', filter: period } },
        tokens[actor],
      );
      const items = new Map<string, any>(nodesOf(result.data?.drillDown).map((i: any) => [i.caseId, i]));
      return byCase((id) => {
        const item = items.get(id);
        return item ? contactOutcome({ name: item.contactName, phone: item.contactPhone }) : 'HIDDEN';
      });
    },
    async officeCases(actor) {
      const result = await api.gql(
        `{ officeCases(first: 100) { edges { node { id } } } }`,
        {},
        tokens[actor],
      );
      const ids = new Set(nodesOf(result.data?.officeCases).map((i: any) => i.id));
      const out = {} as Record<CaseKey, Outcome>;
      for (const key of CASE_KEYS) {
        const one = await api.gql(
          `query($id: ID!) { officeCase(id: $id) { id contactName contactPhone } }`,
          { id: cases[key].id },
          tokens[actor],
        );
        const seen = one.errors
          ? 'HIDDEN'
          : contactOutcome({
              name: one.data!.officeCase.contactName,
              phone: one.data!.officeCase.contactPhone,
            });
        expect({ actor, key, listed: ids.has(cases[key].id) }).toEqual({
          actor,
          key,
          listed: seen !== 'HIDDEN',
        });
        out[key] = seen;
      }
      return out;
    },
  };

  function byCase(outcome: (id: string, key: CaseKey) => Outcome): Record<CaseKey, Outcome> {
    return Object.fromEntries(CASE_KEYS.map((key) => [key, outcome(cases[key].id, key)])) as Record<
      CaseKey,
      Outcome
    >;
  }

  async function downloads(actor: ActorKey, url: (key: CaseKey) => string) {
    const out = {} as Record<CaseKey, Outcome>;
    for (const key of CASE_KEYS) {
      const response = await fetch(`${api.url}${url(key)}`, {
        headers: { authorization: `Bearer ${tokens[actor]}` },
      });
      await response.arrayBuffer();
      if (response.status !== 200) expect([403, 404]).toContain(response.status);
      out[key] = response.status === 200 ? 'SHOWN' : 'HIDDEN';
    }
    return out;
  }

  const GROUP_OF: Record<string, 'case' | 'notifications' | 'drillDown' | 'officeCases'> = {
    case: 'case',
    ledger: 'case',
    ledgerExport: 'case',
    circularNotices: 'case',
    issuedDocuments: 'case',
    attachments: 'case',
    notifications: 'notifications',
    drillDown: 'drillDown',
    officeCases: 'officeCases',
  };

  it.each(Object.keys(READERS))('%s answers each actor as the table says', async (readPath) => {
    const got: Record<string, Record<CaseKey, Outcome>> = {};
    const want: Record<string, Record<CaseKey, Outcome>> = {};
    for (const actor of ACTOR_KEYS) {
      got[actor] = await READERS[readPath](actor);
      want[actor] = byCase((_, key) => expected(actor, GROUP_OF[readPath], key));
    }
    expect(got).toEqual(want);
  });

  /** The actor a sign-in of `username` makes (its roles as role_assignments hold them). */
  async function actorOf(username: string): Promise<Actor> {
    const { rows } = await api.owner.query(
      `SELECT u.id, u.home_park_id, u.platform_role, COALESCE(u.district_id, p.district_id) AS district_id,
              COALESCE(json_agg(json_build_object('role', r.role, 'departmentId', r.department_id))
                         FILTER (WHERE r.role IS NOT NULL), '[]') AS roles
         FROM users u LEFT JOIN parks p ON p.id = u.home_park_id
         LEFT JOIN role_assignments r ON r.user_id = u.id
        WHERE u.username = $1 GROUP BY u.id, p.district_id`,
      [username],
    );
    return {
      userId: rows[0].id,
      username,
      parkId: rows[0].home_park_id,
      districtId: rows[0].district_id,
      platformRole: rows[0].platform_role,
      roles: rows[0].roles,
    };
  }

  it('selects in SQL, under each actor’s row-level security, the cases the in-memory check takes in', async () => {
    const { rows: all } = await api.owner.query(
      `SELECT c.id, c.department_ids, c.follow_up_department_id, c.follow_up_user_id,
              array(SELECT a.user_id FROM office_cases oc JOIN office_accounts a ON a.office_code = oc.office_code
                     WHERE oc.case_id = c.id) AS office_viewers
         FROM cases c`,
    );
    expect(all.length).toBeGreaterThanOrEqual(CASE_KEYS.length);
    for (const key of ACTOR_KEYS) {
      const actor = await actorOf(USERS[key]);
      const { cases: reach } = caseVisibility(actor);
      const inMemory = all
        .filter((row) =>
          reachesCase(reach, {
            departmentIds: row.department_ids,
            followUpDepartmentId: row.follow_up_department_id,
            followUpUserId: row.follow_up_user_id,
            officeLinked: row.office_viewers.includes(actor.userId),
          }),
        )
        .map((row) => row.id)
        .sort();
      const inSql = (
        await api.db.run(scopeOf(actor), (em) =>
          rowsOfSql(
            em,
            sql<{
              id: string;
            }>`SELECT c.id FROM cases c WHERE ${caseReachCondition(reach, 'c')} ORDER BY c.id`,
          ),
        )
      ).map((row) => row.id);
      expect({ key, ids: inSql }).toEqual({ key, ids: inMemory });
    }
  });
});
