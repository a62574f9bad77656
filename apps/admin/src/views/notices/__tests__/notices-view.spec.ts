import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElCheckboxGroup, ElInput, ElSelect } from 'element-plus';
import { graphqlError } from '@/test-support/graphql-fetch';
import {
  caseApi,
  CASE_STAFF_RULES,
  ECON,
  handlerMe,
  openPage,
  setModel,
  staffMe,
} from '@/views/cases/__tests__/case-fixtures';
import { connectionOf } from '@/test-support/connections';
import { resetConsoleEachTest } from '@/test-support/signed-in-console';

let wrapper: VueWrapper | undefined;

const NOTICE = {
  id: 'notice-1',
  departmentId: ECON,
  departmentName: '经济发展部',
  grounds: ['DELAY'],
  content: '经济发展部对交办事项久拖不办，予以通报。',
  issuedAt: '2026-11-20T02:00:00.000Z',
  issuedByName: '王晓红',
  cases: [
    {
      id: 'case-7',
      registrationNo: '企业困难问题〔2026〕第7号',
      title: '用电增容',
      enterpriseName: '某公司',
    },
  ],
};
const ASSIGNED = {
  id: 'case-7',
  registrationNo: '企业困难问题〔2026〕第7号',
  title: '用电增容',
  status: 'IN_PROGRESS',
  overdue: true,
};

/** Dialogs are teleported to the body. */
const inBody = (testId: string) => document.body.querySelector<HTMLElement>(`[data-test="${testId}"]`);

/** Submits the dialog's form as the browser does when its submit button is pressed. */
async function submitNotice(): Promise<void> {
  inBody('notice-submit')!
    .closest('form')!
    .dispatchEvent(new Event('submit', { cancelable: true }));
  await flushPromises();
}

describe('circular notices (通报, Art. 11)', () => {
  resetConsoleEachTest(() => wrapper);

  it('lists notices with their grounds and links to the cases named', async () => {
    const api = caseApi(handlerMe, [{ action: 'read', subject: 'Case' }], {
      CircularNotices: () => ({ data: { circularNotices: connectionOf([NOTICE]) } }),
    });
    wrapper = (await openPage(api, '/notices')).wrapper;
    await vi.waitFor(() => expect(wrapper?.find('[data-test="notices-table"]').text()).toContain('久拖不办'));
    expect(wrapper.find('[data-test="notice-case-企业困难问题〔2026〕第7号"]').attributes('href')).toBe(
      '/cases/case-7',
    );
    // Only the service center issues them.
    expect(wrapper.find('[data-test="notice-issue"]').exists()).toBe(false);
  });

  it('the service center names a department, its cases and the grounds; errors stand beside the fields', async () => {
    let refuse = true;
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CircularNotices: () => ({ data: { circularNotices: connectionOf(refuse ? [] : [NOTICE]) } }),
      NoticeableCases: () => ({ data: { ledger: connectionOf([ASSIGNED]) } }),
      IssueCircularNotice: () => {
        if (refuse) {
          refuse = false;
          return graphqlError('BAD_USER_INPUT', 'Invalid input', {
            fields: [{ path: 'caseIds[0]', message: '该事项未交办给被通报的部门' }],
          });
        }
        return { data: { issueCircularNotice: NOTICE } };
      },
    });
    wrapper = (await openPage(api, '/notices')).wrapper;
    await vi.waitFor(() => expect(wrapper?.find('[data-test="notice-issue"]').exists()).toBe(true));
    await wrapper.find('[data-test="notice-issue"]').trigger('click');
    await flushPromises();

    // Nothing chosen: the form says what is missing and sends nothing.
    await submitNotice();
    expect(api.callsOf('IssueCircularNotice')).toHaveLength(0);
    await vi.waitFor(() => expect(inBody('notice-dialog')?.textContent).toContain('此项为必填'));

    await setModel(wrapper, ElSelect, 'notice-department', ECON);
    await vi.waitFor(() =>
      expect(api.callsOf('NoticeableCases')[0]?.variables).toEqual({ departmentId: ECON }),
    );
    await setModel(wrapper, ElSelect, 'notice-cases', ['case-7']);
    await setModel(wrapper, ElCheckboxGroup, 'notice-grounds', ['DELAY']);
    await setModel(wrapper, ElInput, 'notice-content', NOTICE.content);
    await submitNotice();

    expect(api.callsOf('IssueCircularNotice')[0]?.variables).toEqual({
      input: { departmentId: ECON, grounds: ['DELAY'], caseIds: ['case-7'], content: NOTICE.content },
    });
    await vi.waitFor(() =>
      expect(inBody('notice-dialog')?.textContent).toContain('该事项未交办给被通报的部门'),
    );

    await submitNotice();
    await vi.waitFor(() => expect(api.callsOf('IssueCircularNotice')).toHaveLength(2));
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="notices-table"]').text()).toContain('经济发展部'),
    );
  });
});
