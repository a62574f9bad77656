import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { install as installUrql } from '@urql/vue';
import { ElSelect } from 'element-plus';
import { createApiClient } from '@/api/api-client';
import { createAppI18n } from '@/locales';
import { graphqlError, graphqlFetch, type GraphQLHandler } from '@/test-support/graphql-fetch';
import CreateUserDialog from '../create-user-dialog.vue';

const departments = [
  { id: 'dep-econ', name: '经济发展部' },
  { id: 'dep-plan', name: '规划建设部' },
];

const mounted: VueWrapper[] = [];

async function renderDialog(createUser: GraphQLHandler) {
  const api = graphqlFetch({ CreateUser: createUser });
  const client = createApiClient({
    fetch: api.fetch,
    getAccessToken: () => 'access-1',
    refresh: async () => false,
    onAuthFailure: () => undefined,
  });
  // Attached: a browser (and happy-dom) only submits forms that are in the document.
  const wrapper = mount(CreateUserDialog, {
    attachTo: document.body,
    props: { open: true, departments },
    global: { plugins: [createAppI18n('zh-CN'), [installUrql, client]] },
  });
  // The dialog renders its body once the open transition starts.
  await vi.waitFor(() => expect(wrapper.find('[data-test="create-user-username"]').exists()).toBe(true));
  mounted.push(wrapper);
  return { wrapper, api };
}

async function fillIdentity(wrapper: VueWrapper): Promise<void> {
  await wrapper.find('[data-test="create-user-username"]').setValue('wangwu');
  await wrapper.find('[data-test="create-user-display-name"]').setValue('王五');
  await wrapper.find('[data-test="create-user-password"]').setValue('Zhengyang-2026');
}

/** Picks an option the way the select reports it (its dropdown lives in a popper). */
async function choose(wrapper: VueWrapper, selectTestId: string, value: string): Promise<void> {
  const select = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === selectTestId);
  if (!select) throw new Error(`no select ${selectTestId}`);
  select.vm.$emit('update:modelValue', value);
  select.vm.$emit('change', value);
  await flushPromises();
}

async function submit(wrapper: VueWrapper): Promise<void> {
  await wrapper.find('[data-test="create-user-submit"]').trigger('click');
  await flushPromises();
}

function errorBeside(wrapper: VueWrapper, itemTestId: string): string {
  return wrapper.find(`[data-test="${itemTestId}"] .el-form-item__error`).text();
}

describe('create-user dialog', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

  it('refuses to submit a 部室经办人 without a department and says why beside the department field', async () => {
    const { wrapper, api } = await renderDialog(() => ({ data: null }));
    await fillIdentity(wrapper);
    await choose(wrapper, 'grant-role', 'DEPARTMENT_HANDLER');

    await submit(wrapper);

    expect(api.calls).toHaveLength(0);
    await vi.waitFor(() =>
      expect(errorBeside(wrapper, 'grant-department-item')).toBe('部室负责人和部室经办人必须选择所属部室'),
    );
  });

  it('sends the grant with its department and shows the server field error beside the password', async () => {
    const { wrapper, api } = await renderDialog(() =>
      graphqlError('BAD_USER_INPUT', 'Invalid input', {
        fields: [{ path: 'password', message: '密码不能包含用户名' }],
      }),
    );
    await fillIdentity(wrapper);
    await choose(wrapper, 'grant-role', 'DEPARTMENT_HANDLER');
    await choose(wrapper, 'grant-department', 'dep-econ');
    await wrapper.find('[data-test="create-user-email"]').setValue(' wangwu@zhengyang.example ');

    await submit(wrapper);

    expect(api.callsOf('CreateUser')[0]?.variables).toEqual({
      input: {
        username: 'wangwu',
        displayName: '王五',
        email: 'wangwu@zhengyang.example',
        password: 'Zhengyang-2026',
        roles: [{ role: 'DEPARTMENT_HANDLER', departmentId: 'dep-econ' }],
      },
    });
    await vi.waitFor(() =>
      expect(errorBeside(wrapper, 'create-user-password-item')).toBe('密码不能包含用户名'),
    );
    expect(wrapper.emitted('created')).toBeUndefined();
  });

  it('shows a CONFLICT (username taken) as a Chinese message and keeps the dialog open', async () => {
    const { wrapper } = await renderDialog(() => graphqlError('CONFLICT', 'username already exists'));
    await fillIdentity(wrapper);
    await choose(wrapper, 'grant-role', 'LEADER_IN_CHARGE');

    await submit(wrapper);

    await vi.waitFor(() =>
      expect(document.body.querySelector('.el-message')?.textContent).toContain('数据与现有记录冲突'),
    );
    expect(wrapper.emitted('created')).toBeUndefined();
  });

  it('checks the e-mail address before calling the API; none is fine', async () => {
    const { wrapper, api } = await renderDialog(() => ({ data: null }));
    await fillIdentity(wrapper);
    await wrapper.find('[data-test="create-user-email"]').setValue('wangwu@');
    await choose(wrapper, 'grant-role', 'SERVICE_CENTER_STAFF');

    await submit(wrapper);

    expect(api.calls).toHaveLength(0);
    await vi.waitFor(() =>
      expect(errorBeside(wrapper, 'create-user-email-item')).toBe('请输入有效的邮箱地址'),
    );
  });

  it('checks the password policy before calling the API', async () => {
    const { wrapper, api } = await renderDialog(() => ({ data: null }));
    await fillIdentity(wrapper);
    await wrapper.find('[data-test="create-user-password"]').setValue('password');
    await choose(wrapper, 'grant-role', 'SERVICE_CENTER_STAFF');

    await submit(wrapper);

    expect(api.calls).toHaveLength(0);
    await vi.waitFor(() => expect(errorBeside(wrapper, 'create-user-password-item')).toContain('至少10位'));
  });

  it('creates a user without a department for a park-wide role and closes', async () => {
    const { wrapper, api } = await renderDialog((vars) => ({
      data: {
        createUser: {
          id: 'u-new',
          username: (vars.input as { username: string }).username,
          displayName: '王五',
          email: null,
          active: true,
          recentFailedSignIns: 0,
          lastFailedSignInAt: null,
          roles: [{ role: 'SERVICE_CENTER_STAFF', departmentId: null, department: null }],
        },
      },
    }));
    await fillIdentity(wrapper);
    await choose(wrapper, 'grant-role', 'SERVICE_CENTER_STAFF');

    await submit(wrapper);

    expect(api.callsOf('CreateUser')[0]?.variables.input).toMatchObject({
      email: null,
      roles: [{ role: 'SERVICE_CENTER_STAFF' }],
    });
    expect(wrapper.emitted('created')).toHaveLength(1);
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false]);
  });
});
