import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElDatePicker, ElSelect } from 'element-plus';
import type { CaseSummaryRowFragment } from '@/gql/graphql';
import {
  caseApi,
  CASE_LEADER_RULES,
  CASE_STAFF_RULES,
  ECON,
  handlerMe,
  leaderMe,
  openPage,
  setModel,
  staffMe,
} from './case-fixtures';
import { connectionOf } from '@/test-support/connections';

let wrapper: VueWrapper | undefined;

function row(seq: number, overrides: Partial<CaseSummaryRowFragment> = {}): CaseSummaryRowFragment {
  return {
    id: `case-${seq}`,
    registrationNo: `企业困难问题〔2026〕第${seq}号`,
    status: 'IN_PROGRESS',
    version: 4,
    title: `困难问题${seq}`,
    enterpriseName: '重庆正阳铝业有限公司',
    categoryCode: 'POWER_SUPPLY',
    channelCode: 'HOTLINE',
    reportedAt: '2026-09-29T02:30:00.000Z',
    leadDepartmentId: ECON,
    departmentIds: [ECON],
    approverRole: 'LEADER_IN_CHARGE',
    gradeCode: null,
    nextDueOn: '2026-10-20',
    nextDueStage: 'departmentReply',
    overdue: false,
    pendingDeadlineYear: null,
    notInRegister: null,
    ...overrides,
  };
}

function page(items: CaseSummaryRowFragment[], totalCount: number, nextCursor: string | null) {
  return {
    data: {
      ledger: connectionOf(items, { totalCount, endCursor: nextCursor, hasNextPage: nextCursor !== null }),
    },
  };
}

describe('ledger (台账) and work queues', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => wrapper?.unmount());

  it('turns the filter bar into ledger variables', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, { CaseLedger: () => page([row(1)], 1, null) });
    const mounted = await openPage(api, '/cases');
    wrapper = mounted.wrapper;
    await vi.waitFor(() => expect(api.callsOf('CaseLedger')).toHaveLength(1));
    expect(api.callsOf('CaseLedger')[0]?.variables).toEqual({
      filter: {},
      sort: 'REGISTRATION_DESC',
      first: 30,
    });

    await setModel(wrapper, ElDatePicker, 'ledger-filter-year', '2026');
    await setModel(wrapper, ElSelect, 'ledger-filter-status', ['IN_PROGRESS', 'TRACKING']);
    await setModel(wrapper, ElSelect, 'ledger-filter-category', ['POWER_SUPPLY']);
    await setModel(wrapper, ElSelect, 'ledger-filter-channel', ['HOTLINE', 'LIAISON_CADRE']);
    await setModel(wrapper, ElSelect, 'ledger-filter-department', ECON);
    await setModel(wrapper, ElSelect, 'ledger-filter-grade', ['B']);
    await setModel(wrapper, ElSelect, 'ledger-filter-overdue', 'yes');
    await setModel(wrapper, ElSelect, 'ledger-sort', 'DUE_ASC');
    await wrapper.find('[data-test="ledger-filter-keyword"]').setValue(' 增容 ');
    await wrapper.find('[data-test="ledger-search"]').trigger('click');
    await flushPromises();

    expect(api.callsOf('CaseLedger').at(-1)?.variables).toEqual({
      filter: {
        year: 2026,
        statuses: ['IN_PROGRESS', 'TRACKING'],
        categoryCodes: ['POWER_SUPPLY'],
        channelCodes: ['HOTLINE', 'LIAISON_CADRE'],
        departmentId: ECON,
        gradeCodes: ['B'],
        overdue: true,
        keyword: '增容',
      },
      sort: 'DUE_ASC',
      first: 30,
    });
    expect(mounted.router.currentRoute.value.query).toMatchObject({
      year: '2026',
      q: '增容',
      sort: 'DUE_ASC',
    });
  });

  it('loads the next page after the end cursor, shows the total and highlights overdue cases', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseLedger: (vars) =>
        vars.after === 'cursor-1'
          ? page([row(1)], 2, null)
          : page([row(2, { overdue: true, nextDueOn: '2026-10-09' })], 2, 'cursor-1'),
    });
    wrapper = (await openPage(api, '/cases')).wrapper;
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="ledger-total"]').text()).toBe('共 2 件，已显示 1 件'),
    );
    const overdueRow = wrapper.find('[data-test="ledger-row-企业困难问题〔2026〕第2号"]');
    expect(overdueRow.element.closest('tr')?.classList.contains('ledger-row--overdue')).toBe(true);
    expect(wrapper.find('[data-test="ledger-table"]').text()).toContain('用电保障');
    expect(wrapper.find('[data-test="ledger-table"]').text()).toContain('经济发展部');

    await wrapper.find('[data-test="ledger-load-more"]').trigger('click');
    await flushPromises();

    expect(api.callsOf('CaseLedger')[1]?.variables).toEqual({
      filter: {},
      sort: 'REGISTRATION_DESC',
      first: 30,
      after: 'cursor-1',
    });
    expect(wrapper.find('[data-test="ledger-row-企业困难问题〔2026〕第1号"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="ledger-row-企业困难问题〔2026〕第2号"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="ledger-total"]').text()).toBe('共 2 件，已显示 2 件');
    expect(wrapper.find('[data-test="ledger-load-more"]').exists()).toBe(false);
  });

  it('keeps the filters in the address and opens a case from its number', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseLedger: () => page([row(3)], 1, null),
      CaseDetail: () => ({
        data: null,
        errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }],
      }),
    });
    const mounted = await openPage(api, '/cases?category=POWER_SUPPLY&overdue=yes');
    wrapper = mounted.wrapper;
    await vi.waitFor(() => expect(api.callsOf('CaseLedger')).toHaveLength(1));
    expect(api.callsOf('CaseLedger')[0]?.variables.filter).toEqual({
      categoryCodes: ['POWER_SUPPLY'],
      overdue: true,
    });

    await setModel(wrapper, ElSelect, 'ledger-filter-grade', ['A']);
    expect(mounted.router.currentRoute.value.query).toEqual({
      category: 'POWER_SUPPLY',
      grade: 'A',
      overdue: 'yes',
    });

    await wrapper.find('[data-test="ledger-row-企业困难问题〔2026〕第3号"]').trigger('click');
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.path).toBe('/cases/case-3'));
  });

  it('saves a view (filters, sort, columns) for this user only', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, { CaseLedger: () => page([row(1)], 1, null) });
    wrapper = (await openPage(api, '/cases')).wrapper;
    await setModel(wrapper, ElSelect, 'ledger-filter-overdue', 'yes');
    await wrapper.find('[data-test="ledger-views"]').trigger('click');
    await vi.waitFor(() => expect(wrapper?.find('[data-test="ledger-view-name"]').exists()).toBe(true));
    await wrapper.find('[data-test="ledger-view-name"]').setValue('逾期事项');
    await wrapper.find('[data-test="ledger-view-save"]').trigger('submit');
    await flushPromises();

    const stored = JSON.parse(localStorage.getItem('qifu.ledgerViews.u-staff.all') ?? '[]') as {
      name: string;
      query: unknown;
    }[];
    expect(stored).toMatchObject([{ name: '逾期事项', query: { overdue: 'yes' } }]);
    expect(wrapper.find('[data-test="ledger-saved-views"]').text()).toContain('逾期事项');
    expect(localStorage.getItem('qifu.ledgerViews.u-leader.all')).toBeNull();
  });

  it('approval queue: asks only for cases awaiting this leader’s sign-off, and marks them', async () => {
    const api = caseApi(leaderMe, CASE_LEADER_RULES, {
      CaseLedger: () =>
        page(
          [
            row(5, { status: 'PENDING_APPROVAL', approverRole: 'LEADER_IN_CHARGE' }),
            row(6, { status: 'PENDING_APPROVAL', approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR' }),
          ],
          2,
          null,
        ),
    });
    wrapper = (await openPage(api, '/cases/approvals')).wrapper;
    await vi.waitFor(() => expect(api.callsOf('CaseLedger')).toHaveLength(1));

    expect(api.callsOf('CaseLedger')[0]?.variables.filter).toEqual({
      statuses: ['PENDING_APPROVAL'],
      approverRoles: ['LEADER_IN_CHARGE'],
    });
    expect(wrapper.text()).toContain('待审批事项');
    const table = wrapper.find('[data-test="ledger-table"]').text();
    expect(table.match(/待我审批/g)).toHaveLength(1);
    expect(wrapper.find('[data-test="nav-approvals"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="nav-inbox"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="nav-intake"]').exists()).toBe(false);
  });

  it('menu: the service center gets intake, ledger and its to-do; departments get their inbox', async () => {
    const staffApi = caseApi(staffMe, CASE_STAFF_RULES, { CaseLedger: () => page([], 0, null) });
    wrapper = (await openPage(staffApi, '/cases/todo')).wrapper;
    await vi.waitFor(() => expect(staffApi.callsOf('CaseLedger')).toHaveLength(1));
    expect(staffApi.callsOf('CaseLedger')[0]?.variables.filter).toEqual({
      statuses: ['REGISTERED', 'VERIFIED', 'RESPONDED', 'TRACKING', 'GRADED', 'FOLLOWED_UP'],
    });
    for (const nav of ['nav-intake', 'nav-ledger', 'nav-todo'])
      expect(wrapper.find(`[data-test="${nav}"]`).exists()).toBe(true);
    expect(wrapper.find('[data-test="nav-approvals"]').exists()).toBe(false);
    wrapper.unmount();
    localStorage.clear();

    const handlerApi = caseApi(handlerMe, CASE_LEADER_RULES, { CaseLedger: () => page([], 0, null) });
    const mounted = await openPage(handlerApi, '/cases/inbox');
    wrapper = mounted.wrapper;
    await vi.waitFor(() => expect(handlerApi.callsOf('CaseLedger')).toHaveLength(1));
    expect(handlerApi.callsOf('CaseLedger')[0]?.variables.filter).toEqual({
      statuses: ['ASSIGNED', 'IN_PROGRESS', 'RESULT_SUBMITTED', 'TRACKING'],
    });
    expect(wrapper.find('[data-test="nav-inbox"]').text()).toBe('部室待办');
    expect(wrapper.find('[data-test="nav-todo"]').exists()).toBe(false);

    await mounted.router.push('/cases/approvals');
    expect(mounted.router.currentRoute.value.name).toBe('forbidden');
  });
});
