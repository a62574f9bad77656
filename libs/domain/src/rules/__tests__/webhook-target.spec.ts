import { describe, expect, it } from '@jest/globals';
import { validateParkConfig } from '../park-config-file.js';
import { validateParkRules } from '../validate-park-rules.js';
import {
  blockedAddressReason,
  webhookSecretInScope,
  webhookSecretScopesOverlap,
  webhookUrlProblem,
} from '../webhook-target.js';
import { parkConfig, parkRules } from './park-fixtures.js';

function withWebhook(url: string, secretRef = 'QIFU_WEBHOOK_SECRET_WULINGSHAN') {
  const rules = parkRules('wulingshan');
  rules.notifications = { templates: {}, webhook: { url, secretRef } };
  return rules;
}

const webhookProblems = (url: string, options = {}) => {
  const result = validateParkRules(withWebhook(url), options);
  return result.ok ? [] : result.problems.filter((p) => p.path.startsWith('notifications.webhook'));
};

describe('where a park’s webhook may point, and which secret it signs with', () => {
  it('refuses loopback, private, link-local, metadata, unspecified and multicast addresses in the rules', () => {
    const refused = [
      'http://127.0.0.1:8080/notify',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://10.0.0.5/sms',
      'http://172.16.3.4/',
      'https://192.168.1.10/',
      'http://100.64.0.1/',
      'http://100.100.100.200/latest/meta-data/',
      'http://169.254.169.254/latest/meta-data/iam/',
      'http://[fd00:ec2::254]/',
      'http://[fc00::1]/',
      'http://[fe80::1]/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://224.0.0.1/',
      'http://[ff02::1]/',
      'http://255.255.255.255/',
      'http://localhost:3000/',
      'http://api.localhost/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://gateway/',
      'http://printer.local/',
    ];
    for (const url of refused) {
      expect({ url, problems: webhookProblems(url) }).toEqual({
        url,
        problems: [
          { path: 'notifications.webhook.url', message: expect.stringMatching(/^must not point at/) },
        ],
      });
    }
    expect(webhookProblems('http://169.254.169.254/')[0].message).toBe(
      'must not point at a cloud metadata address (169.254.169.254)',
    );
    expect(webhookProblems('http://10.0.0.5/')[0].message).toBe(
      'must not point at a private address (RFC 1918) (10.0.0.5)',
    );
  });

  it('accepts public names and addresses', () => {
    for (const url of [
      'https://sms.wulingshan.example/qifu',
      'https://203.119.24.10/notify',
      'http://[2400:3200::1]/notify',
    ]) {
      expect({ url, problems: webhookProblems(url) }).toEqual({ url, problems: [] });
    }
  });

  it('lets an operator allow an on-premises network, by address; names of the LAN then too', () => {
    const options = { webhookAllowedNetworks: ['10.20.0.0/16'] };
    expect(webhookProblems('http://10.20.3.4:8080/sms', options)).toEqual([]);
    expect(webhookProblems('http://sms-gateway:8080/', options)).toEqual([]);
    expect(webhookProblems('http://10.21.0.1/', options)).toHaveLength(1);
    expect(webhookProblems('http://169.254.169.254/', options)).toHaveLength(1);
    expect(blockedAddressReason('10.20.255.255', ['10.20.0.0/16'])).toBeNull();
    expect(blockedAddressReason('2002:7f00:1::1')).toMatch(/reserved address \(6to4\)/);
    expect(blockedAddressReason('64:ff9b::a00:1')).toMatch(/reserved address \(rfc6052\)/);
    expect(webhookUrlProblem('https://gateway.example/')).toBeNull();
  });

  it('accepts only the park’s own secret names when the park is known', () => {
    const rules = withWebhook('https://sms.wulingshan.example/qifu', 'QIFU_WEBHOOK_SECRET_ZHENGYANG');
    expect(validateParkRules(rules).ok).toBe(true);
    expect(validateParkRules(rules, { parkCode: 'wulingshan' })).toEqual({
      ok: false,
      problems: [
        {
          path: 'notifications.webhook.secretRef',
          message:
            "must be this park's secret: QIFU_WEBHOOK_SECRET_WULINGSHAN or QIFU_WEBHOOK_SECRET_WULINGSHAN__…",
        },
      ],
    });
    for (const ref of ['QIFU_WEBHOOK_SECRET_WULINGSHAN', 'QIFU_WEBHOOK_SECRET_WULINGSHAN__2027']) {
      const own = withWebhook('https://sms.wulingshan.example/qifu', ref);
      expect(validateParkRules(own, { parkCode: 'wulingshan' }).ok).toBe(true);
    }
    expect(webhookSecretInScope('QIFU_WEBHOOK_SECRET_ZHENG_YANG', 'zheng')).toBe(false);
    expect(webhookSecretInScope('QIFU_WEBHOOK_SECRET_ZHENG_YANG', 'zheng-yang')).toBe(true);
    expect(webhookSecretInScope('QIFU_WEBHOOK_SECRET_ZHENG__', 'zheng')).toBe(false);
    expect(webhookSecretScopesOverlap('zheng-yang', 'zheng_yang')).toBe(true);
    expect(webhookSecretScopesOverlap('zheng', 'zheng--east')).toBe(true);
    expect(webhookSecretScopesOverlap('zheng', 'zheng-yang')).toBe(false);
  });

  it('checks a configuration file against its own park', () => {
    const config = parkConfig('wulingshan');
    config.rules.notifications = {
      templates: {},
      webhook: { url: 'http://127.0.0.1/', secretRef: 'QIFU_WEBHOOK_SECRET_ZHENGYANG' },
    };
    const result = validateParkConfig(config);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([
      'rules.notifications.webhook.url',
      'rules.notifications.webhook.secretRef',
    ]);
  });
});
