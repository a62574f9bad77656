import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import type { ParkRules } from '@qifu/domain';
import type { GraphQLHandler } from '@/test-support/graphql-fetch';
import zhengyangYaml from '@infra/parks/zhengyang.yaml?raw';
import { openRulesTab, rulesOf } from './rules-editor-harness';

const zhengyang = (): ParkRules => rulesOf(zhengyangYaml);

let wrapper: VueWrapper | undefined;

async function openProcedure(rules: ParkRules, handlers: Record<string, GraphQLHandler> = {}) {
  const opened = await openRulesTab(rules, 'procedure', 'rules-steps', handlers);
  wrapper = opened.wrapper;
  return opened.api;
}

const page = (testId: string): DOMWrapper<Element> => wrapper!.find(`[data-test="${testId}"]`);
const beside = (path: string): string =>
  wrapper!.find(`.el-form-item[data-problem-path="${path}"] .el-form-item__error`).text();
const checked = (testId: string): string =>
  wrapper!.find(`[data-test="${testId}"] input:checked`).element.getAttribute('value') ?? '';

async function choose(testId: string, value: string): Promise<void> {
  await wrapper!.find(`[data-test="${testId}"] input[value="${value}"]`).setValue(true);
}

async function selectMode(value: string): Promise<void> {
  const select = wrapper!
    .findAllComponents(ElSelect)
    .find((s) => s.attributes('data-test') === 'follow-up-mode');
  select!.vm.$emit('update:modelValue', value);
  await flushPromises();
}

async function validateAndSend(api: Awaited<ReturnType<typeof openProcedure>>): Promise<ParkRules> {
  await page('rules-validate').trigger('click');
  await flushPromises();
  return (api.callsOf('ValidateParkRules').at(-1)?.variables.input as { rules: ParkRules }).rules;
}

describe('park rules page: procedure steps, follow-up sample, admissibility', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
  });

  it('shows Zhengyang’s procedure: every step required, every case followed up, outsiders rejected', async () => {
    await openProcedure(zhengyang());
    for (const step of ['verification', 'headReview', 'grading', 'followUp'])
      expect(checked(`step-mode-${step}`)).toBe('REQUIRED');
    expect(page('rules-steps').text()).toContain('部室负责人审核');
    expect(page('follow-up-mode-hint').text()).toContain('每件问题都须回访');
    expect(checked('follow-up-unsatisfied')).toBe('SPECIAL_SUPERVISION');
    expect(checked('admissibility-not-in-register')).toBe('REJECT');
    expect(page('follow-up-percent').exists()).toBe(false);
  });

  it('edits the steps, the sample and admissibility into the rules it checks', async () => {
    const api = await openProcedure(zhengyang(), {
      ValidateParkRules: () => ({ data: { validateParkRules: { ok: true, problems: [] } } }),
    });
    await choose('step-mode-headReview', 'OPTIONAL');
    await choose('step-mode-grading', 'ABSENT');
    await selectMode('PERCENT');
    expect(page('follow-up-percent').exists()).toBe(true);
    await choose('follow-up-unsatisfied', 'RECORD_ONLY');
    await choose('admissibility-not-in-register', 'ACCEPT_AND_ADD');
    expect(page('rules-dirty').exists()).toBe(true);

    let sent = await validateAndSend(api);
    expect(sent.steps).toEqual({
      verification: 'REQUIRED',
      headReview: 'OPTIONAL',
      grading: 'ABSENT',
      followUp: 'REQUIRED',
    });
    expect(sent.followUp).toEqual({ mode: 'PERCENT', percent: 20, onUnsatisfied: 'RECORD_ONLY' });
    expect(sent.admissibility).toEqual({ notInRegister: 'ACCEPT_AND_ADD' });

    // Switching the mode brings its own number and drops the other.
    await selectMode('EVERY_NTH');
    sent = await validateAndSend(api);
    expect(sent.followUp).toEqual({ mode: 'EVERY_NTH', everyNth: 5, onUnsatisfied: 'RECORD_ONLY' });

    await choose('step-mode-followUp', 'ABSENT');
    expect(page('follow-up-absent').exists()).toBe(true);
  });

  it('chooses who records the follow-up: the service center alone is the default, left out of the rules', async () => {
    const api = await openProcedure(zhengyang(), {
      ValidateParkRules: () => ({ data: { validateParkRules: { ok: true, problems: [] } } }),
    });
    const recorders = () =>
      wrapper!
        .findAll('[data-test="follow-up-recorded-by"] input:checked')
        .map((input) => input.attributes('value'));
    expect(recorders()).toEqual(['SERVICE_CENTER']);
    expect(page('follow-up-recorded-by').text()).toContain('挂钩联系部门（部室负责人、经办人）');

    await wrapper!.find('[data-test="follow-up-recorded-by"] input[value="LINKED_CADRE"]').setValue(true);
    await wrapper!
      .find('[data-test="follow-up-recorded-by"] input[value="LINKED_DEPARTMENT"]')
      .setValue(true);
    expect(recorders()).toEqual(['SERVICE_CENTER', 'LINKED_DEPARTMENT', 'LINKED_CADRE']);
    let sent = await validateAndSend(api);
    expect(sent.followUp.recordedBy).toEqual(['SERVICE_CENTER', 'LINKED_DEPARTMENT', 'LINKED_CADRE']);

    for (const recorder of ['LINKED_CADRE', 'LINKED_DEPARTMENT'])
      await wrapper!.find(`[data-test="follow-up-recorded-by"] input[value="${recorder}"]`).setValue(false);
    sent = await validateAndSend(api);
    expect(sent.followUp).toEqual({ mode: 'ALL', onUnsatisfied: 'SPECIAL_SUPERVISION' });
  });

  it('shows the problems of these sections beside their fields, in Chinese', async () => {
    await openProcedure(zhengyang(), {
      ValidateParkRules: () => ({
        data: {
          validateParkRules: {
            ok: false,
            problems: [
              { path: 'followUp.percent', message: 'required with mode PERCENT' },
              {
                path: 'admissibility.notInRegister',
                message: 'FLAG_FOR_VERIFICATION needs a verification step (steps.verification is ABSENT)',
              },
            ],
          },
        },
      }),
    });
    await selectMode('PERCENT');
    await page('rules-validate').trigger('click');
    await flushPromises();
    await vi.waitFor(() => expect(beside('followUp.percent')).toBe('按比例抽查时须填写比例'));
    expect(beside('admissibility.notInRegister')).toBe('标记待核实须有核实步骤（当前核实设为“不设”）');
  });
});
