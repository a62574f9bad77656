import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { PARK_ADMIN_RULES, parkAdminMe, PLATFORM_ADMIN_RULES } from '@/test-support/fixtures';
import { graphqlError, graphqlFetch } from '@/test-support/graphql-fetch';
import {
  openConsoleAt,
  platformAdminMe,
  resetConsoleEachTest,
  signedInApi,
} from '@/test-support/signed-in-console';

const econ = {
  id: 'dep-econ',
  code: 'JJ',
  name: '经济发展部',
  kind: 'PARK',
  active: true,
  headUserId: 'u-li',
};
const bureau = {
  id: 'dep-tax',
  code: 'SW',
  name: '区税务局',
  kind: 'DISTRICT',
  active: true,
  headUserId: null,
};

const users = [
  {
    id: 'u-li',
    username: 'lisi',
    displayName: '李四',
    active: true,
    recentFailedSignIns: 0,
    lastFailedSignInAt: null,
    roles: [{ role: 'DEPARTMENT_HEAD', departmentId: econ.id, department: { id: econ.id, name: econ.name } }],
  },
  {
    id: 'u-zhao',
    username: 'zhaoliu',
    displayName: '赵六',
    active: false,
    recentFailedSignIns: 0,
    lastFailedSignInAt: null,
    roles: [],
  },
];

let wrapper: VueWrapper | undefined;

async function open(api: ReturnType<typeof graphqlFetch>, path: string) {
  const mounted = await openConsoleAt(api, path);
  wrapper = mounted.wrapper;
  return mounted;
}

describe('console screens', () => {
  resetConsoleEachTest(() => wrapper);

  it('home: welcomes a park admin with the park and the role', async () => {
    const api = signedInApi(parkAdminMe, PARK_ADMIN_RULES, {});
    await open(api, '/');

    await vi.waitFor(() => expect(wrapper?.find('[data-test="welcome-card"]').exists()).toBe(true));
    expect(wrapper?.find('[data-test="welcome-tenant"]').text()).toBe('正阳工业园区');
    expect(wrapper?.find('[data-test="welcome-roles"]').text()).toContain('园区管理员');
    expect(wrapper?.find('[data-test="nav-users"]').exists()).toBe(true);
  });

  it('users: lists roles with departments and activates a deactivated user', async () => {
    const api = signedInApi(parkAdminMe, PARK_ADMIN_RULES, {
      Users: () => ({ data: { users } }),
      Departments: () => ({ data: { departments: [econ, bureau] } }),
      SetUserActive: (vars) => ({
        data: { setUserActive: { ...users[1], active: (vars.input as { active: boolean }).active } },
      }),
      OfficeAccounts: () => ({ data: { officeAccounts: [] } }),
    });
    await open(api, '/users');

    await vi.waitFor(() => expect(wrapper?.find('[data-test="users-table"]').text()).toContain('李四'));
    const table = wrapper!.find('[data-test="users-table"]').text();
    expect(table).toContain('部室负责人 · 经济发展部');
    expect(table).toContain('已停用');

    const activate = wrapper!
      .findAll('[data-test="toggle-active"]')
      .find((button) => button.text() === '启用');
    await activate?.trigger('click');
    await flushPromises();

    expect(api.callsOf('SetUserActive')[0]?.variables).toEqual({ input: { userId: 'u-zhao', active: true } });
    await vi.waitFor(() => expect(api.callsOf('Users').length).toBeGreaterThanOrEqual(2));
  });

  it('departments: shows 部室 and 区级部门 with their head', async () => {
    const api = signedInApi(parkAdminMe, PARK_ADMIN_RULES, {
      Departments: () => ({ data: { departments: [econ, bureau] } }),
      DepartmentHeadCandidates: () => ({
        data: { users: users.map(({ id, displayName, active }) => ({ id, displayName, active })) },
      }),
    });
    await open(api, '/departments');

    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="departments-table"]').text()).toContain('经济发展部'),
    );
    const table = wrapper!.find('[data-test="departments-table"]').text();
    expect(table).toContain('部室');
    expect(table).toContain('区级部门');
    expect(table).toContain('李四');
  });

  it('parks: the platform admin sees 平台 in the header and gets the password error beside the admin password', async () => {
    const api = signedInApi(platformAdminMe, PLATFORM_ADMIN_RULES, {
      DistrictsAndParks: () => ({
        data: {
          districts: [
            {
              id: 'd-1',
              code: 'QJ',
              name: '黔江区',
              createdAt: '2026-01-05T02:00:00Z',
              parks: [{ id: 'p-1' }],
            },
          ],
          parks: [
            {
              id: 'p-1',
              code: 'ZY',
              name: '正阳工业园区',
              districtId: 'd-1',
              district: { id: 'd-1', name: '黔江区' },
              createdAt: '2026-01-06T02:00:00Z',
            },
          ],
        },
      }),
      CreatePark: () =>
        graphqlError('BAD_USER_INPUT', 'Invalid input', {
          fields: [{ path: 'adminPassword', message: '密码已出现在泄露密码库中' }],
        }),
    });
    await open(api, '/parks');

    expect(wrapper?.find('[data-test="header-park-name"]').text()).toBe('平台');
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="parks-table"]').text()).toContain('正阳工业园区'),
    );
    expect(wrapper?.find('[data-test="districts-table"]').text()).toContain('黔江区');

    await wrapper!.find('[data-test="create-park"]').trigger('click');
    await vi.waitFor(() => expect(wrapper?.find('[data-test="park-code"]').exists()).toBe(true));
    const select = wrapper!
      .findAllComponents({ name: 'ElSelect' })
      .find((s) => s.attributes('data-test') === 'park-district');
    select?.vm.$emit('update:modelValue', 'd-1');
    await wrapper!.find('[data-test="park-code"]').setValue('NH');
    await wrapper!.find('[data-test="park-name"]').setValue('南海工业园区');
    await wrapper!.find('[data-test="park-admin-username"]').setValue('nhadmin');
    await wrapper!.find('[data-test="park-admin-display-name"]').setValue('孙七');
    await wrapper!.find('[data-test="park-admin-password"]').setValue('Nanhai-Park-2026');
    await wrapper!.find('[data-test="park-submit"]').trigger('click');
    await flushPromises();

    expect(api.callsOf('CreatePark')[0]?.variables).toEqual({
      input: {
        districtId: 'd-1',
        code: 'NH',
        name: '南海工业园区',
        adminUsername: 'nhadmin',
        adminDisplayName: '孙七',
        adminPassword: 'Nanhai-Park-2026',
      },
    });
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="create-park-dialog"]').text()).toContain('密码已出现在泄露密码库中'),
    );
  });

  it('shows the 404 page for an unknown address', async () => {
    const api = graphqlFetch({});
    await open(api, '/no-such-page');

    expect(wrapper?.find('[data-test="not-found"]').text()).toContain('404');
  });
});
