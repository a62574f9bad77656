import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDaysToIsoDate } from '@qifu/domain';
import { chineseDate, readDefaultTemplate } from '@qifu/documents';
import PizZip from 'pizzip';
import { docxText } from '../../__tests__/support/docx-text.js';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { actsOnAnswer, caseReport, registeredCase } from '../../__tests__/support/case-acts.js';
import { secondPark } from '../../__tests__/support/park-onboarding.js';
import {
  departmentIdsByCode,
  openDeadlinesDueOn,
  savedEnterpriseId,
  signInAll,
} from '../../__tests__/support/park-session.js';
import { craftZip, entriesOf } from '../../bench/zip-bomb.js';
import { isoDateInChina } from '../../common/dates.js';

const ISSUE = `mutation($input: IssueDocumentInput!) {
  issueDocument(input: $input) { id kind number documentId templateVersion fileName sizeBytes sha256 issuedAt issuedByName downloadUrl }
}`;
const CASE_DOCS = `query($id: ID!) { case(id: $id) {
  issuableDocuments { kind documentId number departmentName date }
  issuedDocuments { id kind number documentId templateVersion issuedByName downloadUrl }
} }`;

type CaseResult = { id: string; version: number; status: string };
type Issued = {
  id: string;
  kind: string;
  number: string;
  templateVersion: number | null;
  downloadUrl: string;
};

describe('issued documents (Word files of a case)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  let enterpriseId: string;
  const today = isoDateInChina();
  const year = today.slice(0, 4);

  async function gqlOk(user: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await api.gql(query, variables, tokens[user]);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  const { run } = actsOnAnswer<CaseResult>(() => ({ api, tokens }), 'id version status');

  const register = (title: string): Promise<CaseResult> =>
    registeredCase(
      api,
      tokens['zy.staff'],
      caseReport('powerSupply', {
        enterpriseId,
        contactName: '王犇',
        contactTitle: '行政总监',
        contactPhone: '13908260001',
        title,
        description: '新建二期厂房用电容量由800千伏安增至2000千伏安，报装逾两个月未获批复。',
        hopedDepartmentIds: [departments.STATE_GRID_QIANJIANG],
      }),
      'id version status',
    );

  async function issue(caseId: string, kind: string, documentId: string | null = null, user = 'zy.staff') {
    const data = await gqlOk(user, ISSUE, { input: { caseId, kind, documentId } });
    return data.issueDocument as Issued;
  }

  const download = (url: string, user?: string) =>
    fetch(`${api.url}${url}`, { headers: user ? { authorization: `Bearer ${tokens[user]}` } : {} });

  async function textOf(issued: Issued): Promise<string> {
    const response = await download(issued.downloadUrl, 'zy.staff');
    expect(response.status).toBe(200);
    return docxText(Buffer.from(await response.arrayBuffer()));
  }

  async function caseDocs(caseId: string) {
    return (await gqlOk('zy.staff', CASE_DOCS, { id: caseId })).case as {
      issuableDocuments: {
        kind: string;
        documentId: string | null;
        number: string | null;
        departmentName: string | null;
      }[];
      issuedDocuments: Issued[];
    };
  }

  /** The case's open deadlines, assignment sheet and referral letters fall due on `dueOn`. */
  async function overdueSince(caseId: string, dueOn: string): Promise<void> {
    await openDeadlinesDueOn(api, caseId, dueOn);
  }

  let parkCase: CaseResult;
  const handlingDueOn = addDaysToIsoDate(today, -3);
  let districtCase: CaseResult;

  beforeAll(async () => {
    api = await startTestApi();
    await signInAll(
      api,
      ['zy.staff', 'zy.leader', 'zy.deputy', 'zy.head', 'zy.handler', 'zy.admin', 'platform'],
      tokens,
    );
    departments = await departmentIdsByCode(api);
    enterpriseId = await savedEnterpriseId(api, tokens['zy.staff'], {
      name: '重庆犇垚精密机械有限公司',
      address: '正阳工业园区标准厂房8号楼',
    });

    // A park case for two departments: the executive deputy director signs the assignment sheet.
    parkCase = await register('新建厂房用电增容');
    parkCase = await run('zy.staff', 'verifyCase', parkCase, { notes: '经电话及现场核实，情况属实。' });
    parkCase = await run('zy.staff', 'screenCase', parkCase, {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      cooperatingDepartmentIds: [departments.PLANNING_CONSTRUCTION],
      opinion: '属园区职能，由经济发展部牵头办理。',
    });
    parkCase = await run('zy.deputy', 'approveCase', parkCase, { opinion: '同意交办' });
    parkCase = await run('zy.handler', 'startHandling', parkCase);
    // Three days late: the API has no clock a test can move, so the deadline is moved back instead.
    await overdueSince(parkCase.id, handlingDueOn);
    parkCase = await run('zy.staff', 'superviseOverdue', parkCase);
    parkCase = await run('zy.handler', 'submitResult', parkCase, {
      replyToEnterprise: '已答复企业',
      result: '已协调',
    });
    parkCase = await run('zy.head', 'reviewResult', parkCase, { approved: true });
    parkCase = await run('zy.staff', 'orderSpecialSupervision', parkCase, {
      event: 'INCOMPLETE',
      reason: '回访时企业表示增容方案仍未确定。',
    });
    await gqlOk(
      'zy.staff',
      `mutation($input: IssueCircularNoticeInput!) { issueCircularNotice(input: $input) { id } }`,
      {
        input: {
          departmentId: departments.ECONOMIC_DEVELOPMENT,
          grounds: ['DELAY'],
          caseIds: [parkCase.id],
          content: '经济发展部对交办事项久拖不办。',
        },
      },
    );

    // A major district case: a letter to the bureau, copied to 区民促办 and 区整顿办.
    districtCase = await register('供电线路迁改');
    districtCase = await run('zy.staff', 'verifyCase', districtCase, { notes: '已核实' });
    districtCase = await run('zy.staff', 'screenCase', districtCase, {
      jurisdiction: 'DISTRICT',
      major: true,
      policyHeavy: false,
      referredDepartmentIds: [departments.STATE_GRID_QIANJIANG],
      opinion: '属区级部门职能，发函国网黔江供电公司。',
    });
    districtCase = await run('zy.deputy', 'approveCase', districtCase, { opinion: '同意发函' });
  });
  afterAll(() => api.close());

  it('lists what can be issued: the registration form, the numbered documents, supervisions and notices', async () => {
    const { issuableDocuments } = await caseDocs(parkCase.id);
    expect(issuableDocuments.map((d) => d.kind)).toEqual([
      'REGISTRATION_FORM',
      'ASSIGNMENT_SHEET',
      'SUPERVISION_LETTER',
      'SPECIAL_SUPERVISION_LETTER',
      'CIRCULAR_NOTICE',
    ]);
    expect(issuableDocuments[0].number).toBe(`企业困难问题〔${year}〕第1号`);
  });

  it('fills each document of the park case from the case, its events and the rules', async () => {
    const { issuableDocuments } = await caseDocs(parkCase.id);
    const source = (kind: string) => issuableDocuments.find((d) => d.kind === kind)!.documentId;

    const form = await textOf(await issue(parkCase.id, 'REGISTRATION_FORM'));
    for (const expected of [
      `企业困难问题〔${year}〕第1号`,
      '重庆犇垚精密机械有限公司',
      '用电保障',
      '来电反映',
      '国网黔江供电公司',
      '经电话及现场核实，情况属实。',
      '属园区职能，由经济发展部牵头办理。',
      '同意交办',
      '常务副主任 王东',
    ])
      expect(form).toContain(expected);

    const sheetIssued = await issue(parkCase.id, 'ASSIGNMENT_SHEET', source('ASSIGNMENT_SHEET'));
    expect(sheetIssued).toMatchObject({ number: `正阳园区管委交〔${year}〕第1号`, templateVersion: null });
    const sheet = await textOf(sheetIssued);
    for (const expected of [
      `正阳园区管委交〔${year}〕第1号`,
      '重庆犇垚精密机械有限公司',
      '经济发展部',
      '规划建设部',
      '常务副主任 王东',
      '王犇',
      '13908260001',
    ])
      expect(sheet).toContain(expected);
    expect(sheet).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);

    const supervision = await textOf(
      await issue(parkCase.id, 'SUPERVISION_LETTER', source('SUPERVISION_LETTER')),
    );
    for (const expected of [
      `正阳园区管委督〔${year}〕1号`,
      '经济发展部：',
      `交办编号：正阳园区管委交〔${year}〕第1号`,
      // The case's own handling deadline, which it missed.
      `办结时限为${chineseDate(handlingDueOn)}，至今尚未办结`,
      '园区服务企业领导小组办公室',
    ])
      expect(supervision).toContain(expected);

    const special = await issue(
      parkCase.id,
      'SPECIAL_SUPERVISION_LETTER',
      source('SPECIAL_SUPERVISION_LETTER'),
    );
    expect(special.number).toBe(`正阳园区管委督〔${year}〕2号`);
    const specialText = await textOf(special);
    for (const expected of [
      '办理不彻底',
      '回访时企业表示增容方案仍未确定。',
      '经济发展部',
      `企业困难问题〔${year}〕第1号`,
    ])
      expect(specialText).toContain(expected);

    const notice = await issue(parkCase.id, 'CIRCULAR_NOTICE', source('CIRCULAR_NOTICE'));
    expect(notice.number).toBe(`正阳园区管委通〔${year}〕1号`);
    const noticeText = await textOf(notice);
    for (const expected of ['久拖不办', '经济发展部对交办事项久拖不办。', `正阳园区管委交〔${year}〕第1号`])
      expect(noticeText).toContain(expected);

    // The audit trail records each issue.
    const { rows } = await api.owner.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.documentIssued' AND subject_id = $1`,
      [parkCase.id],
    );
    expect(rows[0].n).toBe(5);
  });

  it('fills the referral letter with the bureau, the wording of the rules and both cc offices of a major case', async () => {
    const { issuableDocuments } = await caseDocs(districtCase.id);
    const letter = issuableDocuments.find((d) => d.kind === 'REFERRAL_LETTER')!;
    expect(letter.departmentName).toBe('国网黔江供电公司');
    const issued = await issue(districtCase.id, 'REFERRAL_LETTER', letter.documentId);
    expect(issued.number).toBe(`正阳园区管委函〔${year}〕1号`);
    const text = await textOf(issued);
    for (const expected of [
      `正阳园区管委函〔${year}〕1号`,
      '国网黔江供电公司：',
      '正阳工业园区入园企业重庆犇垚精密机械有限公司向我委反映，该公司发展遇到供电线路迁改困难。',
      '5个工作日内告知我委',
      '区民促办',
      '区整顿办',
      '79429609',
      '重庆市正阳工业园区管理委员会',
    ])
      expect(text).toContain(expected);
  });

  it('re-issuing keeps the earlier file; special supervision and notices keep their first number', async () => {
    const before = (await caseDocs(parkCase.id)).issuedDocuments;
    const first = before.find((d) => d.kind === 'REGISTRATION_FORM')!;
    const again = await issue(parkCase.id, 'REGISTRATION_FORM');
    expect(again.id).not.toBe(first.id);
    const special = before.find((d) => d.kind === 'SPECIAL_SUPERVISION_LETTER')!;
    const specialAgain = await issue(
      parkCase.id,
      'SPECIAL_SUPERVISION_LETTER',
      (special as unknown as { documentId: string }).documentId,
    );
    expect(specialAgain.number).toBe(special.number);
    const after = (await caseDocs(parkCase.id)).issuedDocuments;
    expect(after).toHaveLength(before.length + 2);
    expect((await download(first.downloadUrl, 'zy.staff')).status).toBe(200);
    expect((await download(again.downloadUrl, 'zy.staff')).status).toBe(200);
    const { rows } = await api.owner.query(
      `SELECT count(DISTINCT storage_key)::int AS n FROM issued_documents`,
    );
    expect(rows[0].n).toBe(after.length + 1);
  });

  it('supervises a bureau that has not answered by citing its referral letter, not an assignment it never got', async () => {
    const replyDueOn = addDaysToIsoDate(today, -1);
    await overdueSince(districtCase.id, replyDueOn);
    districtCase = await run('zy.staff', 'superviseOverdue', districtCase);
    const { issuableDocuments } = await caseDocs(districtCase.id);
    const letter = issuableDocuments.find((d) => d.kind === 'SUPERVISION_LETTER')!;
    expect(letter.departmentName).toBe('国网黔江供电公司');
    const text = await textOf(await issue(districtCase.id, 'SUPERVISION_LETTER', letter.documentId));
    for (const expected of [
      '国网黔江供电公司：',
      // The park's wording for a referral (letters.referralSupervision), with the letter's number and date.
      `我委于${chineseDate(today)}以《关于解决正阳工业园区企业困难问题的函》（正阳园区管委函〔${year}〕1号）函请贵单位协助解决重庆犇垚精密机械有限公司反映的供电线路迁改困难，并请于${chineseDate(replyDueOn)}前将困难问题化解情况`,
      `商函编号：正阳园区管委函〔${year}〕1号；发函日期：${chineseDate(today)}；回复时限：${chineseDate(replyDueOn)}`,
      '特此函告',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('交办');
  });

  it('downloads: filename* for Chinese names; only for those who may see the case', async () => {
    const issued = await issue(districtCase.id, 'REGISTRATION_FORM');
    const ok = await download(issued.downloadUrl, 'zy.deputy');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''%E4%BC%81/);
    expect(ok.headers.get('content-type')).toContain('wordprocessingml');
    // The economic development department's handler does not work on the bureau's case.
    expect((await download(issued.downloadUrl, 'zy.handler')).status).toBe(403);
    expect((await download(issued.downloadUrl)).status).toBe(401);
    // Nor may departments issue documents.
    const refused = await api.gql(
      ISSUE,
      { input: { caseId: parkCase.id, kind: 'REGISTRATION_FORM' } },
      tokens['zy.handler'],
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrongSource = await api.gql(
      ISSUE,
      { input: { caseId: districtCase.id, kind: 'ASSIGNMENT_SHEET', documentId: issued.id } },
      tokens['zy.staff'],
    );
    expect(wrongSource.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ path: 'documentId' }),
    ]);

    // Another park: the file is not there at all (row-level security).
    tokens['wl.admin'] = (await secondPark(api)).adminToken;
    expect((await download(issued.downloadUrl, 'wl.admin')).status).toBe(404);
  });

  describe('park templates', () => {
    function upload(kind: string, bytes: Buffer, user = 'zy.admin', fileName = '交办单模板.docx') {
      const form = new FormData();
      form.append('file', new Blob([bytes]), fileName);
      return fetch(`${api.url}/api/document-templates/${kind}`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${tokens[user]}` },
      });
    }

    async function editedDefault(replace: (xml: string) => string): Promise<Buffer> {
      const zip = new PizZip(await readDefaultTemplate('ASSIGNMENT_SHEET'));
      zip.file('word/document.xml', replace(zip.file('word/document.xml')!.asText()));
      return zip.generate({ type: 'nodebuffer' });
    }

    it('refuses a template with an unknown placeholder, naming it, and stores nothing', async () => {
      const bad = await editedDefault((xml) => xml.replace('{remarks}', '{remarkz}{approverSignature}'));
      const response = await upload('ASSIGNMENT_SHEET', bad);
      expect(response.status).toBe(422);
      const body = (await response.json()) as { details: { problems: { code: string; tag?: string }[] } };
      expect(body.details.problems.filter((p) => p.code === 'UNKNOWN_PLACEHOLDER').map((p) => p.tag)).toEqual(
        expect.arrayContaining(['remarkz', 'approverSignature']),
      );
      const { rows } = await api.owner.query(`SELECT count(*)::int AS n FROM document_templates`);
      expect(rows[0].n).toBe(0);
      // Only the park admin uploads.
      expect((await upload('ASSIGNMENT_SHEET', bad, 'zy.staff')).status).toBe(403);
    });

    it('refuses a template that inflates too much or carries another archive: 400 BAD_USER_INPUT on file, nothing stored', async () => {
      const template = await readDefaultTemplate('ASSIGNMENT_SHEET');
      const xml = Buffer.from(new PizZip(template).file('word/document.xml')!.asText());
      const cut = xml.indexOf('<w:body>');
      const bomb = craftZip(
        entriesOf(template, {
          'word/document.xml': [
            { data: xml.subarray(0, cut) },
            { data: Buffer.alloc(1024 * 1024, 0x20), times: 40 },
            { data: xml.subarray(cut) },
          ],
        }),
      );
      const inner = craftZip([{ name: 'sheet.xml', parts: [{ data: Buffer.from('<a/>') }] }]);
      const nested = craftZip([
        ...entriesOf(template),
        { name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', parts: [{ data: inner }], stored: true },
      ]);
      for (const [bytes, reason] of [
        [bomb, /解压后超过|inflates to more than/],
        [nested, /嵌套|nested archive/],
      ] as const) {
        const response = await upload('ASSIGNMENT_SHEET', bytes);
        expect(response.status).toBe(400);
        const body = (await response.json()) as { code: string; fields: { path: string }[]; message: string };
        expect(body).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'file' }] });
        expect(body.message).toMatch(reason);
      }
      const { rows } = await api.owner.query(`SELECT count(*)::int AS n FROM document_templates`);
      expect(rows[0].n).toBe(0);
    });

    it('uses an accepted template once activated, while earlier files keep theirs', async () => {
      const { issuableDocuments } = await caseDocs(parkCase.id);
      const sheet = issuableDocuments.find((d) => d.kind === 'ASSIGNMENT_SHEET')!.documentId;
      const earlier = await issue(parkCase.id, 'ASSIGNMENT_SHEET', sheet);

      const good = await editedDefault((xml) => xml.replace('{remarks}', '园区定制模板{remarks}'));
      const response = await upload('ASSIGNMENT_SHEET', good);
      expect(response.status).toBe(201);
      const version = (await response.json()) as { id: string; version: number; previewUrl: string };
      expect(version.version).toBe(1);

      // Uploaded, previewed, not yet in force.
      const preview = await download(version.previewUrl, 'zy.admin');
      expect(preview.status).toBe(200);
      expect(docxText(Buffer.from(await preview.arrayBuffer()))).toContain('园区定制模板');
      expect((await issue(parkCase.id, 'ASSIGNMENT_SHEET', sheet)).templateVersion).toBeNull();

      const activated = await gqlOk(
        'zy.admin',
        `mutation($input: ActivateDocumentTemplateInput!) { activateDocumentTemplate(input: $input) { kind activeVersion } }`,
        { input: { kind: 'ASSIGNMENT_SHEET', templateId: version.id } },
      );
      expect(activated.activateDocumentTemplate).toEqual({ kind: 'ASSIGNMENT_SHEET', activeVersion: 1 });

      const later = await issue(parkCase.id, 'ASSIGNMENT_SHEET', sheet);
      expect(later.templateVersion).toBe(1);
      expect(await textOf(later)).toContain('园区定制模板');
      expect(await textOf(earlier)).not.toContain('园区定制模板');
      const listed = (await caseDocs(parkCase.id)).issuedDocuments.find((d) => d.id === earlier.id)!;
      expect(listed.templateVersion).toBeNull();

      const templates = await gqlOk(
        'zy.admin',
        `{ documentTemplates { kind activeVersion versions { version active } placeholders { name } } }`,
      );
      const info = (
        templates.documentTemplates as {
          kind: string;
          activeVersion: number;
          placeholders: { name: string }[];
        }[]
      ).find((k) => k.kind === 'ASSIGNMENT_SHEET')!;
      expect(info.activeVersion).toBe(1);
      expect(info.placeholders.map((p) => p.name)).toContain('assignmentNo');
      const defaults = await download('/api/document-templates/ASSIGNMENT_SHEET/default', 'zy.admin');
      expect(defaults.status).toBe(200);
    });
  });
});
