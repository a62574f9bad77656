import { describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import type { ParkRules } from '@qifu/domain';
import zhengyangYaml from '@infra/parks/zhengyang.yaml?raw';
import { checkAnswer, rulesOf, rulesPage } from './rules-editor-harness';

const zhengyangRules: ParkRules = rulesOf(zhengyangYaml);

const { open, wrapper, page, setModel } = rulesPage();
const openRoutes = () =>
  open(zhengyangRules, 'routes', 'route-card-0', {
    ValidateParkRules: checkAnswer(),
    ParkRulesPendingChanges: () => ({ data: { parkRulesChanges: [] } }),
  });

async function click(testId: string): Promise<void> {
  await page(testId).trigger('click');
  await flushPromises();
}

async function type(testId: string, value: string): Promise<void> {
  // Element Plus puts the attribute on the input itself.
  const target = page(testId);
  await (target.element.tagName === 'INPUT' ? target : target.find('input')).setValue(value);
  await flushPromises();
}

const choose = (testId: string, value: unknown): Promise<void> => setModel(ElSelect, testId, value);

/** The rules the page sends to be checked before publishing. */
async function published(api: Awaited<ReturnType<typeof openRoutes>>): Promise<ParkRules> {
  await click('rules-publish');
  await vi.waitFor(() => expect(api.callsOf('ValidateParkRules')).toHaveLength(1));
  return (api.callsOf('ValidateParkRules')[0]!.variables.input as { rules: ParkRules }).rules;
}

describe('park rules page: approval chains and case flags', () => {
  it('edits the ordered sign-offs of a route: add, name, reorder, remove, none at all', async () => {
    const api = await openRoutes();
    // PARK_SEVERAL_DEPARTMENTS: one sign-off, as the file states it (approverRole).
    expect(page('route-summary-1').text()).toContain('→ 常务副主任');
    expect(wrapper().findAll('[data-test^="route-step-1-"]')).toHaveLength(1);

    await choose('route-step-role-1-0', 'LEADER_IN_CHARGE');
    await click('route-step-add-1');
    expect(page('route-summary-1').text()).toContain('分管领导 → 常务副主任');
    await type('route-step-label-zh-1-1', '常务副主任审签');
    await type('route-step-label-en-1-1', 'Executive deputy director signs');
    await click('route-step-up-1-1');
    expect(page('route-summary-1').text()).toContain('常务副主任 → 分管领导');
    await click('route-step-down-1-0');
    expect(page('route-summary-1').text()).toContain('分管领导 → 常务副主任');

    // PARK_SINGLE_DEPARTMENT: no sign-off, the office assigns directly.
    await click('route-step-remove-3-0');
    expect(page('route-steps-none-3').text()).toContain('直接交办');
    expect(page('route-summary-3').text()).toContain('无需审签');

    const rules = await published(api);
    expect(rules.approvalRoutes[1].approvalSteps).toEqual([
      { role: 'LEADER_IN_CHARGE' },
      {
        role: 'EXECUTIVE_DEPUTY_DIRECTOR',
        labelZh: '常务副主任审签',
        labelEn: 'Executive deputy director signs',
      },
    ]);
    expect(rules.approvalRoutes[3].approvalSteps).toEqual([]);
    expect(rules.approvalRoutes.some((route) => 'approverRole' in route)).toBe(false);
  });

  it('defines the park’s case flags and routes on them', async () => {
    const api = await openRoutes();
    expect(page('rules-list-caseFlags').exists()).toBe(true);
    await click('case-flag-add');
    await type('case-flag-code-0', 'key_project');
    await type('case-flag-label-zh-0', '重点项目');
    await type('case-flag-label-en-0', 'Key project');

    await choose('route-flags-2', ['KEY_PROJECT']);
    expect(page('route-summary-2').text()).toContain('案件标记：重点项目');
    await choose('route-flags-2', []);
    expect(page('route-summary-2').text()).not.toContain('案件标记');
    await choose('route-flags-2', ['KEY_PROJECT']);

    const rules = await published(api);
    expect(rules.caseFlags).toEqual([{ code: 'KEY_PROJECT', labelZh: '重点项目', labelEn: 'Key project' }]);
    expect(rules.approvalRoutes[2].condition).toEqual({
      jurisdiction: 'PARK',
      major: true,
      flagCodes: ['KEY_PROJECT'],
    });
  });

  it('routes on the enterprise’s link (挂钩联系): linked or not, led by the linked department or not', async () => {
    const api = await openRoutes();
    await choose('route-leadIsLinkedDepartment-2', 'true');
    expect(page('route-summary-2').text()).toContain('挂钩联系部门牵头：是');
    await choose('route-enterpriseLinked-3', 'false');
    expect(page('route-summary-3').text()).toContain('企业有挂钩联系：否');
    await choose('route-enterpriseLinked-3', '');
    expect(page('route-summary-3').text()).not.toContain('挂钩联系');
    await choose('route-enterpriseLinked-3', 'true');

    const rules = await published(api);
    expect(rules.approvalRoutes[2].condition).toEqual({
      jurisdiction: 'PARK',
      major: true,
      leadIsLinkedDepartment: true,
    });
    expect(rules.approvalRoutes[3].condition).toEqual({
      jurisdiction: 'PARK',
      departmentCountMax: 1,
      enterpriseLinked: true,
    });
  });
});
