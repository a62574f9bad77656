import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { install as installUrql } from '@urql/vue';
import { createApiClient } from '@/api/api-client';
import type { UserRowFragment } from '@/gql/graphql';
import { createAppI18n } from '@/locales';
import { graphqlError, graphqlFetch, type GraphQLHandler } from '@/test-support/graphql-fetch';
import UserTextDialog from '../user-text-dialog.vue';

const staff: UserRowFragment = {
  id: 'u-staff',
  username: 'zy.staff',
  displayName: '服务中心 张敏',
  email: 'zhangmin@zhengyang.example',
  active: true,
  recentFailedSignIns: 0,
  lastFailedSignInAt: null,
  roles: [{ role: 'SERVICE_CENTER_STAFF', departmentId: null, department: null }],
};

const mounted: VueWrapper[] = [];

async function renderDialog(setUserEmail: GraphQLHandler, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const api = graphqlFetch({ SetUserEmail: setUserEmail });
  const client = createApiClient({
    fetch: api.fetch,
    getAccessToken: () => 'access-1',
    refresh: async () => false,
    onAuthFailure: () => undefined,
  });
  const wrapper = mount(UserTextDialog, {
    attachTo: document.body,
    props: { open: true, user: staff, field: 'email' },
    global: { plugins: [createAppI18n(locale), [installUrql, client]] },
  });
  await vi.waitFor(() => expect(wrapper.find('[data-test="edit-email"]').exists()).toBe(true));
  mounted.push(wrapper);
  return { wrapper, api };
}

const input = (wrapper: VueWrapper) => wrapper.find<HTMLInputElement>('[data-test="edit-email"]');
const error = (wrapper: VueWrapper) => wrapper.find('[data-test="edit-email-item"] .el-form-item__error');

async function save(wrapper: VueWrapper): Promise<void> {
  await wrapper.find('[data-test="edit-email-submit"]').trigger('click');
  await flushPromises();
}

describe('edit-email dialog', () => {
  afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

  it('starts from the current address and clears it to stop e-mail notifications', async () => {
    const { wrapper, api } = await renderDialog(() => ({
      data: { setUserEmail: { ...staff, email: null } },
    }));
    expect(input(wrapper).element.value).toBe('zhangmin@zhengyang.example');
    expect(wrapper.text()).toContain('留空则只在系统内通知');
    await input(wrapper).setValue('  ');
    await save(wrapper);
    expect(api.callsOf('SetUserEmail')[0]?.variables).toEqual({ input: { userId: 'u-staff', email: null } });
    expect(wrapper.emitted('saved')).toHaveLength(1);
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false]);
  });

  it('refuses a malformed address beside the field without calling the API', async () => {
    const { wrapper, api } = await renderDialog(() => ({ data: null }), 'en');
    await input(wrapper).setValue('zhangmin at zhengyang');
    await save(wrapper);
    expect(api.calls).toHaveLength(0);
    await vi.waitFor(() => expect(error(wrapper).text()).toBe('Enter a valid e-mail address'));
  });

  it('shows the server’s word on the address beside the field and stays open', async () => {
    const { wrapper } = await renderDialog(() =>
      graphqlError('BAD_USER_INPUT', 'Invalid input', { fields: [{ path: 'email', message: '邮箱过长' }] }),
    );
    await input(wrapper).setValue('chen@zhengyang.example');
    await save(wrapper);
    await vi.waitFor(() => expect(error(wrapper).text()).toBe('邮箱过长'));
    expect(wrapper.emitted('saved')).toBeUndefined();
  });
});
