import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { startSmtp } from '../../__tests__/support/smtp.js';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { NotificationDelivery, NotificationDeliveryError } from '../notification-delivery.js';
import { NotificationService } from '../notification.service.js';
import { verifyWebhookSignature } from '../webhook-signature.js';
import { idOf, insertCase, notifyIn } from './notification-fixtures.js';

/** A port nothing listens on (taken from the system, then let go). */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface WebhookCall {
  headers: IncomingHttpHeaders;
  body: string;
}

/** The park's gateway: answers with `status`, keeps each call. */
async function startGateway(): Promise<{
  url: string;
  calls: WebhookCall[];
  status: number;
  location: string | null;
  port: number;
  server: Server;
}> {
  const gateway = {
    url: '',
    calls: [] as WebhookCall[],
    status: 200,
    location: null as string | null,
    port: 0,
    server: null as unknown as Server,
  };
  gateway.server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      gateway.calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(gateway.status, {
        'content-type': 'text/plain',
        ...(gateway.location ? { location: gateway.location } : {}),
      });
      res.end(gateway.status === 200 ? 'ok' : '网关暂时不可用');
    });
  });
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', () => resolve()));
  gateway.port = (gateway.server.address() as AddressInfo).port;
  gateway.url = `http://127.0.0.1:${gateway.port}/qifu/notify`;
  return gateway;
}

const SECRET = 'zhengyang-gateway-secret-2026';
const LOOPBACK = ['127.0.0.1/32'];

/** A DNS that answers `answers` for every name, counting the questions. */
function fakeDns(...answers: string[][]) {
  const dns = {
    asked: [] as string[],
    resolve: async (hostname: string) => {
      dns.asked.push(hostname);
      const addresses = answers[Math.min(dns.asked.length - 1, answers.length - 1)];
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  };
  return dns;
}
const FROM = '"正阳园区企业服务中心" <noreply@zhengyang.example>';

describe('notification deliveries: e-mail through SMTP, the park’s webhook', () => {
  let api: TestApi;
  let service: NotificationService;
  let parkA: string;
  let staffId: string;
  let caseA: string;

  const deliveryRow = async (id: string) =>
    (
      await api.owner.query(
        `SELECT status, attempts, last_error, skipped_reason, sent_at IS NOT NULL AS sent
           FROM notification_deliveries WHERE id = $1`,
        [id],
      )
    ).rows[0];

  /** One new e-mail delivery to zy.staff (a new key each time). */
  let occasion = 0;
  async function emailDelivery(): Promise<string> {
    occasion += 1;
    const { deliveryIds } = await notifyIn(api, service, parkA, {
      kind: 'OVERDUE_SUPERVISION',
      caseId: caseA,
      recipientUserIds: [staffId],
      key: `departmentReply:2026-11-${String(occasion).padStart(2, '0')}`,
      data: { stage: 'departmentReply', dueOn: `2026-11-${String(occasion).padStart(2, '0')}` },
    });
    const [id] = (
      await api.owner.query(
        `SELECT id FROM notification_deliveries WHERE id = ANY($1) AND channel = 'EMAIL'`,
        [deliveryIds],
      )
    ).rows;
    return id.id as string;
  }

  beforeAll(async () => {
    // The test gateway listens on loopback: allowed here as an operator would allow a LAN gateway.
    api = await startTestApi({ WEBHOOK_ALLOWED_NETWORKS: LOOPBACK.join(',') });
    service = new NotificationService(api.db);
    parkA = await idOf(api.owner, 'parks', 'zhengyang');
    staffId = await idOf(api.owner, 'users', 'zy.staff');
    await api.owner.query(`UPDATE users SET email = 'zhangmin@zhengyang.example' WHERE id = $1`, [staffId]);
    caseA = await insertCase(api.owner, parkA, {
      registrationNo: '企业困难问题〔2026〕第12号',
      enterpriseName: '重庆黔江永佳电子有限公司',
    });
  });
  afterAll(() => api.close());

  it('sends the e-mail once through a real SMTP server: recipient, Chinese subject and body in UTF-8, link to the case', async () => {
    const smtp = await startSmtp();
    const delivery = new NotificationDelivery(api.db, {
      smtp: { url: `smtp://127.0.0.1:${smtp.port}`, from: FROM },
      consoleUrl: 'https://qifu.zhengyang.example/',
    });
    try {
      const id = await emailDelivery();
      expect(await delivery.deliver(parkA, id)).toEqual({
        deliveryId: id,
        channel: 'EMAIL',
        status: 'SENT',
        now: true,
        skippedReason: null,
      });
      expect(smtp.received).toHaveLength(1);
      const [{ mail, rcptTo }] = smtp.received;
      expect(rcptTo).toEqual(['zhangmin@zhengyang.example']);
      expect(mail.to).toMatchObject({
        value: [{ address: 'zhangmin@zhengyang.example', name: '服务中心 张敏' }],
      });
      expect(mail.from).toMatchObject({
        value: [{ address: 'noreply@zhengyang.example', name: '正阳园区企业服务中心' }],
      });
      expect(mail.subject).toBe('超期督办：企业困难问题〔2026〕第12号');
      expect(mail.text).toContain(
        '重庆黔江永佳电子有限公司反映的困难问题（企业困难问题〔2026〕第12号）部室办理答复环节已超过办结时限（2026-11-01），园区已发函督办，请立即办理并书面报告办理情况。',
      );
      expect(mail.text).toContain(`查看案件：https://qifu.zhengyang.example/cases/${caseA}`);
      expect(mail.text).toContain('重庆市正阳工业园区企服系统自动发送');
      expect(mail.headers.get('x-qifu-delivery')).toBe(id);
      expect(mail.headers.get('content-type')).toMatchObject({
        value: 'text/plain',
        params: { charset: 'utf-8' },
      });
      expect(await deliveryRow(id)).toEqual({
        status: 'SENT',
        attempts: 1,
        last_error: null,
        skipped_reason: null,
        sent: true,
      });

      // A job run again sends nothing.
      expect(await delivery.deliver(parkA, id)).toMatchObject({ status: 'SENT', now: false });
      await Promise.all([delivery.deliver(parkA, id), delivery.deliver(parkA, id)]);
      expect(smtp.received).toHaveLength(1);
      expect((await deliveryRow(id)).attempts).toBe(1);
    } finally {
      delivery.close();
      await smtp.close();
    }
  });

  it('SMTP down: the attempt throws and is recorded; a retry once it is up sends exactly once', async () => {
    const port = await freePort();
    const delivery = new NotificationDelivery(api.db, {
      smtp: { url: `smtp://127.0.0.1:${port}`, from: FROM },
      timeoutMs: 3000,
    });
    const id = await emailDelivery();
    try {
      const failure = await delivery.deliver(parkA, id).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(NotificationDeliveryError);
      expect((failure as Error).message).toMatch(/ECONNREFUSED/);
      expect(await deliveryRow(id)).toEqual({
        status: 'FAILED',
        attempts: 1,
        last_error: expect.stringMatching(/ECONNREFUSED/),
        skipped_reason: null,
        sent: false,
      });

      const smtp = await startSmtp(port);
      try {
        expect(await delivery.deliver(parkA, id)).toMatchObject({ status: 'SENT', now: true });
        expect(await delivery.deliver(parkA, id)).toMatchObject({ status: 'SENT', now: false });
        expect(smtp.received.map((r) => r.mail.subject)).toEqual(['超期督办：企业困难问题〔2026〕第12号']);
        expect(await deliveryRow(id)).toEqual({
          status: 'SENT',
          attempts: 2,
          last_error: null,
          skipped_reason: null,
          sent: true,
        });
      } finally {
        await smtp.close();
      }
    } finally {
      delivery.close();
    }
  });

  it('without SMTP configured, e-mail deliveries are recorded as skipped with the reason, and stay so', async () => {
    const id = await emailDelivery();
    const unconfigured = new NotificationDelivery(api.db, { smtp: null });
    expect(await unconfigured.deliver(parkA, id)).toEqual({
      deliveryId: id,
      channel: 'EMAIL',
      status: 'SKIPPED',
      now: true,
      skippedReason: 'SMTP is not configured (SMTP_URL, SMTP_FROM): no e-mail is sent',
    });
    expect(await deliveryRow(id)).toMatchObject({ status: 'SKIPPED', attempts: 0, sent: false });
    const smtp = await startSmtp();
    const configured = new NotificationDelivery(api.db, {
      smtp: { url: `smtp://127.0.0.1:${smtp.port}`, from: FROM },
    });
    try {
      expect(await configured.deliver(parkA, id)).toMatchObject({ status: 'SKIPPED', now: false });
      expect(smtp.received).toHaveLength(0);
    } finally {
      configured.close();
      await smtp.close();
    }
  });

  it('a delivery of another park is not found in this one', async () => {
    const id = await emailDelivery();
    const otherPark = (await api.owner.query(`SELECT gen_random_uuid() AS id`)).rows[0].id;
    await expect(new NotificationDelivery(api.db, { smtp: null }).deliver(otherPark, id)).rejects.toThrow(
      /no delivery/,
    );
    expect(await deliveryRow(id)).toMatchObject({ status: 'PENDING' });
  });

  describe('webhook', () => {
    let gateway: Awaited<ReturnType<typeof startGateway>>;
    let admin: string;

    async function publishWebhook(url: string): Promise<void> {
      const current = await api.gql(`{ parkRules { version rules } }`, {}, admin);
      const { version, rules } = current.data!.parkRules;
      if (rules.notifications?.webhook?.url === url) return;
      const published = await api.gql(
        `mutation($input: PublishParkRulesInput!) { publishParkRules(input: $input) { version } }`,
        {
          input: {
            baseVersion: version,
            note: '短信网关',
            rules: {
              ...rules,
              notifications: {
                ...rules.notifications,
                webhook: { url, secretRef: 'QIFU_WEBHOOK_SECRET_ZHENGYANG' },
              },
            },
          },
        },
        admin,
      );
      expect(published.errors).toBeUndefined();
    }

    /** Rules as an earlier version may have stored them, before they were checked: written as the owner. */
    async function storeWebhookUnchecked(webhook: { url: string; secretRef: string }): Promise<void> {
      await api.owner.query(
        `INSERT INTO park_rules_versions (park_id, version, schema_version, rules, effective_from, note)
         SELECT park_id, version + 1, schema_version,
                jsonb_set(rules, '{notifications,webhook}', $2::jsonb), effective_from, 'unchecked'
           FROM park_rules_versions WHERE park_id = $1 ORDER BY version DESC LIMIT 1`,
        [parkA, JSON.stringify(webhook)],
      );
    }

    beforeAll(async () => {
      gateway = await startGateway();
      admin = await api.login('zy.admin');
      await publishWebhook(gateway.url);
    });
    afterAll(() => new Promise<void>((resolve) => gateway.server.close(() => resolve())));

    const webhookDelivery = async (key: string, url = gateway.url) => {
      const { deliveryIds } = await notifyIn(api, service, parkA, {
        kind: 'REFERRAL_UNANSWERED',
        caseId: caseA,
        recipientUserIds: [staffId],
        key,
        data: { departmentName: '区经济信息委', dueOn: '2026-11-20' },
      });
      const { rows } = await api.owner.query(
        `SELECT id, channel, recipient FROM notification_deliveries WHERE id = ANY($1) ORDER BY channel`,
        [deliveryIds],
      );
      expect(rows.map((r) => [r.channel, r.recipient])).toEqual([
        ['EMAIL', 'zhangmin@zhengyang.example'],
        ['WEBHOOK', url],
      ]);
      return rows[1].id as string;
    };

    it('POSTs the notification as JSON, signed with the park’s secret over timestamp and body', async () => {
      const id = await webhookDelivery('referral:1');
      const delivery = new NotificationDelivery(api.db, {
        smtp: null,
        consoleUrl: 'https://qifu.zhengyang.example',
        webhookSecret: (ref) => (ref === 'QIFU_WEBHOOK_SECRET_ZHENGYANG' ? SECRET : undefined),
        allowedNetworks: LOOPBACK,
      });
      expect(await delivery.deliver(parkA, id)).toMatchObject({
        status: 'SENT',
        now: true,
        channel: 'WEBHOOK',
      });
      expect(gateway.calls).toHaveLength(1);
      const [{ headers, body }] = gateway.calls;
      expect(headers['content-type']).toBe('application/json; charset=utf-8');
      expect(headers['x-qifu-delivery']).toBe(id);
      const signed = {
        timestamp: headers['x-qifu-timestamp'] as string,
        signature: headers['x-qifu-signature'] as string,
      };
      expect(signed.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(SECRET, signed, body)).toBe(true);
      expect(verifyWebhookSignature('another-secret', signed, body)).toBe(false);
      expect(verifyWebhookSignature(SECRET, signed, body.replace('区经济信息委', '区财政局'))).toBe(false);
      expect(verifyWebhookSignature(SECRET, signed, body, { now: new Date(Date.now() + 10 * 60_000) })).toBe(
        false,
      );
      expect(JSON.parse(body)).toEqual({
        deliveryId: id,
        notificationId: expect.any(String),
        kind: 'REFERRAL_UNANSWERED',
        park: { id: parkA, code: 'zhengyang', name: '重庆市正阳工业园区' },
        recipient: {
          userId: staffId,
          username: 'zy.staff',
          displayName: '服务中心 张敏',
          email: 'zhangmin@zhengyang.example',
        },
        case: {
          id: caseA,
          registrationNo: '企业困难问题〔2026〕第12号',
          url: `https://qifu.zhengyang.example/cases/${caseA}`,
        },
        title: '商函未回复：企业困难问题〔2026〕第12号',
        body: '就重庆黔江永佳电子有限公司反映的困难问题（企业困难问题〔2026〕第12号）致区经济信息委的函已超过回复时限（2026-11-20），尚未收到回复，请跟进。',
        titleEn: 'Letter unanswered: 企业困难问题〔2026〕第12号',
        bodyEn: expect.stringContaining('The letter to 区经济信息委'),
        createdAt: expect.any(String),
      });
      expect(await delivery.deliver(parkA, id)).toMatchObject({ status: 'SENT', now: false });
      expect(gateway.calls).toHaveLength(1);
    });

    it('a non-2xx answer or a missing secret throws and is recorded; the retry sends', async () => {
      const id = await webhookDelivery('referral:2');
      gateway.calls.length = 0;
      const noSecret = new NotificationDelivery(api.db, {
        smtp: null,
        webhookSecret: () => undefined,
        allowedNetworks: LOOPBACK,
      });
      await expect(noSecret.deliver(parkA, id)).rejects.toThrow(
        /the webhook secret QIFU_WEBHOOK_SECRET_ZHENGYANG is not set/,
      );
      expect(gateway.calls).toHaveLength(0);

      const delivery = new NotificationDelivery(api.db, {
        smtp: null,
        webhookSecret: () => SECRET,
        allowedNetworks: LOOPBACK,
      });
      gateway.status = 503;
      await expect(delivery.deliver(parkA, id)).rejects.toThrow(NotificationDeliveryError);
      expect(await deliveryRow(id)).toEqual({
        status: 'FAILED',
        attempts: 2,
        last_error: 'the webhook answered HTTP 503: 网关暂时不可用',
        skipped_reason: null,
        sent: false,
      });
      gateway.status = 200;
      expect(await delivery.deliver(parkA, id)).toMatchObject({ status: 'SENT', now: true });
      expect(await deliveryRow(id)).toMatchObject({
        status: 'SENT',
        attempts: 3,
        last_error: null,
        sent: true,
      });
      expect(gateway.calls).toHaveLength(2);
    });

    it('sends nowhere inside: a name resolving to loopback, private or metadata addresses, every address checked', async () => {
      const url = `http://gateway.zhengyang.example:${gateway.port}/qifu/notify`;
      await publishWebhook(url);
      const id = await webhookDelivery('referral:3', url);
      gateway.calls.length = 0;
      for (const [answers, reason] of [
        [['127.0.0.1'], 'a loopback address (127.0.0.1)'],
        [['169.254.169.254'], 'a cloud metadata address (169.254.169.254)'],
        [['93.184.216.34', '10.1.2.3'], 'a private address (RFC 1918) (10.1.2.3)'],
        [['fd00:ec2::254'], 'a cloud metadata address (fd00:ec2::254)'],
        [['::ffff:192.168.1.1'], 'a private address (RFC 1918) (::ffff:192.168.1.1)'],
      ] as const) {
        const delivery = new NotificationDelivery(api.db, {
          smtp: null,
          webhookSecret: () => SECRET,
          resolve: fakeDns([...answers]).resolve,
        });
        await expect(delivery.deliver(parkA, id)).rejects.toThrow(
          `the webhook may not be sent to gateway.zhengyang.example: it resolves to ${reason}`,
        );
      }
      expect(gateway.calls).toHaveLength(0);
      expect(await deliveryRow(id)).toMatchObject({ status: 'FAILED', sent: false });
    });

    it('connects to the address it checked (a second DNS answer changes nothing) and follows no redirect', async () => {
      const url = `http://gateway.zhengyang.example:${gateway.port}/qifu/notify`;
      await publishWebhook(url);
      gateway.calls.length = 0;
      // Rebinding: the first answer is the allowed gateway, any later one the metadata service.
      const dns = fakeDns(['127.0.0.1'], ['169.254.169.254']);
      const delivery = new NotificationDelivery(api.db, {
        smtp: null,
        webhookSecret: () => SECRET,
        allowedNetworks: LOOPBACK,
        resolve: dns.resolve,
      });
      const id = await webhookDelivery('referral:4', url);
      expect(await delivery.deliver(parkA, id)).toMatchObject({ status: 'SENT', now: true });
      expect(dns.asked).toEqual(['gateway.zhengyang.example']);
      expect(gateway.calls).toHaveLength(1);
      expect(gateway.calls[0].headers.host).toBe(`gateway.zhengyang.example:${gateway.port}`);

      gateway.status = 307;
      gateway.location = 'http://169.254.169.254/latest/meta-data/';
      try {
        const redirected = await webhookDelivery('referral:5', url);
        const again = new NotificationDelivery(api.db, {
          smtp: null,
          webhookSecret: () => SECRET,
          allowedNetworks: LOOPBACK,
          resolve: fakeDns(['127.0.0.1']).resolve,
        });
        await expect(again.deliver(parkA, redirected)).rejects.toThrow(
          'the webhook answered HTTP 307 (redirects are not followed)',
        );
        expect(gateway.calls).toHaveLength(2);
      } finally {
        gateway.status = 200;
        gateway.location = null;
      }
    });

    it('refuses what rules stored before these checks may hold: a loopback address, another park’s secret', async () => {
      const secrets: string[] = [];
      const strict = new NotificationDelivery(api.db, {
        smtp: null,
        webhookSecret: (ref) => (secrets.push(ref), SECRET),
      });
      await storeWebhookUnchecked({ url: gateway.url, secretRef: 'QIFU_WEBHOOK_SECRET_ZHENGYANG' });
      const loopback = await webhookDelivery('referral:6');
      await expect(strict.deliver(parkA, loopback)).rejects.toThrow(
        `the webhook may not be sent to a loopback address (127.0.0.1)`,
      );

      await storeWebhookUnchecked({ url: gateway.url, secretRef: 'QIFU_WEBHOOK_SECRET_WULINGSHAN' });
      secrets.length = 0;
      const foreign = await webhookDelivery('referral:7');
      const lenient = new NotificationDelivery(api.db, {
        smtp: null,
        webhookSecret: (ref) => (secrets.push(ref), SECRET),
        allowedNetworks: LOOPBACK,
      });
      gateway.calls.length = 0;
      await expect(lenient.deliver(parkA, foreign)).rejects.toThrow(
        "the webhook secret QIFU_WEBHOOK_SECRET_WULINGSHAN is not this park's",
      );
      expect(secrets).toEqual([]);
      expect(gateway.calls).toHaveLength(0);
    });
  });
});
