import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDaysToIsoDate } from '@qifu/domain';
import PizZip from 'pizzip';
import { pino } from 'pino';
import {
  errorCode,
  errorFields,
  startTestApi,
  type TestApi,
  nodesOf,
} from '../../__tests__/support/test-api.js';
import { actsOnAnswer, caseReport, registeredCase } from '../../__tests__/support/case-acts.js';
import { secondPark } from '../../__tests__/support/park-onboarding.js';
import {
  departmentIdsByCode,
  openDeadlinesDueOn,
  republishParkRules,
  savedEnterpriseId,
  signInAll,
} from '../../__tests__/support/park-session.js';
import { CaseService } from '../../cases/case.service.js';
import { ManualClock } from '../../common/clock.js';
import { isoDateInChina } from '../../common/dates.js';
import { Scope } from '../../database/tenant-db.js';
import { sweepDeadlines } from '../../jobs/deadline-jobs.js';
import { handOverOverdue, HAND_OVER_OVERDUE } from '../handover-jobs.js';

// Outside offices over the API: the rules copy them on documents and hand overdue cases to them;
// their accounts read only those cases, of their own park or district, with contacts masked.

const CITY = 'CITY_SUPERVISION_OFFICE';
const EFFICIENCY = 'EFFICIENCY_OFFICE';
const PASSWORD = 'Supervise@2026';
const CASE_FIELDS = `id version status allowedActions overdueDeadlines { stage dueOn departmentId }
  documents { id kind number departmentName data }`;
const ACCOUNT_FIELDS = `id username officeCode officeName parkId parkName districtId districtName active`;
const CREATE_ACCOUNT = `mutation($input: CreateOfficeAccountInput!) { createOfficeAccount(input: $input) { ${ACCOUNT_FIELDS} } }`;
const OFFICE_CASES = `query($filter: OfficeCaseFilter) { officeCases(filter: $filter) {
  totalCount edges { node { id parkName registrationNo status handedOver occasions } } } }`;
const OFFICE_CASE = `query($id: ID!) { officeCase(id: $id) {
  id parkName registrationNo contactName contactPhone leadDepartmentName departmentNames
  documents { kind number departmentName data } timeline { type data } links { officeCode occasion handedOver }
  deadlines { stage dueOn } overdueDeadlines { dueOn } departments { name headUserId } } }`;

type CaseResult = {
  id: string;
  version: number;
  status: string;
  allowedActions: string[];
  overdueDeadlines: { stage: string; dueOn: string; departmentId: string | null }[];
  documents: {
    id: string;
    kind: string;
    number: string;
    departmentName: string | null;
    data: Record<string, unknown>;
  }[];
};

function docxText(bytes: Buffer): string {
  return new PizZip(bytes)
    .file('word/document.xml')!
    .asText()
    .replace(/<w:br\/>|<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');
}

describe('outside offices', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  let enterpriseId: string;
  let parkA: string;
  let parkB: string;
  let district: string;
  /** A case of park B copied to the same office (written as park B would have). */
  let caseOfB: string;
  const today = isoDateInChina();

  async function gqlOk(user: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await api.gql(query, variables, tokens[user]);
    if (result.errors) throw new Error(`${user}: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  const { attempt, run, screenedInPark } = actsOnAnswer<CaseResult>(() => ({ api, tokens }), CASE_FIELDS);

  /** A park case assigned to 经济发展部 and being handled. */
  async function handledCase(contactPhone = '13800001234'): Promise<CaseResult> {
    let c: CaseResult = await registeredCase(
      api,
      tokens['zy.staff'],
      caseReport('powerSupply', { enterpriseId, contactPhone }),
      CASE_FIELDS,
    );
    c = await run('zy.staff', 'verifyCase', c, { notes: '已电话核实' });
    c = await screenedInPark('zy.staff', c, {
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      opinion: '交办',
    });
    c = await run('zy.leader', 'approveCase', c);
    return run('zy.handler', 'startHandling', c);
  }

  /** Time passes: the open handling deadline and sheet fall due on `dueOn`. */
  async function dueOnDay(c: CaseResult, dueOn: string): Promise<CaseResult> {
    await openDeadlinesDueOn(api, c.id, dueOn, ['ASSIGNMENT_SHEET']);
    const { case: reloaded } = await gqlOk(
      'zy.staff',
      `query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`,
      {
        id: c.id,
      },
    );
    return reloaded as CaseResult;
  }

  async function issuedText(user: string, caseId: string, kind: string, documentId: string): Promise<string> {
    const { issueDocument } = await gqlOk(
      user,
      `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { downloadUrl } }`,
      { input: { caseId, kind, documentId } },
    );
    const response = await fetch(`${api.url}${issueDocument.downloadUrl}`, {
      headers: { authorization: `Bearer ${tokens[user]}` },
    });
    expect(response.status).toBe(200);
    return docxText(Buffer.from(await response.arrayBuffer()));
  }

  async function createAccount(user: string, input: Record<string, unknown>) {
    return api.gql(
      CREATE_ACCOUNT,
      { input: { displayName: '市委督查室', password: PASSWORD, ...input } },
      tokens[user],
    );
  }

  beforeAll(async () => {
    api = await startTestApi();
    await signInAll(
      api,
      ['zy.admin', 'zy.staff', 'zy.leader', 'zy.handler', 'platform', 'qianjiang'],
      tokens,
    );
    departments = await departmentIdsByCode(api);
    parkA = (await api.owner.query(`SELECT id FROM parks WHERE code = 'zhengyang'`)).rows[0].id;
    district = (await api.owner.query(`SELECT district_id FROM parks WHERE id = $1`, [parkA])).rows[0]
      .district_id;
    // Zhengyang copies the city's supervision office on its sheets, reports back and supervision
    // letters, and hands overdue cases to it two working days after their supervision letter.
    await republishParkRules(
      api,
      tokens['zy.admin'],
      (rules) => ({
        ...rules,
        ccOffices: [
          ...rules.ccOffices,
          {
            code: CITY,
            name: '市委督查室',
            when: 'ALWAYS',
            copiedOn: ['ASSIGNMENT_SHEET', 'RESULT_REPORT', 'SUPERVISION_LETTER', 'OVERDUE_HANDOVER'],
          },
          { code: EFFICIENCY, name: '区效能办', when: 'ALWAYS', copiedOn: ['OVERDUE_HANDOVER'] },
        ],
        overdueHandover: { officeCodes: [CITY], afterWorkingDays: 2 },
      }),
      '外部督查单位',
    );
    enterpriseId = await savedEnterpriseId(api, tokens['zy.staff']);

    // Park B of the same district, with a case copied to the same office, as park B writes it.
    parkB = (await secondPark(api)).parkId;
    caseOfB = (
      await api.owner.query(
        `INSERT INTO cases (park_id, registration_no, registration_year, registration_seq, rules_version, status,
           enterprise_name, reported_at, category_code, channel_code, report_form_code, contact_name,
           contact_phone, title, description, state)
         VALUES ($1, '武陵山诉求〔2026〕1号', 2026, 1, 1, 'ASSIGNED', '武陵山企业', now(), 'OTHER', 'HOTLINE', 'PHONE',
           '李经理', '13900005678', '道路维修', '园区道路破损', '{}') RETURNING id`,
        [parkB],
      )
    ).rows[0].id;
    await api.owner.query(
      `INSERT INTO office_cases (park_id, case_id, office_code, occasion) VALUES ($1, $2, $3, 'ASSIGNMENT_SHEET')`,
      [parkB, caseOfB, CITY],
    );
  });
  afterAll(() => api?.close());

  describe('accounts', () => {
    it('a park administrator creates an account of a cc office of its rules, for its own park', async () => {
      const { data } = await createAccount('zy.admin', { username: 'zy.city', officeCode: CITY });
      expect(data!.createOfficeAccount).toMatchObject({
        username: 'zy.city',
        officeCode: CITY,
        officeName: '市委督查室',
        parkId: parkA,
        parkName: '重庆市正阳工业园区',
        districtId: null,
        active: true,
      });
      // A wrong password counts against the account like anyone's (not an error of the database).
      const wrong = await api.gql(
        `mutation { signIn(input: { username: "zy.city", password: "Wrong@20260" }) { accessToken } }`,
      );
      expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
      const { rows: attempts } = await api.owner.query(
        `SELECT failed_attempts FROM users WHERE username = 'zy.city'`,
      );
      expect(attempts).toEqual([{ failed_attempts: 1 }]);
      tokens['zy.city'] = await api.login('zy.city', PASSWORD);
      const { me } = await gqlOk(
        'zy.city',
        `{ me { username park { name } district { name } office { code name } roles { role } } }`,
      );
      expect(me).toEqual({
        username: 'zy.city',
        park: { name: '重庆市正阳工业园区' },
        district: { name: '黔江区' },
        office: { code: CITY, name: '市委督查室' },
        roles: [{ role: 'OFFICE_VIEWER' }],
      });
      const { rows } = await api.owner.query(
        `SELECT action FROM audit_events WHERE subject_id = $1 AND park_id = $2`,
        [data!.createOfficeAccount.id, parkA],
      );
      expect(rows).toEqual([{ action: 'officeAccount.created' }]);
      const { officeAccounts } = await gqlOk('zy.admin', `{ officeAccounts { username } }`);
      // Beside the demo park's own account of 区民促办.
      expect(officeAccounts).toEqual([{ username: 'zy.office' }, { username: 'zy.city' }]);
    });

    it('a park administrator cannot create one for another park or a district, nor for an unknown office', async () => {
      const other = await createAccount('zy.admin', { username: 'zy.x1', officeCode: CITY, parkId: parkB });
      expect(errorCode(other)).toBe('FORBIDDEN');
      const wide = await createAccount('zy.admin', {
        username: 'zy.x2',
        officeCode: CITY,
        districtId: district,
      });
      expect(errorCode(wide)).toBe('FORBIDDEN');
      const unknown = await createAccount('zy.admin', { username: 'zy.x3', officeCode: 'MAYORS_OFFICE' });
      expect([errorCode(unknown), errorFields(unknown)]).toEqual(['BAD_USER_INPUT', ['officeCode']]);
      const weak = await createAccount('zy.admin', {
        username: 'zy.x4',
        officeCode: CITY,
        password: 'short',
      });
      expect([errorCode(weak), errorFields(weak)]).toEqual(['BAD_USER_INPUT', ['password', 'password']]);
      const twice = await createAccount('zy.admin', { username: 'ZY.CITY', officeCode: CITY });
      expect([errorCode(twice), errorFields(twice)]).toEqual(['CONFLICT', ['username']]);
      const { rows } = await api.owner.query(`SELECT username FROM users WHERE username LIKE 'zy.x%'`);
      expect(rows).toEqual([]);
      // Staff and leaders do not create accounts at all.
      expect(errorCode(await createAccount('zy.staff', { username: 'zy.x5', officeCode: CITY }))).toBe(
        'FORBIDDEN',
      );
    });

    it('the platform creates accounts for any park or a whole district', async () => {
      const { outsideOffices } = await gqlOk(
        'platform',
        `query($d: ID) { outsideOffices(districtId: $d) { code name copiedOn } }`,
        { d: district },
      );
      expect(outsideOffices.map((o: { code: string }) => o.code)).toEqual([
        'DISTRICT_PRIVATE_ECONOMY_OFFICE',
        'DISTRICT_RECTIFICATION_OFFICE',
        CITY,
        EFFICIENCY,
      ]);
      const wide = await createAccount('platform', {
        username: 'qj.city',
        officeCode: CITY,
        districtId: district,
      });
      expect(wide.data!.createOfficeAccount).toMatchObject({ districtName: '黔江区', parkId: null });
      tokens['qj.city'] = await api.login('qj.city', PASSWORD);
      // Park B's rules name no such office.
      const b = await createAccount('platform', { username: 'wl.city', officeCode: CITY, parkId: parkB });
      expect([errorCode(b), errorFields(b)]).toEqual(['BAD_USER_INPUT', ['officeCode']]);
      const rectification = await createAccount('platform', {
        username: 'wl.rectification',
        officeCode: 'DISTRICT_RECTIFICATION_OFFICE',
        parkId: parkB,
      });
      expect(rectification.data!.createOfficeAccount).toMatchObject({ parkName: '武陵山工业园区' });
      const neither = await createAccount('platform', { username: 'x.none', officeCode: CITY });
      expect([errorCode(neither), errorFields(neither)]).toEqual(['BAD_USER_INPUT', ['parkId']]);
      const { rows } = await api.owner.query(
        `SELECT action FROM platform_audit_events WHERE action = 'officeAccount.created'`,
      );
      expect(rows).toHaveLength(2);
      // The park administrator lists and manages its own park's accounts, not the district's.
      const { officeAccounts } = await gqlOk('zy.admin', `{ officeAccounts { username } }`);
      expect(officeAccounts).toEqual([{ username: 'zy.office' }, { username: 'zy.city' }]);
      const switchOff = await api.gql(
        `mutation($id: ID!) { setOfficeAccountActive(input: { userId: $id, active: false }) { active } }`,
        { id: wide.data!.createOfficeAccount.id },
        tokens['zy.admin'],
      );
      expect(errorCode(switchOff)).toBe('NOT_FOUND');
    });
  });

  describe('copies and hand-overs', () => {
    let handed: CaseResult;

    it('copies the office on the assignment sheet: recorded, printed in its 版记, linked', async () => {
      const c = await handledCase();
      const sheet = c.documents.find((d) => d.kind === 'ASSIGNMENT_SHEET')!;
      expect(sheet.data.cc).toEqual([CITY]);
      expect(await issuedText('zy.staff', c.id, 'ASSIGNMENT_SHEET', sheet.id)).toContain(
        '抄送：市委督查室。',
      );
      const { rows } = await api.owner.query(
        `SELECT office_code, occasion, handed_over FROM office_cases WHERE case_id = $1`,
        [c.id],
      );
      expect(rows).toEqual([{ office_code: CITY, occasion: 'ASSIGNMENT_SHEET', handed_over: false }]);
    });

    it('staff hand over an overdue case only after its supervision letter, once, with a letter and notifications', async () => {
      let c = await handledCase('13811112222');
      c = await dueOnDay(c, addDaysToIsoDate(today, -5));
      expect(c.allowedActions).not.toContain('handOverToOffice');
      const early = await attempt('zy.staff', 'handOverToOffice', c);
      expect([errorCode(early), errorFields(early)]).toEqual(['BAD_USER_INPUT', ['deadlines']]);

      c = await run('zy.staff', 'superviseOverdue', c, { note: '请抓紧' });
      const supervision = c.documents.find((d) => d.kind === 'SUPERVISION_LETTER')!;
      expect(supervision.data.cc).toEqual([CITY]);
      expect(await issuedText('zy.staff', c.id, 'SUPERVISION_LETTER', supervision.id)).toContain(
        '抄送：市委督查室。',
      );
      expect(c.allowedActions).toContain('handOverToOffice');
      // Not by a leader, and not to an office the rules do not name.
      expect(errorCode(await attempt('zy.leader', 'handOverToOffice', c))).toBe('FORBIDDEN');
      const wrong = await attempt('zy.staff', 'handOverToOffice', c, { officeCodes: ['MAYORS_OFFICE'] });
      expect([errorCode(wrong), errorFields(wrong)]).toEqual(['BAD_USER_INPUT', ['officeCodes[0]']]);

      c = await run('zy.staff', 'handOverToOffice', c, { note: '督办后仍未办结' });
      handed = c;
      const letters = c.documents.filter((d) => d.kind === 'HANDOVER_LETTER');
      expect(letters).toEqual([
        expect.objectContaining({
          number: `移交〔${today.slice(0, 4)}〕第1号`,
          departmentName: '市委督查室',
          data: expect.objectContaining({ officeCode: CITY, cc: [EFFICIENCY] }),
        }),
      ]);
      const text = await issuedText('zy.staff', c.id, 'HANDOVER_LETTER', letters[0].id);
      expect(text).toContain('市委督查室：');
      expect(text).toContain(`（${supervision.number}）`);
      expect(text).toContain('由经济发展部办理');
      expect(text).toContain('抄送：区效能办。');

      const again = await attempt('zy.staff', 'handOverToOffice', c);
      expect([errorCode(again), errorFields(again)]).toEqual(['BAD_USER_INPUT', ['deadlines']]);
      const { rows: events } = await api.owner.query(
        `SELECT e.type, u.username FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id
          WHERE e.case_id = $1 AND e.type = 'CaseHandedOver'`,
        [c.id],
      );
      expect(events).toEqual([{ type: 'CaseHandedOver', username: 'zy.staff' }]);
      const { rows: audit } = await api.owner.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action = 'case.handOverToOffice'`,
        [c.id],
      );
      expect(audit).toEqual([{ n: 1 }]);
      // The office's viewers in the park and in the district are told; nobody else.
      const { rows: told } = await api.owner.query(
        `SELECT u.username, n.title FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.case_id = $1 AND n.kind = 'OFFICE_HANDOVER' ORDER BY u.username`,
        [c.id],
      );
      const { rows: number } = await api.owner.query(`SELECT registration_no FROM cases WHERE id = $1`, [
        c.id,
      ]);
      expect(told).toEqual([
        { username: 'qj.city', title: `超期事项移交：${number[0].registration_no}` },
        { username: 'zy.city', title: `超期事项移交：${number[0].registration_no}` },
      ]);
      const { unreadNotificationCount } = await gqlOk('zy.city', `{ unreadNotificationCount }`);
      expect(unreadNotificationCount).toBe(1);
      const { notifications } = await gqlOk(
        'qj.city',
        `{ notifications { edges { node { kind caseId body } } } }`,
      );
      expect(nodesOf(notifications)).toEqual([
        expect.objectContaining({
          kind: 'OFFICE_HANDOVER',
          caseId: c.id,
          body: expect.stringContaining('移交市委督查室'),
        }),
      ]);
    });

    it('the overdue hand-over job: due two working days after the supervision letter, done once', async () => {
      let c = await handledCase('13833334444');
      const dueOn = addDaysToIsoDate(today, -20);
      c = await dueOnDay(c, dueOn);
      c = await run('zy.staff', 'superviseOverdue', c);
      const logger = pino({ level: 'silent' });
      const outbox = async () =>
        (
          await api.owner.query(
            `SELECT job_key, data FROM outbox WHERE job_name = $1 AND data ->> 'caseId' = $2`,
            [HAND_OVER_OVERDUE, c.id],
          )
        ).rows;
      const sweepOn = async (day: string) =>
        sweepDeadlines({
          db: api.db,
          cases: new CaseService(api.db, new ManualClock(new Date(`${day}T10:00:00+08:00`))),
          clock: new ManualClock(new Date(`${day}T10:00:00+08:00`)),
          policy: { reminderWorkingDays: 1, referralGraceWorkingDays: 2 },
        });
      // The letter went out today: the window has not passed.
      await sweepOn(today);
      expect(await outbox()).toEqual([]);
      // Issued ten days ago, it has.
      await api.owner.query(
        `UPDATE case_documents SET issued_on = $2::date WHERE case_id = $1 AND kind = 'SUPERVISION_LETTER'`,
        [c.id, addDaysToIsoDate(today, -10)],
      );
      await sweepOn(today);
      await sweepOn(today);
      expect(await outbox()).toEqual([
        { job_key: `handover/${c.id}/${dueOn}`, data: expect.objectContaining({ dueOn }) },
      ]);

      const deps = { db: api.db, cases: new CaseService(api.db), logger };
      const job = { parkId: parkA, caseId: c.id, dueOn };
      expect(await handOverOverdue(deps, job)).toBe('handed-over');
      expect(await handOverOverdue(deps, job)).toBe('already');
      const { rows } = await api.owner.query(
        `SELECT (SELECT count(*)::int FROM case_events WHERE case_id = $1 AND type = 'CaseHandedOver' AND actor_user_id IS NULL) AS events,
                (SELECT count(*)::int FROM case_documents WHERE case_id = $1 AND kind = 'HANDOVER_LETTER') AS letters,
                (SELECT count(*)::int FROM notifications WHERE case_id = $1 AND kind = 'OFFICE_HANDOVER') AS told`,
        [c.id],
      );
      expect(rows).toEqual([{ events: 1, letters: 1, told: 2 }]);
      // A deadline no longer the case's (done, extended) is left alone.
      expect(await handOverOverdue(deps, { ...job, dueOn: addDaysToIsoDate(dueOn, -1) })).toBe('not-due');
    });

    describe('the office viewer', () => {
      it("lists only its office's cases of its park; a district account those of its district", async () => {
        const { officeCases } = await gqlOk('zy.city', OFFICE_CASES);
        const parks = new Set(nodesOf(officeCases).map((i: { parkName: string }) => i.parkName));
        expect([...parks]).toEqual(['重庆市正阳工业园区']);
        expect(officeCases.totalCount).toBe(3);
        expect(nodesOf(officeCases).find((i: { id: string }) => i.id === handed.id)).toMatchObject({
          handedOver: true,
          occasions: ['ASSIGNMENT_SHEET', 'OVERDUE_HANDOVER', 'SUPERVISION_LETTER'],
        });
        const onlyHanded = await gqlOk('zy.city', OFFICE_CASES, { filter: { handedOver: true } });
        expect(onlyHanded.officeCases.totalCount).toBe(2);
        const wide = await gqlOk('qj.city', OFFICE_CASES);
        expect(wide.officeCases.totalCount).toBe(4);
        expect(nodesOf(wide.officeCases).map((i: { id: string }) => i.id)).toContain(caseOfB);
        // Another office of park B reads none of these.
        tokens['wl.rectification'] = await api.login('wl.rectification', PASSWORD);
        expect((await gqlOk('wl.rectification', OFFICE_CASES)).officeCases.totalCount).toBe(0);
      });

      it('the demo account of 区民促办 reads exactly the cases copied to its office', async () => {
        tokens['zy.office'] = await api.login('zy.office');
        const linked = await api.owner.query(
          `SELECT DISTINCT case_id::text AS id FROM office_cases WHERE office_code = 'DISTRICT_PRIVATE_ECONOMY_OFFICE'
            ORDER BY 1`,
        );
        const { officeCases } = await gqlOk('zy.office', OFFICE_CASES);
        expect(
          nodesOf(officeCases)
            .map((i: { id: string }) => i.id)
            .sort(),
        ).toEqual(linked.rows.map((r) => r.id));
        expect(errorCode(await api.gql(`{ ledger(first: 1) { totalCount } }`, {}, tokens['zy.office']))).toBe(
          'FORBIDDEN',
        );
      });

      it('reads a case read-only, the contact masked as the dashboards mask it', async () => {
        const { officeCase } = await gqlOk('zy.city', OFFICE_CASE, { id: handed.id });
        expect(officeCase).toMatchObject({
          parkName: '重庆市正阳工业园区',
          contactName: '王**',
          contactPhone: '138****2222',
          leadDepartmentName: '经济发展部',
          departmentNames: ['经济发展部'],
        });
        expect(JSON.stringify(officeCase)).not.toContain('13811112222');
        // The park's departments by name, to read its acts; who heads them is not the office's business.
        expect(officeCase.departments).toEqual(
          expect.arrayContaining([{ name: '经济发展部', headUserId: null }]),
        );
        expect(officeCase.departments.every((d: { headUserId: unknown }) => d.headUserId === null)).toBe(
          true,
        );
        expect(officeCase.documents.map((d: { kind: string }) => d.kind)).toEqual(
          expect.arrayContaining(['ASSIGNMENT_SHEET', 'SUPERVISION_LETTER', 'HANDOVER_LETTER']),
        );
        expect(officeCase.timeline.map((e: { type: string }) => e.type)).toContain('CaseHandedOver');
        expect(officeCase.links).toEqual(
          expect.arrayContaining([{ officeCode: CITY, occasion: 'OVERDUE_HANDOVER', handedOver: true }]),
        );
        const { rows } = await api.owner.query(
          `SELECT operation FROM dashboard_reads WHERE actor_user_id = (SELECT id FROM users WHERE username = 'zy.city')`,
        );
        expect(rows.map((r) => r.operation)).toEqual(expect.arrayContaining(['officeCases', 'officeCase']));
      });

      it("gets NOT_FOUND for another park's case, a case not copied to it, or one of another office", async () => {
        const notCopied = (
          await api.owner.query(
            `SELECT id FROM cases WHERE park_id = $1 AND id NOT IN (SELECT case_id FROM office_cases) LIMIT 1`,
            [parkA],
          )
        ).rows;
        for (const id of [caseOfB, ...notCopied.map((r) => r.id as string)]) {
          const read = await api.gql(OFFICE_CASE, { id }, tokens['zy.city']);
          expect({ id, code: errorCode(read) }).toEqual({ id, code: 'NOT_FOUND' });
        }
        const other = await api.gql(OFFICE_CASE, { id: handed.id }, tokens['wl.rectification']);
        expect(errorCode(other)).toBe('NOT_FOUND');
        // The district's account reads park B's case, masked too.
        const { officeCase } = await gqlOk('qj.city', OFFICE_CASE, { id: caseOfB });
        expect(officeCase).toMatchObject({ parkName: '武陵山工业园区', contactPhone: '139****5678' });
      });

      it('cannot act, nor read anything else of the park', async () => {
        const forbidden = [
          `query($id: ID!) { case(id: $id) { id contactPhone } }`,
          `{ ledger { totalCount } }`,
          `{ users { id } }`,
          `{ departments { id } }`,
          `{ parkRules { version } }`,
          `{ enterprises { totalCount } }`,
          `{ officeAccounts { id } }`,
          `{ dashboard(filter: { periodFrom: "2026-01", periodTo: "2026-01" }) { asOf } }`,
        ];
        for (const query of forbidden) {
          const result = await api.gql(query, { id: handed.id }, tokens['zy.city']);
          expect({ query, code: errorCode(result) }).toEqual({ query, code: 'FORBIDDEN' });
        }
        const acts: [string, Record<string, unknown>][] = [
          ['verifyCase', { notes: '已核实' }],
          ['escalateCase', { ground: 'FRAUD', reason: '虚报' }],
          ['handOverToOffice', {}],
          ['superviseOverdue', {}],
        ];
        for (const [mutation, input] of acts) {
          const result = await attempt('zy.city', mutation, handed, input);
          expect({ mutation, code: errorCode(result) }).toEqual({ mutation, code: 'FORBIDDEN' });
        }
        const { rows: files } = await api.owner.query(
          `SELECT id FROM issued_documents WHERE case_id = $1 LIMIT 1`,
          [handed.id],
        );
        const download = await fetch(`${api.url}/api/issued-documents/${files[0].id}`, {
          headers: { authorization: `Bearer ${tokens['zy.city']}` },
        });
        expect([403, 404]).toContain(download.status);
      });

      it('a deactivated account signs in no more', async () => {
        const { officeAccounts } = await gqlOk('zy.admin', `{ officeAccounts { id username } }`);
        const { setOfficeAccountActive } = await gqlOk(
          'zy.admin',
          `mutation($id: ID!) { setOfficeAccountActive(input: { userId: $id, active: false }) { active } }`,
          { id: officeAccounts.find((a: { username: string }) => a.username === 'zy.city').id },
        );
        expect(setOfficeAccountActive).toEqual({ active: false });
        const login = await api.gql(
          `mutation { signIn(input: { username: "zy.city", password: "${PASSWORD}" }) { accessToken } }`,
        );
        expect(errorCode(login)).toBe('UNAUTHENTICATED');
        const { rows } = await api.db
          .run(Scope.park(parkA), (em) =>
            em.query(`SELECT action FROM audit_events WHERE action = 'officeAccount.deactivated'`),
          )
          .then((r) => ({ rows: r as unknown[] }));
        expect(rows).toHaveLength(1);
      });
    });
  });
});
