import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElCheckboxGroup } from 'element-plus';
import type { ParkRules } from '@qifu/domain';
import type { CaseDetailFieldsFragment } from '@/gql/graphql';
import {
  CASE_LEADER_RULES,
  ECON,
  leaderMe,
  PLANNING,
  registeredCase,
  setModel,
  zhengyangRules,
} from './case-fixtures';
import { caseDetailApi, openCase, resetCasePage } from './case-page';

let wrapper: VueWrapper | undefined;

/** Zhengyang's rules with a key-project flag whose route takes two sign-offs; one department: none. */
function chainRules(): ParkRules {
  const rules = zhengyangRules();
  rules.caseFlags = [{ code: 'KEY_PROJECT', labelZh: '重点项目', labelEn: 'Key project' }];
  rules.approvalRoutes = [
    {
      code: 'KEY_PROJECT',
      labelZh: '重点项目：分管领导审核，常务副主任审签',
      labelEn: 'Key project: two sign-offs',
      condition: { jurisdiction: 'PARK', flagCodes: ['KEY_PROJECT'] },
      sendsReferralLetter: false,
      approvalSteps: [
        { role: 'LEADER_IN_CHARGE', labelZh: '分管领导审核', labelEn: 'Leader in charge reviews' },
        { role: 'EXECUTIVE_DEPUTY_DIRECTOR' },
      ],
    },
    ...rules.approvalRoutes.map((route) =>
      route.code === 'PARK_SINGLE_DEPARTMENT' ? { ...route, approvalSteps: [] } : route,
    ),
  ];
  return rules;
}

const SIGNED_AT = '2026-10-09T02:00:00.000Z';

/** A key project after the leader in charge signed: the executive deputy director's turn. */
const midChain = (overrides: Partial<CaseDetailFieldsFragment> = {}) =>
  registeredCase({
    status: 'PENDING_APPROVAL',
    version: 5,
    jurisdiction: 'PARK',
    leadDepartmentId: PLANNING,
    departmentIds: [PLANNING],
    approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
    flagCodes: ['KEY_PROJECT'],
    allowedActions: [],
    approvalChain: [
      {
        index: 0,
        role: 'LEADER_IN_CHARGE',
        labelZh: '分管领导审核',
        labelEn: 'Leader in charge reviews',
        current: false,
        signedByName: '陈立新',
        signedAt: SIGNED_AT,
        opinion: '同意，请常务副主任审签',
      },
      {
        index: 1,
        role: 'EXECUTIVE_DEPUTY_DIRECTOR',
        labelZh: null,
        labelEn: null,
        current: true,
        signedByName: null,
        signedAt: null,
        opinion: null,
      },
    ],
    timeline: [
      ...registeredCase().timeline,
      {
        id: 'ev-5',
        caseVersion: 5,
        type: 'CaseApproved',
        occurredAt: SIGNED_AT,
        actorName: '陈立新',
        actorRole: 'LEADER_IN_CHARGE',
        statusBefore: 'PENDING_APPROVAL',
        statusAfter: 'PENDING_APPROVAL',
        data: {
          opinion: '同意，请常务副主任审签',
          routeCode: 'KEY_PROJECT',
          approverRole: 'LEADER_IN_CHARGE',
          stepIndex: 0,
          stepCount: 2,
        },
      },
    ],
    ...overrides,
  });

describe('approval chains on the case page', () => {
  resetCasePage(() => wrapper);

  it('shows each sign-off with who signed when, the one awaited, and the case’s flags', async () => {
    const api = caseDetailApi(
      midChain(),
      {},
      { who: leaderMe, rules: CASE_LEADER_RULES, parkRules: chainRules() },
    );
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="approval-chain"]').exists()).toBe(true));

    const first = wrapper.find('[data-test="approval-step-0"]').text();
    expect(first).toContain('分管领导审核');
    expect(first).toContain('陈立新');
    expect(first).toContain('同意，请常务副主任审签');
    const second = wrapper.find('[data-test="approval-step-1"]');
    expect(second.text()).toContain('常务副主任');
    expect(second.text()).toContain('待审签');
    expect(second.text()).toContain('尚未审签');
    expect(second.attributes('data-current')).toBe('true');
    expect(wrapper.find('[data-test="case-flags"]').text()).toBe('重点项目');

    // The timeline says which sign-off of how many, by whom.
    const signOff = wrapper.find('[data-event-type="CaseApproved"]').text();
    expect(signOff).toContain('第 1 步（共 2 步）');
    expect(signOff).toContain('分管领导');
    // The leader in charge has signed: the API offers this leader nothing more.
    expect(wrapper.find('[data-test="action-approve"]').exists()).toBe(false);
  });

  it('offers approve and send back to the role whose sign-off is awaited', async () => {
    const api = caseDetailApi(
      midChain({ allowedActions: ['approve', 'sendBack'] }),
      {},
      { who: leaderMe, rules: CASE_LEADER_RULES, parkRules: chainRules() },
    );
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-approve"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="action-sendBack"]').exists()).toBe(true);
  });

  it('says when the route needs no sign-off', async () => {
    const assigned = registeredCase({
      status: 'ASSIGNED',
      version: 4,
      jurisdiction: 'PARK',
      leadDepartmentId: ECON,
      departmentIds: [ECON],
      allowedActions: [],
    });
    const api = caseDetailApi(assigned, {}, { parkRules: chainRules() });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="approval-chain-none"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="approval-chain-none"]').text()).toContain('无需审签');
    expect(wrapper.find('[data-test="case-flags"]').text()).toBe('—');
  });

  it('screening sets the park’s flags and shows the sign-offs the route will take', async () => {
    const verified = registeredCase({
      status: 'VERIFIED',
      version: 2,
      hopedDepartmentIds: [PLANNING],
      allowedActions: ['screen'],
    });
    const api = caseDetailApi(
      verified,
      { ScreenCase: () => ({ data: { screenCase: midChain({ version: 3, approvalChain: [] }) } }) },
      { parkRules: chainRules() },
    );
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-screen"]').exists()).toBe(true));
    await wrapper.find('[data-test="action-screen"]').trigger('click');
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-submit"]').exists()).toBe(true));

    const route = () => wrapper!.find('[data-test="action-approval-route"]').text();
    expect(route()).toContain('无需审签，甄别后直接交办');
    expect(wrapper.find('[data-test="action-field-flag-codes"]').text()).toContain('重点项目');
    await setModel(wrapper, ElCheckboxGroup, 'action-field-flag-codes', ['KEY_PROJECT']);
    expect(route()).toContain('重点项目：分管领导审核，常务副主任审签（分管领导 → 常务副主任）');

    await wrapper.find('[data-test="action-field-opinion"]').setValue('重点项目用地问题');
    await wrapper.find('[data-test="action-submit"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('ScreenCase')[0]?.variables.input).toMatchObject({
      leadDepartmentId: PLANNING,
      flagCodes: ['KEY_PROJECT'],
    });
  });

  it('does not offer flags when the park defines none', async () => {
    const verified = registeredCase({ status: 'VERIFIED', version: 2, allowedActions: ['screen'] });
    const api = caseDetailApi(verified);
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-screen"]').exists()).toBe(true));
    await wrapper.find('[data-test="action-screen"]').trigger('click');
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-submit"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="action-field-flag-codes"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="action-approval-route"]').text()).toContain('（分管领导）');
  });
});
