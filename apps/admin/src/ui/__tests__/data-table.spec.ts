import { afterEach, describe, expect, it } from 'vitest';
import { h } from 'vue';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElTableColumn } from 'element-plus';
import { createAppI18n } from '@/locales';
import DataTable from '../data-table.vue';

let wrapper: VueWrapper | undefined;

async function mountTable(props: Record<string, unknown>) {
  wrapper = mount(DataTable, {
    props,
    attrs: { 'data-test': 'rows' },
    slots: { default: () => h(ElTableColumn, { prop: 'name', label: '名称' }) },
    attachTo: document.body,
    global: { plugins: [createAppI18n('zh-CN')] },
  });
  await flushPromises();
  return wrapper;
}

describe('the data table', () => {
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });

  it('shows the rows with the columns given, and takes the attributes of a table', async () => {
    const view = await mountTable({ data: [{ id: 'a', name: '经济发展部' }] });
    const table = view.find('[data-test="rows"]');
    expect(table.classes()).toContain('el-table');
    expect(table.find('thead').text()).toContain('名称');
    expect(table.find('tbody').text()).toContain('经济发展部');
  });

  it('says 暂无数据 when there is nothing, or the sentence given', async () => {
    expect((await mountTable({ data: [] })).find('.el-table__empty-text').text()).toBe('暂无数据');
    wrapper!.unmount();
    const view = await mountTable({ data: [], emptyText: '还没有账号' });
    expect(view.find('.el-table__empty-text').text()).toBe('还没有账号');
  });

  it('is masked while loading', async () => {
    const view = await mountTable({ data: [], loading: true });
    expect(view.find('.el-loading-mask').exists()).toBe(true);
  });
});
