import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import type { MeFieldsFragment } from '@/gql/graphql';
import { PARK_ADMIN_RULES, parkAdminMe, PLATFORM_ADMIN_RULES } from '@/test-support/fixtures';
import { graphqlError, type GraphQLHandler } from '@/test-support/graphql-fetch';
import {
  openConsoleAt,
  platformAdminMe,
  resetConsoleEachTest,
  signedInApi,
} from '@/test-support/signed-in-console';
import { errorBeside, setModel } from '@/views/cases/__tests__/case-fixtures';

const OFFICES = [
  { code: 'DISTRICT_PRIVATE_ECONOMY_OFFICE', name: '区民促办', nameEn: null, copiedOn: ['REFERRAL_LETTER'] },
  {
    code: 'CITY_SUPERVISION_OFFICE',
    name: '市委督查室',
    nameEn: null,
    copiedOn: ['SUPERVISION_LETTER', 'OVERDUE_HANDOVER'],
  },
];

const account = (overrides: Record<string, unknown> = {}) => ({
  id: 'u-city',
  username: 'zy.city',
  displayName: '市委督查室',
  email: null,
  active: true,
  recentFailedSignIns: 0,
  officeCode: 'CITY_SUPERVISION_OFFICE',
  officeName: '市委督查室',
  parkId: 'p-zy',
  parkName: '正阳工业园区',
  districtId: null,
  districtName: null,
  createdAt: '2026-12-01T02:00:00.000Z',
  ...overrides,
});

let wrapper: VueWrapper | undefined;

async function openUsersPage(
  me: MeFieldsFragment,
  rules: typeof PARK_ADMIN_RULES,
  handlers: Record<string, GraphQLHandler>,
) {
  const api = signedInApi(me, rules, handlers);
  const mounted = await openConsoleAt(api, '/users');
  wrapper = mounted.wrapper;
  return { api, view: mounted.wrapper };
}

async function openDialog(view: VueWrapper): Promise<void> {
  await vi.waitFor(() => expect(view.find('[data-test="create-office-account"]').exists()).toBe(true));
  await view.find('[data-test="create-office-account"]').trigger('click');
  await vi.waitFor(() => expect(view.find('[data-test="office-account-username"]').exists()).toBe(true));
}

async function fillIdentity(view: VueWrapper): Promise<void> {
  await view.find('[data-test="office-account-username"]').setValue('zy.city');
  await view.find('[data-test="office-account-display-name"]').setValue('市委督查室');
  await view.find('[data-test="office-account-password"]').setValue('Supervise@2026');
}

describe('outside offices’ accounts on the users page', () => {
  resetConsoleEachTest(() => wrapper);

  it('a park administrator creates one for its park, choosing among the cc offices of its rules', async () => {
    const accounts = [account({ id: 'u-old', username: 'zy.old', active: false })];
    const { api, view } = await openUsersPage(parkAdminMe, PARK_ADMIN_RULES, {
      Users: () => ({ data: { users: [] } }),
      Departments: () => ({ data: { departments: [] } }),
      OfficeAccounts: () => ({ data: { officeAccounts: accounts } }),
      OutsideOffices: () => ({ data: { outsideOffices: OFFICES } }),
      CreateOfficeAccount: () => {
        const created = account();
        accounts.push(created);
        return { data: { createOfficeAccount: created } };
      },
    });
    await vi.waitFor(() =>
      expect(view.find('[data-test="office-accounts-table"]').text()).toContain('zy.old'),
    );
    // The park's own people are managed on the same page.
    expect(view.find('[data-test="users-table"]').exists()).toBe(true);

    await openDialog(view);
    // A park administrator does not choose where: the API knows its park.
    expect(view.find('[data-test="office-account-scope"]').exists()).toBe(false);
    expect(api.callsOf('OutsideOffices')[0]?.variables).toEqual({ parkId: null, districtId: null });
    await fillIdentity(view);
    await view.find('[data-test="office-account-submit"]').trigger('click');
    await flushPromises();
    // No office chosen: refused before anything is sent.
    expect(api.callsOf('CreateOfficeAccount')).toHaveLength(0);
    await vi.waitFor(() => expect(errorBeside(view, 'office-account-office-item')).toBe('此项为必填'));

    await setModel(view, ElSelect, 'office-account-office', 'CITY_SUPERVISION_OFFICE');
    await view.find('[data-test="office-account-submit"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('CreateOfficeAccount')[0]?.variables).toEqual({
      input: {
        username: 'zy.city',
        displayName: '市委督查室',
        email: null,
        password: 'Supervise@2026',
        officeCode: 'CITY_SUPERVISION_OFFICE',
        parkId: null,
        districtId: null,
      },
    });
    await vi.waitFor(() =>
      expect(view.find('[data-test="office-accounts-table"]').text()).toContain('zy.city'),
    );
  });

  it('the platform chooses a district, then one of its parks’ offices; a refusal shows beside its field', async () => {
    const { api, view } = await openUsersPage(platformAdminMe, PLATFORM_ADMIN_RULES, {
      OfficeAccounts: () => ({ data: { officeAccounts: [] } }),
      DistrictsAndParks: () => ({
        data: {
          districts: [
            {
              id: 'd-qj',
              code: 'qianjiang',
              name: '黔江区',
              createdAt: '2026-01-01T00:00:00Z',
              parks: [{ id: 'p-zy' }],
            },
          ],
          parks: [
            {
              id: 'p-zy',
              code: 'zhengyang',
              name: '正阳工业园区',
              districtId: 'd-qj',
              district: { id: 'd-qj', name: '黔江区' },
              createdAt: '2026-01-01T00:00:00Z',
            },
          ],
        },
      }),
      OutsideOffices: () => ({ data: { outsideOffices: OFFICES } }),
      CreateOfficeAccount: () =>
        graphqlError('BAD_USER_INPUT', 'Invalid input', {
          fields: [
            { path: 'officeCode', message: "不是园区规则中的抄送单位 / not a cc office of the park's rules" },
          ],
        }),
    });
    // The platform manages no park's people: only the offices' accounts.
    await vi.waitFor(() => expect(view.find('[data-test="office-accounts"]').exists()).toBe(true));
    expect(view.find('[data-test="users-table"]').exists()).toBe(false);
    expect(api.callsOf('Users')).toHaveLength(0);

    await openDialog(view);
    expect(view.find('[data-test="office-account-scope"]').exists()).toBe(true);
    // Nothing to choose from before a park or district is.
    expect(api.callsOf('OutsideOffices')).toHaveLength(0);
    await setModel(view, { name: 'ElRadioGroup' }, 'office-account-scope', 'DISTRICT');
    await setModel(view, ElSelect, 'office-account-district', 'd-qj');
    await vi.waitFor(() =>
      expect(api.callsOf('OutsideOffices').at(-1)?.variables).toEqual({ parkId: null, districtId: 'd-qj' }),
    );
    await setModel(view, ElSelect, 'office-account-office', 'CITY_SUPERVISION_OFFICE');
    await fillIdentity(view);
    await view.find('[data-test="office-account-submit"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('CreateOfficeAccount')[0]?.variables).toMatchObject({
      input: { officeCode: 'CITY_SUPERVISION_OFFICE', parkId: null, districtId: 'd-qj' },
    });
    await vi.waitFor(() =>
      expect(errorBeside(view, 'office-account-office-item')).toBe(
        "不是园区规则中的抄送单位 / not a cc office of the park's rules",
      ),
    );
  });
});
