import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApprovalRoute, ParkRules } from '@qifu/domain';
import PizZip from 'pizzip';
import {
  errorCode,
  errorFields,
  startTestApi,
  type TestApi,
  nodesOf,
} from '../../__tests__/support/test-api.js';
import { departmentIdsByCode, savedEnterpriseId, signInAll } from '../../__tests__/support/park-session.js';
import { actMutation, actsOnAnswer, caseReport } from '../../__tests__/support/case-acts.js';

// Zhengyang's rules with approval chains published over the API: a key project (a park flag) needs
// the leader in charge and then the executive deputy director; one department is assigned directly.

const CHAIN = `approvalChain { index role labelZh labelEn current signedByName signedAt opinion }`;
const CASE_FIELDS = `id status version approverRole allowedActions flagCodes ${CHAIN}
  documents { kind number } deadlines { stage doneOn } timeline { type statusAfter data }`;
const LEDGER = `query($filter: LedgerFilter) { ledger(filter: $filter) { edges { node { id approverRole } } totalCount } }`;
const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { downloadUrl } }`;
const ISSUABLE = `query($id: ID!) { case(id: $id) { issuableDocuments { kind documentId } } }`;
const act = (mutation: string) => actMutation(mutation, CASE_FIELDS);

interface ChainStep {
  index: number;
  role: string;
  labelZh: string | null;
  current: boolean;
  signedByName: string | null;
  signedAt: string | null;
  opinion: string | null;
}
interface CaseResult {
  id: string;
  version: number;
  status: string;
  approverRole: string | null;
  allowedActions: string[];
  flagCodes: string[];
  approvalChain: ChainStep[];
  documents: { kind: string; number: string }[];
  deadlines: { stage: string; doneOn: string | null }[];
  timeline: { type: string; statusAfter: string; data: Record<string, unknown> }[];
}

const KEY_PROJECT: ApprovalRoute = {
  code: 'KEY_PROJECT',
  labelZh: '重点项目：分管领导审核，常务副主任审签',
  labelEn: 'Key project: leader in charge reviews, executive deputy director signs',
  condition: { jurisdiction: 'PARK', flagCodes: ['KEY_PROJECT'] },
  sendsReferralLetter: false,
  approvalSteps: [
    { role: 'LEADER_IN_CHARGE', labelZh: '分管领导审核', labelEn: 'Leader in charge reviews' },
    { role: 'EXECUTIVE_DEPUTY_DIRECTOR', labelZh: '常务副主任审签', labelEn: 'Executive deputy signs' },
  ],
};

/** The visible text of a .docx. */
function docxText(bytes: Buffer): string {
  const xml = new PizZip(bytes).file('word/document.xml')!.asText();
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

describe('approval chains over the API', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  let enterpriseId: string;

  beforeAll(async () => {
    api = await startTestApi();
    await signInAll(api, ['zy.admin', 'zy.staff', 'zy.leader', 'zy.deputy'], tokens);
    departments = await departmentIdsByCode(api);
    enterpriseId = await savedEnterpriseId(api, tokens['zy.staff'], {
      name: '重庆正阳新材料有限公司',
      address: '正阳工业园区8号',
    });
    const latest = (await api.gql(`{ parkRules { version rules } }`, {}, tokens['zy.admin'])).data!
      .parkRules as { version: number; rules: ParkRules };
    const rules = structuredClone(latest.rules);
    rules.caseFlags = [{ code: 'KEY_PROJECT', labelZh: '重点项目', labelEn: 'Key project' }];
    rules.approvalRoutes = rules.approvalRoutes.map((route) =>
      route.code === 'PARK_SINGLE_DEPARTMENT' ? { ...route, approvalSteps: [] } : route,
    );
    rules.approvalRoutes.unshift(KEY_PROJECT);
    const published = await api.gql(
      `mutation($input: PublishParkRulesInput!) { publishParkRules(input: $input) { version current } }`,
      { input: { rules, baseVersion: latest.version, note: '会签流程' } },
      tokens['zy.admin'],
    );
    expect(published.data?.publishParkRules).toEqual({ version: latest.version + 1, current: true });
  });
  afterAll(() => api.close());

  const { run, verified: verifiedFrom } = actsOnAnswer<CaseResult>(() => ({ api, tokens }), CASE_FIELDS);

  /** A land approval case, registered and verified. */
  const verified = () =>
    verifiedFrom(
      'zy.staff',
      caseReport('powerSupply', {
        enterpriseId,
        categoryCode: 'LAND_APPROVAL',
        title: '二期厂房用地报批',
        description: '二期厂房用地报批材料已提交两个月，尚无进展。',
      }),
    );

  /** The text of a document of the case as issued now. */
  async function issuedText(caseId: string, kind: string): Promise<string> {
    const issuable = (await api.gql(ISSUABLE, { id: caseId }, tokens['zy.staff'])).data!.case
      .issuableDocuments as { kind: string; documentId: string | null }[];
    const documentId = issuable.find((d) => d.kind === kind)!.documentId;
    const issued = await api.gql(ISSUE, { input: { caseId, kind, documentId } }, tokens['zy.staff']);
    if (issued.errors) throw new Error(JSON.stringify(issued.errors));
    const file = await fetch(`${api.url}${issued.data!.issueDocument.downloadUrl}`, {
      headers: { authorization: `Bearer ${tokens['zy.staff']}` },
    });
    return docxText(Buffer.from(await file.arrayBuffer()));
  }

  const screenKeyProject = (c: CaseResult, flagCodes: string[] = ['KEY_PROJECT']) =>
    run('zy.staff', 'screenCase', c, {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departments.PLANNING_CONSTRUCTION,
      opinion: '重点项目用地问题',
      flagCodes,
    });

  const queue = async (user: string, role: string) =>
    nodesOf<{ id: string }>(
      (await api.gql(LEDGER, { filter: { approverRoles: [role] } }, tokens[user])).data!.ledger,
    ).map((item) => item.id);

  it('a chain of two: each signer in turn, in their approvals queue, then the assignment sheet', async () => {
    let c = await screenKeyProject(await verified());
    expect(c).toMatchObject({
      status: 'PENDING_APPROVAL',
      approverRole: 'LEADER_IN_CHARGE',
      flagCodes: ['KEY_PROJECT'],
      documents: [],
    });
    expect(c.approvalChain).toEqual([
      {
        index: 0,
        role: 'LEADER_IN_CHARGE',
        labelZh: '分管领导审核',
        labelEn: 'Leader in charge reviews',
        current: true,
        signedByName: null,
        signedAt: null,
        opinion: null,
      },
      expect.objectContaining({
        index: 1,
        role: 'EXECUTIVE_DEPUTY_DIRECTOR',
        current: false,
        signedAt: null,
      }),
    ]);
    expect(await queue('zy.leader', 'LEADER_IN_CHARGE')).toContain(c.id);
    expect(await queue('zy.deputy', 'EXECUTIVE_DEPUTY_DIRECTOR')).not.toContain(c.id);

    const early = await api.gql(
      act('approveCase'),
      { input: { caseId: c.id, version: c.version } },
      tokens['zy.deputy'],
    );
    expect(errorCode(early)).toBe('FORBIDDEN');

    c = await run('zy.leader', 'approveCase', c, { opinion: '同意，请常务副主任审签' });
    expect(c).toMatchObject({
      status: 'PENDING_APPROVAL',
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
      documents: [],
    });
    expect(c.approvalChain[0]).toMatchObject({
      current: false,
      signedByName: '分管领导 李强',
      opinion: '同意，请常务副主任审签',
    });
    expect(c.approvalChain[0].signedAt).not.toBeNull();
    expect(c.approvalChain[1]).toMatchObject({ current: true, signedByName: null });
    expect(c.allowedActions).not.toContain('approve');
    expect(c.deadlines.filter((d) => d.stage === 'approval')).toEqual([{ stage: 'approval', doneOn: null }]);
    expect(await queue('zy.leader', 'LEADER_IN_CHARGE')).not.toContain(c.id);
    expect(await queue('zy.deputy', 'EXECUTIVE_DEPUTY_DIRECTOR')).toContain(c.id);

    c = await run('zy.deputy', 'approveCase', c, { opinion: '同意交办' });
    expect(c.status).toBe('ASSIGNED');
    expect(c.documents.map((d) => d.kind)).toEqual(['ASSIGNMENT_SHEET']);
    expect(c.approvalChain.map((s) => [s.signedByName, s.opinion, s.current])).toEqual([
      ['分管领导 李强', '同意，请常务副主任审签', false],
      ['常务副主任 王东', '同意交办', false],
    ]);
    expect(c.timeline.filter((e) => e.type === 'CaseApproved').map((e) => e.data.stepIndex)).toEqual([0, 1]);
    expect(await queue('zy.deputy', 'EXECUTIVE_DEPUTY_DIRECTOR')).not.toContain(c.id);

    // The sheet names the last signer and lists every sign-off (备注); so does the form.
    const sheet = await issuedText(c.id, 'ASSIGNMENT_SHEET');
    expect(sheet).toContain('交办领导（签字）：常务副主任 常务副主任 王东');
    expect(sheet).toMatch(
      /会签：分管领导（分管领导 李强，[^）]+）：同意，请常务副主任审签；常务副主任（常务副主任 王东，[^）]+）：同意交办/,
    );
    const form = await issuedText(c.id, 'REGISTRATION_FORM');
    expect(form).toContain('签字：分管领导 李强、常务副主任 王东');
  });

  it('the second step sends the case back: the chain starts again at screening', async () => {
    let c = await screenKeyProject(await verified());
    c = await run('zy.leader', 'approveCase', c, { opinion: '同意' });
    const wrong = await api.gql(
      act('sendBackCase'),
      { input: { caseId: c.id, version: c.version, reason: '材料不全' } },
      tokens['zy.leader'],
    );
    expect(errorCode(wrong)).toBe('FORBIDDEN');
    c = await run('zy.deputy', 'sendBackCase', c, { reason: '请补充用地红线图' });
    expect(c).toMatchObject({ status: 'VERIFIED', approverRole: null, approvalChain: [], flagCodes: [] });
    c = await screenKeyProject(c);
    expect(c.approvalChain.map((s) => [s.current, s.signedByName])).toEqual([
      [true, null],
      [false, null],
    ]);
  });

  it('a route with no sign-off: screening assigns the case and issues its assignment sheet', async () => {
    const c = await run('zy.staff', 'screenCase', await verified(), {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      opinion: '由经发部办理',
    });
    expect(c).toMatchObject({ status: 'ASSIGNED', approverRole: null, approvalChain: [] });
    expect(c.documents.map((d) => d.kind)).toEqual(['ASSIGNMENT_SHEET']);
    expect(c.deadlines.map((d) => d.stage)).toEqual(['verification', 'screening', 'departmentReply']);
    expect(c.timeline.at(-1)).toMatchObject({ type: 'CaseScreened', statusAfter: 'ASSIGNED' });
    const sheet = await issuedText(c.id, 'ASSIGNMENT_SHEET');
    expect(sheet).toContain('交办领导（签字）：正阳工业园区企业服务中心 服务中心 张敏');
    expect(sheet).toContain('未经审签，由正阳工业园区企业服务中心直接交办');
  });

  it('refuses a flag the park does not define, naming it', async () => {
    const c = await verified();
    const result = await api.gql(
      act('screenCase'),
      {
        input: {
          caseId: c.id,
          version: c.version,
          jurisdiction: 'PARK',
          major: false,
          policyHeavy: false,
          leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
          opinion: '重点项目',
          flagCodes: ['KEY_PROJECT', 'VIP'],
        },
      },
      tokens['zy.staff'],
    );
    expect([errorCode(result), errorFields(result)]).toEqual(['BAD_USER_INPUT', ['flagCodes[1]']]);
  });

  it('a case pending approval stored before chains is approved by its one approver', async () => {
    let c = await run('zy.staff', 'screenCase', await verified(), {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      cooperatingDepartmentIds: [departments.FINANCE],
      opinion: '两个部室',
    });
    await api.owner.query(
      `UPDATE cases SET state = state - 'approvalSteps' - 'approvalStepIndex' - 'flagCodes' WHERE id = $1`,
      [c.id],
    );
    c = (
      await api.gql(`query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`, { id: c.id }, tokens['zy.deputy'])
    ).data!.case as CaseResult;
    expect(c.approvalChain).toEqual([
      expect.objectContaining({ role: 'EXECUTIVE_DEPUTY_DIRECTOR', current: true, signedAt: null }),
    ]);
    expect(c.allowedActions).toContain('approve');
    c = await run('zy.deputy', 'approveCase', c, { opinion: '同意' });
    expect(c).toMatchObject({ status: 'ASSIGNED', approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR' });
    expect(c.documents.map((d) => d.kind)).toEqual(['ASSIGNMENT_SHEET']);
  });

  it('the export takes the approvals filter, with park roles only', async () => {
    const exportWith = (approverRoles: string[]) =>
      fetch(`${api.url}/api/exports/ledger.xlsx`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens['zy.leader']}` },
        body: JSON.stringify({ filter: { statuses: ['PENDING_APPROVAL'], approverRoles } }),
      });
    expect((await exportWith(['LEADER_IN_CHARGE'])).status).toBe(200);
    const bad = await exportWith(['PLATFORM_ADMIN']);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'filter.approverRoles.0' }],
    });
  });
});
