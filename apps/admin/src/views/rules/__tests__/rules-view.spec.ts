import { describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import type { ParkRules } from '@qifu/domain';
import type { MeFieldsFragment } from '@/gql/graphql';
import { mountConsole } from '@/test-support/console-harness';
import { meWith, packedAbilities, parkAdminMe, SERVICE_CENTER_STAFF_RULES } from '@/test-support/fixtures';
import { graphqlError, graphqlFetch, type GraphQLHandler } from '@/test-support/graphql-fetch';
import zhengyangYaml from '@infra/parks/zhengyang.yaml?raw';
import { checkAnswer, ADMIN_RULES, rulesOf, rulesPage } from './rules-editor-harness';

// The real rulebook of Zhengyang park (infra/parks/zhengyang.yaml) is the rules being edited.
const zhengyangRules: ParkRules = rulesOf(zhengyangYaml);
const STAFF_RULES = [...SERVICE_CENTER_STAFF_RULES, { action: 'read', subject: 'ParkRules' } as const];

const staffMe = meWith(
  {
    id: 'u-staff',
    username: 'zy.staff',
    displayName: '王芳',
    park: parkAdminMe.park,
    district: parkAdminMe.district,
  },
  'SERVICE_CENTER_STAFF',
);

function version(n: number, rules: unknown = zhengyangRules, effectiveFrom = '2026-01-01') {
  return {
    id: `v-${n}`,
    version: n,
    effectiveFrom,
    current: true,
    publishedAt: '2026-01-01T02:00:00.000Z',
    publishedBy: '园区管理员',
    note: null,
    rules,
  };
}

const SAMPLE_CHANGE = {
  path: 'categories[code=POLICY_IMPLEMENTATION].labelZh',
  kind: 'CHANGED',
  before: '政策执行',
  after: '政策落实',
};

const { attach, wrapper, page, beside } = rulesPage();

async function openRules(options: {
  me?: MeFieldsFragment;
  abilities?: Parameters<typeof packedAbilities>[0];
  handlers?: Record<string, GraphQLHandler>;
}) {
  localStorage.setItem('qifu.accessToken', 'access-1');
  localStorage.setItem('qifu.refreshToken', 'refresh-1');
  const api = graphqlFetch({
    Session: () => ({
      data: { me: options.me ?? parkAdminMe, myAbilities: packedAbilities(options.abilities ?? ADMIN_RULES) },
    }),
    ParkRulesEditor: () => ({ data: { parkRules: version(3) } }),
    ...options.handlers,
  });
  const mounted = await mountConsole(api.fetch, '/rules');
  attach(mounted.wrapper);
  await vi.waitFor(() => expect(mounted.router.currentRoute.value.path).toBe('/rules'));
  await vi.waitFor(() => expect(page('category-label-zh-0').exists()).toBe(true));
  return { api, ...mounted };
}

/** Dialogs are teleported to the body. */
const inBody = (testId: string): HTMLElement | null => document.body.querySelector(`[data-test="${testId}"]`);

async function click(testId: string): Promise<void> {
  const target = page(testId).exists() ? page(testId) : null;
  if (target) await target.trigger('click');
  else inBody(testId)?.click();
  await flushPromises();
}

async function openTab(section: string): Promise<void> {
  await click(`rules-tab-${section}`);
  await flushPromises();
}

describe('park rules page', () => {
  it('is in the menu, and publishing an edited category label sends the changed rules with the base version', async () => {
    const { api } = await openRules({
      handlers: {
        ValidateParkRules: checkAnswer(),
        ParkRulesPendingChanges: () => ({ data: { parkRulesChanges: [SAMPLE_CHANGE] } }),
        PublishParkRules: (vars) => {
          const input = vars.input as { rules: ParkRules; note?: string };
          return {
            data: {
              publishParkRules: { ...version(4, input.rules, '2026-12-01'), note: input.note ?? null },
            },
          };
        },
      },
    });
    expect(page('nav-rules').text()).toBe('园区规则');
    expect(page('rules-publish').attributes('disabled')).toBeDefined();

    await page('category-label-zh-0').setValue('政策落实');
    expect(page('rules-dirty').exists()).toBe(true);
    await click('rules-publish');

    const checked = (api.callsOf('ValidateParkRules')[0]?.variables.input as { rules: ParkRules }).rules;
    expect(checked.categories[0]).toMatchObject({ code: 'POLICY_IMPLEMENTATION', labelZh: '政策落实' });
    expect(checked.categories[1]).toMatchObject({
      code: 'CONTRACT_PERFORMANCE',
      labelZh: zhengyangRules.categories[1].labelZh,
    });
    await vi.waitFor(() => expect(inBody('publish-changes')?.textContent).toContain('政策落实'));
    expect(inBody('publish-changes')?.textContent).toContain('问题类别');

    const note = inBody('publish-note') as HTMLTextAreaElement;
    note.value = '问题类别改名';
    note.dispatchEvent(new Event('input'));
    await flushPromises();
    await click('publish-confirm');

    const published = api.callsOf('PublishParkRules')[0]?.variables.input as {
      rules: ParkRules;
      baseVersion: number;
      note?: string;
    };
    expect(published.baseVersion).toBe(3);
    expect(published.note).toBe('问题类别改名');
    expect(published.rules.categories[0]).toEqual({
      code: 'POLICY_IMPLEMENTATION',
      labelZh: '政策落实',
      labelEn: 'Policy implementation',
      active: true,
    });
    // Only the label changed.
    expect({ ...published.rules, categories: zhengyangRules.categories }).toEqual(zhengyangRules);
    await vi.waitFor(() => expect(page('rules-base').text()).toContain('基于第 4 版'));
    expect(page('rules-dirty').exists()).toBe(false);
  });

  it('shows the problems the server found beside their fields, and lists them with links', async () => {
    await openRules({
      handlers: {
        ValidateParkRules: checkAnswer(
          { path: 'categories[1].labelZh', message: 'must not be empty' },
          {
            path: 'approvalRoutes[1].condition.departmentCountMin',
            message: 'must not exceed departmentCountMax',
          },
          {
            path: 'deadlines.approval.byUrgency.URGENT.amount',
            message: 'must not exceed the NORMAL amount',
          },
        ),
      },
    });
    await page('category-label-zh-1').setValue(' ');
    await click('rules-validate');

    await vi.waitFor(() => expect(beside('categories[1].labelZh')).toBe('不能为空'));

    const summary = page('rules-problems');
    expect(summary.text()).toContain('发现 3 个问题');
    expect(summary.text()).toContain('问题类别 › 第 2 项');
    expect(page('rules-tab-routes').text()).toContain('1');

    // A link opens the tab of the field, where the problem stands beside it.
    await page('rules-problem-1').trigger('click');
    await flushPromises();
    expect(wrapper().find('#pane-routes').attributes('style') ?? '').not.toContain('display: none');
    await vi.waitFor(() =>
      expect(beside('approvalRoutes[1].condition.departmentCountMin')).toBe('不能大于“部门数至多”'),
    );
    await openTab('deadlines');
    await vi.waitFor(() =>
      expect(beside('deadlines.approval.byUrgency.URGENT.amount')).toBe('加急时限不能长于普通时限'),
    );
  });

  it('puts the field errors of a refused publication beside the fields (paths rules.…)', async () => {
    await openRules({
      handlers: {
        ValidateParkRules: checkAnswer(),
        ParkRulesPendingChanges: () => ({ data: { parkRulesChanges: [SAMPLE_CHANGE] } }),
        PublishParkRules: () =>
          graphqlError('BAD_USER_INPUT', 'Invalid input', {
            fields: [{ path: 'rules.numbering.ASSIGNMENT.format', message: 'must contain {seq}' }],
          }),
      },
    });
    await page('category-label-zh-0').setValue('政策落实');
    await click('rules-publish');
    await vi.waitFor(() => expect(inBody('publish-confirm')).not.toBeNull());
    await click('publish-confirm');

    await vi.waitFor(() => expect(beside('numbering.ASSIGNMENT.format')).toBe('须包含序号占位符'));
    expect(page('rules-problems').text()).toContain('交办编号');
  });

  it('explains a CONFLICT (someone else published) and reloads the latest version on request', async () => {
    let latest = 3;
    const { api } = await openRules({
      handlers: {
        ParkRulesEditor: () => ({ data: { parkRules: version(latest) } }),
        ValidateParkRules: checkAnswer(),
        ParkRulesPendingChanges: () => ({ data: { parkRulesChanges: [SAMPLE_CHANGE] } }),
        PublishParkRules: () => {
          latest = 4;
          return graphqlError('CONFLICT', 'baseVersion: version 4 was published meanwhile', {
            fields: [{ path: 'baseVersion', message: 'version 4 was published meanwhile' }],
          });
        },
      },
    });
    await page('category-label-zh-0').setValue('政策落实');
    await click('rules-publish');
    await vi.waitFor(() => expect(inBody('publish-confirm')).not.toBeNull());
    await click('publish-confirm');

    await vi.waitFor(() => expect(page('rules-conflict').text()).toContain('其他管理员已发布了新版本'));
    expect(page('rules-conflict').text()).toContain('您的修改未能发布');

    await click('rules-conflict-reload');
    await vi.waitFor(() => expect(page('rules-base').text()).toContain('基于第 4 版'));
    expect(api.callsOf('ParkRulesEditor')).toHaveLength(2);
    expect((page('category-label-zh-0').element as HTMLInputElement).value).toBe('政策执行');
    expect(page('rules-conflict').exists()).toBe(false);
  });

  it('shows the rules read-only to service-center staff', async () => {
    await openRules({ me: staffMe, abilities: STAFF_RULES });

    expect(page('nav-rules').exists()).toBe(true);
    expect(page('rules-read-only').text()).toContain('修改和发布需要园区管理员权限');
    expect(page('rules-publish').exists()).toBe(false);
    expect(page('rules-validate').exists()).toBe(false);
    expect(page('category-add').exists()).toBe(false);
    expect(page('category-up-1').exists()).toBe(false);
    expect((page('category-label-zh-0').element as HTMLInputElement).disabled).toBe(true);
    await openTab('routes');
    await vi.waitFor(() => expect(page('route-label-zh-0').exists()).toBe(true));
    expect((page('route-label-zh-0').element as HTMLInputElement).disabled).toBe(true);
    await openTab('contacts');
    await vi.waitFor(() => expect(page('contacts-serviceCenterName').exists()).toBe(true));
    expect((page('contacts-serviceCenterName').element as HTMLInputElement).disabled).toBe(true);
  });

  it('shows national holidays and make-up working days in the calendar, and says when a year has no data', async () => {
    const covered = new Set<number>();
    const { api } = await openRules({
      handlers: {
        RulesCalendarYear: (vars) => {
          const year = vars.year as number;
          if (covered.size === 0) covered.add(year);
          if (!covered.has(year)) {
            return {
              data: {
                workingDayCalendar: { year, covered: false, days: [] },
                calendarYearsCovered: [...covered],
              },
            };
          }
          const days = [];
          for (
            let d = new Date(Date.UTC(year, 0, 1));
            d.getUTCFullYear() === year;
            d.setUTCDate(d.getUTCDate() + 1)
          ) {
            const date = d.toISOString().slice(0, 10);
            const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
            const day = {
              date,
              working: !weekend,
              reason: weekend ? 'WEEKEND' : 'WORKDAY',
              holidayName: null,
              holidayNameEn: null,
              parkReason: null,
            };
            if (date === `${year}-10-01`)
              Object.assign(day, {
                working: false,
                reason: 'HOLIDAY',
                holidayName: '国庆节',
                holidayNameEn: 'National Day',
              });
            if (date === `${year}-10-10`)
              Object.assign(day, {
                working: true,
                reason: 'MAKEUP_WORKDAY',
                holidayName: '国庆节',
                holidayNameEn: 'National Day',
              });
            days.push(day);
          }
          return {
            data: { workingDayCalendar: { year, covered: true, days }, calendarYearsCovered: [...covered] },
          };
        },
      },
    });
    expect(api.callsOf('RulesCalendarYear')).toHaveLength(0);
    await openTab('calendar');

    await vi.waitFor(() => expect(api.callsOf('RulesCalendarYear')).toHaveLength(1));
    const year = api.callsOf('RulesCalendarYear')[0].variables.year as number;
    await vi.waitFor(() => expect(page(`calendar-day-${year}-10-01`).exists()).toBe(true));
    const holiday = page(`calendar-day-${year}-10-01`);
    expect(holiday.attributes('data-reason')).toBe('HOLIDAY');
    expect(holiday.text()).toContain('休');
    expect(holiday.attributes('title')).toContain('国庆节');
    const makeUp = page(`calendar-day-${year}-10-10`);
    expect(makeUp.attributes('data-reason')).toBe('MAKEUP_WORKDAY');
    expect(makeUp.text()).toContain('班');
    expect(makeUp.attributes('title')).toContain('调休上班');

    // A year without national data is not guessed.
    const select = wrapper()
      .findAllComponents(ElSelect)
      .find((s) => s.attributes('data-test') === 'calendar-year');
    select!.vm.$emit('update:modelValue', year + 1);
    await flushPromises();
    await vi.waitFor(() =>
      expect(page('calendar-not-covered').text()).toContain(`暂无 ${year + 1} 年的国家节假日安排数据`),
    );
    expect(page(`calendar-day-${year + 1}-10-01`).exists()).toBe(false);
  });

  it('reorders approval routes and keeps the fallback last', async () => {
    const { api } = await openRules({
      handlers: {
        ValidateParkRules: checkAnswer(),
        ParkRulesPendingChanges: () => ({
          data: {
            parkRulesChanges: [
              {
                path: 'approvalRoutes',
                kind: 'REORDERED',
                before: ['DISTRICT_REFERRAL', 'PARK_SEVERAL_DEPARTMENTS'],
                after: ['PARK_SEVERAL_DEPARTMENTS', 'DISTRICT_REFERRAL'],
              },
            ],
          },
        }),
      },
    });
    await openTab('routes');
    const codes = () =>
      wrapper()
        .findAll('[data-test^="route-card-"]')
        .map((card) => card.find('.rules-code').text());
    expect(codes()).toEqual([
      'DISTRICT_REFERRAL',
      'PARK_SEVERAL_DEPARTMENTS',
      'PARK_COMPLEX',
      'PARK_SINGLE_DEPARTMENT',
      'FALLBACK',
    ]);
    expect(page('route-card-4').find('[data-test="route-fallback-tag"]').exists()).toBe(true);
    expect(page('route-down-4').exists()).toBe(false);
    expect(page('route-down-3').attributes('disabled')).toBeDefined();

    await click('route-down-0');
    expect(codes().slice(0, 2)).toEqual(['PARK_SEVERAL_DEPARTMENTS', 'DISTRICT_REFERRAL']);
    await click('route-up-3');
    expect(codes()).toEqual([
      'PARK_SEVERAL_DEPARTMENTS',
      'DISTRICT_REFERRAL',
      'PARK_SINGLE_DEPARTMENT',
      'PARK_COMPLEX',
      'FALLBACK',
    ]);
    expect(page('route-summary-0').text()).toContain('部门数不少于 2 个');

    await click('rules-publish');
    const sent = (api.callsOf('ValidateParkRules')[0]?.variables.input as { rules: ParkRules }).rules;
    expect(sent.approvalRoutes.map((route) => route.code)).toEqual(codes());
    await vi.waitFor(() => expect(inBody('publish-changes')?.textContent).toContain('调整顺序'));
  });
  it('names the report form a channel implies, from the report forms of the rules', async () => {
    const { api } = await openRules({
      handlers: {
        ValidateParkRules: checkAnswer(),
        ParkRulesPendingChanges: () => ({ data: { parkRulesChanges: [] } }),
      },
    });
    await openTab('intake');
    const select = (testId: string) =>
      wrapper()
        .findAllComponents(ElSelect)
        .find((s) => s.attributes('data-test') === testId);
    // Zhengyang: the hotline is a phone report; the service hall implies none.
    expect(select('channel-report-form-code-0')?.props('modelValue')).toBe('PHONE');
    expect(select('channel-report-form-code-2')?.props('modelValue')).toBeNull();
    expect(page('channel-report-form-code-0').text()).toContain('来电反映');
    select('channel-report-form-code-0')!.vm.$emit('update:modelValue', undefined);
    select('channel-report-form-code-2')!.vm.$emit('update:modelValue', 'IN_PERSON_OR_LETTER');
    await flushPromises();
    await click('rules-validate');

    const checked = (api.callsOf('ValidateParkRules')[0]?.variables.input as { rules: ParkRules }).rules;
    expect(checked.intakeChannels[0]).not.toHaveProperty('reportFormCode');
    expect(checked.intakeChannels[2]).toMatchObject({
      code: 'SERVICE_HALL',
      reportFormCode: 'IN_PERSON_OR_LETTER',
    });
  });

  it('says what each cc office is copied on, and hands overdue cases over to outside offices', async () => {
    const { api } = await openRules({
      handlers: {
        ValidateParkRules: checkAnswer(),
        ParkRulesPendingChanges: () => ({ data: { parkRulesChanges: [] } }),
      },
    });
    await openTab('departments');
    const select = (testId: string) =>
      wrapper()
        .findAllComponents(ElSelect)
        .find((s) => s.attributes('data-test') === testId);
    // As the rulebook has it: referral letters only.
    expect(select('cc-office-copied-on-0')?.props('modelValue')).toEqual(['REFERRAL_LETTER']);
    select('cc-office-copied-on-1')!.vm.$emit('update:modelValue', ['REFERRAL_LETTER', 'SUPERVISION_LETTER']);
    await flushPromises();

    expect(page('rules-handover-offices').exists()).toBe(false);
    await page('rules-handover-enabled').trigger('click');
    await flushPromises();
    select('rules-handover-offices')!.vm.$emit('update:modelValue', ['DISTRICT_RECTIFICATION_OFFICE']);
    await flushPromises();
    await click('rules-validate');

    const checked = (api.callsOf('ValidateParkRules')[0]?.variables.input as { rules: ParkRules }).rules;
    expect(checked.ccOffices[1]).toMatchObject({
      code: 'DISTRICT_RECTIFICATION_OFFICE',
      copiedOn: ['REFERRAL_LETTER', 'SUPERVISION_LETTER'],
    });
    expect(checked.overdueHandover).toEqual({
      officeCodes: ['DISTRICT_RECTIFICATION_OFFICE'],
      afterWorkingDays: 2,
    });
  });
});
