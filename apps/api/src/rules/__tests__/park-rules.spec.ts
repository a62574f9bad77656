import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseParkConfigYaml, type ParkRules } from '@qifu/domain';
import { errorCode, errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { isoDateInChina } from '../../common/dates.js';
import { loadParkConfig } from '../park-config-files.js';
import { exportParkConfig, importParkConfig } from '../park-import.js';
import { ParkRulesService } from '../park-rules.service.js';

const LATEST = `{ parkRules { version current effectiveFrom publishedBy note rules } }`;
const PUBLISH = `mutation($input: PublishParkRulesInput!) { publishParkRules(input: $input) { version current effectiveFrom publishedBy note } }`;
const VERSIONS = `{ parkRulesVersions { version current effectiveFrom } }`;
const WORKING_DAYS = `query($from: Date!, $days: Int!) { workingDays(from: $from, days: $days) { due trace { date counted reason holidayName parkReason } } }`;

describe('park rules as configuration', () => {
  let api: TestApi;
  let admin: string;
  let staff: string;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.login('zy.admin');
    staff = await api.login('zy.staff');
  });
  afterAll(() => api.close());

  const latest = async () =>
    (await api.gql(LATEST, {}, admin)).data!.parkRules as { version: number; rules: ParkRules };
  const versionCount = async () =>
    Number((await api.owner.query(`SELECT count(*) FROM park_rules_versions`)).rows[0].count);

  it('the seeded park runs on infra/parks/zhengyang.yaml, readable by its staff', async () => {
    const result = await api.gql(LATEST, {}, staff);
    const version = result.data!.parkRules;
    expect(version).toMatchObject({ version: 1, current: true });
    expect(version.rules).toEqual(loadParkConfig('zhengyang').rules);
    expect(version.rules.numbering.REGISTRATION.format).toBe('企业困难问题〔{year}〕第{seq}号');
  });

  it('publishing creates a new version; the diff shows what changed; staff cannot publish', async () => {
    const before = await latest();
    const rules = structuredClone(before.rules);
    rules.categories[4].labelZh = '融资与信贷服务';
    const denied = await api.gql(PUBLISH, { input: { rules, baseVersion: before.version } }, staff);
    expect(errorCode(denied)).toBe('FORBIDDEN');

    const published = await api.gql(
      PUBLISH,
      { input: { rules, baseVersion: before.version, note: '调整类别名称' } },
      admin,
    );
    expect(published.data!.publishParkRules).toMatchObject({
      version: before.version + 1,
      current: true,
      effectiveFrom: isoDateInChina(),
      publishedBy: '园区管理员',
      note: '调整类别名称',
    });
    const diff = await api.gql(
      `query($a: Int!, $b: Int!) { parkRulesDiff(fromVersion: $a, toVersion: $b) { path kind before after } }`,
      { a: before.version, b: before.version + 1 },
      staff,
    );
    expect(diff.data!.parkRulesDiff).toEqual([
      {
        path: 'categories[code=FINANCING].labelZh',
        kind: 'CHANGED',
        before: '融资服务',
        after: '融资与信贷服务',
      },
    ]);
    const audit = await api.owner.query(`SELECT action FROM audit_events WHERE subject_type = 'ParkRules'`);
    expect(audit.rows.map((r) => r.action)).toContain('park_rules.published');
  });

  it('invalid rules are refused with every problem’s path, and nothing is saved', async () => {
    const before = await latest();
    const count = await versionCount();
    const rules = structuredClone(before.rules) as unknown as Record<string, unknown[]>;
    (rules.categories[0] as Record<string, unknown>).code = 'not upper';
    rules.approvalRoutes = [];
    const dryRun = await api.gql(
      `mutation($r: JSON!) { validateParkRules(input: { rules: $r }) { ok problems { path message } } }`,
      { r: rules },
      admin,
    );
    expect(dryRun.data!.validateParkRules.ok).toBe(false);
    const paths = dryRun.data!.validateParkRules.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['categories[0].code', 'approvalRoutes']));

    const result = await api.gql(PUBLISH, { input: { rules, baseVersion: before.version } }, admin);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(errorFields(result)).toEqual(
      expect.arrayContaining(['rules.categories[0].code', 'rules.approvalRoutes']),
    );
    expect(await versionCount()).toBe(count);
  });

  it('refuses a webhook to loopback, private or metadata addresses, or signed with another park’s secret', async () => {
    const before = await latest();
    const count = await versionCount();
    const VALIDATE = `mutation($r: JSON!) { validateParkRules(input: { rules: $r }) { ok problems { path message } } }`;
    const withWebhook = (url: string, secretRef = 'QIFU_WEBHOOK_SECRET_ZHENGYANG') => ({
      ...before.rules,
      notifications: { templates: before.rules.notifications?.templates ?? {}, webhook: { url, secretRef } },
    });
    for (const url of [
      'http://127.0.0.1:6379/',
      'http://localhost:5432/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.100.100.200/latest/meta-data/',
      'http://10.0.0.8/sms',
      'http://[fd00:ec2::254]/',
    ]) {
      const result = await api.gql(
        PUBLISH,
        { input: { rules: withWebhook(url), baseVersion: before.version } },
        admin,
      );
      expect({ url, code: errorCode(result), fields: errorFields(result) }).toEqual({
        url,
        code: 'BAD_USER_INPUT',
        fields: ['rules.notifications.webhook.url'],
      });
    }
    // Wulingshan's variable is not Zhengyang's to name.
    const foreign = withWebhook('https://sms.zhengyang.example/qifu', 'QIFU_WEBHOOK_SECRET_WULINGSHAN');
    const refused = await api.gql(PUBLISH, { input: { rules: foreign, baseVersion: before.version } }, admin);
    expect([errorCode(refused), errorFields(refused)]).toEqual([
      'BAD_USER_INPUT',
      ['rules.notifications.webhook.secretRef'],
    ]);
    const dryRun = await api.gql(VALIDATE, { r: foreign }, admin);
    expect(dryRun.data!.validateParkRules).toEqual({
      ok: false,
      problems: [
        {
          path: 'notifications.webhook.secretRef',
          message:
            "must be this park's secret: QIFU_WEBHOOK_SECRET_ZHENGYANG or QIFU_WEBHOOK_SECRET_ZHENGYANG__…",
        },
      ],
    });
    expect(await versionCount()).toBe(count);

    const own = withWebhook('https://sms.zhengyang.example/qifu', 'QIFU_WEBHOOK_SECRET_ZHENGYANG__2027');
    expect((await api.gql(VALIDATE, { r: own }, admin)).data!.validateParkRules).toEqual({
      ok: true,
      problems: [],
    });
  });

  it('refuses a publication based on an outdated version, and one that changes nothing', async () => {
    const current = await latest();
    const stale = await api.gql(
      PUBLISH,
      { input: { rules: current.rules, baseVersion: current.version - 1 } },
      admin,
    );
    expect([errorCode(stale), errorFields(stale)]).toEqual(['CONFLICT', ['baseVersion']]);
    const same = await api.gql(
      PUBLISH,
      { input: { rules: current.rules, baseVersion: current.version } },
      admin,
    );
    expect([errorCode(same), errorFields(same)]).toEqual(['BAD_USER_INPUT', ['rules']]);
  });

  it('counts working days over national holidays and park closures, with a trace', async () => {
    // Art. 7.2: 5 working days; over the 2026 National Day holiday.
    const result = await api.gql(WORKING_DAYS, { from: '2026-09-24', days: 5 }, staff);
    expect(result.data!.workingDays.due).toBe('2026-10-09');
    const reasons = result.data!.workingDays.trace.map((d: { reason: string }) => d.reason);
    // Mid-Autumn (Sep 25–27) and National Day (Oct 1–7) are skipped.
    expect(reasons.filter((r: string) => r === 'HOLIDAY')).toHaveLength(10);

    const current = await latest();
    const rules = structuredClone(current.rules);
    rules.calendar.closures.push({ date: '2026-10-09', reason: '园区停电检修' });
    await api.gql(PUBLISH, { input: { rules, baseVersion: current.version } }, admin);
    const moved = await api.gql(WORKING_DAYS, { from: '2026-09-24', days: 5 }, staff);
    // Saturday 10 October 2026 is a make-up working day (调休), so it becomes the due date.
    expect(moved.data!.workingDays.due).toBe('2026-10-10');
    expect(moved.data!.workingDays.trace.at(-1)).toMatchObject({ reason: 'MAKEUP_WORKDAY', counted: true });
    expect(moved.data!.workingDays.trace).toContainEqual(
      expect.objectContaining({
        date: '2026-10-09',
        counted: false,
        reason: 'PARK_CLOSURE',
        parkReason: '园区停电检修',
      }),
    );
  });

  it('refuses to guess a year without holiday data', async () => {
    const covered = (await api.gql(`{ calendarYearsCovered }`, {}, staff)).data!
      .calendarYearsCovered as number[];
    const missing = Math.max(...covered) + 1;
    const year = await api.gql(
      `query($y: Int!) { workingDayCalendar(year: $y) { covered days { date } } }`,
      { y: missing },
      staff,
    );
    expect(year.data!.workingDayCalendar).toEqual({ covered: false, days: [] });
    const result = await api.gql(WORKING_DAYS, { from: `${missing}-03-02`, days: 3 }, staff);
    expect([errorCode(result), errorFields(result)]).toEqual(['BAD_USER_INPUT', ['from']]);
    const known = await api.gql(
      `{ workingDayCalendar(year: 2026) { covered days { date working reason holidayName } } }`,
      {},
      staff,
    );
    const days = known.data!.workingDayCalendar.days;
    expect(days).toHaveLength(365);
    expect(days.find((d: { date: string }) => d.date === '2026-10-01')).toMatchObject({
      working: false,
      reason: 'HOLIDAY',
    });
  });

  it('a version effective later is scheduled: the current one stays in force until then', async () => {
    const current = await latest();
    const rules = structuredClone(current.rules);
    rules.deadlines.referralReply = { ...rules.deadlines.referralReply, amount: 7 };
    const past = await api.gql(
      PUBLISH,
      { input: { rules, baseVersion: current.version, effectiveFrom: '2020-01-01' } },
      admin,
    );
    expect(errorFields(past)).toEqual(['effectiveFrom']);
    const scheduled = await api.gql(
      PUBLISH,
      { input: { rules, baseVersion: current.version, effectiveFrom: '2099-01-01' } },
      admin,
    );
    expect(scheduled.data!.publishParkRules).toMatchObject({ version: current.version + 1, current: false });
    const versions = (await api.gql(VERSIONS, {}, staff)).data!.parkRulesVersions as {
      version: number;
      current: boolean;
    }[];
    expect(versions[0]).toMatchObject({ version: current.version + 1, current: false });
    expect(versions.find((v) => v.current)!.version).toBe(current.version);
  });

  it('adding a department publishes it into the rules', async () => {
    const before = await latest();
    const created = await api.gql(
      `mutation { createDepartment(input: { code: "DATA_OFFICE", name: "数据管理办", kind: PARK }) { id code } }`,
      {},
      admin,
    );
    expect(created.data!.createDepartment.code).toBe('DATA_OFFICE');
    const after = await latest();
    expect(after.version).toBe(before.version + 1);
    expect(after.rules.departments.map((d) => d.code)).toContain('DATA_OFFICE');
  });

  it('imports a second park from its file, idempotently, and exports it back', async () => {
    const service = new ParkRulesService(api.db);
    const config = loadParkConfig('wulingshan');
    const first = await importParkConfig(api.db, service, config);
    expect(first).toMatchObject({ createdPark: true, version: 1, published: true });
    const again = await importParkConfig(api.db, service, config);
    expect(again).toMatchObject({ createdPark: false, version: 1, published: false });

    const exported = parseParkConfigYaml(await exportParkConfig(api.db, 'wulingshan'));
    expect(exported).toEqual({ ok: true, config });
    const departments = await api.owner.query(
      `SELECT count(*)::int AS n FROM departments WHERE park_id = $1`,
      [first.parkId],
    );
    expect(departments.rows[0].n).toBe(config.rules.departments.length);
    // Different parks, different rules.
    expect(config.rules.numbering).not.toEqual(loadParkConfig('zhengyang').rules.numbering);
  });
});
