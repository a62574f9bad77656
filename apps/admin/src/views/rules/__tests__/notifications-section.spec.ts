import { describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { ParkRules } from '@qifu/domain';
import type { GraphQLHandler } from '@/test-support/graphql-fetch';
import wulingshanYaml from '@infra/parks/wulingshan.yaml?raw';
import zhengyangYaml from '@infra/parks/zhengyang.yaml?raw';
import { checkAnswer, rulesOf, rulesPage } from './rules-editor-harness';

const { open, wrapper, page, beside } = rulesPage();
const openNotifications = (rules: ParkRules, handlers: Record<string, GraphQLHandler> = {}) =>
  open(rules, 'notifications', 'rules-notifications', handlers);
const input = (testId: string) => wrapper().find<HTMLInputElement>(`[data-test="${testId}"]`);

describe('park rules page: notification wording and gateway', () => {
  it('edits the park’s wording and gateway; what is emptied leaves the rules, and problems stand beside their fields', async () => {
    const api = await openNotifications(rulesOf(zhengyangYaml), {
      ValidateParkRules: checkAnswer(
        {
          path: 'notifications.webhook.secretRef',
          message: 'must name an environment variable QIFU_WEBHOOK_SECRET_…',
        },
        {
          path: 'notifications.templates.DEADLINE_REMINDER.bodyZh',
          message: 'unknown placeholder {deadline}',
        },
        {
          path: 'notifications.webhook.url',
          message: 'must not point at a cloud metadata address (169.254.169.254)',
        },
      ),
    });
    expect(input('notification-DEADLINE_REMINDER-titleZh').element.value).toBe(
      '办理时限提醒：{registrationNo}',
    );
    expect(page('rules-notifications').text()).toContain('{departmentName}');

    await input('notification-DEADLINE_REMINDER-bodyZh').setValue('请于{deadline}前办结{registrationNo}。');
    for (const field of ['titleZh', 'bodyZh', 'titleEn', 'bodyEn']) {
      await input(`notification-OVERDUE_SUPERVISION-${field}`).setValue('');
    }
    // Emptied, a field shows the built-in wording that now applies.
    expect(input('notification-OVERDUE_SUPERVISION-titleZh').attributes('placeholder')).toBe(
      '超期督办：{registrationNo}',
    );
    await input('notification-webhook-url').setValue(' https://sms.zhengyang.example/qifu ');
    await input('notification-webhook-secretRef').setValue('JWT_SECRET');
    expect(page('rules-dirty').exists()).toBe(true);

    await page('rules-validate').trigger('click');
    await flushPromises();
    const sent = (api.callsOf('ValidateParkRules')[0]?.variables.input as { rules: ParkRules }).rules;
    expect(sent.notifications!.webhook).toEqual({
      url: 'https://sms.zhengyang.example/qifu',
      secretRef: 'JWT_SECRET',
    });
    expect(Object.keys(sent.notifications!.templates)).not.toContain('OVERDUE_SUPERVISION');
    expect(sent.notifications!.templates.DEADLINE_REMINDER!.bodyZh).toBe(
      '请于{deadline}前办结{registrationNo}。',
    );

    await vi.waitFor(() =>
      expect(beside('notifications.webhook.secretRef')).toBe(
        '须为以 QIFU_WEBHOOK_SECRET_ 开头的环境变量名（大写字母、数字、下划线）',
      ),
    );
    expect(beside('notifications.templates.DEADLINE_REMINDER.bodyZh')).toBe('无法识别的占位符 {deadline}');
    expect(beside('notifications.webhook.url')).toBe(
      '不能指向本机、内网、链路本地或云元数据等地址（169.254.169.254）',
    );
    const summary = page('rules-problems').text();
    expect(summary).toContain('通知 › 网关推送 › 签名密钥（环境变量名）');
    expect(summary).toContain('通知 › 通知文字 › 时限提醒 › 中文正文');
    expect(page('rules-tab-notifications').text()).toContain('3');
  });

  it('a park without its own wording sees the built-in one; the section appears only when something is set', async () => {
    const rules = rulesOf(wulingshanYaml);
    delete rules.notifications;
    const api = await openNotifications(rules, {
      ValidateParkRules: checkAnswer(),
    });
    const title = input('notification-FOLLOW_UP_DUE-titleZh');
    expect(title.element.value).toBe('');
    expect(title.attributes('placeholder')).toBe('回访提醒：{registrationNo}');

    await title.setValue('回访：{registrationNo}');
    await title.setValue('');
    expect(page('rules-dirty').exists()).toBe(false);

    await input('notification-FOLLOW_UP_DUE-titleZh').setValue('回访：{registrationNo}');
    await input('notification-FOLLOW_UP_DUE-bodyZh').setValue('请回访{enterpriseName}。');
    await page('rules-validate').trigger('click');
    await flushPromises();
    const sent = (api.callsOf('ValidateParkRules')[0]?.variables.input as { rules: ParkRules }).rules;
    expect(sent.notifications).toEqual({
      templates: { FOLLOW_UP_DUE: { titleZh: '回访：{registrationNo}', bodyZh: '请回访{enterpriseName}。' } },
    });
  });
});
