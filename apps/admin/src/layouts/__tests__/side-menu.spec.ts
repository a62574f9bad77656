import { describe, expect, it } from 'vitest';
import { computed } from 'vue';
import { mount } from '@vue/test-utils';
import { createMemoryHistory } from 'vue-router';
import { abilityFromPacked } from '@/auth/ability';
import { abilityKey } from '@/auth/use-ability';
import { createAppI18n } from '@/locales';
import { createAppRouter } from '@/router';
import {
  packedAbilities,
  PARK_ADMIN_RULES,
  PLATFORM_ADMIN_RULES,
  SERVICE_CENTER_STAFF_RULES,
} from '@/test-support/fixtures';
import SideMenu from '../side-menu.vue';

async function renderMenu(packed: string) {
  const router = createAppRouter(createMemoryHistory());
  await router.push('/login');
  const ability = computed(() => abilityFromPacked(packed));
  return mount(SideMenu, {
    global: { plugins: [createAppI18n('zh-CN'), router], provide: { [abilityKey as symbol]: ability } },
  });
}

describe('side menu', () => {
  it('shows 用户管理 and 部门管理 to a park admin, but not 园区管理', async () => {
    const menu = await renderMenu(packedAbilities(PARK_ADMIN_RULES));

    expect(menu.find('[data-test="nav-users"]').text()).toBe('用户管理');
    expect(menu.find('[data-test="nav-departments"]').text()).toBe('部门管理');
    expect(menu.find('[data-test="nav-parks"]').exists()).toBe(false);
  });

  it('hides 用户管理 from service-center staff who can only read users', async () => {
    const menu = await renderMenu(packedAbilities(SERVICE_CENTER_STAFF_RULES));

    expect(menu.text()).toContain('首页');
    expect(menu.text()).not.toContain('用户管理');
    expect(menu.find('[data-test="nav-users"]').exists()).toBe(false);
    expect(menu.find('[data-test="nav-departments"]').exists()).toBe(false);
  });

  it('shows 园区管理 to the platform admin, and 用户管理 for the outside offices’ accounts', async () => {
    const menu = await renderMenu(packedAbilities(PLATFORM_ADMIN_RULES));

    expect(menu.find('[data-test="nav-parks"]').text()).toBe('园区管理');
    expect(menu.find('[data-test="nav-users"]').text()).toBe('用户管理');
    expect(menu.find('[data-test="nav-office-cases"]').exists()).toBe(false);
  });

  it('shows an office viewer its office’s cases and nothing else to manage', async () => {
    const menu = await renderMenu(packedAbilities([{ action: 'read', subject: 'OfficeCase' }]));

    expect(menu.findAll('li').map((item) => item.text())).toEqual(['首页', '抄送移交事项']);
  });

  it('shows nothing but home when the abilities cannot be read', async () => {
    const menu = await renderMenu('not json');

    expect(menu.findAll('li').map((item) => item.text())).toEqual(['首页']);
  });
});
