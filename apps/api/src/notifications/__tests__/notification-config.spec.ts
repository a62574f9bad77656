import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../config/config.js';
import { deliveryOptionsFrom } from '../notification-delivery.js';

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/qifu', JWT_SECRET: 'a'.repeat(32) };

describe('notification settings of the API', () => {
  it('without SMTP_URL, e-mail is off (deliveries are skipped with the reason)', () => {
    expect(deliveryOptionsFrom(loadConfig(valid))).toMatchObject({ smtp: null, consoleUrl: null });
  });

  it('reads the SMTP server, the sender and the console address', () => {
    const config = loadConfig({
      ...valid,
      SMTP_URL: 'smtps://qifu:pw@smtp.zhengyang.example:465',
      SMTP_FROM: '正阳园区企业服务中心 <noreply@zhengyang.example>',
      CONSOLE_URL: 'https://qifu.zhengyang.example',
    });
    expect(deliveryOptionsFrom(config)).toMatchObject({
      smtp: {
        url: 'smtps://qifu:pw@smtp.zhengyang.example:465',
        from: '正阳园区企业服务中心 <noreply@zhengyang.example>',
      },
      consoleUrl: 'https://qifu.zhengyang.example',
    });
  });

  it('names a bad SMTP setting, and a server without a sender', () => {
    expect(() => loadConfig({ ...valid, SMTP_URL: 'http://mail', SMTP_FROM: 'x' })).toThrow(
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL[\s\S]*SMTP_FROM: must be an address or Name <address>/,
    );
    expect(() => loadConfig({ ...valid, SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow(
      /SMTP_FROM: is required with SMTP_URL/,
    );
    expect(() => loadConfig({ ...valid, CONSOLE_URL: 'qifu.example' })).toThrow(
      /CONSOLE_URL: must be an http\(s\) URL/,
    );
  });

  it('reads a webhook secret from the environment variable the park’s rules name', () => {
    const options = deliveryOptionsFrom(loadConfig(valid), {
      QIFU_WEBHOOK_SECRET_ZHENGYANG: 's3cret',
      EMPTY: '',
    });
    expect(options.webhookSecret!('QIFU_WEBHOOK_SECRET_ZHENGYANG')).toBe('s3cret');
    expect(options.webhookSecret!('EMPTY')).toBeUndefined();
  });
});
