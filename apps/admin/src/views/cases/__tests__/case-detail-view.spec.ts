import { describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { ElRadioGroup, ElSelect } from 'element-plus';
import type { CaseDetailFieldsFragment } from '@/gql/graphql';
import { graphqlError } from '@/test-support/graphql-fetch';
import {
  caseApi,
  CASE_STAFF_RULES,
  ECON,
  errorBeside,
  PLANNING,
  registeredCase,
  setModel,
  staffMe,
  zhengyangRules,
} from './case-fixtures';
import { caseDetailApi, openAction, openCase, resetCasePage, submitAction } from './case-page';

let wrapper: VueWrapper | undefined;

function actionButtons(view: VueWrapper): string[] {
  return view
    .findAll('[data-test^="action-"]')
    .map((button) => button.attributes('data-test') as string)
    .filter(
      (id) =>
        /^action-[a-z]+[A-Za-z]*$/.test(id) &&
        !['action-panel', 'action-none', 'action-dialog', 'action-submit'].includes(id),
    );
}

const respondedCase = (overrides: Partial<CaseDetailFieldsFragment> = {}) =>
  registeredCase({
    status: 'RESPONDED',
    version: 9,
    jurisdiction: 'PARK',
    leadDepartmentId: ECON,
    departmentIds: [ECON],
    approverRole: 'LEADER_IN_CHARGE',
    allowedActions: ['grade', 'addProgressNote'],
    ...overrides,
  });

describe('case detail', () => {
  resetCasePage(() => wrapper);

  it('shows the registration, the deadline with how it was computed, and only the allowed actions', async () => {
    const api = caseDetailApi(registeredCase());
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="case-status"]').text()).toBe('已登记'));

    expect(api.callsOf('CaseDetail')[0]?.variables).toEqual({ id: 'case-1' });
    // The rules of the case's version label its codes.
    expect(api.callsOf('CaseReference')[0]?.variables).toEqual({ rulesVersion: 1 });
    expect(wrapper.find('[data-test="case-registration-no"]').text()).toBe('企业困难问题〔2026〕第12号');
    expect(wrapper.find('[data-test="case-version"]').text()).toContain('第 1 版');
    const registration = wrapper.find('[data-test="case-registration"]').text();
    expect(registration).toContain('用电保障');
    expect(registration).toContain('企业服务热线');
    expect(registration).toContain('来电反映');
    expect(registration).toContain('经济发展部');

    const deadline = wrapper.find('[data-test="deadline-verification"]').text();
    expect(deadline).toContain('核实');
    expect(deadline).toContain('1个工作日');
    expect(deadline).toContain('2026-10-09');
    expect(deadline).toContain('计入 1 天，跳过 2 天');
    expect(deadline).toContain('法定节假日 · 国庆节');

    expect(wrapper.findAll('[data-test="timeline-event"]')).toHaveLength(1);
    expect(wrapper.find('[data-test="case-timeline"]').text()).toContain('王晓红（企业服务中心工作人员）');
    // The act's name, not the event's code.
    expect(wrapper.find('[data-test="timeline-event"] strong').text()).toBe('登记');

    expect(actionButtons(wrapper)).toEqual(['action-verify', 'action-reject', 'action-addProgressNote']);
    expect(wrapper.find('[data-test="action-screen"]').exists()).toBe(false);
  });

  it('says so when nothing is allowed now', async () => {
    const api = caseDetailApi(registeredCase({ allowedActions: [] }));
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-none"]').exists()).toBe(true));
    expect(actionButtons(wrapper)).toEqual([]);
  });

  it('verifies with the version the user saw and shows the case as the API returns it', async () => {
    const verified = registeredCase({
      status: 'VERIFIED',
      version: 2,
      allowedActions: ['screen', 'recordPolicyDiscussion'],
    });
    const api = caseDetailApi(registeredCase(), { VerifyCase: () => ({ data: { verifyCase: verified } }) });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-verify"]').exists()).toBe(true));

    await openAction(wrapper, 'verify');
    await wrapper.find('[data-test="action-field-notes"]').setValue('已电话联系张伟，情况属实。');
    await submitAction(wrapper);

    expect(api.callsOf('VerifyCase')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 1, notes: '已电话联系张伟，情况属实。' },
    });
    await vi.waitFor(() => expect(wrapper?.find('[data-test="case-status"]').text()).toBe('已核实'));
    expect(actionButtons(wrapper)).toEqual(['action-recordPolicyDiscussion', 'action-screen']);
  });

  it('a stale version: tells the user someone else changed the case and reloads it', async () => {
    let loads = 0;
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseDetail: () => {
        loads += 1;
        return {
          data: {
            case:
              loads === 1
                ? registeredCase()
                : registeredCase({ status: 'VERIFIED', version: 2, allowedActions: ['screen'] }),
          },
        };
      },
      VerifyCase: () => graphqlError('CONFLICT', 'The case changed since version 1'),
    });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-verify"]').exists()).toBe(true));

    await openAction(wrapper, 'verify');
    await wrapper.find('[data-test="action-field-notes"]').setValue('情况属实');
    await submitAction(wrapper);

    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="case-conflict"]').text()).toContain(
        '该事项刚被他人更新，已重新加载最新内容',
      ),
    );
    expect(api.callsOf('CaseDetail')).toHaveLength(2);
    expect(wrapper.find('[data-test="case-status"]').text()).toBe('已核实');
    expect(wrapper.find('[data-test="case-version"]').text()).toContain('第 2 版');
    expect(actionButtons(wrapper)).toEqual(['action-screen']);
  });

  it('grade C needs a reason because the rules say so; grade A does not', async () => {
    const api = caseDetailApi(respondedCase(), {
      GradeCase: () => ({
        data: {
          gradeCase: respondedCase({ status: 'GRADED', version: 10, gradeCode: 'C', allowedActions: [] }),
        },
      }),
    });
    wrapper = await openCase(api);
    await openAction(wrapper, 'grade');
    // The grades and their wording come from the park's rules.
    const choices = wrapper.find('[data-test="action-field-grade-code"]').text();
    expect(choices).toContain('A · 已经解决或基本解决');
    expect(choices).toContain('C · 因法律法规、政策限制或其他因素，一时难以解决');

    await setModel(wrapper, ElRadioGroup, 'action-field-grade-code', 'C');
    await submitAction(wrapper);

    expect(api.callsOf('GradeCase')).toHaveLength(0);
    await vi.waitFor(() =>
      expect(errorBeside(wrapper!, 'action-field-reason-item')).toBe(
        '该类别须说明原因（法律法规、政策限制或其他因素）',
      ),
    );

    await wrapper.find('[data-test="action-field-reason"]').setValue('涉及用地规划调整，须待区级规划修编。');
    await submitAction(wrapper);

    expect(api.callsOf('GradeCase')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 9, gradeCode: 'C', reason: '涉及用地规划调整，须待区级规划修编。' },
    });
    await vi.waitFor(() => expect(wrapper?.find('[data-test="case-status"]').text()).toBe('已标注'));
  });

  it('escalation to the Party Working Committee (Art. 11) asks for the ground and the reason', async () => {
    const api = caseDetailApi(respondedCase({ allowedActions: ['grade', 'escalate'] }), {
      EscalateCase: () => ({
        data: { escalateCase: respondedCase({ version: 10, allowedActions: ['grade'] }) },
      }),
    });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-escalate"]').text()).toBe('提交党工委'));
    await openAction(wrapper, 'escalate');
    expect(wrapper.find('[data-test="action-field-ground"]').text()).toContain('弄虚作假');
    await submitAction(wrapper);

    expect(api.callsOf('EscalateCase')).toHaveLength(0);
    await vi.waitFor(() => expect(errorBeside(wrapper!, 'action-field-reason-item')).toBe('此项为必填'));

    await setModel(wrapper, ElRadioGroup, 'action-field-ground', 'LEAK');
    await wrapper.find('[data-test="action-field-reason"]').setValue('经办人向无关人员泄露企业投资计划。');
    await submitAction(wrapper);

    expect(api.callsOf('EscalateCase')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 9, ground: 'LEAK', reason: '经办人向无关人员泄露企业投资计划。' },
    });
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-escalate"]').exists()).toBe(false));
  });

  it('grade C without a reason is sent when the park’s rules do not ask for one', async () => {
    const rules = zhengyangRules();
    rules.grades = rules.grades.map((grade) => ({ ...grade, requiresReason: false }));
    const api = caseDetailApi(
      respondedCase(),
      {
        GradeCase: () => ({
          data: { gradeCase: respondedCase({ status: 'GRADED', version: 10, allowedActions: [] }) },
        }),
      },
      { parkRules: rules },
    );
    wrapper = await openCase(api);
    await openAction(wrapper, 'grade');
    await setModel(wrapper, ElRadioGroup, 'action-field-grade-code', 'C');
    await submitAction(wrapper);

    expect(api.callsOf('GradeCase')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 9, gradeCode: 'C' },
    });
  });

  it('supervision letter (Art. 10): shows the deadline missed, asks for no date, sends the note only', async () => {
    const overdue = respondedCase({
      status: 'IN_PROGRESS',
      allowedActions: ['superviseOverdue'],
      overdueDeadlines: [{ stage: 'departmentReply', dueOn: '2026-10-20', departmentId: ECON }],
    });
    const api = caseDetailApi(overdue, {
      SuperviseOverdue: () => ({
        data: { superviseOverdue: { ...overdue, version: 10, allowedActions: [] } },
      }),
    });
    wrapper = await openCase(api);
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="action-superviseOverdue"]').text()).toBe('发函督办'),
    );
    await openAction(wrapper, 'superviseOverdue');
    expect(wrapper.find('[data-test="action-overdue-deadlines"]').text()).toContain(
      '经济发展部：部室办理答复时限 2026-10-20，已超期',
    );
    expect(wrapper.find('[data-test="action-dialog"] .el-date-editor').exists()).toBe(false);
    await wrapper.find('[data-test="action-field-note"]').setValue('请于三日内书面报告');
    await submitAction(wrapper);

    expect(api.callsOf('SuperviseOverdue')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 9, note: '请于三日内书面报告' },
    });
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="action-superviseOverdue"]').exists()).toBe(false),
    );
  });

  it('puts the API’s field errors beside the act’s fields', async () => {
    const inProgress = respondedCase({ status: 'IN_PROGRESS', allowedActions: ['submitResult'] });
    const api = caseDetailApi(inProgress, {
      SubmitResult: () =>
        graphqlError('BAD_USER_INPUT', 'Invalid input', {
          fields: [{ path: 'result', message: '办理结果须写明处理依据' }],
        }),
    });
    wrapper = await openCase(api);
    await openAction(wrapper, 'submitResult');
    await wrapper.find('[data-test="action-field-reply-to-enterprise"]').setValue('已电话答复企业');
    await wrapper.find('[data-test="action-field-result"]').setValue('已协调供电公司');
    await submitAction(wrapper);

    expect(api.callsOf('SubmitResult')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 9, replyToEnterprise: '已电话答复企业', result: '已协调供电公司' },
    });
    await vi.waitFor(() =>
      expect(errorBeside(wrapper!, 'action-field-result-item')).toBe('办理结果须写明处理依据'),
    );
    expect(wrapper.find('[data-test="action-submit"]').exists()).toBe(true);
  });

  it('screening: routes to departments from the rules and shows which approval that leads to', async () => {
    const verified = registeredCase({
      status: 'VERIFIED',
      version: 2,
      hopedDepartmentIds: [ECON],
      allowedActions: ['screen'],
    });
    const api = caseDetailApi(verified, {
      ScreenCase: () => ({
        data: {
          screenCase: {
            ...verified,
            status: 'PENDING_APPROVAL',
            version: 3,
            allowedActions: [],
            approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
          },
        },
      }),
    });
    wrapper = await openCase(api);
    await openAction(wrapper, 'screen');

    // Prefilled from the departments the enterprise hoped for: one park department.
    expect(wrapper.find('[data-test="action-approval-route"]').text()).toContain(
      '园区管委会职能：分管企业服务领导审批交办',
    );
    await setModel(wrapper, ElSelect, 'action-field-cooperating-department-ids', [PLANNING]);
    expect(wrapper.find('[data-test="action-approval-route"]').text()).toContain(
      '涉及多个部室：常务副主任审签交办',
    );
    await wrapper.find('[data-test="action-field-opinion"]').setValue('属园区管委会职能，经济发展部牵头。');
    await submitAction(wrapper);

    expect(api.callsOf('ScreenCase')[0]?.variables).toEqual({
      input: {
        caseId: 'case-1',
        version: 2,
        jurisdiction: 'PARK',
        major: false,
        policyHeavy: false,
        leadDepartmentId: ECON,
        cooperatingDepartmentIds: [PLANNING],
        opinion: '属园区管委会职能，经济发展部牵头。',
      },
    });
    await vi.waitFor(() => expect(wrapper?.find('[data-test="case-status"]').text()).toBe('待审批'));
  });

  it('follow-up offers the park’s satisfaction scale', async () => {
    const graded = respondedCase({ status: 'GRADED', gradeCode: 'A', allowedActions: ['recordFollowUp'] });
    const api = caseDetailApi(graded, {
      RecordFollowUp: () => ({
        data: {
          recordFollowUp: {
            ...graded,
            status: 'FOLLOWED_UP',
            version: 10,
            satisfactionCode: 'SATISFIED',
            allowedActions: ['closeOut'],
          },
        },
      }),
    });
    wrapper = await openCase(api);
    await openAction(wrapper, 'recordFollowUp');
    expect(wrapper.find('[data-test="action-field-satisfaction-code"]').text()).toBe('满意基本满意不满意');

    await setModel(wrapper, ElRadioGroup, 'action-field-satisfaction-code', 'SATISFIED');
    await submitAction(wrapper);

    expect(api.callsOf('RecordFollowUp')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 9, satisfactionCode: 'SATISFIED' },
    });
    await vi.waitFor(() => expect(actionButtons(wrapper!)).toEqual(['action-closeOut']));
  });

  it('shows a case it cannot find as such', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseDetail: () => graphqlError('NOT_FOUND', 'no such case'),
    });
    wrapper = await openCase(api, 'case-404');
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="case-missing"]').text()).toContain('事项不存在'),
    );
  });

  it('names each act of the timeline, and the park’s own acts as the system', async () => {
    const base = registeredCase();
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseDetail: () => ({
        data: {
          case: {
            ...base,
            timeline: [
              ...base.timeline,
              {
                ...base.timeline[0],
                id: 'ev-2',
                caseVersion: 2,
                type: 'CaseVerified',
                statusBefore: 'REGISTERED',
                statusAfter: 'VERIFIED',
                data: {},
              },
              {
                ...base.timeline[0],
                id: 'ev-3',
                caseVersion: 3,
                type: 'OverdueSupervised',
                actorName: null,
                actorRole: null,
                statusBefore: 'VERIFIED',
                statusAfter: 'VERIFIED',
                data: {},
              },
            ],
          },
        },
      }),
    });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.findAll('[data-test="timeline-event"]')).toHaveLength(3));
    const events = wrapper.findAll('[data-test="timeline-event"]');
    expect(events.map((e) => e.find('strong').text())).toEqual(['登记', '核实', '发函督办']);
    expect(events[2].text()).toContain('系统');
  });
});
