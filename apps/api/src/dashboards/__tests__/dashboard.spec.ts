/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are loosely typed on purpose: the assertions check their shape. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addDaysToIsoDate,
  DEFAULT_INDICATOR_SETTINGS,
  indicatorsFromFacts,
  isoDateInChina,
  leadTierCodeIn,
  SELECTOR_CODES,
  workingDayCalendarFor,
  workingDaysBetween,
  type CaseFacts,
  type IndicatorSettings,
  type ParkRules,
} from '@qifu/domain';
import fc from 'fast-check';
import PizZip from 'pizzip';
import pino from 'pino';
import { hashPassword } from '../../auth/passwords.js';
import { DEMO_PASSWORD } from '../../seed/demo-seed.js';
import { ManualClock } from '../../common/clock.js';
import { Scope } from '../../database/tenant-db.js';
import { errorCode, startTestApi, type TestApi, nodesOf } from '../../__tests__/support/test-api.js';
import { jobsOf } from '../../jobs/dispatcher.js';
import { rebuildDashboards, refreshCaseDashboard } from '../dashboard-jobs.js';

const CATEGORIES = ['POLICY_IMPLEMENTATION', 'LAND_APPROVAL', 'POWER_SUPPLY'];
const CHANNELS = ['HOTLINE', 'SERVICE_HALL'];
const GRADES = ['A', 'B', 'C'];
const LEVELS = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'];
const BASE = '2025-09-01';

interface Park {
  id: string;
  districtId: string;
  departments: string[];
}

/** A random case history, as the facts it should yield and the rows that record it. */
const historyArbitrary = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  channel: fc.constantFrom(...CHANNELS),
  department: fc.integer({ min: 0, max: 2 }),
  registered: fc.integer({ min: 0, max: 360 }),
  screening: fc.constantFrom('accepted', 'accepted', 'rejected', 'pending'),
  replyDue: fc.integer({ min: 1, max: 30 }),
  replied: fc.option(fc.integer({ min: 0, max: 45 }), { nil: null }),
  reopenedDue: fc.option(fc.integer({ min: 31, max: 60 }), { nil: null }),
  graded: fc.option(fc.integer({ min: 0, max: 70 }), { nil: null }),
  grade: fc.constantFrom(...GRADES),
  followedUp: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
  level: fc.constantFrom(...LEVELS),
  supervised: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 2 }),
  special: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 1 }),
  // One more open deadline, due around today (days from today): overdue or not yet. A split or
  // assisting department's report (for an accepted case), or a stage of no department.
  openDue: fc.option(fc.integer({ min: -90, max: 60 }), { nil: null }),
  openStage: fc.constantFrom('tierReport', 'tierReport', 'approval', 'screening'),
  tier: fc.constantFrom('SPLIT', 'ASSISTING'),
  tierDepartment: fc.integer({ min: 0, max: 1 }),
  letters: fc.array(fc.integer({ min: -90, max: 60 }), { maxLength: 2 }),
  phone: fc.constant('13800001234'),
});
type History = typeof historyArbitrary extends fc.Arbitrary<infer T> ? T : never;

const monthArbitrary = fc.integer({ min: 0, max: 15 }).map((n) => addDaysToIsoDate(BASE, n * 31).slice(0, 7));

describe('dashboards', () => {
  let api: TestApi;
  let zhengyang: Park;
  let wulingshan: Park;
  let far: Park;
  let rules: ParkRules;
  const tokens: Record<string, string> = {};
  const deps = () => ({ db: api.db, logger: pino({ level: 'silent' }) });
  const today = isoDateInChina();

  async function dashboard(token: string, filter: Record<string, unknown>) {
    return api.gql<{ dashboard: any }>(
      `query($filter: DashboardFilterInput!) { dashboard(filter: $filter) {
         asOf contactsMasked canDrillDown
         categories { code labelZh labelEn } channels { code labelZh labelEn }
         assignmentTiers { code labelZh labelEn }
         districts { districtId districtName settingsVersion indicators { code value numerator denominator } }
         parks { parkId parkName ranked indicators { code value numerator denominator }
           months { month indicators { code numerator denominator } }
           gradeDistribution { code count } categoryMix { code count } channelMix { code count }
           departments { departmentId departmentName overdueNow overdueByTier { tierCode count } ranked
             replyOnTime { value numerator denominator } } } } }`,
      { filter },
      token,
    );
  }

  async function drillDown(token: string, input: Record<string, unknown>) {
    return api.gql<{ drillDown: any }>(
      `query($input: DrillDownInput!) { drillDown(input: $input) { total totalCount
         edges { node { caseId parkId registrationNo contactName contactPhone count } } } }`,
      { input },
      token,
    );
  }

  async function parkOf(code: string): Promise<Park> {
    const { rows } = await api.owner.query(`SELECT id, district_id FROM parks WHERE code = $1`, [code]);
    const { rows: departments } = await api.owner.query(
      `SELECT id FROM departments WHERE park_id = $1 AND kind = 'PARK' ORDER BY code LIMIT 2`,
      [rows[0].id],
    );
    return { id: rows[0].id, districtId: rows[0].district_id, departments: departments.map((d) => d.id) };
  }

  /** A park of `district` with Zhengyang's rules and two departments, written as the owner. */
  async function addPark(code: string, name: string, districtId: string): Promise<Park> {
    const { rows } = await api.owner.query(
      `INSERT INTO parks (district_id, code, name) VALUES ($1, $2, $3) RETURNING id`,
      [districtId, code, name],
    );
    await api.owner.query(
      `INSERT INTO park_rules_versions (park_id, version, schema_version, rules, effective_from)
       SELECT $1, version, schema_version, rules, effective_from FROM park_rules_versions
        WHERE park_id = $2 AND version = 1`,
      [rows[0].id, zhengyang.id],
    );
    for (const dep of ['ECONOMY', 'PLANNING'])
      await api.owner.query(
        `INSERT INTO departments (park_id, code, name, kind) VALUES ($1, $2, $3, 'PARK')`,
        [rows[0].id, dep, `${name}${dep}`],
      );
    return parkOf(code);
  }

  /** Writes a case with this history (owner: no trigger) and returns the facts it must yield. */
  async function writeCase(park: Park, h: History, n: number): Promise<CaseFacts> {
    const at = (d: number) => addDaysToIsoDate(BASE, h.registered + d);
    const fromToday = (d: number) => addDaysToIsoDate(today, d);
    const accepted = h.screening === 'accepted';
    const graded = accepted && h.graded !== null;
    const followedUp = graded && h.followedUp !== null;
    const department = accepted ? ([...park.departments, null][h.department] ?? null) : null;
    const deadlines: object[] = [{ stage: 'verification', from: at(0), dueOn: at(1), doneOn: at(0) }];
    if (accepted) {
      deadlines.push({
        stage: 'departmentReply',
        from: at(0),
        dueOn: at(h.replyDue),
        doneOn: h.replied === null ? null : at(h.replied),
      });
      if (h.reopenedDue !== null)
        deadlines.push({ stage: 'departmentReply', from: at(1), dueOn: at(h.reopenedDue), doneOn: null });
    }
    if (graded)
      deadlines.push({
        stage: 'followUp',
        from: at(h.graded!),
        dueOn: at(h.graded! + 20),
        doneOn: followedUp ? at(h.graded! + h.followedUp!) : null,
      });
    if (h.openDue !== null)
      deadlines.push(
        accepted && h.openStage === 'tierReport'
          ? {
              stage: 'tierReport',
              from: at(0),
              dueOn: fromToday(h.openDue),
              doneOn: null,
              departmentId: park.departments[h.tierDepartment],
              tierCode: h.tier,
            }
          : {
              stage: h.openStage === 'tierReport' ? 'screening' : h.openStage,
              from: at(0),
              dueOn: fromToday(h.openDue),
              doneOn: null,
            },
      );
    // As the case's clock writes them: every deadline not done is open, the earliest is next due.
    const open = (
      deadlines as {
        stage: string;
        dueOn: string;
        doneOn: string | null;
        departmentId?: string;
        tierCode?: string;
      }[]
    )
      .filter((d) => d.doneOn === null)
      .map(({ stage, dueOn, departmentId, tierCode }) =>
        stage === 'tierReport' ? { stage, dueOn, departmentId, tierCode } : { stage, dueOn },
      );
    const nextDueOn = open.map((d) => d.dueOn).sort()[0] ?? null;
    const status = followedUp
      ? 'FOLLOWED_UP'
      : graded
        ? 'GRADED'
        : accepted
          ? 'IN_PROGRESS'
          : h.screening === 'rejected'
            ? 'REJECTED'
            : 'REGISTERED';
    const { rows } = await api.owner.query(
      `INSERT INTO cases (park_id, registration_no, registration_year, registration_seq, rules_version, status, version,
         enterprise_name, reported_at, category_code, channel_code, report_form_code, contact_name, contact_phone, title,
         description, lead_department_id, grade_code, satisfaction_code, state, deadlines, next_due_on)
       VALUES ($1, $2, 2025, $3, 1, $4, 1, '测试企业', now(), $5, $6, 'PHONE', '张三丰', $7, '标题', '描述', $8, $9, $10,
         '{}', $11, $12) RETURNING id`,
      [
        park.id,
        `T${n}`,
        n,
        status,
        h.category,
        h.channel,
        h.phone,
        department,
        graded ? h.grade : null,
        followedUp ? h.level : null,
        JSON.stringify(deadlines),
        nextDueOn,
      ],
    );
    const id = rows[0].id as string;
    const supervised = accepted ? h.supervised.map(at) : [];
    const special = accepted ? h.special.map(at) : [];
    let version = 1;
    for (const [type, dates] of [
      ['OverdueSupervised', supervised],
      ['SpecialSupervisionStarted', special],
    ] as const)
      for (const date of dates)
        await api.owner.query(
          `INSERT INTO case_events (park_id, case_id, case_version, type, status_after, occurred_at)
           VALUES ($1, $2, $3, $4, $5, ($6::date + time '10:00') AT TIME ZONE 'Asia/Shanghai')`,
          [park.id, id, ++version, type, status, date],
        );
    const letters = accepted ? h.letters.map(fromToday) : [];
    for (const [i, due] of letters.entries())
      await api.owner.query(
        `INSERT INTO case_documents (park_id, case_id, kind, number, issued_on, due_on) VALUES ($1, $2, 'REFERRAL_LETTER', $3, $4, $4)`,
        [park.id, id, `L${n}-${i}`, due],
      );
    const calendar = workingDayCalendarFor(rules);
    return {
      caseId: id,
      categoryCode: h.category,
      channelCode: h.channel,
      departmentId: department,
      registeredOn: at(0),
      accepted,
      rejected: h.screening === 'rejected',
      replyDueOn: accepted ? at(h.replyDue) : null,
      repliedOn: accepted && h.replied !== null ? at(h.replied) : null,
      completionDueOn: accepted ? at(h.reopenedDue ?? h.replyDue) : null,
      gradedOn: graded ? at(h.graded!) : null,
      gradeCode: graded ? h.grade : null,
      completedOn: graded ? at(h.graded!) : null,
      satisfactionCode: followedUp ? h.level : null,
      followedUpOn: followedUp ? at(h.graded! + h.followedUp!) : null,
      handlingWorkingDays: graded ? workingDaysBetween(calendar, at(0), at(h.graded!)) : null,
      supervisedOn: supervised,
      specialSupervisedOn: special,
      openDueOn: nextDueOn,
      openDeadlines: open,
      leadTierCode: leadTierCodeIn(rules),
      openLetterDueOns: letters,
    };
  }

  async function clearCases(): Promise<void> {
    for (const table of [
      'dashboard_rollups',
      'dashboard_contributions',
      'dashboard_cases',
      'case_documents',
      'case_events',
    ])
      await api.owner.query(`DELETE FROM ${table} WHERE park_id = ANY($1)`, [
        [wulingshan.id, far.id, zhengyang.id],
      ]);
    await api.owner.query(`DELETE FROM cases WHERE park_id = ANY($1)`, [
      [wulingshan.id, far.id, zhengyang.id],
    ]);
  }

  let seeded: Map<string, CaseFacts[]>;

  type Overdue = Record<string, Record<string, number>>;

  /** The departments' deadlines overdue now as the dashboard gives them: {department or '-': {tier: n}}. */
  function overdueOf(departments: any[]): Overdue {
    return Object.fromEntries(
      departments
        .filter((d) => d.overdueNow > 0)
        .map((d) => {
          expect(d.overdueNow).toBe(d.overdueByTier.reduce((sum: number, t: any) => sum + t.count, 0));
          return [
            d.departmentId ?? '-',
            Object.fromEntries(d.overdueByTier.map((t: any) => [t.tierCode, t.count])),
          ];
        }),
    );
  }

  /**
   * The same from the cases' facts: each open deadline due before today, against whose clock it is
   * (the lead department's reply in the lead tier, a tier report its department's, the rest no one's).
   */
  function expectedOverdue(
    facts: CaseFacts[],
    filter: { categoryCodes?: string[]; channelCodes?: string[] },
  ): Overdue {
    const out: Overdue = {};
    for (const c of facts) {
      if (filter.categoryCodes && !filter.categoryCodes.includes(c.categoryCode)) continue;
      if (filter.channelCodes && !filter.channelCodes.includes(c.channelCode)) continue;
      for (const d of c.openDeadlines.filter((d) => d.dueOn < today)) {
        const [department, tier] =
          d.stage === 'departmentReply' && c.departmentId
            ? [c.departmentId, 'LEAD']
            : d.stage === 'tierReport'
              ? [d.departmentId!, d.tierCode!]
              : ['-', ''];
        out[department] ??= {};
        out[department][tier] = (out[department][tier] ?? 0) + 1;
      }
    }
    return out;
  }

  beforeAll(async () => {
    api = await startTestApi();
    zhengyang = await parkOf('zhengyang');
    rules = (
      await api.owner.query(`SELECT rules FROM park_rules_versions WHERE park_id = $1 AND version = 1`, [
        zhengyang.id,
      ])
    ).rows[0].rules;
    wulingshan = await addPark('wulingshan', '武陵山工业园区', zhengyang.districtId);
    const { rows } = await api.owner.query(
      `INSERT INTO districts (code, name) VALUES ('far', '远方区') RETURNING id`,
    );
    far = await addPark('far-park', '远方工业园区', rows[0].id);
    const hash = await hashPassword(DEMO_PASSWORD);
    await api.owner.query(
      `INSERT INTO users (username, display_name, password_hash, platform_role, district_id)
       VALUES ('far.viewer', '远方区查看', $1, 'DISTRICT_VIEWER', $2)`,
      [hash, far.districtId],
    );
    for (const name of [
      'qianjiang',
      'far.viewer',
      'zy.leader',
      'zy.admin',
      'zy.staff',
      'zy.handler',
      'platform',
    ])
      tokens[name] = await api.login(name);
    // A fixed history for the permission tests: a few cases in each park.
    const sample = fc.sample(historyArbitrary, { numRuns: 30, seed: 7 });
    seeded = new Map();
    for (const [i, park] of [zhengyang, wulingshan, far].entries()) {
      const facts: CaseFacts[] = [];
      for (const [j, h] of sample.slice(i * 10, i * 10 + 10).entries())
        facts.push(await writeCase(park, h, i * 100 + j));
      seeded.set(park.id, facts);
    }
    await rebuildDashboards(deps());
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  const whole = { periodFrom: '2025-09', periodTo: '2026-12' };

  it('shows a district viewer the parks of their district side by side, never another district', async () => {
    const result = await dashboard(tokens.qianjiang, whole);
    expect(result.errors).toBeUndefined();
    const parks = result.data!.dashboard.parks;
    expect(parks.map((p: any) => p.parkName).sort()).toEqual(['武陵山工业园区', '重庆市正阳工业园区'].sort());
    expect(result.data!.dashboard.contactsMasked).toBe(true);
    for (const park of parks) {
      const expected = indicatorsFromFacts(
        seeded.get(park.parkId)!,
        { ...whole, asOf: today },
        DEFAULT_INDICATOR_SETTINGS,
      );
      expect(park.indicators).toEqual(expected);
    }
    expect(errorCode(await dashboard(tokens.qianjiang, { ...whole, parkIds: [far.id] }))).toBe('FORBIDDEN');
    expect(
      errorCode(await drillDown(tokens.qianjiang, { selector: 'RECEIVED', filter: whole, parkId: far.id })),
    ).toBe('FORBIDDEN');
    const other = await dashboard(tokens['far.viewer'], whole);
    expect(other.data!.dashboard.parks.map((p: any) => p.parkId)).toEqual([far.id]);
  });

  it('writes a district viewer the monthly report of their district as Word, and no one else', async () => {
    // The month with the most cases received in the fixed history.
    const months = new Map<string, number>();
    for (const facts of [...seeded.values()].flat())
      months.set(facts.registeredOn.slice(0, 7), (months.get(facts.registeredOn.slice(0, 7)) ?? 0) + 1);
    const month = [...months.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const get = (token: string | null, query: string) =>
      fetch(`${api.url}/api/dashboards/monthly-report.docx?${query}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const response = await get(tokens.qianjiang, `month=${month}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('办理情况月报'));
    const zip = new PizZip(Buffer.from(await response.arrayBuffer()));
    const text = zip
      .file('word/document.xml')!
      .asText()
      .replace(/<[^>]+>/g, '');
    const [year, m] = month.split('-').map(Number);
    expect(text).toContain(`（${year}年${m}月）`);
    for (const park of ['重庆市正阳工业园区', '武陵山工业园区']) expect(text).toContain(park);
    expect(text).not.toContain('远方');
    // The month's figures are the dashboard's: received per park as counted from the cases.
    for (const park of [zhengyang, wulingshan]) {
      const received = indicatorsFromFacts(
        seeded.get(park.id)!,
        { periodFrom: month, periodTo: month, asOf: today },
        DEFAULT_INDICATOR_SETTINGS,
      ).find((v) => v.code === 'RECEIVED')!.numerator;
      expect(text).toMatch(
        new RegExp(`${park === zhengyang ? '重庆市正阳工业园区' : '武陵山工业园区'}(（[^）]*）)?${received}`),
      );
    }
    expect(text).toContain('三、办理滞后的部门');
    const reads = await api.owner.query(
      `SELECT count(*)::int AS n FROM dashboard_reads WHERE operation = 'monthlyReport'`,
    );
    expect(reads.rows[0].n).toBe(1);

    expect((await get(tokens['zy.leader'], `month=${month}`)).status).toBe(403);
    expect((await get(tokens.platform, `month=${month}`)).status).toBe(403);
    expect((await get(null, `month=${month}`)).status).toBe(401);
    const bad = await get(tokens.qianjiang, 'month=2026-13');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: unknown }).fields).toEqual([
      { path: 'month', message: 'must be a month YYYY-MM' },
    ]);
  });

  it('names categories and channels as the rules of the parks in view name them', async () => {
    const extra = (code: string, zh: string, en: string) =>
      JSON.stringify([{ code, labelZh: zh, labelEn: en, active: true }]);
    const addCategory = (park: Park, category: string) =>
      api.owner.query(
        `UPDATE park_rules_versions SET rules = jsonb_set(rules, '{categories}', (rules -> 'categories') || $2::jsonb)
          WHERE park_id = $1`,
        [park.id, category],
      );
    await addCategory(wulingshan, extra('MOUNTAIN_LOGISTICS', '山区物流', 'Mountain logistics'));
    await addCategory(far, extra('FAR_ONLY', '远方专项', 'Far only'));
    try {
      const mine = (await dashboard(tokens.qianjiang, whole)).data!.dashboard;
      const codes = (list: any[]) => list.map((c: any) => c.code);
      expect(mine.categories).toContainEqual({
        code: 'MOUNTAIN_LOGISTICS',
        labelZh: '山区物流',
        labelEn: 'Mountain logistics',
      });
      expect(mine.categories).toContainEqual({
        code: rules.categories[0].code,
        labelZh: rules.categories[0].labelZh,
        labelEn: rules.categories[0].labelEn,
      });
      expect(codes(mine.categories)).not.toContain('FAR_ONLY');
      expect(mine.channels).toEqual(
        rules.intakeChannels
          .map((c) => ({ code: c.code, labelZh: c.labelZh, labelEn: c.labelEn }))
          .sort((a, b) => (a.code < b.code ? -1 : 1)),
      );
      const theirs = (await dashboard(tokens['far.viewer'], whole)).data!.dashboard;
      expect(codes(theirs.categories)).toContain('FAR_ONLY');
      expect(codes(theirs.categories)).not.toContain('MOUNTAIN_LOGISTICS');
      // The park's leader reads the names of their own park's rules.
      const own = (await dashboard(tokens['zy.leader'], whole)).data!.dashboard;
      expect(codes(own.categories)).toEqual(rules.categories.map((c) => c.code).sort());
    } finally {
      await api.owner.query(
        `UPDATE park_rules_versions SET rules = jsonb_set(rules, '{categories}', $2::jsonb) WHERE park_id = ANY($1)`,
        [[wulingshan.id, far.id], JSON.stringify(rules.categories)],
      );
    }
  });

  it('keeps another district’s rows out of the district read path in the database itself', async () => {
    const counts = await api.db.run(Scope.districtDashboards(null, zhengyang.districtId), async (em) => {
      const out: Record<string, number> = {};
      for (const table of ['dashboard_rollups', 'dashboard_contributions', 'dashboard_cases'])
        out[table] = (
          await em.query(
            `SELECT count(*) FILTER (WHERE district_id <> $1)::int AS other, count(*)::int AS n FROM ${table}`,
            [zhengyang.districtId],
          )
        )[0];
      out.cases = (await em.query(`SELECT count(*)::int AS n FROM cases`))[0].n;
      // The parks' published rules (their categories' names) are read for the district's parks only.
      out.rules = (
        await em.query(
          `SELECT count(*) FILTER (WHERE park_id <> ALL($1::uuid[]))::int AS other, count(*)::int AS n
             FROM park_rules_versions`,
          [[zhengyang.id, wulingshan.id]],
        )
      )[0];
      return out;
    });
    for (const table of ['dashboard_rollups', 'dashboard_contributions', 'dashboard_cases'])
      expect({ table, ...(counts[table] as any), some: (counts[table] as any).n > 0 }).toEqual({
        table,
        other: 0,
        n: (counts[table] as any).n,
        some: true,
      });
    // The district scope opens the dashboard tables only: never the parks' cases.
    expect(counts.cases).toBe(0);
    expect(counts.rules).toEqual({ other: 0, n: 2 });
    // A park's own users carry their district, but not the district scope.
    const parkScoped = await api.db.run(
      Scope.park(zhengyang.id, { districtId: zhengyang.districtId }),
      (em) => em.query(`SELECT count(DISTINCT park_id)::int AS n FROM dashboard_rollups`),
    );
    expect(parkScoped[0].n).toBe(1);
  });

  it('drills into every figure with the same number, contacts masked for the district', async () => {
    const result = await dashboard(tokens.qianjiang, whole);
    const park = result.data!.dashboard.parks.find((p: any) => p.parkId === wulingshan.id);
    const figure = (code: string) => park.indicators.find((v: any) => v.code === code);
    const bySelector: Record<string, number> = {
      RECEIVED: figure('RECEIVED').numerator,
      REPLY_DUE: figure('REPLY_ON_TIME_RATE').denominator,
      REPLIED_ON_TIME: figure('REPLY_ON_TIME_RATE').numerator,
      COMPLETION_DUE: figure('COMPLETION_ON_TIME_RATE').denominator,
      COMPLETED_ON_TIME: figure('COMPLETION_ON_TIME_RATE').numerator,
      GRADED: figure('RESOLUTION_RATE').denominator,
      RESOLVED: figure('RESOLUTION_RATE').numerator,
      SATISFACTION_ANSWERED: figure('SATISFACTION_RATE').denominator,
      SATISFIED: figure('SATISFACTION_RATE').numerator,
      HANDLED: figure('HANDLING_DAYS_MEAN').numerator,
      SUPERVISIONS: figure('SUPERVISIONS').numerator,
      SPECIAL_SUPERVISIONS: figure('SPECIAL_SUPERVISIONS').numerator,
      OVERDUE_NOW: figure('OVERDUE_NOW').numerator,
      REFERRAL_LETTERS_UNANSWERED: figure('REFERRAL_LETTERS_UNANSWERED').numerator,
      OVERDUE_DEADLINES: park.departments.reduce((sum: number, d: any) => sum + d.overdueNow, 0),
      ACCEPTED: figure('ACCEPTED').numerator,
      REJECTED: figure('REJECTED').numerator,
    };
    expect(Object.keys(bySelector).sort()).toEqual([...SELECTOR_CODES].sort());
    for (const [selector, expected] of Object.entries(bySelector)) {
      const page = await drillDown(tokens.qianjiang, { selector, filter: whole, parkId: wulingshan.id });
      expect({ selector, total: page.data!.drillDown.total }).toEqual({ selector, total: expected });
    }
    const received = await drillDown(tokens.qianjiang, { selector: 'RECEIVED', filter: whole });
    expect(nodesOf(received.data!.drillDown)[0].contactName).toBe('张**');
    expect(nodesOf(received.data!.drillDown)[0].contactPhone).toBe('138****1234');
    const own = await drillDown(tokens['zy.leader'], { selector: 'RECEIVED', filter: whole });
    expect(nodesOf(own.data!.drillDown).every((i: any) => i.parkId === zhengyang.id)).toBe(true);
    expect(nodesOf(own.data!.drillDown)[0].contactName).toBe('张三丰');
    const audited = await api.owner.query(
      `SELECT count(*)::int AS n FROM dashboard_reads r JOIN users u ON u.id = r.actor_user_id
        WHERE u.username = 'qianjiang' AND r.district_id = $1`,
      [zhengyang.districtId],
    );
    expect(audited.rows[0].n).toBeGreaterThan(0);
  });

  it('lets park leaders (contacts shown) and admins (masked: they read no case) read their park only; staff and handlers not at all', async () => {
    for (const name of ['zy.leader', 'zy.admin']) {
      const result = await dashboard(tokens[name], whole);
      expect(result.data!.dashboard.parks.map((p: any) => p.parkId)).toEqual([zhengyang.id]);
      expect(result.data!.dashboard.contactsMasked).toBe(name === 'zy.admin');
      expect(errorCode(await dashboard(tokens[name], { ...whole, parkIds: [wulingshan.id] }))).toBe(
        'FORBIDDEN',
      );
    }
    for (const name of ['zy.staff', 'zy.handler']) {
      expect(errorCode(await dashboard(tokens[name], whole))).toBe('FORBIDDEN');
      expect(errorCode(await drillDown(tokens[name], { selector: 'RECEIVED', filter: whole }))).toBe(
        'FORBIDDEN',
      );
    }
  });

  it('gives the platform every district’s aggregates but no case lists', async () => {
    const result = await dashboard(tokens.platform, whole);
    expect(result.data!.dashboard.parks.map((p: any) => p.parkId).sort()).toEqual(
      [zhengyang.id, wulingshan.id, far.id].sort(),
    );
    expect(result.data!.dashboard.districts).toHaveLength(2);
    expect(result.data!.dashboard.canDrillDown).toBe(false);
    // Categories named as the parks' rules name them; outside its dashboard read, the platform
    // scope sees no park's rules (it writes them when onboarding a park).
    expect(result.data!.dashboard.categories.map((c: any) => c.code)).toEqual(
      rules.categories.map((c) => c.code).sort(),
    );
    const outside = await api.db.run(Scope.platform(), (em) =>
      em.query(`SELECT count(*)::int AS n FROM park_rules_versions`),
    );
    expect(outside[0].n).toBe(0);
    expect(errorCode(await drillDown(tokens.platform, { selector: 'RECEIVED', filter: whole }))).toBe(
      'FORBIDDEN',
    );
  });

  it('versions district settings, edited by the platform only, and applies them', async () => {
    const input = {
      resolvedGradeCodes: ['A', 'C'],
      satisfiedCodes: ['SATISFIED'],
      basicallySatisfiedCountsAsSatisfied: false,
      minCasesForRanking: 3,
      monthCutOffDay: null,
    };
    const mutation = `mutation($input: UpdateDistrictIndicatorSettingsInput!) {
      updateDistrictIndicatorSettings(input: $input) { version resolvedGradeCodes } }`;
    expect(
      errorCode(
        await api.gql(mutation, { input: { districtId: zhengyang.districtId, ...input } }, tokens.qianjiang),
      ),
    ).toBe('FORBIDDEN');
    const bad = await api.gql(
      mutation,
      { input: { districtId: zhengyang.districtId, ...input, monthCutOffDay: 31 } },
      tokens.platform,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const saved = await api.gql(
      mutation,
      { input: { districtId: zhengyang.districtId, ...input } },
      tokens.platform,
    );
    expect(saved.data!.updateDistrictIndicatorSettings).toEqual({
      version: 1,
      resolvedGradeCodes: ['A', 'C'],
    });
    const read = await api.gql(
      `{ districtIndicatorSettings { version basicallySatisfiedCountsAsSatisfied } }`,
      {},
      tokens.qianjiang,
    );
    expect(read.data!.districtIndicatorSettings).toEqual({
      version: 1,
      basicallySatisfiedCountsAsSatisfied: false,
    });
    expect(
      errorCode(
        await api.gql(
          `query($d: ID) { districtIndicatorSettings(districtId: $d) { version } }`,
          { d: far.districtId },
          tokens.qianjiang,
        ),
      ),
    ).toBe('FORBIDDEN');
    const settings: IndicatorSettings = { ...input };
    const park = (await dashboard(tokens.qianjiang, whole)).data!.dashboard.parks.find(
      (p: any) => p.parkId === zhengyang.id,
    );
    expect(park.indicators).toEqual(
      indicatorsFromFacts(seeded.get(zhengyang.id)!, { ...whole, asOf: today }, settings),
    );
    await api.owner.query(`DELETE FROM district_indicator_settings`);
  });

  it('refreshes changed cases through the outbox jobs written in their transactions, one job per park', async () => {
    const [facts, second] = seeded.get(zhengyang.id)!;
    for (const changed of [facts, second])
      await api.db.run(Scope.park(zhengyang.id), (em) =>
        em.query(`UPDATE cases SET category_code = 'POWER_SUPPLY', version = version + 1 WHERE id = $1`, [
          changed.caseId,
        ]),
      );
    const { rows } = await api.owner.query(
      `SELECT id, park_id, job_name, job_key, data, not_before FROM outbox
        WHERE data ->> 'caseId' = ANY($1::text[]) ORDER BY id`,
      [[facts.caseId, second.caseId]],
    );
    expect(rows.map((r) => [r.job_name, r.data])).toEqual([
      ['dashboard.refreshCase', { caseId: facts.caseId }],
      ['dashboard.refreshCase', { caseId: second.caseId }],
    ]);
    // Dispatched together, the two changes are one job of the park.
    const jobs = jobsOf(rows);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].data).toEqual({ parkId: zhengyang.id, caseIds: [facts.caseId, second.caseId] });
    await expect(refreshCaseDashboard(deps(), jobs[0].data as never)).resolves.toEqual({ cases: 2 });
    facts.categoryCode = 'POWER_SUPPLY';
    second.categoryCode = 'POWER_SUPPLY';
    const park = (await dashboard(tokens['zy.leader'], { ...whole, categoryCodes: ['POWER_SUPPLY'] })).data!
      .dashboard.parks[0];
    expect(park.indicators).toEqual(
      indicatorsFromFacts(
        seeded.get(zhengyang.id)!,
        { ...whole, categoryCodes: ['POWER_SUPPLY'], asOf: today },
        DEFAULT_INDICATOR_SETTINGS,
      ),
    );
  });

  it('counts an overdue deadline against the department and tier whose clock ran out, refreshed or rebuilt', async () => {
    const [economy, planning] = far.departments;
    // A department only ever split: no case's lead, named for the district all the same.
    const { rows: added } = await api.owner.query(
      `INSERT INTO departments (park_id, code, name, kind) VALUES ($1, 'FINANCE', '远方财政金融部', 'PARK') RETURNING id`,
      [far.id],
    );
    const finance = added[0].id as string;
    // Rules listing three tiers, the lead one under a code of their own.
    const tiers = [
      { code: 'MAIN', labelZh: '主办', labelEn: 'Lead', role: 'LEAD' },
      { code: 'SPLIT', labelZh: '分办', labelEn: 'Split', role: 'SPLIT' },
      { code: 'ASSISTING', labelZh: '协办', labelEn: 'Assisting', role: 'ASSISTING' },
    ];
    await api.owner.query(
      `INSERT INTO park_rules_versions (park_id, version, schema_version, rules, effective_from)
       SELECT park_id, 2, schema_version, jsonb_set(rules, '{assignmentTiers}', $2::jsonb), effective_from
         FROM park_rules_versions WHERE park_id = $1 AND version = 1`,
      [far.id, JSON.stringify(tiers)],
    );
    const day = (n: number) => addDaysToIsoDate(today, n);
    const reply = (due: number, done: number | null = null) => ({
      stage: 'departmentReply',
      from: day(-20),
      dueOn: day(due),
      doneOn: done === null ? null : day(done),
    });
    const report = (departmentId: string, tierCode: string, due: number, done: number | null = null) => ({
      stage: 'tierReport',
      from: day(-20),
      dueOn: day(due),
      doneOn: done === null ? null : day(done),
      departmentId,
      tierCode,
    });
    const cases = [
      // The lead in time, its split department late.
      { no: 'S1', lead: economy, deadlines: [reply(5), report(finance, 'SPLIT', -3)] },
      // Replied and graded: the follow-up, the service center's, is late.
      {
        no: 'S2',
        lead: economy,
        grade: 'A',
        deadlines: [reply(-10, -12), { stage: 'followUp', from: day(-12), dueOn: day(-2), doneOn: null }],
      },
      // The lead late, and its assisting department too: one case overdue, two departments late.
      { no: 'S3', lead: planning, deadlines: [reply(-1), report(economy, 'ASSISTING', -1)] },
      // All in time.
      { no: 'S4', lead: economy, deadlines: [reply(3), report(finance, 'SPLIT', 2)] },
    ];
    const ids: Record<string, string> = {};
    for (const [i, c] of cases.entries()) {
      const open = c.deadlines.filter((d) => d.doneOn === null).map((d) => d.dueOn);
      const { rows } = await api.owner.query(
        `INSERT INTO cases (park_id, registration_no, registration_year, registration_seq, rules_version, status, version,
           enterprise_name, reported_at, category_code, channel_code, report_form_code, contact_name, contact_phone, title,
           description, lead_department_id, grade_code, state, deadlines, next_due_on)
         VALUES ($1, $2, 2026, $3, 2, $4, 1, '远方企业', now(), 'POWER_SUPPLY', 'HOTLINE', 'PHONE', '王五', '13900001111',
           '标题', '描述', $5, $6, '{}', $7, $8) RETURNING id`,
        [
          far.id,
          c.no,
          900 + i,
          c.grade ? 'GRADED' : 'IN_PROGRESS',
          c.lead,
          c.grade ?? null,
          JSON.stringify(c.deadlines),
          open.sort()[0],
        ],
      );
      ids[c.no] = rows[0].id;
    }
    const figures = async () => {
      const result = await dashboard(tokens['far.viewer'], whole);
      expect(result.errors).toBeUndefined();
      return result.data!.dashboard;
    };
    const overdueDrill = (input: Record<string, unknown>) =>
      drillDown(tokens['far.viewer'], { selector: 'OVERDUE_DEADLINES', filter: whole, ...input });
    const numbers = (page: any) =>
      nodesOf(page.data!.drillDown)
        .map((i: any) => i.registrationNo)
        .sort();
    try {
      // The refresh of the changed cases (as their outbox jobs would run it).
      await refreshCaseDashboard(deps(), { parkId: far.id, caseIds: Object.values(ids) });
      const refreshed = await figures();
      const park = refreshed.parks[0];
      // A case overdue counts once, however many of its clocks ran out.
      expect(park.indicators.find((v: any) => v.code === 'OVERDUE_NOW').numerator).toBe(
        seeded.get(far.id)!.filter((f) => f.openDueOn !== null && f.openDueOn < today).length + 3,
      );
      const seededOverdue = expectedOverdue(seeded.get(far.id)!, {});
      const mine = overdueOf(park.departments);
      const without = (all: Overdue, base: Overdue): Overdue => {
        const out: Overdue = {};
        for (const [department, byTier] of Object.entries(all))
          for (const [tier, n] of Object.entries(byTier)) {
            const left = n - (base[department]?.[tier] ?? 0);
            if (left) (out[department] ??= {})[tier] = left;
          }
        return out;
      };
      expect(without(mine, seededOverdue)).toEqual({
        [finance]: { SPLIT: 1 },
        '-': { '': 1 },
        [planning]: { MAIN: 1 },
        [economy]: { ASSISTING: 1 },
      });
      // The split department is named for the district viewer, though it leads no case.
      expect(park.departments.find((d: any) => d.departmentId === finance)).toMatchObject({
        departmentName: '远方财政金融部',
        overdueNow: 1,
        overdueByTier: [{ tierCode: 'SPLIT', count: 1 }],
      });
      // The tiers of every rules version: version 1's defaults (牵头, 配合) and version 2's three.
      const defaults = [
        { code: 'LEAD', labelZh: '牵头', labelEn: 'Lead' },
        { code: 'COOPERATING', labelZh: '配合', labelEn: 'Cooperating' },
      ];
      expect(refreshed.assignmentTiers).toEqual(
        [...tiers.map(({ code, labelZh, labelEn }) => ({ code, labelZh, labelEn })), ...defaults].sort(
          (a, b) => (a.code < b.code ? -1 : 1),
        ),
      );

      // The drill-down lists the cases behind each department's and tier's figure.
      expect(numbers(await overdueDrill({ departmentId: finance, tierCode: 'SPLIT' }))).toEqual(['S1']);
      expect(numbers(await overdueDrill({ departmentId: finance, tierCode: 'ASSISTING' }))).toEqual([]);
      const assisting = await overdueDrill({ departmentId: economy, tierCode: 'ASSISTING' });
      expect(numbers(assisting)).toEqual(['S3']);
      expect(assisting.data!.drillDown.total).toBe(1);
      const economyAll = await overdueDrill({ departmentId: economy });
      expect(economyAll.data!.drillDown.total).toBe(
        park.departments.find((d: any) => d.departmentId === economy).overdueNow,
      );
      expect(numbers(await overdueDrill({ departmentId: planning, tierCode: 'MAIN' }))).toContain('S3');
      expect(numbers(await overdueDrill({ withoutDepartment: true }))).toContain('S2');
      expect(numbers(await overdueDrill({ withoutDepartment: true }))).not.toContain('S1');
      // A tier narrows overdue deadlines only.
      expect(
        errorCode(
          await drillDown(tokens['far.viewer'], {
            selector: 'OVERDUE_NOW',
            filter: whole,
            tierCode: 'SPLIT',
          }),
        ),
      ).toBe('BAD_USER_INPUT');

      // The nightly rebuild lands where the refresh did.
      await rebuildDashboards(deps(), { districtId: far.districtId });
      expect(await figures()).toEqual({ ...refreshed, asOf: expect.any(String) });

      // The split department reports: its clock stops, the case is no longer overdue.
      const s1 = cases[0].deadlines.map((d) => (d.stage === 'tierReport' ? { ...d, doneOn: day(-1) } : d));
      await api.owner.query(`UPDATE cases SET deadlines = $2, next_due_on = $3 WHERE id = $1`, [
        ids.S1,
        JSON.stringify(s1),
        day(5),
      ]);
      await refreshCaseDashboard(deps(), { parkId: far.id, caseId: ids.S1 });
      const after = await figures();
      expect(after.parks[0].departments.find((d: any) => d.departmentId === finance)).toBeUndefined();
      expect(after.parks[0].indicators.find((v: any) => v.code === 'OVERDUE_NOW').numerator).toBe(
        park.indicators.find((v: any) => v.code === 'OVERDUE_NOW').numerator - 1,
      );
      await rebuildDashboards(deps(), { districtId: far.districtId });
      expect(await figures()).toEqual(after);
    } finally {
      await api.owner.query(`DELETE FROM cases WHERE id = ANY($1)`, [Object.values(ids)]);
      await api.owner.query(`DELETE FROM park_rules_versions WHERE park_id = $1 AND version = 2`, [far.id]);
      await rebuildDashboards(deps(), { districtId: far.districtId });
    }
  });

  it('property: for random case histories and filters, rollup figures equal the direct computation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(historyArbitrary, { minLength: 1, maxLength: 25 }),
        fc.array(
          fc.record({
            a: monthArbitrary,
            b: monthArbitrary,
            categoryCodes: fc.option(fc.subarray(CATEGORIES, { minLength: 1 }), { nil: undefined }),
            channelCodes: fc.option(fc.subarray(CHANNELS, { minLength: 1 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 150 }),
        async (histories, filters, changed, rebuiltDaysAgo) => {
          await clearCases();
          const written: CaseFacts[] = [];
          for (const [i, h] of histories.entries())
            written.push(await writeCase(i % 2 ? wulingshan : zhengyang, h, i + 1));
          // Rebuilt some days ago: what fell due since then is still kept under its own date, what
          // fell due before under one (the rollups of a day are kept that way until the next rebuild).
          const rebuiltOn = new Date(Date.now() - rebuiltDaysAgo * 86_400_000);
          await rebuildDashboards(
            { ...deps(), clock: new ManualClock(rebuiltOn) },
            { districtId: zhengyang.districtId },
          );
          // One case changes afterwards: the incremental refresh must land where a rebuild would.
          const target = written[changed % written.length];
          const park = histories.findIndex((_, i) => written[i] === target) % 2 ? wulingshan : zhengyang;
          await api.owner.query(
            `UPDATE cases SET grade_code = NULL, deadlines = '[]', next_due_on = NULL WHERE id = $1`,
            [target.caseId],
          );
          await api.owner.query(`DELETE FROM case_documents WHERE case_id = $1`, [target.caseId]);
          Object.assign(target, {
            replyDueOn: null,
            repliedOn: null,
            completionDueOn: null,
            gradedOn: null,
            gradeCode: null,
            satisfactionCode: null,
            followedUpOn: null,
            handlingWorkingDays: null,
            openDueOn: null,
            openDeadlines: [],
            openLetterDueOns: [],
          });
          const created = (
            await api.owner.query(
              `SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS d FROM cases WHERE id = $1`,
              [target.caseId],
            )
          ).rows[0].d;
          target.registeredOn = created;
          await refreshCaseDashboard(deps(), { parkId: park.id, caseId: target.caseId });
          for (const { a, b, ...rest } of filters) {
            const filter = { periodFrom: a < b ? a : b, periodTo: a < b ? b : a, ...rest };
            const result = await dashboard(tokens.qianjiang, filter);
            for (const p of result.data!.dashboard.parks) {
              const facts = written.filter((_, i) => (i % 2 ? wulingshan : zhengyang).id === p.parkId);
              expect(p.indicators).toEqual(
                indicatorsFromFacts(facts, { ...filter, asOf: today }, DEFAULT_INDICATOR_SETTINGS),
              );
              // Each department's own overdue deadlines, by tier, as the cases' clocks name them.
              expect(overdueOf(p.departments)).toEqual(expectedOverdue(facts, filter));
            }
            // Unfiltered views read the park figures: every figure as the rollups give it when every
            // category is asked for (the same cases).
            if (!filter.categoryCodes && !filter.channelCodes) {
              const all = await dashboard(tokens.qianjiang, { ...filter, categoryCodes: CATEGORIES });
              expect(result.data!.dashboard).toEqual(all.data!.dashboard);
            }
          }
        },
      ),
      { numRuns: 25, seed: 42 },
    );
  }, 300_000);
});
