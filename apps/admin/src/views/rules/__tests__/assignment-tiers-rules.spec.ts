import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { ElInputNumber, ElSelect, ElSwitch } from 'element-plus';
import type { ParkRules } from '@qifu/domain';
import type { GraphQLHandler } from '@/test-support/graphql-fetch';
import qinglanYaml from '@infra/parks/qinglan.yaml?raw';
import zhengyangYaml from '@infra/parks/zhengyang.yaml?raw';
import { openRulesTab, rulesOf } from './rules-editor-harness';

// The rules page edits the tiers of an assignment (主办 / 分办 / 协办 / 配合) on the deadlines tab.

let wrapper: VueWrapper | undefined;

async function openTiers(rules: ParkRules, handlers: Record<string, GraphQLHandler> = {}) {
  const opened = await openRulesTab(rules, 'deadlines', 'assignment-tiers-rules', handlers);
  wrapper = opened.wrapper;
  return opened.api;
}

const page = (testId: string): DOMWrapper<Element> => wrapper!.find(`[data-test="${testId}"]`);
/** Element Plus puts the attribute on the input itself. */
const input = (testId: string): DOMWrapper<Element> =>
  wrapper!.find(`input[data-test="${testId}"], [data-test="${testId}"] input`);
const beside = (path: string): string =>
  wrapper!.find(`.el-form-item[data-problem-path="${path}"] .el-form-item__error`).text();

/** Sets what a component reports through its v-model (selects draw their options in poppers). */
async function setModel(component: unknown, testId: string, value: unknown): Promise<void> {
  const target = wrapper!
    .findAllComponents(component as typeof ElSelect)
    .find((c) => c.attributes('data-test') === testId || c.vm.$attrs['data-test'] === testId);
  if (!target) throw new Error(`no component ${testId}`);
  target.vm.$emit('update:modelValue', value);
  await flushPromises();
}

async function validateAndSend(api: Awaited<ReturnType<typeof openTiers>>): Promise<ParkRules> {
  await page('rules-validate').trigger('click');
  await flushPromises();
  return (api.callsOf('ValidateParkRules').at(-1)?.variables.input as { rules: ParkRules }).rules;
}

describe('park rules page: assignment tiers', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
  });

  it('shows Qinglan’s lead, split and assisting tiers with their clocks, addressees and cc offices', async () => {
    await openTiers(rulesOf(qinglanYaml));
    expect(wrapper!.findAll('[data-test^="tier-row-"]')).toHaveLength(3);
    expect(page('tier-row-1').find('legend').text()).toMatch(/第 2 项（分办）\s*分办/);
    // Published codes are what cases refer to: shown, not edited.
    expect(page('tier-code-1').element.tagName).toBe('CODE');
    expect(page('tier-no-clock-0').text()).toBe('时限为“部室答复”时限');
    const amount = wrapper!
      .findAllComponents(ElInputNumber)
      .find((c) => c.attributes('data-test') === 'tier-clock-amount-1');
    expect(amount?.props('modelValue')).toBe(7);
    const select = (testId: string) =>
      wrapper!.findAllComponents(ElSelect).find((c) => c.attributes('data-test') === testId)!;
    expect(select('tier-reports-to-1').props('modelValue')).toBe('SERVICE_CENTER');
    expect(select('tier-reports-to-2').props('modelValue')).toBe('LEAD_DEPARTMENT');
    expect(select('tier-cc-2').props('modelValue')).toEqual(['DISTRICT_BUSINESS_OFFICE']);
    // Each control is labelled: by its field, or (the clock's two) by its own name.
    expect(
      page('tier-row-2')
        .findAll('label')
        .map((label) => label.text()),
    ).toEqual(
      expect.arrayContaining(['中文名称', '英文名称', '类型', '报送对象', '报送时抄送', '超期纳入督办']),
    );
    expect(input('tier-clock-amount-2').attributes('aria-label')).toBe('时限数');
  });

  it('adds an assisting tier to Zhengyang’s rules and edits it into the rules it checks', async () => {
    const api = await openTiers(rulesOf(zhengyangYaml), {
      ValidateParkRules: () => ({ data: { validateParkRules: { ok: true, problems: [] } } }),
    });
    expect(wrapper!.findAll('[data-test^="tier-row-"]')).toHaveLength(2);
    expect(page('tier-no-clock-1').text()).toBe('不单独计时');

    await page('tier-add').trigger('click');
    await input('tier-code-2').setValue('assisting');
    await input('tier-label-zh-2').setValue('协办');
    await input('tier-label-en-2').setValue('Assisting');
    await setModel(ElInputNumber, 'tier-clock-amount-2', 2);
    await setModel(ElSelect, 'tier-cc-2', ['DISTRICT_PRIVATE_ECONOMY_OFFICE']);
    expect(page('rules-dirty').exists()).toBe(true);

    let sent = await validateAndSend(api);
    expect(sent.assignmentTiers).toHaveLength(3);
    expect(sent.assignmentTiers[2]).toEqual({
      code: 'ASSISTING',
      labelZh: '协办',
      labelEn: 'Assisting',
      role: 'ASSISTING',
      clock: { amount: 2, unit: 'WORKING_DAYS' },
      reportsTo: 'LEAD_DEPARTMENT',
      ccOfficeCodes: ['DISTRICT_PRIVATE_ECONOMY_OFFICE'],
      supervisedWhenLate: true,
    });

    // A split tier reports to the service center by default; a cooperating one has no clock.
    await setModel(ElSelect, 'tier-role-2', 'COOPERATING');
    expect(page('tier-reports-to-2').exists()).toBe(false);
    await setModel(ElSelect, 'tier-role-2', 'SPLIT');
    await setModel(ElSwitch, 'tier-supervised-2', false);
    sent = await validateAndSend(api);
    expect(sent.assignmentTiers[2]).toMatchObject({
      role: 'SPLIT',
      clock: { amount: 7, unit: 'WORKING_DAYS' },
      reportsTo: 'SERVICE_CENTER',
      supervisedWhenLate: false,
    });

    await page('tier-remove-2').trigger('click');
    sent = await validateAndSend(api);
    expect(sent.assignmentTiers.map((tier) => tier.code)).toEqual(['LEAD', 'COOPERATING']);
  });

  it('shows the problems the API finds beside the tier fields, in Chinese', async () => {
    const rules = rulesOf(qinglanYaml);
    await openTiers(rules, {
      ValidateParkRules: () => ({
        data: {
          validateParkRules: {
            ok: false,
            problems: [
              { path: 'assignmentTiers', message: 'must have exactly one tier of role LEAD (has 2)' },
              {
                path: 'assignmentTiers[1].clock',
                message: 'a SPLIT tier needs its clock (amount and unit)',
              },
              { path: 'assignmentTiers[2].ccOfficeCodes[0]', message: 'unknown cc office "GONE_OFFICE"' },
            ],
          },
        },
      }),
    });
    await page('rules-validate').trigger('click');
    await flushPromises();
    await vi.waitFor(() => expect(beside('assignmentTiers[1].clock')).toBe('分办、协办须设办理时限'));
    expect(beside('assignmentTiers[2].ccOfficeCodes')).toBe('抄告单位“GONE_OFFICE”不存在');
    expect(wrapper!.find('.rules-problem-note[data-problem-path="assignmentTiers"]').text()).toBe(
      '须有且仅有一个“主办”类型（当前 2 个）',
    );
    expect(page('rules-tab-deadlines').text()).toContain('3');
  });
});
