import { describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { ElDatePicker, ElRadioGroup, ElSelect } from 'element-plus';
import type { CaseDetailFieldsFragment } from '@/gql/graphql';
import {
  CASE_LEADER_RULES,
  ECON,
  errorBeside,
  handlerMe,
  leaderMe,
  PLANNING,
  registeredCase,
  setModel,
} from './case-fixtures';
import { caseDetailApi, openAction, openCase, resetCasePage, submitAction } from './case-page';

let wrapper: VueWrapper | undefined;

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
  resetCasePage(() => wrapper);

  it('the department asks for an extension with a date and reason', async () => {
    const c = assigned({ allowedActions: ['requestExtension', 'objectToAssignment', 'submitResult'] });
    const api = caseDetailApi(
      c,
      {
        RequestExtension: () => ({
          data: {
            requestExtension: { ...c, version: 7, allowedActions: [], pendingExtension: PENDING_EXTENSION },
          },
        }),
      },
      { who: handlerMe },
    );
    wrapper = await openCase(api);
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
    const api = caseDetailApi(
      c,
      { DecideExtension: () => ({ data: { decideExtension: extended } }) },
      { who: leaderMe, rules: CASE_LEADER_RULES },
    );
    wrapper = await openCase(api);
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
    const api = caseDetailApi(c, {
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
    wrapper = await openCase(api);
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
