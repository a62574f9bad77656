import { describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import type { CaseDetailFieldsFragment } from '@/gql/graphql';
import {
  CASE_STAFF_RULES,
  caseApi,
  ECON,
  errorBeside,
  ledgerRow,
  openPage,
  registeredCase,
  setModel,
  staffMe,
  zhengyangRules,
} from './case-fixtures';
import { caseDetailApi, openAction, openCase, resetCasePage, submitAction } from './case-page';
import { connectionOf } from '@/test-support/connections';

// The park's procedure on the case page and the ledger: register flags, skips, follow-up samples.

let wrapper: VueWrapper | undefined;

const text = (testId: string): string => wrapper!.find(`[data-test="${testId}"]`).text();

/** Opens the case's page as service center staff, once its status shows. */
async function showCase(
  caseData: CaseDetailFieldsFragment,
  handlers: Parameters<typeof caseDetailApi>[1] = {},
) {
  const api = caseDetailApi(caseData, handlers);
  wrapper = await openCase(api);
  await vi.waitFor(() => expect(wrapper?.find('[data-test="case-status"]').exists()).toBe(true));
  return api;
}

const gradedNotSampled = registeredCase({
  status: 'GRADED',
  version: 11,
  jurisdiction: 'PARK',
  leadDepartmentId: ECON,
  departmentIds: [ECON],
  approverRole: 'LEADER_IN_CHARGE',
  gradeCode: 'A',
  allowedActions: ['closeOut', 'escalate'],
  stepDueNow: null,
  skippedSteps: ['headReview'],
  followUpSampling: {
    sampled: false,
    basis: 'EVERY_NTH',
    percent: null,
    bucket: null,
    everyNth: 3,
    ordinal: 4,
  },
  timeline: [
    {
      id: 'ev-9',
      caseVersion: 9,
      type: 'StepSkipped',
      occurredAt: '2026-10-20T02:35:00.000Z',
      actorName: '王晓红',
      actorRole: 'SERVICE_CENTER_STAFF',
      statusBefore: 'RESULT_SUBMITTED',
      statusAfter: 'RESPONDED',
      data: { step: 'headReview', reason: '部室负责人出差' },
    },
    {
      id: 'ev-10',
      caseVersion: 10,
      type: 'CaseGraded',
      occurredAt: '2026-10-21T02:35:00.000Z',
      actorName: '王晓红',
      actorRole: 'SERVICE_CENTER_STAFF',
      statusBefore: 'RESPONDED',
      statusAfter: 'GRADED',
      data: {
        gradeCode: 'A',
        followUpSampling: { sampled: false, basis: 'EVERY_NTH', everyNth: 3, ordinal: 4 },
      },
    },
  ],
});

describe('the procedure on the case page', () => {
  resetCasePage(() => wrapper);

  it('shows the skipped step with who and why, and the sample that lets the case close without a follow-up', async () => {
    await showCase(gradedNotSampled);
    expect(text('case-procedure-skipped')).toContain('部室负责人审核');
    expect(text('case-procedure-skipped')).toContain('王晓红：部室负责人出差');
    expect(text('case-procedure-sampling')).toBe('每 3 件抽查 1 件：本件为第 4 件，未抽中，可不经回访销号');
    const timeline = text('case-timeline');
    expect(timeline).toContain('跳过步骤');
    expect(timeline).toContain('部室负责人审核');
    expect(timeline).toContain('回访抽查');
    expect(wrapper!.find('[data-test="action-closeOut"]').exists()).toBe(true);
    expect(wrapper!.find('[data-test="action-recordFollowUp"]').exists()).toBe(false);
    // Zhengyang's cases carry no such facts, and show no such card.
    wrapper!.unmount();
    await showCase(registeredCase());
    expect(wrapper!.find('[data-test="case-procedure"]').exists()).toBe(false);
  });

  it('skips the step due now, named on the button, with a reason', async () => {
    const skipped = registeredCase({ version: 2, skippedSteps: ['verification'], stepDueNow: null });
    const api = await showCase(
      registeredCase({ allowedActions: ['verify', 'reject', 'skipStep'], stepDueNow: 'verification' }),
      { SkipCaseStep: () => ({ data: { skipCaseStep: skipped } }) },
    );
    expect(text('action-skipStep')).toBe('跳过核实');
    await openAction(wrapper!, 'skipStep');
    expect(text('action-dialog')).toContain('跳过核实');
    await submitAction(wrapper!);
    await vi.waitFor(() => expect(errorBeside(wrapper!, 'action-field-reason-item')).toBe('此项为必填'));
    expect(api.callsOf('SkipCaseStep')).toHaveLength(0);

    await wrapper!.find('[data-test="action-field-reason"]').setValue('企业负责人现场反映，情况清楚');
    await submitAction(wrapper!);
    expect(api.callsOf('SkipCaseStep')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 1, step: 'verification', reason: '企业负责人现场反映，情况清楚' },
    });
  });

  it('a flagged case: the tag, and a verification that must confirm the enterprise', async () => {
    const flagged = registeredCase({ notInRegister: 'FLAGGED', enterpriseId: null });
    const api = await showCase(flagged, {
      VerifyCase: () => ({
        data: { verifyCase: registeredCase({ status: 'VERIFIED', version: 2, notInRegister: 'CONFIRMED' }) },
      }),
    });
    expect(text('case-not-in-register')).toBe('待核实企业');
    expect(text('case-procedure-register')).toContain('待核实确认');

    await openAction(wrapper!, 'verify');
    await wrapper!.find('[data-test="action-field-notes"]').setValue('已到现场核实，企业在园生产。');
    await submitAction(wrapper!);
    await vi.waitFor(() =>
      expect(errorBeside(wrapper!, 'action-field-enterprise-confirmed-item')).toContain(
        '请确认企业在园区注册',
      ),
    );
    expect(api.callsOf('VerifyCase')).toHaveLength(0);

    await wrapper!.find('[data-test="action-field-enterprise-confirmed"] input').setValue(true);
    await submitAction(wrapper!);
    expect(api.callsOf('VerifyCase')[0]?.variables).toEqual({
      input: {
        caseId: 'case-1',
        version: 1,
        notes: '已到现场核实，企业在园生产。',
        enterpriseConfirmed: true,
      },
    });
  });
});

describe('the ledger and flagged cases', () => {
  resetCasePage(() => wrapper);

  it('filters the cases flagged for verification, keeps the filter in the address, and tags them', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseLedger: () => ({
        data: {
          ledger: connectionOf([{ ...ledgerRow, status: 'REGISTERED', notInRegister: 'FLAGGED' }], {
            totalCount: 1,
          }),
        },
      }),
    });
    const mounted = await openPage(api, '/cases');
    wrapper = mounted.wrapper;
    await vi.waitFor(() => expect(api.callsOf('CaseLedger')).toHaveLength(1));
    expect(text('ledger-flagged')).toBe('待核实企业');

    await setModel(wrapper, ElSelect, 'ledger-filter-flagged', 'yes');
    await vi.waitFor(() =>
      expect(api.callsOf('CaseLedger').at(-1)?.variables.filter).toEqual({ flaggedForVerification: true }),
    );
    expect(mounted.router.currentRoute.value.query).toMatchObject({ flagged: 'yes' });
  });
});

describe('registration and the park’s admissibility rule', () => {
  resetCasePage(() => wrapper);

  it('says what happens to an enterprise typed in rather than picked from the register', async () => {
    for (const [notInRegister, said] of [
      ['REJECT', '不予受理'],
      ['FLAG_FOR_VERIFICATION', '登记并标记待核实'],
      ['ACCEPT_AND_ADD', '受理并加入企业名录'],
    ] as const) {
      const api = caseApi(
        staffMe,
        CASE_STAFF_RULES,
        {},
        { ...zhengyangRules(), admissibility: { notInRegister } },
      );
      wrapper = (await openPage(api, '/cases/new')).wrapper;
      await vi.waitFor(() =>
        expect(wrapper?.find('[data-test="intake-enterprise-name"]').exists()).toBe(true),
      );
      expect(wrapper.find('[data-test="intake-admission"]').exists()).toBe(false);
      await wrapper.find('[data-test="intake-enterprise-name"]').setValue('重庆新来科技有限公司');
      await vi.waitFor(() =>
        expect(text('intake-admission')).toBe(`按园区规则，不在企业名录中的企业：${said}`),
      );
      wrapper.unmount();
    }
  });
});
