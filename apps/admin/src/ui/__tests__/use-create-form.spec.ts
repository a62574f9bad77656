import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { useI18n } from 'vue-i18n';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createAppI18n } from '@/locales';
import { requiredProblems, useCreateForm } from '../use-create-form';

type Send = (form: { code: string; name: string }) => Promise<{ data?: { id: string } | null }>;

let wrapper: VueWrapper | undefined;

/** The composable inside a component (it needs i18n), handed back to the test. */
function createForm(send: Send, onCreated = vi.fn()) {
  let created!: ReturnType<typeof useCreateForm<{ code: string; name: string }, { id: string }>>;
  wrapper = mount(
    defineComponent({
      setup() {
        const { t } = useI18n();
        created = useCreateForm({
          empty: () => ({ code: '', name: '' }),
          fields: ['code', 'name'],
          validate: (form) => requiredProblems(form, ['code', 'name'], t),
          send: (form) => send({ ...form }),
          success: 'common.saved',
          onCreated,
        });
        return () => h('div');
      },
    }),
    { global: { plugins: [createAppI18n('zh-CN')] } },
  );
  return { created, onCreated };
}

describe('the form of a create dialog', () => {
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });

  it('names the blank fields as required and sends nothing', async () => {
    const send = vi.fn<Send>();
    const { created } = createForm(send);
    created.form.code = '  ';
    expect(await created.submit()).toBe(false);
    expect(created.errors.value).toEqual({ code: '此项为必填', name: '此项为必填' });
    expect(send).not.toHaveBeenCalled();
  });

  it('sends the form, then is blank again and says it was created', async () => {
    const send = vi.fn<Send>().mockResolvedValue({ data: { id: 'd-1' } });
    const { created, onCreated } = createForm(send);
    Object.assign(created.form, { code: 'QJ', name: '黔江区' });
    expect(await created.submit()).toBe(true);
    expect(send).toHaveBeenCalledWith({ code: 'QJ', name: '黔江区' });
    expect(created.form).toEqual({ code: '', name: '' });
    expect(onCreated).toHaveBeenCalledTimes(1);
  });

  it('starts blank again when reset (the dialog closed), its errors gone', async () => {
    const { created } = createForm(vi.fn<Send>());
    created.form.name = '正阳';
    await created.submit();
    created.reset();
    expect(created.form).toEqual({ code: '', name: '' });
    expect(created.errors.value).toEqual({});
  });
});
