import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElDatePicker, ElRadioGroup, ElSelect } from 'element-plus';
import type { CaseDetailFieldsFragment } from '@/gql/graphql';
import {
  caseApi,
  CASE_LEADER_RULES,
  CASE_STAFF_RULES,
  ECON,
  errorBeside,
  handlerMe,
  leaderMe,
  openPage,
  PLANNING,
  registeredCase,
  setModel,
  staffMe,
} from './case-fixtures';

let wrapper: VueWrapper | undefined;

async function openAction(view: VueWrapper, action: string): Promise<void> {
  await vi.waitFor(() => expect(view.find(`[data-test="action-${action}"]`).exists()).toBe(true));
  await view.find(`[data-test="action-${action}"]`).trigger('click');
  await vi.waitFor(() => expect(view.find('[data-test="action-submit"]').exists()).toBe(true));
}

async function submitAction(view: VueWrapper): Promise<void> {
  await view.find('[data-test="action-submit"]').trigger('click');
  await flushPromises();
}

const assigned = (overrides: Partial<CaseDetailFieldsFragment> = {}) =>
  registeredCase({
    status: 'IN_PROGRESS',
    version: 6,
    jurisdiction: 'PARK',
    leadDepartmentId: ECON,
    departmentIds: [ECON],
    approverRole: 'LEADER_IN_CHARGE',
    ...overrides,
  });

const PENDING_EXTENSION = {
  fromDueOn: '2026-12-15',
  newDueOn: '2026-12-22',
  reason: '需等待供电公司现场勘查',
  requestedOn: '2026-12-08',
};

describe('extensions and objections on the case page', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => wrapper?.unmount());

  it('the department asks for an extension with a date and reason', async () => {
    const c = assigned({ allowedActions: ['requestExtension', 'objectToAssignment', 'submitResult'] });
    const api = caseApi(handlerMe, CASE_STAFF_RULES, {
      CaseDetail: () => ({ data: { case: c } }),
      RequestExtension: () => ({
        data: {
          requestExtension: { ...c, version: 7, allowedActions: [], pendingExtension: PENDING_EXTENSION },
        },
      }),
    });
    wrapper = (await openPage(api, '/cases/case-1')).wrapper;
    await openAction(wrapper, 'requestExtension');
    await submitAction(wrapper);
    // Both fields are required before anything is sent.
    expect(api.callsOf('RequestExtension')).toEqual([]);
    await vi.waitFor(() => expect(errorBeside(wrapper!, 'action-field-reason-item')).not.toBe(''));
    await setModel(wrapper, ElDatePicker, 'action-field-new-due-on', '2026-12-22');
    await wrapper.find('[data-test="action-field-reason"]').setValue('需等待供电公司现场勘查');
    await submitAction(wrapper);
    expect(api.callsOf('RequestExtension')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 6, newDueOn: '2026-12-22', reason: '需等待供电公司现场勘查' },
    });
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="case-pending-extension"]').text()).toContain(
        '延期申请待审批：2026-12-15 延至 2026-12-22',
      ),
    );
  });

  it('the leader sees the request and approves it; the new date shows with the original and the extension', async () => {
    const c = assigned({ allowedActions: ['decideExtension'], pendingExtension: PENDING_EXTENSION });
    const reply = c.deadlines[0];
    const extended = {
      ...c,
      version: 7,
      allowedActions: [],
      pendingExtension: null,
      deadlines: [
        {
          ...reply,
          stage: 'departmentReply',
          dueOn: '2026-12-22',
          originalDueOn: '2026-12-15',
          extensions: [
            {
              fromDueOn: '2026-12-15',
              toDueOn: '2026-12-22',
              reason: '需等待供电公司现场勘查',
              requestedOn: '2026-12-08',
              decidedOn: '2026-12-09',
              decidedByName: '陈立新',
            },
          ],
          trace: [
            { ...reply.trace[0], date: '2026-12-15', extension: false },
            {
              ...reply.trace[0],
              date: '2026-12-16',
              counted: true,
              reason: 'WORKDAY' as const,
              extension: true,
            },
          ],
        },
      ],
    };
    const api = caseApi(leaderMe, CASE_LEADER_RULES, {
      CaseDetail: () => ({ data: { case: c } }),
      DecideExtension: () => ({ data: { decideExtension: extended } }),
    });
    wrapper = (await openPage(api, '/cases/case-1')).wrapper;
    await openAction(wrapper, 'decideExtension');
    expect(wrapper.find('[data-test="action-pending-extension"]').text()).toContain(
      '2026-12-15 → 2026-12-22',
    );
    // Refusing needs a reason; approving does not.
    await setModel(wrapper, ElRadioGroup, 'action-field-approved', false);
    await submitAction(wrapper);
    expect(api.callsOf('DecideExtension')).toEqual([]);
    await setModel(wrapper, ElRadioGroup, 'action-field-approved', true);
    await submitAction(wrapper);
    expect(api.callsOf('DecideExtension')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 6, approved: true },
    });
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="deadline-original-due-on"]').text()).toContain('2026-12-15'),
    );
    expect(wrapper.find('[data-test="deadline-due-on"]').text()).toBe('2026-12-22');
    expect(wrapper.find('[data-test="deadline-extensions"]').text()).toContain(
      '延期至 2026-12-22（陈立新 2026-12-09 同意：需等待供电公司现场勘查）',
    );
    expect(wrapper.find('[data-test="deadline-trace"]').text()).toContain('延期');
  });

  it('the office decides an objection: reassigning names the new lead department', async () => {
    const c = assigned({
      allowedActions: ['decideObjection'],
      pendingObjection: { departmentId: ECON, reason: '该事项属规划建设部职能', raisedOn: '2026-12-03' },
    });
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseDetail: () => ({ data: { case: c } }),
      DecideObjection: () => ({
        data: {
          decideObjection: {
            ...c,
            version: 7,
            status: 'ASSIGNED',
            leadDepartmentId: PLANNING,
            pendingObjection: null,
            allowedActions: [],
          },
        },
      }),
    });
    wrapper = (await openPage(api, '/cases/case-1')).wrapper;
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="case-pending-objection"]').text()).toContain(
        '该事项属规划建设部职能',
      ),
    );
    await openAction(wrapper, 'decideObjection');
    expect(wrapper.find('[data-test="action-pending-objection"]').text()).toContain('经济发展部');
    // Maintaining asks for no department.
    expect(wrapper.find('[data-test="action-field-lead-department-id"]').exists()).toBe(false);
    await setModel(wrapper, ElRadioGroup, 'action-field-outcome', 'REASSIGNED');
    await submitAction(wrapper);
    expect(api.callsOf('DecideObjection')).toEqual([]);
    await vi.waitFor(() =>
      expect(errorBeside(wrapper!, 'action-field-lead-department-id-item')).toBe('请选择牵头办理部室'),
    );
    await setModel(wrapper, ElSelect, 'action-field-lead-department-id', PLANNING);
    await wrapper.find('[data-test="action-field-note"]').setValue('调整由规划建设部牵头办理');
    await submitAction(wrapper);
    expect(api.callsOf('DecideObjection')[0]?.variables).toEqual({
      input: {
        caseId: 'case-1',
        version: 6,
        outcome: 'REASSIGNED',
        leadDepartmentId: PLANNING,
        cooperatingDepartmentIds: [],
        note: '调整由规划建设部牵头办理',
      },
    });
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="case-pending-objection"]').exists()).toBe(false),
    );
  });
});
