import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import type { RawRuleOf } from '@casl/ability';
import type { AppAbility } from '@/auth/ability';
import type { EnterpriseRowFragment, MeFieldsFragment } from '@/gql/graphql';
import { PARK_ADMIN_RULES, parkAdminMe } from '@/test-support/fixtures';
import { graphqlError, type GraphQLHandler } from '@/test-support/graphql-fetch';
import { errorBeside, setModel, staffMe } from '@/views/cases/__tests__/case-fixtures';
import { connectionOf } from '@/test-support/connections';
import { openConsoleAt, resetConsoleEachTest, signedInApi } from '@/test-support/signed-in-console';

type Rule = RawRuleOf<AppAbility>;

const STAFF_RULES: Rule[] = [
  { action: 'read', subject: 'User' },
  { action: 'read', subject: 'Department' },
  { action: ['create', 'read', 'update'], subject: 'Case' },
  { action: ['read', 'update'], subject: 'Enterprise' },
];
const ADMIN_RULES: Rule[] = [...PARK_ADMIN_RULES, { action: ['read', 'update'], subject: 'Enterprise' }];

const enterprise = (overrides: Partial<EnterpriseRowFragment> = {}): EnterpriseRowFragment => ({
  id: 'e-1',
  creditCode: '91500114MA5U3XKL2T',
  name: '重庆正阳精密机械有限公司',
  address: '正阳工业园区1号',
  contactName: '王经理',
  contactPhone: '023-79420000',
  operating: true,
  linkedDepartmentId: null,
  linkedDepartmentName: null,
  linkedCadreUserId: null,
  linkedCadreName: null,
  linkedCadrePhone: null,
  ...overrides,
});

const CANDIDATES = {
  departments: [
    { id: 'dep-invest', name: '招商投资促进部', kind: 'PARK', active: true },
    { id: 'dep-old', name: '原综合科', kind: 'PARK', active: false },
    { id: 'dep-tax', name: '区税务局', kind: 'DISTRICT', active: true },
  ],
  users: [
    { id: 'u-cadre', displayName: '罗军', active: true, roles: [{ role: 'DEPARTMENT_HANDLER' }] },
    { id: 'u-admin', displayName: '张三', active: true, roles: [{ role: 'PARK_ADMIN' }] },
    { id: 'u-gone', displayName: '已离职', active: false, roles: [{ role: 'LEADER_IN_CHARGE' }] },
  ],
};

let wrapper: VueWrapper | undefined;

async function openRegister(me: MeFieldsFragment, rules: Rule[], handlers: Record<string, GraphQLHandler>) {
  const api = signedInApi(me, rules, {
    EnterpriseLinkCandidates: () => ({ data: CANDIDATES }),
    ...handlers,
  });
  const mounted = await openConsoleAt(api, '/enterprises');
  wrapper = mounted.wrapper;
  return { api, view: mounted.wrapper };
}

const page = (testId: string) => wrapper!.find(`[data-test="${testId}"]`);

async function openLinkDialog(view: VueWrapper): Promise<void> {
  const button = '[data-test="enterprise-link-91500114MA5U3XKL2T"]';
  await vi.waitFor(() => expect(view.find(button).exists()).toBe(true));
  await view.find(button).trigger('click');
  await vi.waitFor(() => expect(view.find('[data-test="enterprise-link-phone"]').exists()).toBe(true));
}

const optionLabels = (view: VueWrapper, testId: string): string[] => {
  const select = view.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === testId);
  return (select!.vm.$slots.default?.() ?? [])
    .flatMap((node) => (Array.isArray(node.children) ? node.children : [node]))
    .map((node) => (node as { props?: { label?: string } }).props?.label ?? '')
    .filter(Boolean);
};

describe('the enterprise register: linked department and cadre (挂钩联系)', () => {
  resetConsoleEachTest(() => wrapper);

  it('the service center links an enterprise to an active park department and a person who works on cases', async () => {
    const rows = [enterprise()];
    const { api, view } = await openRegister(staffMe, STAFF_RULES, {
      EnterpriseRegister: () => ({ data: { enterprises: connectionOf(rows) } }),
      SetEnterpriseLink: (vars) => {
        const input = vars.input as Record<string, string | null>;
        rows[0] = enterprise({
          linkedDepartmentId: input.linkedDepartmentId,
          linkedDepartmentName: '招商投资促进部',
          linkedCadreUserId: input.linkedCadreUserId,
          linkedCadreName: '罗军',
          linkedCadrePhone: input.linkedCadrePhone,
        });
        return { data: { setEnterpriseLink: rows[0] } };
      },
    });
    await vi.waitFor(() => expect(page('enterprises-table').text()).toContain('重庆正阳精密机械有限公司'));
    expect(page('enterprises-table').text()).toContain('未设置');
    // The service center also imports the register here.
    expect(page('enterprise-import').exists()).toBe(true);

    await openLinkDialog(view);
    expect(optionLabels(view, 'enterprise-link-department')).toEqual(['招商投资促进部']);
    expect(optionLabels(view, 'enterprise-link-cadre')).toEqual(['罗军']);
    // No phone without a cadre.
    expect(page('enterprise-link-phone').attributes('disabled')).toBeDefined();
    await setModel(view, ElSelect, 'enterprise-link-department', 'dep-invest');
    await setModel(view, ElSelect, 'enterprise-link-cadre', 'u-cadre');
    await page('enterprise-link-phone').setValue(' 13800000003 ');
    await page('enterprise-link-submit').trigger('click');
    await flushPromises();
    expect(api.callsOf('SetEnterpriseLink')[0]?.variables).toEqual({
      input: {
        enterpriseId: 'e-1',
        linkedDepartmentId: 'dep-invest',
        linkedCadreUserId: 'u-cadre',
        linkedCadrePhone: '13800000003',
      },
    });
    await vi.waitFor(() => expect(page('enterprises-table').text()).toContain('招商投资促进部'));
    expect(page('enterprises-table').text()).toContain('罗军 13800000003');
  });

  it('clearing the cadre clears the phone; the API’s refusal shows beside its field', async () => {
    const { api, view } = await openRegister(parkAdminMe, ADMIN_RULES, {
      EnterpriseRegister: () => ({
        data: {
          enterprises: connectionOf([
            enterprise({
              linkedDepartmentId: 'dep-invest',
              linkedDepartmentName: '招商投资促进部',
              linkedCadreUserId: 'u-cadre',
              linkedCadreName: '罗军',
              linkedCadrePhone: '13800000003',
            }),
          ]),
        },
      }),
      SetEnterpriseLink: () =>
        graphqlError('BAD_USER_INPUT', 'Invalid input', {
          fields: [{ path: 'linkedDepartmentId', message: 'INVESTMENT_PROMOTION is no longer active' }],
        }),
    });
    // The park admin links enterprises but does not import them (that goes with registering cases).
    await vi.waitFor(() => expect(page('enterprises-table').text()).toContain('罗军 13800000003'));
    expect(page('enterprise-import').exists()).toBe(false);

    await openLinkDialog(view);
    await setModel(view, ElSelect, 'enterprise-link-cadre', undefined);
    expect((page('enterprise-link-phone').element as HTMLInputElement).value).toBe('');
    await page('enterprise-link-submit').trigger('click');
    await flushPromises();
    expect(api.callsOf('SetEnterpriseLink')[0]?.variables).toEqual({
      input: {
        enterpriseId: 'e-1',
        linkedDepartmentId: 'dep-invest',
        linkedCadreUserId: null,
        linkedCadrePhone: null,
      },
    });
    await vi.waitFor(() =>
      expect(errorBeside(view, 'enterprise-link-department-item')).toBe(
        'INVESTMENT_PROMOTION is no longer active',
      ),
    );
    expect(page('enterprise-link-dialog').isVisible()).toBe(true);
  });
});
