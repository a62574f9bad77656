import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createAppI18n } from '@/locales';
import PageSection from '../page-section.vue';

let wrapper: VueWrapper | undefined;

function mountSection(
  props: { title: string; level?: 1 | 2; onRefresh?: () => void },
  slots: Record<string, () => unknown> = {},
) {
  wrapper = mount(PageSection, { props, slots, global: { plugins: [createAppI18n('zh-CN')] } });
  return wrapper;
}

describe('the page section', () => {
  afterEach(() => wrapper?.unmount());

  it('heads its content with the title at the level asked, its actions beside it', () => {
    const view = mountSection(
      { title: '部门管理', level: 1 },
      {
        actions: () => h('button', { 'data-test': 'create' }, '新建部门'),
        default: () => h('p', { class: 'content' }, '列表'),
      },
    );
    expect(view.element.tagName).toBe('SECTION');
    expect(view.find('.page-toolbar h1').text()).toBe('部门管理');
    expect(view.find('.page-toolbar [data-test="create"]').text()).toBe('新建部门');
    expect(view.find('.page-toolbar + .content').text()).toBe('列表');
  });

  it('is a second-level section by default, with no actions unless given', () => {
    const view = mountSection({ title: '园区' });
    expect(view.find('.page-toolbar h2').text()).toBe('园区');
    expect(view.find('.page-toolbar > div').exists()).toBe(false);
  });

  it('leads the actions with 刷新 when listened to for a refresh', async () => {
    const refresh = vi.fn();
    const view = mountSection(
      { title: '用户管理', onRefresh: refresh },
      { actions: () => h('button', { 'data-test': 'create' }, '新建用户') },
    );
    const buttons = view.findAll('.page-toolbar button');
    expect(buttons.map((button) => button.text())).toEqual(['刷新', '新建用户']);
    await buttons[0]!.trigger('click');
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
