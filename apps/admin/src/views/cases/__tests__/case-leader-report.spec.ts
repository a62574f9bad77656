import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { caseApi, CASE_STAFF_RULES, errorBeside, registeredCase, staffMe } from './case-fixtures';
import { openCase, resetCasePage } from './case-page';

let wrapper: VueWrapper | undefined;

async function openReport(view: VueWrapper): Promise<void> {
  await vi.waitFor(() =>
    expect(view.find('[data-test="action-reportToLeader"]').text()).toBe('向分管领导汇报'),
  );
  await view.find('[data-test="action-reportToLeader"]').trigger('click');
  await vi.waitFor(() => expect(view.find('[data-test="action-submit"]').exists()).toBe(true));
}

// Art. 6: 重大疑难应及时向分管业务领导汇报.
describe('report to the leader in charge', () => {
  resetCasePage(() => wrapper);

  it('asks what was reported, sends it, and shows the case as answered', async () => {
    const reported = registeredCase({ version: 2, allowedActions: ['verify'] });
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseDetail: () => ({
        data: { case: registeredCase({ allowedActions: ['verify', 'reportToLeader'] }) },
      }),
      ReportToLeader: () => ({ data: { reportToLeader: reported } }),
    });
    wrapper = await openCase(api);
    await openReport(wrapper);

    await wrapper.find('[data-test="action-submit"]').trigger('click');
    await vi.waitFor(() => expect(errorBeside(wrapper!, 'action-field-summary-item')).toBe('此项为必填'));
    expect(api.callsOf('ReportToLeader')).toEqual([]);

    await wrapper.find('[data-test="action-field-summary"]').setValue(' 储能并网涉及三个部门，已当面汇报 ');
    await wrapper.find('[data-test="action-submit"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('ReportToLeader')[0]?.variables).toEqual({
      input: { caseId: 'case-1', version: 1, summary: '储能并网涉及三个部门，已当面汇报' },
    });
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-reportToLeader"]').exists()).toBe(false));
  });
});
