import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createAppI18n } from '@/locales';
import ActiveTag from '../active-tag.vue';
import ToggleActiveButton from '../toggle-active-button.vue';

let wrapper: VueWrapper | undefined;
const global = { plugins: [createAppI18n('zh-CN')] };

describe('a record’s active state', () => {
  afterEach(() => wrapper?.unmount());

  it('the tag says 启用 in green, 已停用 in grey', async () => {
    wrapper = mount(ActiveTag, { props: { active: true }, global });
    expect(wrapper.text()).toBe('启用');
    expect(wrapper.classes()).toContain('el-tag--success');
    await wrapper.setProps({ active: false });
    expect(wrapper.text()).toBe('已停用');
    expect(wrapper.classes()).toContain('el-tag--info');
  });

  it('the button offers 停用 in red for an active record, 启用 in green otherwise, and clicks', async () => {
    const click = vi.fn();
    wrapper = mount(ToggleActiveButton, {
      props: { active: true },
      attrs: { onClick: click, 'data-test': 'toggle' },
      global,
    });
    expect(wrapper.text()).toBe('停用');
    expect(wrapper.classes()).toEqual(expect.arrayContaining(['is-link', 'el-button--danger']));
    expect(wrapper.attributes('data-test')).toBe('toggle');
    await wrapper.trigger('click');
    expect(click).toHaveBeenCalledTimes(1);
    await wrapper.setProps({ active: false });
    expect(wrapper.text()).toBe('启用');
    expect(wrapper.classes()).toContain('el-button--success');
  });
});
