import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { fakeXhr } from '@/test-support/fake-xhr';
import {
  CASE_STAFF_RULES,
  caseApi,
  ECON,
  handlerMe,
  openPage,
  registeredCase,
  staffMe,
} from '../../__tests__/case-fixtures';

let wrapper: VueWrapper | undefined;

const SHEET = 'doc-sheet-1';

function issued(
  id: string,
  kind: string,
  documentId: string | null,
  number: string,
  templateVersion: number | null,
) {
  return {
    id,
    kind,
    number,
    documentId,
    templateVersion,
    fileName: `${number}.docx`,
    sizeBytes: 12_000,
    issuedAt: '2026-10-09T02:00:00.000Z',
    issuedByName: '服务中心 张敏',
    downloadUrl: `/api/issued-documents/${id}`,
  };
}

const issuable = [
  {
    kind: 'REGISTRATION_FORM',
    documentId: null,
    number: '企业困难问题〔2026〕第12号',
    departmentName: null,
    date: '2026-10-08',
  },
  {
    kind: 'ASSIGNMENT_SHEET',
    documentId: SHEET,
    number: '正阳园区管委交〔2026〕第3号',
    departmentName: '经济发展部',
    date: '2026-10-09',
  },
];

function documentsApi(files: ReturnType<typeof issued>[]) {
  return () => ({ data: { case: { id: 'case-1', issuableDocuments: issuable, issuedDocuments: files } } });
}

describe('official documents on the case page', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('lists each document with its files, who issued them and from which template, and issues one again', async () => {
    const files = [
      issued('f-1', 'ASSIGNMENT_SHEET', SHEET, '正阳园区管委交〔2026〕第3号', null),
      issued('f-2', 'ASSIGNMENT_SHEET', SHEET, '正阳园区管委交〔2026〕第3号', 2),
    ];
    let listed = files.slice(0, 1);
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseDetail: () => ({ data: { case: registeredCase({ leadDepartmentId: ECON }) } }),
      CaseIssuedDocuments: () => documentsApi(listed)(),
      IssueDocument: (vars) => {
        listed = files;
        return { data: { issueDocument: files[1] }, vars };
      },
    });
    wrapper = (await openPage(api, '/cases/case-1')).wrapper;
    const section = wrapper.find('[data-test="issued-documents"]');
    await vi.waitFor(() => expect(section.findAll('[data-test="issuable-document"]')).toHaveLength(2));
    const [form, sheet] = section.findAll('[data-test="issuable-document"]');
    expect(form.text()).toContain('登记表');
    expect(form.text()).toContain('尚未生成');
    expect(form.find('[data-test="issue-document"]').text()).toBe('生成');
    expect(sheet.text()).toContain('交办单');
    expect(sheet.text()).toContain('服务中心 张敏');
    expect(sheet.text()).toContain('默认模板');
    expect(sheet.find('[data-test="issue-document"]').text()).toBe('重新生成');

    await sheet.find('[data-test="issue-document"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('IssueDocument').map((c) => c.variables)).toEqual([
      { input: { caseId: 'case-1', kind: 'ASSIGNMENT_SHEET', documentId: SHEET } },
    ]);
    await vi.waitFor(() =>
      expect(
        wrapper!.findAll('[data-test="issuable-document"]')[1].findAll('[data-test="issued-file"]'),
      ).toHaveLength(2),
    );
    // Newest first; the earlier file stays.
    const sheetFiles = wrapper
      .findAll('[data-test="issuable-document"]')[1]
      .findAll('[data-test="issued-file"]');
    expect(sheetFiles[0].text()).toContain('园区模板第 2 版');
    expect(sheetFiles[1].text()).toContain('默认模板');
  });

  it('downloads a DOCX with the bearer token under its name', async () => {
    const xhr = fakeXhr(() => ({ status: 200, body: new Blob(['PK']) }));
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseDetail: () => ({ data: { case: registeredCase() } }),
      CaseIssuedDocuments: documentsApi([
        issued('f-1', 'REGISTRATION_FORM', null, '企业困难问题〔2026〕第12号', null),
      ]),
    });
    wrapper = (await openPage(api, '/cases/case-1')).wrapper;
    await vi.waitFor(() => expect(wrapper!.find('[data-test="download-docx"]').exists()).toBe(true));
    await wrapper.find('[data-test="download-docx"]').trigger('click');
    await flushPromises();
    expect(xhr.calls).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: '/api/issued-documents/f-1',
        authorization: 'Bearer access-1',
      }),
    ]);
    expect(saved).toEqual(['企业困难问题〔2026〕第12号.docx']);
  });

  it('departments read and download the files but do not issue them', async () => {
    const api = caseApi(
      handlerMe,
      [
        { action: 'read', subject: 'Department' },
        { action: 'read', subject: 'ParkRules' },
        { action: ['read', 'update'], subject: 'Case', conditions: { departmentIds: { $in: [ECON] } } },
      ],
      {
        CaseDetail: () => ({
          data: { case: registeredCase({ leadDepartmentId: ECON, departmentIds: [ECON] }) },
        }),
        CaseIssuedDocuments: documentsApi([
          issued('f-1', 'ASSIGNMENT_SHEET', SHEET, '正阳园区管委交〔2026〕第3号', null),
        ]),
      },
    );
    wrapper = (await openPage(api, '/cases/case-1')).wrapper;
    await vi.waitFor(() => expect(wrapper!.find('[data-test="download-docx"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="issue-document"]').exists()).toBe(false);
  });
});
