import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formatNumber, numberTemplate } from '@qifu/domain';
import fc from 'fast-check';
import { errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { isoDateInChina } from '../../common/dates.js';

const REGISTER = `mutation($input: RegisterCaseInput!) {
  registerCase(input: $input) { id registrationNo status version timeline { type statusAfter data } }
}`;

describe('registration under concurrency', () => {
  let api: TestApi;
  let token: string;
  const year = Number(isoDateInChina().slice(0, 4));

  beforeAll(async () => {
    api = await startTestApi();
    token = await api.login('zy.staff');
  });
  afterAll(() => api.close());

  const input = (i: number, enterpriseName = `重庆并发登记测试${i}有限公司`) => ({
    enterpriseName,
    reportedAt: new Date().toISOString(),
    categoryCode: 'RECRUITMENT',
    channelCode: 'SERVICE_HALL',
    reportFormCode: 'IN_PERSON_OR_LETTER',
    contactName: '张先生',
    contactPhone: '13800000000',
    title: `并发登记 ${i}`,
    description: '同时登记的多个问题，编号不得重复或缺号。',
  });

  it('the database formats numbers exactly as the domain does', async () => {
    const text = fc.string({ maxLength: 6 }).filter((t) => !/[{}]/.test(t) && t.length > 0);
    await fc.assert(
      fc.asyncProperty(
        text,
        text,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 2_000_000 }),
        async (before, after, pad, seq) => {
          const format = `${before}〔{year}〕${pad ? `{seq:${pad}}` : '{seq}'}${after}`;
          const { rows } = await api.owner.query(`SELECT format_document_number($1, $2) AS number`, [
            JSON.stringify(numberTemplate(format, year)),
            seq,
          ]);
          expect(rows[0].number).toBe(formatNumber(format, { year, seq }));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('40 registrations at once get 40 consecutive numbers, each with its timeline and audit record', async () => {
    const { rows: before } = await api.owner.query(
      `SELECT coalesce(max(registration_seq), 0) AS max FROM cases WHERE registration_year = $1`,
      [year],
    );
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => api.gql(REGISTER, { input: input(i) }, token)),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const numbers = results.map((r) => r.data!.registerCase.registrationNo as string).sort();
    const expected = Array.from(
      { length: 40 },
      (_, i) => `企业困难问题〔${year}〕第${before[0].max + i + 1}号`,
    );
    expect(numbers).toEqual(expected.sort());

    // Not in the park's register: each was registered, then rejected as inadmissible (Art. 2).
    for (const r of results) {
      const c = r.data!.registerCase;
      expect(c.status).toBe('REJECTED');
      expect(c.timeline.map((e: { type: string }) => e.type)).toEqual(['CaseRegistered', 'CaseRejected']);
      expect(c.timeline[0].data).toMatchObject({ registrationNo: c.registrationNo });
    }
    const ids = results.map((r) => r.data!.registerCase.id);
    const { rows: audit } = await api.owner.query(
      `SELECT subject_id, action, after FROM audit_events WHERE subject_id = ANY($1) ORDER BY id`,
      [ids],
    );
    expect(audit.filter((a) => a.action === 'case.registered')).toHaveLength(40);
    expect(audit.filter((a) => a.action === 'case.reject')).toHaveLength(40);
    const byCase = new Map(
      results.map((r) => [r.data!.registerCase.id, r.data!.registerCase.registrationNo]),
    );
    for (const a of audit.filter((x) => x.action === 'case.registered'))
      expect(a.after).toEqual({ registrationNo: byCase.get(a.subject_id) });
  });
});

describe('registration without a report form', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi();
    token = await api.login('zy.staff');
  });
  afterAll(() => api.close());

  const report = (channelCode: string) => ({
    enterpriseName: '重庆正阳热线登记测试有限公司',
    reportedAt: new Date().toISOString(),
    categoryCode: 'POWER_SUPPLY',
    channelCode,
    contactName: '王经理',
    contactPhone: '023-79420000',
    title: '热线来电：用电增容',
    description: '企业来电反映新厂房用电增容审批进度慢。',
  });

  it('takes the form the channel implies (a hotline call is a phone report), or asks for one', async () => {
    const phoned = await api.gql(
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id reportFormCode } }`,
      { input: report('HOTLINE') },
      token,
    );
    expect(phoned.data?.registerCase.reportFormCode).toBe('PHONE');

    const walkedIn = await api.gql(REGISTER, { input: report('SERVICE_HALL') }, token);
    expect(walkedIn.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errorFields(walkedIn)).toEqual(['reportFormCode']);
  });
});
