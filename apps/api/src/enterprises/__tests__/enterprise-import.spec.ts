import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { errorCode, errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { craftZip, entriesOf, workbookBomb } from '../../bench/zip-bomb.js';

const XLSX = `mutation($file: String!) { importEnterprisesXlsx(input: { file: $file }) }`;
const CSV = `mutation($csv: String!) { importEnterprises(input: { csv: $csv }) }`;

/** A workbook as a park's staff would keep it: Chinese headers, one enterprise per row. */
async function workbook(rows: (string | number)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('企业名录');
  sheet.addRow(['统一社会信用代码', '企业名称', '详细地址', '联系人', '联系电话']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

describe('importing the park’s enterprises (Art. 2)', () => {
  let api: TestApi;
  let staff: string;
  const count = async () =>
    (await api.owner.query(`SELECT count(*)::int AS n FROM enterprises`)).rows[0].n as number;

  beforeAll(async () => {
    api = await startTestApi();
    staff = await api.login('zy.staff');
  });
  afterAll(() => api.close());

  it('imports an Excel list, and a second import updates rather than duplicates', async () => {
    const file = await workbook([
      ['91500114MA5U3XKL2T', '重庆正阳精密机械有限公司', '正阳工业园区1号', '王经理', 2379420000],
      ['91110108MA01AAAA1Q', '重庆正阳新材料有限公司', '正阳工业园区2号', '赵经理', '023-79421111'],
    ]);
    const first = await api.gql(XLSX, { file }, staff);
    expect(first.errors).toBeUndefined();
    expect(first.data!.importEnterprisesXlsx).toBe(2);
    expect((await api.gql(XLSX, { file }, staff)).data!.importEnterprisesXlsx).toBe(2);

    const { rows } = await api.owner.query(
      `SELECT credit_code, name, contact_phone FROM enterprises ORDER BY credit_code`,
    );
    expect(rows).toEqual([
      { credit_code: '91110108MA01AAAA1Q', name: '重庆正阳新材料有限公司', contact_phone: '023-79421111' },
      { credit_code: '91500114MA5U3XKL2T', name: '重庆正阳精密机械有限公司', contact_phone: '2379420000' },
    ]);
  });

  it('refuses the whole file when a row is wrong, naming the row and column as Excel shows them', async () => {
    const before = await count();
    const file = await workbook([
      ['91500114MA5U3XKL3T', '重庆正阳电子有限公司', '', '', ''],
      ['91500114MA5U3XKL2X', '重庆正阳化工有限公司', '', '', ''],
      ['91500114MA5U3XKL3T', '重庆正阳电子二厂', '', '', ''],
    ]);
    const result = await api.gql(XLSX, { file }, staff);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(errorFields(result)).toEqual(expect.arrayContaining(['rows.3.creditCode', 'rows.4.creditCode']));
    expect(await count()).toBe(before);
  });

  it('refuses a file that is not a workbook, and a sheet without the required columns', async () => {
    const notXlsx = await api.gql(
      XLSX,
      { file: Buffer.from('统一社会信用代码,企业名称\n').toString('base64') },
      staff,
    );
    expect([errorCode(notXlsx), errorFields(notXlsx)]).toEqual(['BAD_USER_INPUT', ['file']]);

    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['名称', '地址']);
    const noCode = await api.gql(
      XLSX,
      { file: Buffer.from(await book.xlsx.writeBuffer()).toString('base64') },
      staff,
    );
    expect(errorCode(noCode)).toBe('BAD_USER_INPUT');
    expect(noCode.errors![0].message).toContain('统一社会信用代码');
  });

  it('reads the same list as CSV', async () => {
    const result = await api.gql(
      CSV,
      {
        csv: '统一社会信用代码,企业名称,详细地址\n91500114MA5U3XKL2T,重庆正阳精密机械有限公司,正阳工业园区1号\n',
      },
      staff,
    );
    expect(result.data!.importEnterprises).toBe(1);
  });

  it('sets the linked department by its code and the cadre by username; a file without those columns keeps them', async () => {
    const linked = await api.gql(
      CSV,
      {
        csv:
          '统一社会信用代码,企业名称,挂钩联系部门,挂钩联系干部,挂钩联系干部电话\n' +
          '91500114MA5U3XKL2T,重庆正阳精密机械有限公司,investment_promotion,ZY.Leader,13800000004\n' +
          '91110108MA01AAAA1Q,重庆正阳新材料有限公司,,,\n',
      },
      staff,
    );
    expect(linked.errors).toBeUndefined();
    const links = async () =>
      (
        await api.owner.query(
          `SELECT e.credit_code, d.code AS department, u.username AS cadre, e.linked_cadre_phone AS phone
             FROM enterprises e LEFT JOIN departments d ON d.id = e.linked_department_id
             LEFT JOIN users u ON u.id = e.linked_cadre_user_id ORDER BY e.credit_code`,
        )
      ).rows;
    const expected = [
      { credit_code: '91110108MA01AAAA1Q', department: null, cadre: null, phone: null },
      {
        credit_code: '91500114MA5U3XKL2T',
        department: 'INVESTMENT_PROMOTION',
        cadre: 'zy.leader',
        phone: '13800000004',
      },
    ];
    expect(await links()).toEqual(expected);
    await api.gql(
      CSV,
      { csv: '统一社会信用代码,企业名称\n91500114MA5U3XKL2T,重庆正阳精密机械有限公司\n' },
      staff,
    );
    expect(await links()).toEqual(expected);
    const audit = await api.owner.query(
      `SELECT after FROM audit_events WHERE action = 'enterprise.updated' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0].after).toMatchObject({
      linkedDepartmentName: '招商投资促进部',
      linkedCadreName: '分管领导 李强',
    });

    // Unknown codes, a district bureau, a person who does not work on cases: all named, nothing saved.
    const refused = await api.gql(
      CSV,
      {
        csv:
          '统一社会信用代码,企业名称,挂钩联系部门,挂钩联系干部\n' +
          '91500114MA5U3XKL2T,重庆正阳精密机械有限公司,NO_SUCH_DEPARTMENT,zy.admin\n' +
          '91110108MA01AAAA1Q,重庆正阳新材料有限公司,DISTRICT_TAXATION,nobody\n',
      },
      staff,
    );
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(errorFields(refused)).toEqual([
      'rows.2.linkedDepartment',
      'rows.2.linkedCadre',
      'rows.3.linkedDepartment',
      'rows.3.linkedCadre',
    ]);
    expect(await links()).toEqual(expected);
  });

  it('refuses a workbook that inflates to 200 MB (a zip bomb) before reading it, naming the file', async () => {
    const before = await count();
    const real = Buffer.from(
      await workbook([['91500114MA5U3XKL2T', '重庆正阳精密机械有限公司', '', '', '']]),
      'base64',
    );
    const bomb = workbookBomb(real, 200);
    // The finding: a 206 KB file, under the import's size limit.
    expect(bomb.length).toBeLessThan(300 * 1024);
    const result = await api.gql(XLSX, { file: bomb.toString('base64') }, staff);
    expect([errorCode(result), errorFields(result)]).toEqual(['BAD_USER_INPUT', ['file']]);
    expect(result.errors![0].message).toMatch(/解压|inflate/);
    expect(await count()).toBe(before);
  });

  it('refuses a workbook that carries another archive inside', async () => {
    const before = await count();
    const real = Buffer.from(
      await workbook([['91500114MA5U3XKL2T', '重庆正阳精密机械有限公司', '', '', '']]),
      'base64',
    );
    const inner = craftZip([{ name: 'a.txt', parts: [{ data: Buffer.from('a') }] }]);
    const nested = craftZip([
      ...entriesOf(real),
      { name: 'xl/embeddings/package.zip', parts: [{ data: inner }], stored: true },
    ]);
    const result = await api.gql(XLSX, { file: nested.toString('base64') }, staff);
    expect([errorCode(result), errorFields(result)]).toEqual(['BAD_USER_INPUT', ['file']]);
    expect(result.errors![0].message).toMatch(/嵌套|nested/);
    expect(await count()).toBe(before);
  });

  it('only people who register cases import enterprises', async () => {
    const head = await api.login('zy.head');
    const result = await api.gql(XLSX, { file: await workbook([]) }, head);
    expect(errorCode(result)).toBe('FORBIDDEN');
  });
});
