import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import type { ParkRules } from '@qifu/domain';
import { ECON, errorBeside, registeredCase, setModel, zhengyangRules } from './case-fixtures';
import { caseDetailApi, openCase, resetCasePage } from './case-page';

let wrapper: VueWrapper | undefined;

/** Zhengyang handing overdue cases to the city's supervision office, as a park may configure it. */
function handoverRules(): ParkRules {
  const rules = zhengyangRules();
  rules.ccOffices.push({
    code: 'CITY_SUPERVISION_OFFICE',
    name: '市委督查室',
    when: 'ALWAYS',
    copiedOn: ['SUPERVISION_LETTER', 'OVERDUE_HANDOVER'],
  });
  rules.overdueHandover = { officeCodes: ['CITY_SUPERVISION_OFFICE'], afterWorkingDays: 2 };
  return rules;
}

const supervisedCase = (overrides = {}) =>
  registeredCase({
    status: 'IN_PROGRESS',
    version: 12,
    jurisdiction: 'PARK',
    leadDepartmentId: ECON,
    departmentIds: [ECON],
    approverRole: 'LEADER_IN_CHARGE',
    allowedActions: ['handOverToOffice', 'superviseOverdue'],
    overdueDeadlines: [{ stage: 'departmentReply', dueOn: '2026-10-20', departmentId: ECON }],
    ...overrides,
  });

async function openHandOver(view: VueWrapper): Promise<void> {
  await vi.waitFor(() => expect(view.find('[data-test="action-handOverToOffice"]').text()).toBe('移交督查'));
  await view.find('[data-test="action-handOverToOffice"]').trigger('click');
  await vi.waitFor(() => expect(view.find('[data-test="action-submit"]').exists()).toBe(true));
}

describe('hand-over to outside offices (移交)', () => {
  resetCasePage(() => wrapper);

  it('offers the rules’ offices, shows the deadline missed and sends the offices and the note', async () => {
    const handed = supervisedCase({ version: 13, allowedActions: ['superviseOverdue'] });
    const api = caseDetailApi(
      supervisedCase(),
      { HandOverToOffice: () => ({ data: { handOverToOffice: handed } }) },
      { parkRules: handoverRules() },
    );
    wrapper = await openCase(api);
    await openHandOver(wrapper);

    expect(wrapper.find('[data-test="action-overdue-deadlines"]').text()).toContain(
      '经济发展部：部室办理答复时限 2026-10-20，已超期',
    );
    const offices = wrapper
      .findAllComponents(ElSelect)
      .find((select) => select.attributes('data-test') === 'action-field-office-codes');
    // The rules' own hand-over offices are chosen to start with.
    expect(offices?.props('modelValue')).toEqual(['CITY_SUPERVISION_OFFICE']);
    await wrapper.find('[data-test="action-field-note"]').setValue('督办后仍未办结');
    await wrapper.find('[data-test="action-submit"]').trigger('click');
    await flushPromises();

    expect(api.callsOf('HandOverToOffice')[0]?.variables).toEqual({
      input: {
        caseId: 'case-1',
        version: 12,
        officeCodes: ['CITY_SUPERVISION_OFFICE'],
        note: '督办后仍未办结',
      },
    });
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="action-handOverToOffice"]').exists()).toBe(false),
    );
  });

  it('asks for an office before sending, and places the API’s refusal beside the offices', async () => {
    const api = caseDetailApi(
      supervisedCase(),
      {
        HandOverToOffice: () => ({
          data: null,
          errors: [
            {
              message: 'Invalid input',
              path: [],
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [{ path: 'officeCodes', message: '应为园区规则中的抄送单位' }],
              },
            },
          ],
        }),
      },
      { parkRules: handoverRules() },
    );
    wrapper = await openCase(api);
    await openHandOver(wrapper);
    await setModel(wrapper, ElSelect, 'action-field-office-codes', []);
    await wrapper.find('[data-test="action-submit"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('HandOverToOffice')).toHaveLength(0);
    await vi.waitFor(() =>
      expect(errorBeside(wrapper!, 'action-field-office-codes-item')).toBe('此项为必填'),
    );

    await setModel(wrapper, ElSelect, 'action-field-office-codes', ['DISTRICT_RECTIFICATION_OFFICE']);
    await wrapper.find('[data-test="action-submit"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('HandOverToOffice')[0]?.variables).toMatchObject({
      input: { officeCodes: ['DISTRICT_RECTIFICATION_OFFICE'] },
    });
    await vi.waitFor(() =>
      expect(errorBeside(wrapper!, 'action-field-office-codes-item')).toBe('应为园区规则中的抄送单位'),
    );
  });
});
