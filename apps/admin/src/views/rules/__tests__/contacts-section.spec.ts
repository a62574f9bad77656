import { describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { DEFAULT_REFERRAL_SUPERVISION_WORDING, type ParkRules } from '@qifu/domain';
import type { GraphQLHandler } from '@/test-support/graphql-fetch';
import wulingshanYaml from '@infra/parks/wulingshan.yaml?raw';
import zhengyangYaml from '@infra/parks/zhengyang.yaml?raw';
import { checkAnswer, rulesOf, rulesPage } from './rules-editor-harness';

const { open, wrapper, page, beside } = rulesPage();
const openLetters = (rules: ParkRules, handlers: Record<string, GraphQLHandler> = {}) =>
  open(rules, 'contacts', 'rules-letter-referralSupervision', handlers);
const input = (testId: string) => wrapper().find<HTMLInputElement>(`[data-test="${testId}"]`);

describe('park rules page: the supervision letter to a district bureau', () => {
  it('a park without its own wording sees the built-in one, and keeps it out of the rules until it edits', async () => {
    const api = await openLetters(rulesOf(wulingshanYaml), {
      ValidateParkRules: checkAnswer(),
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
      ValidateParkRules: checkAnswer({
        path: 'letters.referralSupervision.body',
        message: 'unknown placeholder {assignedOn}',
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
