import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElInputNumber, ElSelect } from 'element-plus';
import type { IndicatorSettingsFieldsFragment, MeFieldsFragment } from '@/gql/graphql';
import { mountConsole } from '@/test-support/console-harness';
import { packedAbilities } from '@/test-support/fixtures';
import { graphqlFetch, type GraphQLHandler } from '@/test-support/graphql-fetch';
import { districtViewerMe, platformMe } from './dashboard-fixtures';

let wrapper: VueWrapper | undefined;

const DISTRICT_VIEWER_RULES = [{ action: 'read', subject: 'Dashboard', conditions: { districtId: 'd-qj' } }];
const PLATFORM_RULES = [
  { action: ['read', 'update'], subject: 'Dashboard' },
  { action: ['read', 'create'], subject: 'District' },
];

const settings = (over: Partial<IndicatorSettingsFieldsFragment> = {}): IndicatorSettingsFieldsFragment => ({
  districtId: 'd-qj',
  version: 1,
  resolvedGradeCodes: ['A'],
  satisfiedCodes: ['VERY_SATISFIED', 'SATISFIED'],
  basicallySatisfiedCountsAsSatisfied: true,
  minCasesForRanking: 5,
  monthCutOffDay: null,
  createdAt: '2026-11-01T02:00:00.000Z',
  ...over,
});

async function open(me: MeFieldsFragment, rules: unknown[], handlers: Record<string, GraphQLHandler> = {}) {
  localStorage.setItem('qifu.accessToken', 'access-1');
  localStorage.setItem('qifu.refreshToken', 'refresh-1');
  const api = graphqlFetch({
    Session: () => ({ data: { me, myAbilities: packedAbilities(rules as never) } }),
    SettingsDistricts: () => ({
      data: {
        districts: [
          { id: 'd-qj', code: 'qianjiang', name: '黔江区' },
          { id: 'd-far', code: 'far', name: '远方区' },
        ],
      },
    }),
    IndicatorSettingsPage: () => ({
      data: { districtIndicatorSettings: settings(), districtIndicatorSettingsVersions: [settings()] },
    }),
    ...handlers,
  });
  const mounted = await mountConsole(api.fetch, '/dashboards/settings');
  wrapper = mounted.wrapper;
  await flushPromises();
  return api;
}

const find = (selector: string) => wrapper!.find(selector);

describe('indicator settings page', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });

  it('lets the platform change a district’s settings and save them as a new version', async () => {
    let saved = settings();
    const api = await open(platformMe, PLATFORM_RULES, {
      IndicatorSettingsPage: () => ({
        data: { districtIndicatorSettings: saved, districtIndicatorSettingsVersions: [saved] },
      }),
      UpdateDistrictIndicatorSettings: (vars) => {
        saved = settings({ ...(vars.input as object), version: 2 });
        return { data: { updateDistrictIndicatorSettings: saved } };
      },
    });
    await vi.waitFor(() => expect(find('[data-test="settings-version"]').text()).toBe('当前为第 1 版'));
    expect(api.callsOf('IndicatorSettingsPage')[0].variables).toEqual({ districtId: 'd-qj' });
    wrapper!
      .findAllComponents(ElInputNumber)
      .find(
        (c) =>
          c.element.closest('[data-test="settings-min-cases"]') ||
          c.attributes('data-test') === 'settings-min-cases',
      )!
      .vm.$emit('update:modelValue', 8);
    wrapper!
      .findAllComponents(ElSelect)
      .find((c) => c.attributes('data-test') === 'settings-resolved')!
      .vm.$emit('update:modelValue', ['A', 'B']);
    await find('[data-test="settings-month"] input[value="false"]').setValue(true);
    await flushPromises();
    await find('[data-test="settings-form"]').trigger('submit');
    await vi.waitFor(() => expect(api.callsOf('UpdateDistrictIndicatorSettings')).toHaveLength(1));
    expect(api.callsOf('UpdateDistrictIndicatorSettings')[0].variables).toEqual({
      input: {
        districtId: 'd-qj',
        resolvedGradeCodes: ['A', 'B'],
        satisfiedCodes: ['VERY_SATISFIED', 'SATISFIED'],
        basicallySatisfiedCountsAsSatisfied: true,
        minCasesForRanking: 8,
        monthCutOffDay: 25,
      },
    });
    await vi.waitFor(() => expect(find('[data-test="settings-version"]').text()).toBe('当前为第 2 版'));
    expect(find('[data-test="settings-versions"]').text()).toContain('每月 25 日截止');
  });

  it('shows the API’s objection under the field it names, and keeps the form', async () => {
    const api = await open(platformMe, PLATFORM_RULES, {
      UpdateDistrictIndicatorSettings: () => ({
        errors: [
          {
            message: '输入有误',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [{ path: 'resolvedGradeCodes', message: 'must list at least 1 code(s)' }],
            },
          },
        ],
      }),
    });
    await vi.waitFor(() => expect(find('[data-test="settings-form"]').exists()).toBe(true));
    await find('[data-test="settings-form"]').trigger('submit');
    await vi.waitFor(() => expect(api.callsOf('UpdateDistrictIndicatorSettings')).toHaveLength(1));
    await vi.waitFor(() => expect(find('.el-form-item__error').text()).toBe('must list at least 1 code(s)'));
    expect(find('[data-test="settings-version"]').text()).toBe('当前为第 1 版');
  });

  it('shows a district viewer their district’s settings, read only', async () => {
    const api = await open(districtViewerMe, DISTRICT_VIEWER_RULES);
    await vi.waitFor(() => expect(find('[data-test="settings-form"]').exists()).toBe(true));
    expect(api.callsOf('IndicatorSettingsPage')[0].variables).toEqual({ districtId: null });
    expect(api.callsOf('SettingsDistricts')).toHaveLength(0);
    expect(find('[data-test="settings-save"]').exists()).toBe(false);
    expect(find('[data-test="settings-district"]').exists()).toBe(false);
    expect(find('[data-test="settings-form"] .el-input-number.is-disabled').exists()).toBe(true);
    expect(find('[data-test="settings-versions"]').text()).toContain('A类 已解决或基本解决');
    expect(find('[data-test="nav-indicator-settings"]').text()).toBe('指标设置');
  });
});
