import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import type { ParkRules } from '@qifu/domain';
import { ECON, PLANNING, registeredCase, setModel, zhengyangRules } from './case-fixtures';
import { caseDetailApi, openCase, resetCasePage } from './case-page';

let wrapper: VueWrapper | undefined;

const LINK = {
  departmentId: PLANNING,
  departmentName: '规划建设部',
  cadreUserId: 'u-cadre',
  cadreName: '罗军',
  cadrePhone: '13800000003',
};

/** Zhengyang's rules with a first route for cases led by the enterprise's linked department. */
function linkedRules(): ParkRules {
  const rules = zhengyangRules();
  rules.approvalRoutes = [
    {
      code: 'LINKED_LEAD',
      labelZh: '挂钩联系部门牵头：直接交办',
      labelEn: 'Led by the linked department: assigned directly',
      condition: { jurisdiction: 'PARK', leadIsLinkedDepartment: true },
      sendsReferralLetter: false,
      approvalSteps: [],
    },
    ...rules.approvalRoutes,
  ];
  return rules;
}

describe('the case page: the enterprise’s link (挂钩联系) as registered', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });
  resetCasePage(() => wrapper);

  it('shows the linked department and cadre with phone; a case without one shows none', async () => {
    const linked = registeredCase({ enterpriseLink: LINK });
    const api = caseDetailApi(linked);
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="case-enterprise-link"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="case-enterprise-link"]').text()).toBe(
      '挂钩联系部门：规划建设部；挂钩联系干部：罗军 13800000003',
    );
    wrapper.unmount();

    const plain = caseDetailApi(registeredCase());
    wrapper = await openCase(plain);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="case-registration"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="case-enterprise-link"]').exists()).toBe(false);
  });

  it('screening previews the route on the link: the linked department as lead, or another', async () => {
    const verified = registeredCase({
      status: 'VERIFIED',
      version: 2,
      hopedDepartmentIds: [PLANNING],
      allowedActions: ['screen'],
      enterpriseLink: LINK,
    });
    const api = caseDetailApi(verified, {}, { parkRules: linkedRules() });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-screen"]').exists()).toBe(true));
    await wrapper.find('[data-test="action-screen"]').trigger('click');
    await vi.waitFor(() => expect(wrapper?.find('[data-test="action-submit"]').exists()).toBe(true));

    const route = () => wrapper!.find('[data-test="action-approval-route"]').text();
    expect(route()).toContain('挂钩联系部门牵头：直接交办');
    await setModel(wrapper, ElSelect, 'action-field-lead-department-id', ECON);
    expect(route()).toContain('（分管领导）');
  });
});
