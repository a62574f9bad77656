import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import PizZip from 'pizzip';
import {
  errorCode,
  errorFields,
  startTestApi,
  type TestApi,
  nodesOf,
} from '../../__tests__/support/test-api.js';
import { signInAll } from '../../__tests__/support/park-session.js';
import { CaseService } from '../../cases/case.service.js';
import { ManualClock } from '../../common/clock.js';
import { computePendingDeadlines, sweepDeadlines } from '../../jobs/deadline-jobs.js';

const fixture = (ext: 'yaml' | 'csv') =>
  readFileSync(
    new URL(`../../../../../tests/fixtures/national-calendar-2027.${ext}`, import.meta.url),
    'utf8',
  );

const IMPORT = `mutation($input: ImportNationalCalendarInput!) {
  importNationalCalendar(input: $input) { year source version notice importedByName holidays { nameZh from to workdays } }
}`;
const STATUS = `{ nationalCalendarStatus { today coveredYears missingYear } }`;
const CASE = `query($id: ID!) { case(id: $id) {
  id version status
  deadlines { stage from dueOn pendingYear doneOn overdue trace { date reason counted holidayName } }
  documents { id kind dueOn data }
  timeline { type caseVersion data }
} }`;
const LEDGER = `query($filter: LedgerFilter) { ledger(filter: $filter, first: 50) {
  totalCount edges { node { id nextDueOn pendingDeadlineYear } }
} }`;

/** Beijing morning of a date, as the clock's instant. */
const morningOf = (date: string) => new Date(`${date}T01:00:00Z`);

describe('the national calendar as platform data', () => {
  let api: TestApi;
  const clock = new ManualClock(morningOf('2026-12-30'));
  const tokens: Record<string, string> = {};
  let caseId: string;
  let parkId: string;
  let districtId: string;

  async function gqlOk(user: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await api.gql(query, variables, tokens[user]);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  async function act(user: string, name: string, input: Record<string, unknown> = {}) {
    const { case: c } = await gqlOk('zy.staff', CASE, { id: caseId });
    const type = `${name[0].toUpperCase()}${name.slice(1)}Input`;
    await gqlOk(user, `mutation($input: ${type}!) { ${name}(input: $input) { id } }`, {
      input: { caseId, version: c.version, ...input },
    });
  }

  const caseNow = async () => (await gqlOk('zy.staff', CASE, { id: caseId })).case;
  // GraphQL answers are loosely typed in tests; the assertions check their shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const reply = (c: { deadlines: any[] }) => c.deadlines.find((d) => d.stage === 'departmentReply');

  beforeAll(async () => {
    api = await startTestApi({}, { clock });
    // The test template holds 2027 as test data; this spec starts where the platform has no 2027 yet.
    await api.owner.query(`DELETE FROM national_calendar_years`);
    await signInAll(api, ['platform', 'zy.admin', 'zy.staff', 'zy.leader'], tokens);
    ({ id: parkId, district_id: districtId } = (
      await api.owner.query(`SELECT id, district_id FROM parks WHERE code = 'zhengyang'`)
    ).rows[0]);
    const departmentId = (
      await api.owner.query(`SELECT id FROM departments WHERE code = 'ECONOMIC_DEVELOPMENT'`)
    ).rows[0].id;
    const enterprise = await gqlOk(
      'zy.staff',
      `mutation { saveEnterprise(input: { creditCode: "91500114MA5U3XKL2T", name: "重庆正阳精密机械有限公司" }) { id } }`,
    );
    const registered = await gqlOk(
      'zy.staff',
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`,
      {
        input: {
          enterpriseId: enterprise.saveEnterprise.id,
          reportedAt: clock.now().toISOString(),
          categoryCode: 'RECRUITMENT',
          channelCode: 'SERVICE_HALL',
          reportFormCode: 'IN_PERSON_OR_LETTER',
          contactName: '李女士',
          contactPhone: '13800000000',
          title: '年后用工缺口',
          description: '春节后预计缺工 150 人，希望协助对接劳务资源。',
        },
      },
    );
    caseId = registered.registerCase.id;
    await act('zy.staff', 'verifyCase', { notes: '已电话核实' });
    await act('zy.staff', 'screenCase', {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departmentId,
      opinion: '交经济发展部办理',
    });
    // Assigned on Wed 2026-12-30: 10 working days reach into 2027.
    await act('zy.leader', 'approveCase', { opinion: '同意' });
  });
  afterAll(() => api?.close());

  it('before 2027 is imported, the assignment’s deadline is pending, never missing or guessed', async () => {
    const c = await caseNow();
    expect(c.status).toBe('ASSIGNED');
    expect(reply(c)).toEqual({
      stage: 'departmentReply',
      from: '2026-12-30',
      dueOn: null,
      pendingYear: 2027,
      doneOn: null,
      overdue: false,
      trace: [],
    });
    const sheet = c.documents.find((d: { kind: string }) => d.kind === 'ASSIGNMENT_SHEET');
    expect(sheet).toMatchObject({ dueOn: null, data: { pendingDeadlineYear: 2027 } });
    // Screening (3 working days) and approval (2) were counted into 2027 as well, and were done in time.
    expect(
      c.deadlines
        .filter((d: { dueOn: string | null }) => d.dueOn === null)
        .map((d: { stage: string }) => d.stage),
    ).toEqual(['screening', 'approval', 'departmentReply']);
  });

  it('the assignment sheet says 期限待定 and why', async () => {
    const sheet = (await caseNow()).documents.find((d: { kind: string }) => d.kind === 'ASSIGNMENT_SHEET');
    const issued = await gqlOk(
      'zy.staff',
      `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { downloadUrl } }`,
      { input: { caseId, kind: 'ASSIGNMENT_SHEET', documentId: sheet.id } },
    );
    const response = await fetch(`${api.url}${issued.issueDocument.downloadUrl}`, {
      headers: { authorization: `Bearer ${tokens['zy.staff']}` },
    });
    const xml = new PizZip(Buffer.from(await response.arrayBuffer())).file('word/document.xml')!.asText();
    expect(xml.replace(/<[^>]+>/g, '')).toContain('期限待定（缺少2027年节假日数据）');
  });

  it('the ledger lists the cases with a pending deadline under its filter', async () => {
    const pending = (await gqlOk('zy.staff', LEDGER, { filter: { deadlinePending: true } })).ledger;
    expect(nodesOf(pending)).toEqual([{ id: caseId, nextDueOn: null, pendingDeadlineYear: 2027 }]);
    const known = (await gqlOk('zy.staff', LEDGER, { filter: { deadlinePending: false } })).ledger;
    expect(nodesOf(known).map((i: { id: string }) => i.id)).not.toContain(caseId);
    // The same view exports.
    const exported = await fetch(`${api.url}/api/exports/ledger.xlsx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['zy.staff']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { deadlinePending: true } }),
    });
    expect(exported.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await exported.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const column = (sheet.getRow(1).values as string[]).indexOf('下一时限');
    expect(sheet.getRow(2).getCell(column).value).toBe('期限待定（缺少2027年节假日数据）');
  });

  it('warns platform administrators from 1 November while the coming year is missing', async () => {
    expect((await gqlOk('platform', STATUS)).nationalCalendarStatus).toMatchObject({
      today: '2026-12-30',
      missingYear: 2027,
    });
    clock.set(morningOf('2026-10-31'));
    try {
      expect((await gqlOk('platform', STATUS)).nationalCalendarStatus.missingYear).toBeNull();
    } finally {
      clock.set(morningOf('2026-12-30'));
    }
  });

  it('only the platform may import a year or read the national calendar', async () => {
    for (const user of ['zy.admin', 'zy.staff']) {
      const imported = await api.gql(
        IMPORT,
        { input: { format: 'YAML', content: fixture('yaml') } },
        tokens[user],
      );
      expect(errorCode(imported)).toBe('FORBIDDEN');
      expect(errorCode(await api.gql(STATUS, {}, tokens[user]))).toBe('FORBIDDEN');
    }
    const { rows } = await api.owner.query(`SELECT count(*)::int AS n FROM national_calendar_years`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a file with a problem, naming the field, and saves nothing', async () => {
    const weekday = fixture('yaml').replace('workdays: [2027-02-14, 2027-02-20]', 'workdays: [2027-02-15]');
    const refused = await api.gql(IMPORT, { input: { format: 'YAML', content: weekday } }, tokens.platform);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(errorFields(refused)).toEqual(['content.holidays[1].workdays[0]']);
    const csv = await api.gql(
      IMPORT,
      { input: { format: 'CSV', content: 'date,type,name,nameEn\n2027-01-01,放假,元旦,\n' } },
      tokens.platform,
    );
    expect(errorFields(csv)).toEqual(['content.line 2.type']);
    const { rows } = await api.owner.query(`SELECT count(*)::int AS n FROM national_calendar_years`);
    expect(rows[0].n).toBe(0);
  });

  it('after 2027 is imported, the deadline is computed with its trace through the 2027 days', async () => {
    const imported = await gqlOk('platform', IMPORT, { input: { format: 'CSV', content: fixture('csv') } });
    expect(imported.importNationalCalendar).toMatchObject({ year: 2027, source: 'IMPORTED', version: 1 });
    expect(imported.importNationalCalendar.holidays[0]).toEqual({
      nameZh: '元旦',
      from: '2027-01-01',
      to: '2027-01-03',
      workdays: [],
    });
    const audit = await api.owner.query(
      `SELECT action, after FROM platform_audit_events WHERE action = 'national_calendar.imported'`,
    );
    expect(audit.rows).toEqual([
      {
        action: 'national_calendar.imported',
        after: { year: 2027, version: 1, notice: null, daysOff: 28, makeupWorkdays: 6 },
      },
    ]);
    expect((await gqlOk('platform', STATUS)).nationalCalendarStatus.missingYear).toBeNull();

    // The job that follows an import (no queue in this test: run as the worker runs it).
    const cases = new CaseService(api.db, clock);
    expect(await computePendingDeadlines({ db: api.db, cases })).toEqual({ parks: 1, computed: 3 });
    const c = await caseNow();
    expect(c.deadlines.map((d: { dueOn: string | null }) => d.dueOn)).not.toContain(null);
    // Thu 31 Dec counts; 1–3 Jan is 元旦; 4–8 Jan, 11–14 Jan: the tenth working day is Thu 14 Jan.
    expect(reply(c)).toMatchObject({ dueOn: '2027-01-14', pendingYear: null, overdue: false });
    expect(reply(c).trace.slice(0, 5)).toEqual([
      { date: '2026-12-31', reason: 'WORKDAY', counted: true, holidayName: null },
      { date: '2027-01-01', reason: 'HOLIDAY', counted: false, holidayName: '元旦' },
      { date: '2027-01-02', reason: 'HOLIDAY', counted: false, holidayName: '元旦' },
      { date: '2027-01-03', reason: 'HOLIDAY', counted: false, holidayName: '元旦' },
      { date: '2027-01-04', reason: 'WORKDAY', counted: true, holidayName: null },
    ]);
    expect(c.documents.find((d: { kind: string }) => d.kind === 'ASSIGNMENT_SHEET').dueOn).toBe('2027-01-14');
    expect(c.timeline.filter((e: { type: string }) => e.type === 'DeadlineComputed')).toEqual([
      {
        type: 'DeadlineComputed',
        caseVersion: c.version,
        data: { stage: 'screening', from: '2026-12-30', dueOn: '2027-01-05' },
      },
      {
        type: 'DeadlineComputed',
        caseVersion: c.version,
        data: { stage: 'approval', from: '2026-12-30', dueOn: '2027-01-04' },
      },
      {
        type: 'DeadlineComputed',
        caseVersion: c.version,
        data: { stage: 'departmentReply', from: '2026-12-30', dueOn: '2027-01-14' },
      },
    ]);
    const trail = await api.owner.query(
      `SELECT after FROM audit_events WHERE action = 'case.deadlineComputed' AND subject_id = $1`,
      [caseId],
    );
    expect(trail.rows).toContainEqual({ after: { stage: 'departmentReply', dueOn: '2027-01-14' } });
    expect(trail.rows).toHaveLength(3);
    const ledger = (await gqlOk('zy.staff', LEDGER, { filter: { deadlinePending: true } })).ledger;
    expect(ledger.totalCount).toBe(0);
    // Nothing is left for the next run.
    expect(await computePendingDeadlines({ db: api.db, cases })).toEqual({ parks: 1, computed: 0 });
  });

  it('the deadline sweep computes what an import left pending (when its job was lost)', async () => {
    // A correction of 2027 is a new version, in force at once.
    const corrected = fixture('yaml').replace('to: 2027-01-03', 'to: 2027-01-04');
    expect(
      (await gqlOk('platform', IMPORT, { input: { format: 'YAML', content: corrected } }))
        .importNationalCalendar,
    ).toMatchObject({ year: 2027, version: 2, notice: '测试数据（非官方安排）' });
    // The reply deadline as an API process would have left it that had not yet read the import.
    await api.owner.query(
      `UPDATE cases SET deadlines = jsonb_set(deadlines, '{3}', deadlines -> 3 || '{"dueOn": null, "pendingYear": 2027}'),
                        pending_deadline_year = 2027
        WHERE id = $1`,
      [caseId],
    );
    expect(reply(await caseNow()).dueOn).toBeNull();
    const cases = new CaseService(api.db, clock);
    const swept = await sweepDeadlines({
      db: api.db,
      cases,
      clock,
      policy: { reminderWorkingDays: 1, referralGraceWorkingDays: 2 },
    });
    expect(swept.computed).toBe(1);
    // Counted again with the corrected 2027: 4 January is now a holiday.
    expect(reply(await caseNow()).dueOn).toBe('2027-01-15');
  });

  it('lists every year with its source, and gives a year back as the file it imports from', async () => {
    const { nationalCalendarYears: years } = await gqlOk(
      'platform',
      `{ nationalCalendarYears { year source version notice } }`,
    );
    expect(years.slice(0, 2)).toEqual([
      { year: 2027, source: 'IMPORTED', version: 2, notice: '测试数据（非官方安排）' },
      { year: 2026, source: 'BUNDLED', version: null, notice: null },
    ]);
    const file = (await gqlOk('platform', `{ nationalCalendarFile(year: 2026) }`)).nationalCalendarFile;
    expect(file).toContain('name: 国庆节');
    const missing = await api.gql(`{ nationalCalendarFile(year: 2099) }`, {}, tokens.platform);
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });

  it('keeps the import append-only for the application role', async () => {
    await api.db.run({ parkId, districtId, userId: null, platform: true, login: null }, async (em) => {
      await expect(em.query(`UPDATE national_calendar_years SET notice = 'x'`)).rejects.toThrow(
        /permission denied/,
      );
    });
    // A park's own scope may read the arrangement but never write it.
    await api.db.run({ parkId, districtId, userId: null, platform: false, login: null }, async (em) => {
      expect((await em.query(`SELECT count(*)::int AS n FROM national_calendar_years`))[0].n).toBe(2);
      await expect(
        em.query(`INSERT INTO national_calendar_years (year, version, holidays) VALUES (2028, 1, '[]')`),
      ).rejects.toThrow(/row-level security/);
    });
  });
});
