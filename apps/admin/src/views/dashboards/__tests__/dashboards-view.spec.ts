import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import VChart from 'vue-echarts';
import type { MeFieldsFragment } from '@/gql/graphql';
import { mountConsole } from '@/test-support/console-harness';
import { fakeXhr } from '@/test-support/fake-xhr';
import { packedAbilities, PARK_ADMIN_RULES } from '@/test-support/fixtures';
import { graphqlFetch, type GraphQLHandler } from '@/test-support/graphql-fetch';
import {
  dashboardFixture,
  districtViewerMe,
  drillCases,
  ECONOMY,
  leaderMe,
  PLANNING,
  platformMe,
  ZHENGYANG,
} from './dashboard-fixtures';
import { connectionOf } from '@/test-support/connections';

const DISTRICT_VIEWER_RULES = [{ action: 'read', subject: 'Dashboard', conditions: { districtId: 'd-qj' } }];
const LEADER_RULES = [
  { action: 'read', subject: 'Case' },
  { action: 'read', subject: 'Dashboard', conditions: { parkId: ZHENGYANG } },
];
const PLATFORM_RULES = [
  { action: ['read', 'update'], subject: 'Dashboard' },
  { action: ['read', 'create'], subject: 'District' },
];

type Input = {
  selector: string;
  parkId?: string;
  month?: string;
  code?: string;
  departmentId?: string;
  withoutDepartment?: boolean;
  tierCode?: string;
};

/** How many cases the fake API lists for a drill-down: the figure the fixture shows for it. */
function figureFor(input: Input): number {
  const key = [
    input.selector,
    input.parkId ?? '',
    input.month ?? '',
    input.code ?? '',
    input.departmentId ?? (input.withoutDepartment ? 'none' : ''),
    input.tierCode ?? '',
  ];
  const figures: Record<string, number> = {
    [`RECEIVED|${ZHENGYANG}||||`]: 9,
    [`RECEIVED|${ZHENGYANG}|2026-11|||`]: 5,
    'RECEIVED|||||': 12,
    'REPLIED_ON_TIME|||||': 6,
    'REPLY_DUE|||||': 8,
    [`GRADED|${ZHENGYANG}||A||`]: 3,
    [`OVERDUE_DEADLINES|${ZHENGYANG}|||${ECONOMY}|`]: 2,
    [`OVERDUE_DEADLINES|${ZHENGYANG}|||${PLANNING}|SPLIT`]: 1,
    [`OVERDUE_DEADLINES|${ZHENGYANG}|||none|`]: 1,
  };
  return figures[key.join('|')] ?? 0;
}

let wrapper: VueWrapper | undefined;

async function open(
  me: MeFieldsFragment,
  rules: unknown[],
  handlers: Record<string, GraphQLHandler> = {},
  masked = true,
) {
  localStorage.setItem('qifu.accessToken', 'access-1');
  localStorage.setItem('qifu.refreshToken', 'refresh-1');
  const api = graphqlFetch({
    Session: () => ({ data: { me, myAbilities: packedAbilities(rules as never) } }),
    Dashboard: () => ({ data: { dashboard: dashboardFixture() } }),
    DashboardSettings: () => ({
      data: { districtIndicatorSettings: { districtId: 'd-qj', version: 0, minCasesForRanking: 5 } },
    }),
    DrillDown: (vars) => {
      const input = vars.input as Input;
      const n = figureFor(input);
      return { data: { drillDown: { total: n, ...connectionOf(drillCases(n, ZHENGYANG, masked)) } } };
    },
    ...handlers,
  });
  const mounted = await mountConsole(api.fetch, '/dashboards');
  wrapper = mounted.wrapper;
  await flushPromises();
  return { api, router: mounted.router };
}

/** The park's leader: their own park, contacts unmasked. */
function openAsParkLeader() {
  return open(
    leaderMe,
    LEADER_RULES,
    { Dashboard: () => ({ data: { dashboard: dashboardFixture({ contactsMasked: false }) } }) },
    false,
  );
}

const find = (selector: string): DOMWrapper<Element> => wrapper!.find(selector);

function chartOf(testId: string) {
  const chart = wrapper!
    .findAllComponents(VChart)
    .find((c) => c.element.closest(`[data-test="${testId}"]`) !== null);
  if (!chart) throw new Error(`no chart in ${testId}`);
  return chart;
}

/** A click on a point of a chart, as vue-echarts hands on ECharts' event. */
function clickPoint(testId: string, seriesIndex: number, dataIndex: number): void {
  const onClick = chartOf(testId).vm.$attrs.onClick as (params: object) => void;
  onClick({ componentType: 'series', seriesIndex, dataIndex });
}

type Series = { name: string; data: (number | null)[] };

async function drawerRows(): Promise<DOMWrapper<Element>[]> {
  await vi.waitFor(() => expect(document.querySelector('[data-test="drill-total"]')).not.toBeNull());
  return wrapper!.findAll('[data-test="drill-cases"] .el-table__body-wrapper tbody tr');
}

describe('dashboard page', () => {
  beforeEach(() => {
    localStorage.clear();
    // happy-dom lays nothing out: give elements the size of a chart box, so ECharts draws (as SVG).
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(320);
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });

  it('shows the API’s figures on the KPI cards', async () => {
    await open(districtViewerMe, DISTRICT_VIEWER_RULES);
    await vi.waitFor(() => expect(find('[data-test="kpi-RECEIVED"]').exists()).toBe(true));

    expect(find('[data-test="kpi-RECEIVED"] [data-test="kpi-value"]').text()).toBe('12');
    expect(find('[data-test="kpi-REJECTED"] [data-test="kpi-value"]').text()).toBe('2');
    expect(find('[data-test="kpi-REPLY_ON_TIME_RATE"] [data-test="kpi-value"]').text()).toBe('75.0%');
    expect(find('[data-test="kpi-REPLY_ON_TIME_RATE"] [data-test="kpi-detail"]').text()).toBe('6 / 8');
    expect(find('[data-test="kpi-HANDLING_DAYS_MEAN"] [data-test="kpi-value"]').text()).toBe('4.5');
    expect(find('[data-test="kpi-HANDLING_DAYS_P90"] [data-test="kpi-value"]').text()).toBe('9.0');
    expect(find('[data-test="kpi-OVERDUE_NOW"]').text()).toContain('当前超期');
    expect(wrapper!.findAll('[data-test^="kpi-"][class~="kpi"]').length).toBe(13);
    expect(find('[data-test="dashboard-as-of"]').text()).toContain('2026-11-29');
  });

  it('lists in the table view the same figures the chart draws', async () => {
    await open(districtViewerMe, DISTRICT_VIEWER_RULES);
    await vi.waitFor(() => expect(find('[data-test="chart-parks"]').exists()).toBe(true));

    const option = chartOf('chart-parks').props('option') as {
      xAxis: { data: string[] };
      series: Series[];
    };
    expect(option.xAxis.data).toEqual(['重庆市正阳工业园区', '武陵山工业园区']);
    expect(option.series.map((s) => s.name)).toEqual([
      '受理登记数',
      '受理数',
      '不予受理数',
      '当前超期',
      '督办数',
      '专项督办数',
    ]);
    expect(option.series[0].data).toEqual([9, 3]);

    await find('[data-test="chart-parks-show-table"] input').setValue(true);
    await vi.waitFor(() => expect(find('[data-test="chart-parks-table"]').exists()).toBe(true));
    const codes = ['RECEIVED', 'ACCEPTED', 'REJECTED', 'OVERDUE_NOW', 'SUPERVISIONS', 'SPECIAL_SUPERVISIONS'];
    option.xAxis.data.forEach((_, parkIndex) => {
      const parkId = parkIndex === 0 ? ZHENGYANG : '22222222-2222-4222-8222-222222222222';
      codes.forEach((code, seriesIndex) => {
        expect(find(`[data-test="chart-parks-cell-${parkId}-${code}"]`).text()).toBe(
          String(option.series[seriesIndex].data[parkIndex]),
        );
      });
    });

    // A rate is charted and listed as the same percentage.
    const ranking = chartOf('chart-ranking').props('option') as {
      yAxis: { data: string[] };
      series: Series[];
    };
    expect(ranking.yAxis.data).toEqual(['重庆市正阳工业园区 · 经济发展部']);
    expect(ranking.series[0].data).toEqual([100]);
    await find('[data-test="chart-ranking-show-table"] input').setValue(true);
    await vi.waitFor(() =>
      expect(find(`[data-test="chart-ranking-cell-${ZHENGYANG}/${ECONOMY}-REPLY_ON_TIME_RATE"]`).text()).toBe(
        '100.0%',
      ),
    );
  });

  it('names categories and channels as the parks’ rules do, and offers every one as a filter', async () => {
    await open(districtViewerMe, DISTRICT_VIEWER_RULES);
    await vi.waitFor(() => expect(find('[data-test="chart-categories"]').exists()).toBe(true));
    const pie = chartOf('chart-categories').props('option') as {
      series: { data: { name: string; value: number }[] }[];
    };
    expect(pie.series[0].data.map((d) => [d.name, d.value])).toEqual([
      ['用电保障', 8],
      ['融资服务', 4],
    ]);
    // The filter offers what the rules name, not only what was received in the period.
    await find('[data-test="filter-categories"] .el-select__wrapper').trigger('click');
    await vi.waitFor(() =>
      expect([...document.querySelectorAll('.el-select-dropdown__item')].map((e) => e.textContent)).toEqual(
        expect.arrayContaining(['山区物流', '用电保障', '融资服务', '企业服务热线', '办事大厅']),
      ),
    );
  });

  it('ranks only departments above the minimum sample and lists the others as not ranked', async () => {
    await open(districtViewerMe, DISTRICT_VIEWER_RULES);
    await vi.waitFor(() => expect(find('[data-test="unranked-departments"]').text()).toContain('n < 5'));
    const unranked = find('[data-test="unranked-departments"]').text();
    expect(unranked).toContain('重庆市正阳工业园区 · 规划建设部（n = 2）');
    expect(unranked).toContain('武陵山工业园区 · 财政金融部（n = 1）');
  });

  it('opens the cases behind a bar, as many as the bar counts, with masked contacts for a district viewer', async () => {
    const { api } = await open(districtViewerMe, DISTRICT_VIEWER_RULES);
    await vi.waitFor(() => expect(find('[data-test="chart-parks"]').exists()).toBe(true));

    // The 受理登记数 bar of Zhengyang.
    clickPoint('chart-parks', 0, 0);
    const rows = await drawerRows();
    expect(rows).toHaveLength(9);
    expect(find('[data-test="drill-total"]').text()).toBe('共 9 件问题，计 9');
    expect(find('[data-test="drill-changed"]').exists()).toBe(false);
    const input = api.callsOf('DrillDown').at(-1)!.variables.input as Record<string, unknown>;
    expect(input).toMatchObject({ selector: 'RECEIVED', parkId: ZHENGYANG });
    expect(input.filter).toEqual(api.callsOf('Dashboard').at(-1)!.variables.filter);

    const names = wrapper!.findAll('[data-test="drill-contact-name"]').map((n) => n.text());
    expect(new Set(names)).toEqual(new Set(['张**']));
    expect(find('[data-test="drill-contact-phone"]').text()).toBe('138****1234');
    expect(find('[data-test="drill-cases"]').text()).not.toContain('13812341234');
    expect(find('[data-test="drill-drawer"]').text()).toContain('联系人姓名和电话已脱敏');
    // A district viewer does not read cases: the number is not a link.
    expect(find('[data-test="drill-case-link"]').exists()).toBe(false);
  });

  it('opens the cases of a month, a grade and a department from their tables', async () => {
    const { api } = await open(districtViewerMe, DISTRICT_VIEWER_RULES);
    await vi.waitFor(() => expect(find('[data-test="chart-trend"]').exists()).toBe(true));

    clickPoint('chart-trend', 0, 1);
    expect(await drawerRows()).toHaveLength(5);
    expect(api.callsOf('DrillDown').at(-1)!.variables.input).toMatchObject({
      selector: 'RECEIVED',
      parkId: ZHENGYANG,
      month: '2026-11',
    });

    await find('[data-test="chart-grades-show-table"] input').setValue(true);
    await vi.waitFor(() => expect(find(`[data-test="chart-grades-cell-${ZHENGYANG}-A"]`).text()).toBe('3'));
    await find(`[data-test="chart-grades-cell-${ZHENGYANG}-A"]`).trigger('click');
    await vi.waitFor(() => expect(find('[data-test="drill-total"]').text()).toBe('共 3 件问题，计 3'));
    expect(api.callsOf('DrillDown').at(-1)!.variables.input).toMatchObject({ selector: 'GRADED', code: 'A' });

    await find('[data-test="chart-overdue-show-table"] input').setValue(true);
    const cell = `[data-test="chart-overdue-cell-${ZHENGYANG}/${ECONOMY}-OVERDUE_NOW"]`;
    await vi.waitFor(() => expect(find(cell).text()).toBe('2'));
    await find(cell).trigger('click');
    await vi.waitFor(() => expect(find('[data-test="drill-total"]').text()).toBe('共 2 件问题，计 2'));
    expect(api.callsOf('DrillDown').at(-1)!.variables.input).toMatchObject({
      selector: 'OVERDUE_DEADLINES',
      departmentId: ECONOMY,
    });
  });

  it('lists each department’s overdue deadlines by tier in a table with row and column headers', async () => {
    const { api } = await open(districtViewerMe, DISTRICT_VIEWER_RULES);
    await vi.waitFor(() => expect(find('[data-test="department-table"]').exists()).toBe(true));
    const table = find('[data-test="department-table"] table');
    expect(table.find('caption').text()).toContain('按办理层级');
    // The tiers under one heading, named in Chinese (the rules name none: the built-in names).
    const group = table.find('thead th[scope="colgroup"]');
    expect(group.text()).toBe('其中按办理层级');
    expect(group.attributes('colspan')).toBe('3');
    expect(table.findAll('thead tr:nth-child(2) th[scope="col"]').map((th) => th.text())).toEqual([
      '主办',
      '分办',
      '协办',
    ]);
    expect(table.findAll('thead tr:first-child th[scope="col"]').map((th) => th.text())).toEqual([
      '部室',
      '按时答复率',
      '按时办结率',
      '当前超期',
    ]);
    // Each department names its row.
    const economy = `${ZHENGYANG}/${ECONOMY}`;
    const row = find(`[data-test="department-table-row-${economy}"]`);
    expect(row.find('th[scope="row"]').text()).toBe('重庆市正阳工业园区 · 经济发展部');
    const cell = (key: string, column: string) =>
      find(`[data-test="department-table-cell-${key}-${column}"]`).text();
    expect([cell(economy, 'OVERDUE_NOW'), cell(economy, 'tier:LEAD'), cell(economy, 'tier:SPLIT')]).toEqual([
      '2',
      '1',
      '0',
    ]);
    expect(cell(economy, 'tier:ASSISTING')).toBe('1');
    expect(cell(economy, 'REPLY_ON_TIME_RATE')).toBe('100.0%');
    // A late follow-up is no department's: its row says so, with no tier.
    const none = `${ZHENGYANG}/-`;
    expect(find(`[data-test="department-table-row-${none}"] th`).text()).toBe(
      '重庆市正阳工业园区 · 未归属部室',
    );
    expect([cell(none, 'OVERDUE_NOW'), cell(none, 'tier:LEAD')]).toEqual(['1', '—']);
    expect(find('[data-test="department-table"]').text()).toContain('回访等由企业服务中心或领导办理的环节');

    // A tier's figure opens the deadlines of that department and tier.
    const split = find(`[data-test="department-table-cell-${ZHENGYANG}/${PLANNING}-tier:SPLIT"] button`);
    expect(split.attributes('aria-label')).toBe(
      '1，查看问题清单：重庆市正阳工业园区 · 规划建设部 · 分办 · 当前超期',
    );
    await split.trigger('click');
    await vi.waitFor(() => expect(find('[data-test="drill-total"]').text()).toBe('共 1 件问题，计 1'));
    expect(api.callsOf('DrillDown').at(-1)!.variables.input).toMatchObject({
      selector: 'OVERDUE_DEADLINES',
      parkId: ZHENGYANG,
      departmentId: PLANNING,
      tierCode: 'SPLIT',
    });
    expect(find('[data-test="drill-drawer"]').text()).toContain('超期时限（按部室、办理层级）');
    await find(`[data-test="department-table-cell-${none}-OVERDUE_NOW"] button`).trigger('click');
    await vi.waitFor(() =>
      expect(api.callsOf('DrillDown').at(-1)!.variables.input).toMatchObject({
        selector: 'OVERDUE_DEADLINES',
        withoutDepartment: true,
      }),
    );
  });

  it('names the tiers as the parks’ rules do, in their order', async () => {
    await open(districtViewerMe, DISTRICT_VIEWER_RULES, {
      Dashboard: () => ({
        data: {
          dashboard: dashboardFixture({
            assignmentTiers: [
              { code: 'LEAD', labelZh: '牵头', labelEn: 'Lead' },
              { code: 'ASSISTING', labelZh: '协助', labelEn: 'Assisting' },
            ],
          }),
        },
      }),
    });
    await vi.waitFor(() => expect(find('[data-test="department-table"]').exists()).toBe(true));
    expect(
      wrapper!.findAll('[data-test="department-table"] thead tr:nth-child(2) th').map((th) => th.text()),
    ).toEqual(['牵头', '协助', '分办']);
  });

  it('opens a rate’s numerator and denominator from its KPI card', async () => {
    const { api } = await open(districtViewerMe, DISTRICT_VIEWER_RULES);
    await vi.waitFor(() => expect(find('[data-test="kpi-REPLY_ON_TIME_RATE"]').exists()).toBe(true));

    await find('[data-test="kpi-REPLY_ON_TIME_RATE"]').trigger('click');
    expect(await drawerRows()).toHaveLength(6);
    expect(api.callsOf('DrillDown').at(-1)!.variables.input).toMatchObject({ selector: 'REPLIED_ON_TIME' });
    expect(find('[data-test="drill-parts"]').text()).toContain('分母：应按时答复 · 8');

    await find('[data-test="drill-parts"] #tab-1').trigger('click');
    await vi.waitFor(() => expect(find('[data-test="drill-total"]').text()).toBe('共 8 件问题，计 8'));
    expect(api.callsOf('DrillDown').at(-1)!.variables.input).toMatchObject({ selector: 'REPLY_DUE' });
  });

  it('links a park leader’s drill-down to the cases, contacts as the API gives them', async () => {
    await openAsParkLeader();
    await vi.waitFor(() => expect(find('[data-test="kpi-RECEIVED"]').exists()).toBe(true));
    await find('[data-test="kpi-RECEIVED"]').trigger('click');
    expect(await drawerRows()).toHaveLength(12);
    expect(find('[data-test="drill-case-link"]').attributes('href')).toMatch(/\/cases\/c-/);
    expect(find('[data-test="drill-contact-phone"]').text()).toBe('13812341234');
    expect(find('[data-test="drill-drawer"]').text()).not.toContain('已脱敏');
  });

  it('gives the platform aggregates only: nothing opens a list of cases', async () => {
    const { api } = await open(platformMe, PLATFORM_RULES, {
      Dashboard: () => ({ data: { dashboard: dashboardFixture({ canDrillDown: false }) } }),
    });
    await vi.waitFor(() => expect(find('[data-test="dashboard-aggregates-only"]').exists()).toBe(true));
    expect(find('[data-test="kpi-RECEIVED"]').element.tagName).toBe('DIV');
    await find('[data-test="kpi-RECEIVED"]').trigger('click');
    clickPoint('chart-parks', 0, 0);
    await flushPromises();
    expect(api.callsOf('DrillDown')).toHaveLength(0);
    expect(api.callsOf('DashboardSettings').at(-1)?.variables).toEqual({ districtId: 'd-qj' });
  });

  it('downloads the district’s monthly report as Word for the month chosen', async () => {
    const xhr = fakeXhr(() => ({ status: 200, body: new Blob(['PK']) }));
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    await open(districtViewerMe, DISTRICT_VIEWER_RULES);
    await vi.waitFor(() => expect(find('[data-test="monthly-report"]').exists()).toBe(true));
    wrapper!.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', '2026-10');
    await flushPromises();
    await find('[data-test="monthly-report-download"]').trigger('click');
    await vi.waitFor(() => expect(saved).toEqual(['企业反映困难问题办理情况月报-2026-10.docx']));
    expect(xhr.calls[0]).toMatchObject({
      method: 'GET',
      url: '/api/dashboards/monthly-report.docx?month=2026-10',
      authorization: 'Bearer access-1',
    });
    vi.unstubAllGlobals();
  });

  it('offers the monthly report to district viewers only', async () => {
    await openAsParkLeader();
    await vi.waitFor(() => expect(find('[data-test="kpi-RECEIVED"]').exists()).toBe(true));
    expect(find('[data-test="monthly-report"]').exists()).toBe(false);
  });

  it('is in the menu only of those who may read dashboards', async () => {
    await open(districtViewerMe, DISTRICT_VIEWER_RULES);
    expect(find('[data-test="nav-dashboards"]').text()).toBe('驾驶舱');
    wrapper!.unmount();
    document.body.innerHTML = '';

    const { router, api } = await open(leaderMe, PARK_ADMIN_RULES);
    expect(find('[data-test="nav-dashboards"]').exists()).toBe(false);
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/403'));
    expect(api.callsOf('Dashboard')).toHaveLength(0);
  });
});
