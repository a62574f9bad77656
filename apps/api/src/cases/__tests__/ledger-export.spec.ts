import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { startTestApi, type TestApi, nodesOf } from '../../__tests__/support/test-api.js';
import { departmentIdsByCode, signInAll } from '../../__tests__/support/park-session.js';
import { caseReport, registeredCase } from '../../__tests__/support/case-acts.js';
import { isoDateInChina } from '../../common/dates.js';
import { loadParkConfig } from '../../rules/park-config-files.js';
import { importParkConfig } from '../../rules/park-import.js';
import { ParkRulesService } from '../../rules/park-rules.service.js';

const HEADERS = [
  '登记编号',
  '企业名称',
  '问题类别',
  '反映渠道',
  '反映时间',
  '问题',
  '状态',
  '牵头部室',
  '责任部门',
  '审批人',
  '结果类别',
  '下一时限',
  '是否逾期',
];

const LEDGER = `query($filter: LedgerFilter, $sort: LedgerSort!) {
  ledger(filter: $filter, sort: $sort, first: 200) { edges { node { registrationNo } } totalCount }
}`;

interface ErrorBody {
  code: string;
  fields?: { path: string; message: string }[];
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('ledger export (台账 XLSX)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  const today = isoDateInChina();
  const cases: Record<'power' | 'recruitment' | 'fresh', { id: string; registrationNo: string }> =
    {} as never;

  const register = (input: Record<string, unknown>): Promise<{ id: string; registrationNo: string }> =>
    registeredCase(
      api,
      tokens['zy.staff'],
      caseReport('recruitment', {
        enterpriseName: '重庆黔江某科技有限公司',
        reportedAt: '2026-03-05T01:30:00.000Z',
        ...input,
      }),
      'id registrationNo',
    );

  async function exportLedger(body: unknown, token: string | null = tokens['zy.staff']) {
    return fetch(`${api.url}/api/exports/ledger.xlsx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  }

  async function sheetOf(response: Response): Promise<ExcelJS.Worksheet> {
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets).toHaveLength(1);
    return workbook.worksheets[0];
  }

  /** The registration numbers of the data rows, in order. */
  function numbersOf(sheet: ExcelJS.Worksheet): string[] {
    const numbers: string[] = [];
    sheet.eachRow((row, index) => {
      if (index > 1) numbers.push(String(row.getCell(1).value));
    });
    return numbers;
  }

  beforeAll(async () => {
    api = await startTestApi();
    await signInAll(api, ['zy.staff', 'zy.head', 'zy.admin', 'zy.leader'], tokens);
    departments = await departmentIdsByCode(api);

    // Three cases registered as the console does; their ledger columns then set where the lifecycle
    // would have taken them (the lifecycle itself is tested elsewhere).
    cases.power = await register({
      categoryCode: 'POWER_SUPPLY',
      channelCode: 'HOTLINE',
      title: '用电增容审批慢',
    });
    cases.recruitment = await register({ title: '招工困难' });
    cases.fresh = await register({ categoryCode: 'FINANCING', title: '融资贷款需协调' });
    const econ = departments.ECONOMIC_DEVELOPMENT;
    await api.owner.query(
      `UPDATE cases SET status = 'IN_PROGRESS', lead_department_id = $2, department_ids = ARRAY[$2, $3]::uuid[],
              approver_role = 'LEADER_IN_CHARGE', next_due_on = $4::date, next_due_stage = 'departmentReply'
        WHERE id = $1`,
      [cases.power.id, econ, departments.FINANCE, addDays(today, -1)],
    );
    await api.owner.query(
      `UPDATE cases SET status = 'CLOSED', lead_department_id = $2, department_ids = ARRAY[$2]::uuid[],
              approver_role = 'LEADER_IN_CHARGE', grade_code = 'A', next_due_on = NULL, next_due_stage = NULL
        WHERE id = $1`,
      [cases.recruitment.id, departments.INVESTMENT_PROMOTION],
    );
    await api.owner.query(`UPDATE cases SET next_due_on = $2::date WHERE id = $1`, [
      cases.fresh.id,
      addDays(today, 5),
    ]);

    // Another park with a case of its own: it must never appear in Zhengyang's export.
    const { parkId } = await importParkConfig(
      api.db,
      new ParkRulesService(api.db),
      loadParkConfig('wulingshan'),
    );
    await api.owner.query(
      `INSERT INTO cases (park_id, registration_no, registration_year, registration_seq, rules_version, status,
                          enterprise_name, reported_at, category_code, channel_code, report_form_code,
                          contact_name, contact_phone, title, description, state)
       SELECT $2, registration_no, registration_year, registration_seq, rules_version, status,
              '武陵山食品有限公司', reported_at, category_code, channel_code, report_form_code,
              contact_name, contact_phone, '另一园区的案件', description, state
         FROM cases WHERE id = $1`,
      [cases.power.id, parkId],
    );
  });
  afterAll(() => api.close());

  it('writes every case of the park, with Chinese headers, a frozen header row, an auto-filter and real dates', async () => {
    const response = await exportLedger({});
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="__-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(`台账-${today}.xlsx`)}`,
    );
    expect(response.headers.get('x-row-count')).toBe('3');
    const sheet = await sheetOf(response);

    expect(sheet.name).toBe('台账');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getRow(1).getCell(1).font).toMatchObject({ bold: true });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:M4');
    expect(sheet.getColumn(6).width).toBe(40);
    // Newest registration first, as the ledger opens; the other park's case is not there.
    expect(numbersOf(sheet)).toEqual([
      cases.fresh.registrationNo,
      cases.recruitment.registrationNo,
      cases.power.registrationNo,
    ]);
    sheet.eachRow((row) => expect(row.getCell(6).value).not.toBe('另一园区的案件'));

    const power = sheet.getRow(4);
    expect((power.values as unknown[]).slice(1)).toEqual([
      cases.power.registrationNo,
      '重庆黔江某科技有限公司',
      '用电保障',
      '企业服务热线',
      // 01:30 UTC is 09:30 in the park: Excel shows the park's time.
      new Date('2026-03-05T09:30:00.000Z'),
      '用电增容审批慢',
      '办理中',
      '经济发展部',
      '经济发展部、财政金融部',
      '分管领导',
      undefined,
      new Date(`${addDays(today, -1)}T00:00:00.000Z`),
      '是',
    ]);
    expect(power.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(power.getCell(12).numFmt).toBe('yyyy-mm-dd');

    const recruitment = sheet.getRow(3);
    expect(recruitment.getCell(7).value).toBe('已销号');
    expect(recruitment.getCell(11).value).toBe('已经解决或基本解决');
    expect(recruitment.getCell(12).value).toBe(null);
    expect(recruitment.getCell(13).value).toBe('否');
    const fresh = sheet.getRow(2);
    // Not in the park's enterprise register: rejected at registration, no department.
    expect([fresh.getCell(7).value, fresh.getCell(8).value, fresh.getCell(9).value]).toEqual([
      '不予受理',
      null,
      null,
    ]);
  });

  it('applies the ledger’s filters and sort: the same cases as the ledger query, in the same order', async () => {
    const requests = [
      { filter: { categoryCodes: ['POWER_SUPPLY', 'FINANCING'] }, sort: 'REGISTRATION_ASC' },
      { filter: { overdue: true }, sort: 'REGISTRATION_DESC' },
      { filter: { overdue: false }, sort: 'DUE_ASC' },
      { filter: { keyword: '招工', statuses: ['CLOSED'] }, sort: 'REGISTRATION_DESC' },
      { filter: { departmentId: departments.FINANCE, year: Number(today.slice(0, 4)) }, sort: 'DUE_ASC' },
      { filter: { gradeCodes: ['B'] }, sort: 'REGISTRATION_DESC' },
    ];
    for (const request of requests) {
      const ledger = await api.gql(LEDGER, request, tokens['zy.staff']);
      const expected = nodesOf(ledger.data!.ledger).map(
        (item: { registrationNo: string }) => item.registrationNo,
      );
      const response = await exportLedger(request);
      expect(response.headers.get('x-row-count')).toBe(String(expected.length));
      expect([request, numbersOf(await sheetOf(response))]).toEqual([request, expected]);
    }
    const filtered = await sheetOf(await exportLedger({ filter: { overdue: true } }));
    expect(numbersOf(filtered)).toEqual([cases.power.registrationNo]);
    expect(filtered.autoFilter).toBe('A1:M2');
  });

  it('gives department people only their departments’ cases', async () => {
    const mine = await sheetOf(await exportLedger({}, tokens['zy.head']));
    expect(numbersOf(mine)).toEqual([cases.power.registrationNo]);
    const other = await sheetOf(
      await exportLedger({ filter: { departmentId: departments.INVESTMENT_PROMOTION } }, tokens['zy.head']),
    );
    expect(numbersOf(other)).toEqual([]);
    expect((other.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    // A leader sees the whole park.
    expect(numbersOf(await sheetOf(await exportLedger({}, tokens['zy.leader'])))).toHaveLength(3);
  });

  it('records who exported what in the park’s audit trail', async () => {
    await api.owner.query(`DELETE FROM audit_events WHERE action = 'ledger.exported'`);
    const filter = { categoryCodes: ['POWER_SUPPLY'] };
    await (await exportLedger({ filter, sort: 'DUE_ASC' })).arrayBuffer();
    const { rows } = await api.owner.query(
      `SELECT u.username, a.subject_type, a.after, p.code AS park
         FROM audit_events a JOIN users u ON u.id = a.actor_user_id JOIN parks p ON p.id = a.park_id
        WHERE a.action = 'ledger.exported'`,
    );
    expect(rows).toEqual([
      {
        username: 'zy.staff',
        subject_type: 'Ledger',
        park: 'zhengyang',
        after: { format: 'XLSX', filter, sort: 'DUE_ASC', rows: 1 },
      },
    ]);
  });

  it('refuses the signed-out, those who may not read cases, and malformed filters', async () => {
    const anonymous = await exportLedger({}, null);
    expect([anonymous.status, ((await anonymous.json()) as ErrorBody).code]).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    const admin = await exportLedger({}, tokens['zy.admin']);
    expect([admin.status, ((await admin.json()) as ErrorBody).code]).toEqual([403, 'FORBIDDEN']);

    const bad = await exportLedger({
      filter: { year: 'this', statuses: ['OPEN'], departmentId: 'x' },
      sort: 'TITLE',
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as ErrorBody;
    expect(body.code).toBe('BAD_USER_INPUT');
    expect(body.fields?.map((f) => f.path).sort()).toEqual([
      'filter.departmentId',
      'filter.statuses.0',
      'filter.year',
      'sort',
    ]);
    const unknownField = await exportLedger({ filter: { park: 'other' } });
    expect(unknownField.status).toBe(400);
    // Nothing of a refused request is on the record.
    const { rows } = await api.owner.query(
      `SELECT count(*)::int AS n FROM audit_events a JOIN users u ON u.id = a.actor_user_id
        WHERE a.action = 'ledger.exported' AND u.username = 'zy.admin'`,
    );
    expect(rows[0].n).toBe(0);
  });
});
