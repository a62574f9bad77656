import {
  DEFAULT_NOTIFICATION_TEMPLATES,
  NOTIFICATION_KINDS,
  fillNotificationText,
  renderNotification,
} from '../notification-templates.js';
import { validateParkRules } from '../validate-park-rules.js';
import { parkConfig, parkRules } from './park-fixtures.js';

const problemsOf = (input: unknown) => {
  const result = validateParkRules(input);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};

describe('notification templates', () => {
  it('Zhengyang ships a wording for every kind, the same as the built-in one', () => {
    const templates = parkConfig('zhengyang').rules.notifications!.templates;
    expect(Object.keys(templates)).toEqual([...NOTIFICATION_KINDS]);
    expect(templates).toEqual(DEFAULT_NOTIFICATION_TEMPLATES);
  });

  it('Wulingshan words two kinds itself, in Chinese only', () => {
    const templates = parkConfig('wulingshan').rules.notifications!.templates;
    expect(Object.keys(templates)).toEqual(['DEADLINE_REMINDER', 'OVERDUE_SUPERVISION']);
    expect(templates.DEADLINE_REMINDER).toEqual({
      titleZh: '诉求即将到期：{registrationNo}',
      bodyZh: '{enterpriseName}的诉求（{registrationNo}）须于{dueOn}前完成{stage}，请及时办理。',
    });
  });

  it('renders both languages, stage codes as words, lists joined, and keeps what is missing visible', () => {
    const rendered = renderNotification(DEFAULT_NOTIFICATION_TEMPLATES.DEADLINE_REMINDER, {
      registrationNo: '企业困难问题〔2026〕第3号',
      enterpriseName: '重庆正阳机械有限公司',
      stage: 'departmentReply',
      dueOn: '2026-12-04',
    });
    expect(rendered).toEqual({
      title: '办理时限提醒：企业困难问题〔2026〕第3号',
      body: '重庆正阳机械有限公司反映的困难问题（企业困难问题〔2026〕第3号）部室办理答复环节将于2026-12-04到期，请抓紧办理。',
      titleEn: 'Deadline reminder: 企业困难问题〔2026〕第3号',
      bodyEn:
        'The department reply stage of the case 企业困难问题〔2026〕第3号 (重庆正阳机械有限公司) is due on 2026-12-04.',
    });
    expect(fillNotificationText('{count}件：{items}', { count: 2, items: ['甲', '乙'] }, 'zh')).toBe(
      '2件：甲；乙',
    );
    expect(fillNotificationText('{stage} by {dueOn}', { stage: '自定环节' }, 'en')).toBe(
      '自定环节 by {dueOn}',
    );
    // 2026-12-03 23:30 in UTC is already the 4th in China.
    expect(fillNotificationText('{dueOn}', { dueOn: new Date('2026-12-03T23:30:00Z') }, 'zh')).toBe(
      '2026-12-04',
    );
    expect(renderNotification({ titleZh: '标题', bodyZh: '正文' }, {})).toEqual({
      title: '标题',
      body: '正文',
      titleEn: null,
      bodyEn: null,
    });
  });

  it('validates the section with paths: placeholders, English pairs, unknown kinds, the webhook', () => {
    const rules = parkRules('zhengyang');
    const notifications = rules.notifications!;
    notifications.templates.DEADLINE_REMINDER!.bodyZh += '{deadline}';
    delete notifications.templates.FOLLOW_UP_DUE!.bodyEn;
    (notifications.templates as Record<string, unknown>).BIRTHDAY = { titleZh: '生日', bodyZh: '快乐' };
    notifications.webhook = { url: 'ftp://gateway', secretRef: 'JWT_SECRET' };
    expect(problemsOf(rules)).toEqual([
      { path: 'notifications.templates.BIRTHDAY', message: 'unknown field' },
      { path: 'notifications.webhook.url', message: 'must be an http(s) URL' },
      {
        path: 'notifications.webhook.secretRef',
        message: 'must name an environment variable QIFU_WEBHOOK_SECRET_…',
      },
      { path: 'notifications.templates.DEADLINE_REMINDER.bodyZh', message: 'unknown placeholder {deadline}' },
      {
        path: 'notifications.templates.FOLLOW_UP_DUE.bodyEn',
        message: 'required with the other English field (give both or neither)',
      },
    ]);
  });

  it('accepts rules without the section, and a webhook with a secret reference', () => {
    const rules = parkRules('wulingshan');
    delete rules.notifications;
    expect(validateParkRules(rules).ok).toBe(true);
    rules.notifications = {
      templates: {},
      webhook: { url: 'https://sms.wulingshan.example/qifu', secretRef: 'QIFU_WEBHOOK_SECRET_WULINGSHAN' },
    };
    expect(validateParkRules(rules).ok).toBe(true);
  });
});
