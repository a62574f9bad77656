import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { fakeXhr } from '@/test-support/fake-xhr';
import { graphqlError } from '@/test-support/graphql-fetch';
import { caseApi, ECON, handlerMe, registeredCase } from '../../__tests__/case-fixtures';
import { caseDetailApi, openCase } from '../../__tests__/case-page';
import { PDF_POLL_MS } from '../use-issued-documents';

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
    pdfStatus: null as 'PENDING' | 'READY' | 'FAILED' | null,
    pdfError: null as { reason: string; message: string } | null,
    pdfDownloadUrl: null as string | null,
    pdfConvertible: false,
  };
}

function withPdf(file: ReturnType<typeof issued>, status: 'PENDING' | 'READY' | 'FAILED') {
  return {
    ...file,
    pdfStatus: status,
    pdfError:
      status === 'FAILED'
        ? { reason: 'timeout', message: 'LibreOffice did not finish the conversion within 60 s' }
        : null,
    pdfDownloadUrl: status === 'READY' ? `/api/issued-documents/${file.id}/pdf` : null,
    pdfConvertible: status === 'FAILED',
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
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('lists each document with its files, who issued them and from which template, and issues one again', async () => {
    const files = [
      issued('f-1', 'ASSIGNMENT_SHEET', SHEET, '正阳园区管委交〔2026〕第3号', null),
      issued('f-2', 'ASSIGNMENT_SHEET', SHEET, '正阳园区管委交〔2026〕第3号', 2),
    ];
    let listed = files.slice(0, 1);
    const api = caseDetailApi(registeredCase({ leadDepartmentId: ECON }), {
      CaseIssuedDocuments: () => documentsApi(listed)(),
      IssueDocument: (vars) => {
        listed = files;
        return { data: { issueDocument: files[1] }, vars };
      },
    });
    wrapper = await openCase(api);
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

  it('a park template that can no longer be used is named, with what to do', async () => {
    const refusal =
      '企业反映困难问题登记表模板第 1 版「旧登记表.docx」无法使用：解压后超过 32.0 MB；请启用其他版本或默认模板 / ' +
      'The registration form template version 1 "旧登记表.docx" cannot be used: inflates to more than 32.0 MB';
    const api = caseDetailApi(registeredCase({ leadDepartmentId: ECON }), {
      CaseIssuedDocuments: documentsApi([]),
      IssueDocument: () =>
        graphqlError('TEMPLATE_INVALID', refusal, {
          template: { id: 'tpl-old', kind: 'REGISTRATION_FORM', version: 1, fileName: '旧登记表.docx' },
        }),
    });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper!.findAll('[data-test="issuable-document"]')).toHaveLength(2));
    await wrapper.findAll('[data-test="issue-document"]')[0].trigger('click');
    await vi.waitFor(() =>
      expect(document.body.querySelector('.el-message')?.textContent).toContain(refusal),
    );
    expect(api.callsOf('IssueDocument')).toHaveLength(1);
  });

  it('downloads a DOCX with the bearer token under its name', async () => {
    const xhr = fakeXhr(() => ({ status: 200, body: new Blob(['PK']) }));
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const api = caseDetailApi(registeredCase(), {
      CaseIssuedDocuments: documentsApi([
        issued('f-1', 'REGISTRATION_FORM', null, '企业困难问题〔2026〕第12号', null),
      ]),
    });
    wrapper = await openCase(api);
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
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper!.find('[data-test="download-docx"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="issue-document"]').exists()).toBe(false);
  });

  it('reads the list again while a PDF is converting, and stops once none is', async () => {
    // The poll's clock is ours: vi.waitFor moves it along, and the end is checked without waiting.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const form = issued('f-1', 'REGISTRATION_FORM', null, '企业困难问题〔2026〕第12号', null);
    let reads = 0;
    const api = caseDetailApi(registeredCase(), {
      CaseIssuedDocuments: () => {
        reads += 1;
        return documentsApi([withPdf(form, reads === 1 ? 'PENDING' : 'READY')])();
      },
    });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper!.find('[data-test="pdf-status"]').text()).toBe('PDF 转换中'));
    expect(wrapper.find('[data-test="download-pdf"]').exists()).toBe(false);
    await vi.waitFor(() => expect(wrapper!.find('[data-test="pdf-status"]').text()).toBe('PDF 可下载'), {
      timeout: 5000,
    });
    expect(reads).toBe(2);
    await vi.advanceTimersByTimeAsync(PDF_POLL_MS * 2);
    expect(reads).toBe(2);
  }, 15_000);

  it('shows why a PDF failed and converts it again', async () => {
    const form = issued('f-1', 'REGISTRATION_FORM', null, '企业困难问题〔2026〕第12号', null);
    let listed = [withPdf(form, 'FAILED')];
    const api = caseDetailApi(registeredCase(), {
      CaseIssuedDocuments: () => documentsApi(listed)(),
      ConvertIssuedDocumentPdf: () => {
        listed = [withPdf(form, 'READY')];
        return { data: { convertIssuedDocumentPdf: withPdf(form, 'PENDING') } };
      },
    });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper!.find('[data-test="pdf-error"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="pdf-status"]').text()).toBe('PDF 转换失败');
    expect(wrapper.find('[data-test="pdf-error"]').text()).toContain('timeout');
    expect(wrapper.find('[data-test="pdf-error"]').text()).toContain('did not finish');
    await wrapper.find('[data-test="retry-pdf"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('ConvertIssuedDocumentPdf').map((c) => c.variables)).toEqual([
      { input: { issuedDocumentId: 'f-1' } },
    ]);
    await vi.waitFor(() => expect(wrapper!.find('[data-test="pdf-status"]').text()).toBe('PDF 可下载'));
    expect(wrapper.find('[data-test="retry-pdf"]').exists()).toBe(false);
  });

  it('makes the PDF of a file issued before PDFs were made, when asked', async () => {
    const form = issued('f-1', 'REGISTRATION_FORM', null, '企业困难问题〔2026〕第12号', null);
    let listed = [{ ...form, pdfConvertible: true }];
    const api = caseDetailApi(registeredCase(), {
      CaseIssuedDocuments: () => documentsApi(listed)(),
      ConvertIssuedDocumentPdf: () => {
        listed = [withPdf(form, 'PENDING')];
        return { data: { convertIssuedDocumentPdf: withPdf(form, 'PENDING') } };
      },
    });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper!.find('[data-test="make-pdf"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="make-pdf"]').text()).toBe('生成 PDF');
    expect(wrapper.find('[data-test="pdf-status"]').exists()).toBe(false);
    await wrapper.find('[data-test="make-pdf"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('ConvertIssuedDocumentPdf').map((c) => c.variables)).toEqual([
      { input: { issuedDocumentId: 'f-1' } },
    ]);
    await vi.waitFor(() => expect(wrapper!.find('[data-test="pdf-status"]').text()).toBe('PDF 转换中'));
    expect(wrapper.find('[data-test="make-pdf"]').exists()).toBe(false);
  });

  it('offers no PDF where PDF output is off', async () => {
    const api = caseDetailApi(registeredCase(), {
      CaseIssuedDocuments: documentsApi([
        issued('f-1', 'REGISTRATION_FORM', null, '企业困难问题〔2026〕第12号', null),
      ]),
    });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper!.find('[data-test="download-docx"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="make-pdf"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="pdf-status"]').exists()).toBe(false);
  });

  it('previews the PDF in the page and downloads it, with the bearer token', async () => {
    const xhr = fakeXhr(() => ({ status: 200, body: new Blob(['%PDF-1.7'], { type: 'application/pdf' }) }));
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:pdf-1');
    const api = caseDetailApi(registeredCase(), {
      CaseIssuedDocuments: documentsApi([
        withPdf(issued('f-1', 'REGISTRATION_FORM', null, '企业困难问题〔2026〕第12号', null), 'READY'),
      ]),
    });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper!.find('[data-test="preview-pdf"]').exists()).toBe(true));
    await wrapper.find('[data-test="preview-pdf"]').trigger('click');
    await flushPromises();
    await vi.waitFor(() =>
      expect(document.body.querySelector('[data-test="pdf-preview-frame"]')?.getAttribute('data')).toBe(
        'blob:pdf-1',
      ),
    );
    expect((created.mock.calls[0][0] as Blob).type).toBe('application/pdf');
    await wrapper.find('[data-test="download-pdf"]').trigger('click');
    await flushPromises();
    expect(xhr.calls).toEqual([
      expect.objectContaining({ url: '/api/issued-documents/f-1/pdf', authorization: 'Bearer access-1' }),
      expect.objectContaining({ url: '/api/issued-documents/f-1/pdf', authorization: 'Bearer access-1' }),
    ]);
    expect(saved).toEqual(['企业困难问题〔2026〕第12号.pdf']);
  });
});
