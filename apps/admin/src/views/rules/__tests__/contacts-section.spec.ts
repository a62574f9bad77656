import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { DEFAULT_REFERRAL_SUPERVISION_WORDING, type ParkRules } from '@qifu/domain';
import type { GraphQLHandler } from '@/test-support/graphql-fetch';
import wulingshanYaml from '@infra/parks/wulingshan.yaml?raw';
import zhengyangYaml from '@infra/parks/zhengyang.yaml?raw';
import { openRulesTab, rulesOf } from './rules-editor-harness';

let wrapper: VueWrapper | undefined;

async function openLetters(rules: ParkRules, handlers: Record<string, GraphQLHandler> = {}) {
  const opened = await openRulesTab(rules, 'contacts', 'rules-letter-referralSupervision', handlers);
  wrapper = opened.wrapper;
  return opened.api;
}

const page = (testId: string): DOMWrapper<Element> => wrapper!.find(`[data-test="${testId}"]`);
const input = (testId: string) => wrapper!.find<HTMLInputElement>(`[data-test="${testId}"]`);
const beside = (path: string): string =>
  wrapper!.find(`.el-form-item[data-problem-path="${path}"] .el-form-item__error`).text();

describe('park rules page: the supervision letter to a district bureau', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
  });

  it('a park without its own wording sees the built-in one, and keeps it out of the rules until it edits', async () => {
    const api = await openLetters(rulesOf(wulingshanYaml), {
      ValidateParkRules: () => ({ data: { validateParkRules: { ok: true, problems: [] } } }),
    });
    const body = input('letter-referralSupervision-body');
    expect(body.element.value).toBe('');
    expect(body.attributes('placeholder')).toBe(DEFAULT_REFERRAL_SUPERVISION_WORDING.body);
    expect(page('rules-letter-referralSupervision').text()).toContain('{referralLetterNo}');

    await body.setValue('请贵单位于{dueDate}前回复{referralLetterNo}。');
    await body.setValue('');
    expect(page('rules-dirty').exists()).toBe(false);

    await input('letter-referralSupervision-closing').setValue('专此函达');
    await page('rules-validate').trigger('click');
    await flushPromises();
    const sent = (api.callsOf('ValidateParkRules')[0]?.variables.input as { rules: ParkRules }).rules;
    expect(sent.letters.referralSupervision).toEqual({
      ...DEFAULT_REFERRAL_SUPERVISION_WORDING,
      closing: '专此函达',
    });
  });

  it('shows the park’s own wording, and a problem of it beside its field', async () => {
    const rules = rulesOf(zhengyangYaml);
    await openLetters(rules, {
      ValidateParkRules: () => ({
        data: {
          validateParkRules: {
            ok: false,
            problems: [
              { path: 'letters.referralSupervision.body', message: 'unknown placeholder {assignedOn}' },
            ],
          },
        },
      }),
    });
    expect(input('letter-referralSupervision-body').element.value).toBe(
      rules.letters.referralSupervision!.body,
    );
    await input('letter-referralSupervision-body').setValue('{assignedOn}');
    await page('rules-validate').trigger('click');
    await flushPromises();
    await vi.waitFor(() =>
      expect(beside('letters.referralSupervision.body')).toBe('无法识别的占位符 {assignedOn}'),
    );
  });
});
