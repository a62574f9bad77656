import { afterEach, describe, expect, it, vi } from 'vitest';
import { h, ref } from 'vue';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElForm } from 'element-plus';
import { createAppI18n } from '@/locales';
import TextField from '../text-field.vue';

let wrapper: VueWrapper | undefined;

function mountField(props: { label: string } & Record<string, unknown>) {
  const value = ref('');
  wrapper = mount(
    () =>
      h(ElForm, { labelPosition: 'top' }, () =>
        h(TextField, {
          modelValue: value.value,
          'onUpdate:modelValue': (next: string) => (value.value = next),
          'data-test': 'field',
          ...props,
        }),
      ),
    { attachTo: document.body, global: { plugins: [createAppI18n('zh-CN')] } },
  );
  return { value, input: () => wrapper!.find<HTMLInputElement>('input[data-test="field"]') };
}

describe('the text field', () => {
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });

  it('labels its input and binds the value both ways', async () => {
    const { value, input } = mountField({ label: '编码' });
    await flushPromises();
    const label = wrapper!.find('label');
    expect(label.text()).toBe('编码');
    expect(label.attributes('for')).toBe(input().attributes('id'));
    expect(input().attributes('autocomplete')).toBe('off');
    await input().setValue('JJ');
    expect(value.value).toBe('JJ');
  });

  it('shows the error beneath the input, and the hint', async () => {
    mountField({ label: '邮箱', type: 'email', error: '邮箱格式不正确', hint: '留空则不发邮件' });
    // The item shows its error a moment after it has one.
    await vi.waitFor(() => expect(wrapper!.find('.el-form-item__error').exists()).toBe(true));
    expect(wrapper!.find('.el-form-item__error').text()).toBe('邮箱格式不正确');
    expect(wrapper!.find('.text-field__hint').text()).toBe('留空则不发邮件');
  });

  it('hides a password, never autofilled, and names its item for tests', () => {
    const { input } = mountField({ label: '密码', type: 'password', itemTest: 'field-item' });
    expect(input().attributes('type')).toBe('password');
    expect(input().attributes('autocomplete')).toBe('new-password');
    expect(wrapper!.find('[data-test="field-item"]').classes()).toContain('el-form-item');
  });

  it('passes the input its attributes (disabled)', () => {
    const { input } = mountField({ label: '编码', disabled: true });
    expect(input().element.disabled).toBe(true);
  });
});
