import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElRadioGroup, ElSelect } from 'element-plus';
import type { RawRuleOf } from '@casl/ability';
import type { AppAbility } from '@/auth/ability';
import { authPayload, restErrorBody } from '@/test-support/fixtures';
import { deferred, fakeXhr, type XhrAnswer } from '@/test-support/fake-xhr';
import {
  ATTACHMENT_POLICY,
  CASE_LEADER_RULES,
  CASE_STAFF_RULES,
  caseApi,
  ECON,
  handlerMe,
  leaderMe,
  openPage,
  registered,
  registeredCase,
  setModel,
  staffMe,
} from './case-fixtures';
import { caseDetailApi, openCase } from './case-page';
import { fileProblem, formatBytes } from '../attachments/attachment-files';

type Rule = RawRuleOf<AppAbility>;

let wrapper: VueWrapper | undefined;

const PARK = 'p-zy';
const STAFF_RULES: Rule[] = [
  ...CASE_STAFF_RULES,
  { action: 'create', subject: 'CaseAttachment', conditions: { parkId: PARK } },
];
const HANDLER_RULES: Rule[] = [
  { action: 'read', subject: 'Department' },
  { action: 'read', subject: 'ParkRules' },
  {
    action: ['read', 'update'],
    subject: 'Case',
    conditions: { parkId: PARK, departmentIds: { $in: [ECON] } },
  },
  {
    action: 'create',
    subject: 'CaseAttachment',
    conditions: { parkId: PARK, departmentIds: { $in: [ECON] } },
  },
];

/** A policy with a small limit, so a "too big" file is small too. */
const SMALL_POLICY = { ...ATTACHMENT_POLICY, maxBytes: 1024 };
const smallPolicy = () => ({ data: { attachmentPolicy: SMALL_POLICY } });

const pdf = (name: string, size: number) =>
  new File([new Uint8Array(size).fill(0x20).fill(0x25, 0, 1)], name, { type: 'application/pdf' });

function uploaded(id: string, fileName: string, sizeBytes: number) {
  return {
    id,
    fileName,
    contentType: 'application/pdf',
    sizeBytes,
    sha256: 'a'.repeat(64),
    uploadedAt: '2026-10-09T02:00:00.000Z',
    uploaderName: '王晓红',
    downloadUrl: `/api/attachments/${id}`,
  };
}

async function choose(view: VueWrapper, files: File[]): Promise<void> {
  const input = view.find('[data-test="attachment-input"]');
  Object.defineProperty(input.element, 'files', { value: files, configurable: true });
  await input.trigger('change');
  await flushPromises();
}

function items(view: VueWrapper) {
  return view.findAll('[data-test="attachment-item"]').map((item) => ({
    status: item.attributes('data-status'),
    text: item.text(),
  }));
}

async function fillRequired(view: VueWrapper): Promise<void> {
  const fill = (testId: string, value: string) => view.find(`[data-test="${testId}"]`).setValue(value);
  await fill('intake-enterprise-name', '重庆正阳铝业有限公司');
  await fill('intake-enterprise-credit-code', '91500114MA5U123456');
  await setModel(view, ElSelect, 'intake-category-code', 'POWER_SUPPLY');
  await setModel(view, ElSelect, 'intake-channel-code', 'HOTLINE');
  await setModel(view, ElRadioGroup, 'intake-report-form-code', 'PHONE');
  await fill('intake-contact-name', '张伟');
  await fill('intake-contact-phone', '023-79429609');
  await fill('intake-title', '新建产线用电增容');
  await fill('intake-description', '新建产线需增容至2000千伏安，申请三个月未获答复。');
}

describe('attachment files, checked before sending', () => {
  it('refuses a file too big, of another kind or empty; names sizes as people read them', () => {
    expect(fileProblem({ name: '附页.PDF', size: 1024 }, SMALL_POLICY)).toBeNull();
    expect(fileProblem({ name: '附页.pdf', size: 1025 }, SMALL_POLICY)).toEqual({ kind: 'tooLarge' });
    expect(fileProblem({ name: 'setup.exe', size: 10 }, SMALL_POLICY)).toEqual({ kind: 'wrongType' });
    expect(fileProblem({ name: 'pdf', size: 10 }, SMALL_POLICY)).toEqual({ kind: 'wrongType' });
    expect(fileProblem({ name: '空.txt', size: 0 }, SMALL_POLICY)).toEqual({ kind: 'empty' });
    expect([512, 2000, 1536, 20 * 1024 * 1024, 21_500_000].map(formatBytes)).toEqual([
      '512 B',
      '2 KB',
      '1.5 KB',
      '20 MB',
      '20.5 MB',
    ]);
  });
});

describe('attachments on the registration form (可另附页)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    vi.unstubAllGlobals();
  });

  it('lists the chosen files, refuses too big and wrong kinds up front, and uploads the rest once registered, with progress', async () => {
    const answer = deferred<XhrAnswer>();
    const xhr = fakeXhr(() => answer.promise);
    const api = caseApi(staffMe, STAFF_RULES, {
      RegisterCase: () => registered,
      AttachmentPolicy: smallPolicy,
    });
    wrapper = (await openPage(api, '/cases/new')).wrapper;
    const picker = wrapper.find('[data-test="intake-attachments"]');
    expect(picker.text()).toContain('附件（可另附页）');
    await vi.waitFor(() => expect(picker.text()).toContain('每个不超过 1 KB'));
    expect(wrapper.find('[data-test="attachment-input"]').attributes('accept')).toBe(
      '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.wps,.et,.txt',
    );

    await choose(wrapper, [pdf('用电申请附页.pdf', 700), pdf('扫描件.pdf', 2000), pdf('setup.exe', 100)]);
    expect(items(wrapper)).toEqual([
      { status: 'waiting', text: expect.stringContaining('用电申请附页.pdf700 B') },
      { status: 'refused', text: expect.stringContaining('超过 1 KB，不能上传') },
      { status: 'refused', text: expect.stringContaining('不接受此类文件') },
    ]);
    expect(items(wrapper)[1].text).toContain('2 KB');
    // A refused file can be taken off the list.
    await wrapper.findAll('[data-test="attachment-remove"]')[2].trigger('click');
    expect(items(wrapper)).toHaveLength(2);
    expect(xhr.calls).toHaveLength(0);

    await fillRequired(wrapper);
    await wrapper.find('[data-test="intake-submit"]').trigger('click');
    await flushPromises();

    expect(wrapper.find('[data-test="registration-no"]').text()).toBe('企业困难问题〔2026〕第12号');
    await vi.waitFor(() => expect(xhr.calls).toHaveLength(1));
    expect(xhr.calls[0]).toMatchObject({
      method: 'POST',
      url: '/api/cases/case-12/attachments',
      authorization: 'Bearer access-1',
      file: { name: '用电申请附页.pdf', size: 700 },
    });
    const uploads = wrapper.find('[data-test="intake-uploads"]');
    expect(uploads.text()).toContain('正在上传附件');
    expect(uploads.find('[data-test="attachment-progress"]').exists()).toBe(true);
    xhr.calls[0].progress(0.5);
    await flushPromises();
    expect(uploads.text()).toContain('上传中 50%');
    expect(wrapper.find('[data-test="intake-register-another"]').attributes('disabled')).toBeDefined();

    answer.resolve({ status: 201, progress: [0.5, 1], body: uploaded('att-1', '用电申请附页.pdf', 700) });
    await flushPromises();
    expect(items(wrapper)).toEqual([
      { status: 'done', text: expect.stringContaining('已上传') },
      { status: 'refused', text: expect.stringContaining('超过 1 KB') },
    ]);
    expect(xhr.calls).toHaveLength(1);
    expect(wrapper.find('[data-test="intake-uploads-failed"]').exists()).toBe(false);
  });

  it('says which files failed and why, and retries those that may succeed', async () => {
    const first = deferred<XhrAnswer>();
    const answers: (XhrAnswer | Promise<XhrAnswer>)[] = [
      first.promise,
      { status: 0 },
      {
        status: 415,
        body: restErrorBody(415, 'UNSUPPORTED_MEDIA_TYPE', [{ path: 'file', message: 'not accepted' }]),
      },
    ];
    const xhr = fakeXhr(
      (call) => answers.shift() ?? { status: 201, body: uploaded('att-9', call.file!.name, 10) },
    );
    const api = caseApi(staffMe, STAFF_RULES, {
      RegisterCase: () => registered,
      AttachmentPolicy: smallPolicy,
    });
    wrapper = (await openPage(api, '/cases/new')).wrapper;
    await flushPromises();
    await choose(wrapper, [
      pdf('现场照片说明.pdf', 300),
      pdf('情况说明.pdf', 400),
      pdf('伪装成PDF的程序.pdf', 500),
    ]);
    await fillRequired(wrapper);
    await wrapper.find('[data-test="intake-submit"]').trigger('click');
    await flushPromises();

    await vi.waitFor(() => expect(xhr.calls).toHaveLength(1));
    first.resolve({ status: 500, body: restErrorBody(500, 'INTERNAL_SERVER_ERROR') });
    await flushPromises();
    await vi.waitFor(() => expect(wrapper?.find('[data-test="intake-uploads-failed"]').exists()).toBe(true));
    expect(items(wrapper)).toEqual([
      { status: 'failed', text: expect.stringContaining('上传失败：服务器错误（500）') },
      { status: 'failed', text: expect.stringContaining('上传失败：网络中断') },
      // The API read its content and refused it: not offered again.
      { status: 'refused', text: expect.stringContaining('不接受此类文件') },
    ]);
    expect(wrapper.find('[data-test="intake-uploads-failed"]').text()).toContain('2 个附件未能上传');

    await wrapper.find('[data-test="intake-uploads-retry"]').trigger('click');
    await flushPromises();
    expect(xhr.calls.map((call) => call.file?.name)).toEqual([
      '现场照片说明.pdf',
      '情况说明.pdf',
      '伪装成PDF的程序.pdf',
      '现场照片说明.pdf',
      '情况说明.pdf',
    ]);
    expect(items(wrapper).map((item) => item.status)).toEqual(['done', 'done', 'refused']);
    expect(wrapper.find('[data-test="intake-uploads-failed"]').exists()).toBe(false);
  });

  it('renews an expired session once and sends the file again with the new token', async () => {
    const xhr = fakeXhr((call) =>
      call.authorization === 'Bearer access-2'
        ? { status: 201, body: uploaded('att-2', '附页.pdf', 50) }
        : { status: 401, body: restErrorBody(401, 'UNAUTHENTICATED') },
    );
    const api = caseApi(staffMe, STAFF_RULES, {
      RegisterCase: () => registered,
      RefreshSession: () => ({ data: { refreshSession: authPayload('access-2', 'refresh-2', staffMe) } }),
    });
    wrapper = (await openPage(api, '/cases/new')).wrapper;
    await flushPromises();
    await choose(wrapper, [pdf('附页.pdf', 50)]);
    await fillRequired(wrapper);
    await wrapper.find('[data-test="intake-submit"]').trigger('click');
    await flushPromises();
    await vi.waitFor(() => expect(items(wrapper!).map((item) => item.status)).toEqual(['done']));
    expect(xhr.calls.map((call) => call.authorization)).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(api.callsOf('RefreshSession')).toHaveLength(1);
  });
});

describe('attachments on the case page', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    vi.unstubAllGlobals();
  });

  const withFiles = (overrides = {}) =>
    registeredCase({ attachments: [uploaded('att-1', '用电增容申请（第2页）.pdf', 40_000)], ...overrides });

  it('lists the files with their size and uploader, and downloads one with the bearer token under its name', async () => {
    const xhr = fakeXhr(() => ({ status: 200, body: new Blob(['%PDF-1.7']) }));
    const saved: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
    const api = caseDetailApi(withFiles(), {}, { rules: STAFF_RULES });
    wrapper = await openCase(api);
    const section = wrapper.find('[data-test="case-attachments"]');
    await vi.waitFor(() => expect(section.text()).toContain('用电增容申请（第2页）.pdf'));
    expect(section.text()).toContain('39.1 KB');
    expect(section.text()).toContain('王晓红');

    await section.find('[data-test="attachment-download"]').trigger('click');
    await flushPromises();
    expect(xhr.calls).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: '/api/attachments/att-1',
        authorization: 'Bearer access-1',
      }),
    ]);
    expect(saved).toEqual([{ href: expect.stringMatching(/^blob:/), download: '用电增容申请（第2页）.pdf' }]);
  });

  it('the service center uploads from the case page; the case is read again to show it', async () => {
    const xhr = fakeXhr(() => ({ status: 201, progress: [1], body: uploaded('att-2', '补充材料.pdf', 500) }));
    let reads = 0;
    const api = caseApi(staffMe, STAFF_RULES, {
      CaseDetail: () => {
        reads += 1;
        const attachments = [uploaded('att-1', '附页一.pdf', 100)];
        if (reads > 1) attachments.push(uploaded('att-2', '补充材料.pdf', 500));
        return { data: { case: registeredCase({ attachments }) } };
      },
    });
    wrapper = await openCase(api);
    const section = wrapper.find('[data-test="case-attachments"]');
    await vi.waitFor(() => expect(section.find('[data-test="attachment-choose"]').text()).toBe('上传附件'));

    await choose(wrapper, [pdf('补充材料.pdf', 500), pdf('病毒.exe', 10)]);
    await flushPromises();
    expect(xhr.calls.map((call) => [call.url, call.file?.name])).toEqual([
      ['/api/cases/case-1/attachments', '补充材料.pdf'],
    ]);
    await vi.waitFor(() => expect(api.callsOf('CaseDetail')).toHaveLength(2));
    await vi.waitFor(() => expect(section.text()).toContain('补充材料.pdf'));
    // The uploaded file is in the list now; the refused one stays in the queue with its reason.
    expect(items(wrapper)).toEqual([{ status: 'refused', text: expect.stringContaining('不接受此类文件') }]);
  });

  it('shows an added file on the timeline with its name and size', async () => {
    fakeXhr(() => ({ status: 500 }));
    const base = withFiles();
    const event = {
      id: 'ev-2',
      caseVersion: 1,
      type: 'AttachmentAdded',
      occurredAt: '2026-10-09T02:00:00.000Z',
      actorName: '王晓红',
      actorRole: 'SERVICE_CENTER_STAFF' as const,
      statusBefore: 'REGISTERED' as const,
      statusAfter: 'REGISTERED' as const,
      data: { attachmentId: 'att-1', fileName: '用电增容申请（第2页）.pdf', sizeBytes: 40_000 },
    };
    const api = caseDetailApi({ ...base, timeline: [...base.timeline, event] }, {}, { rules: STAFF_RULES });
    wrapper = await openCase(api);
    const added = await vi.waitFor(() => {
      const found = wrapper!.find('[data-event-type="AttachmentAdded"]');
      if (!found.exists()) throw new Error('no attachment event yet');
      return found;
    });
    expect(added.text()).toContain('上传附件');
    expect(added.text()).toContain('文件名用电增容申请（第2页）.pdf');
    expect(added.text()).toContain('大小39.1 KB');
    expect(added.text()).not.toContain('att-1');
  });

  it('offers to send again a file the connection lost', async () => {
    const answers: XhrAnswer[] = [{ status: 0 }];
    const xhr = fakeXhr(
      (call) => answers.shift() ?? { status: 201, body: uploaded('att-3', call.file!.name, 200) },
    );
    const api = caseDetailApi(registeredCase(), {}, { rules: STAFF_RULES });
    wrapper = await openCase(api);
    await vi.waitFor(() => expect(wrapper?.find('[data-test="attachment-choose"]').exists()).toBe(true));
    await choose(wrapper, [pdf('会议纪要.pdf', 200)]);
    await vi.waitFor(() => expect(items(wrapper!)[0]?.text).toContain('上传失败：网络中断'));
    await wrapper.find('[data-test="attachment-retry"]').trigger('click');
    await flushPromises();
    expect(xhr.calls).toHaveLength(2);
    await vi.waitFor(() => expect(api.callsOf('CaseDetail')).toHaveLength(2));
    expect(wrapper.find('[data-test="attachment-retry"]').exists()).toBe(false);
  });

  it('a leader reads the files but is not offered an upload', async () => {
    fakeXhr(() => ({ status: 500 }));
    const api = caseDetailApi(withFiles(), {}, { who: leaderMe, rules: CASE_LEADER_RULES });
    wrapper = await openCase(api);
    const section = wrapper.find('[data-test="case-attachments"]');
    await vi.waitFor(() => expect(section.text()).toContain('用电增容申请（第2页）.pdf'));
    expect(section.find('[data-test="attachment-choose"]').exists()).toBe(false);
  });

  it('a department is offered an upload on its own cases only', async () => {
    fakeXhr(() => ({ status: 500 }));
    const own = caseDetailApi(
      withFiles({ status: 'ASSIGNED', departmentIds: [ECON] }),
      {},
      { who: handlerMe, rules: HANDLER_RULES },
    );
    wrapper = await openCase(own);
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="case-attachments"] [data-test="attachment-choose"]').exists()).toBe(
        true,
      ),
    );
    wrapper.unmount();

    const other = caseApi(handlerMe, HANDLER_RULES, {
      CaseDetail: () => ({
        data: { case: withFiles({ status: 'ASSIGNED', departmentIds: ['dep-finance'] }) },
      }),
    });
    wrapper = await openCase(other);
    const section = wrapper.find('[data-test="case-attachments"]');
    await vi.waitFor(() => expect(section.text()).toContain('用电增容申请（第2页）.pdf'));
    expect(section.find('[data-test="attachment-choose"]').exists()).toBe(false);
  });
});
