import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { DocumentBatchFieldsFragment } from '@/gql/graphql';
import { fakeXhr } from '@/test-support/fake-xhr';
import { caseApi, CASE_STAFF_RULES, ledgerRow, openPage, staffMe } from '../../__tests__/case-fixtures';
import { connectionOf } from '@/test-support/connections';
import { BATCH_POLL_MS } from '../use-document-batch';

let wrapper: VueWrapper | undefined;

const row = ledgerRow;

const ledger = () => ({ data: { ledger: connectionOf([row], { totalCount: 3 }) } });

function batch(over: Partial<DocumentBatchFieldsFragment>): DocumentBatchFieldsFragment {
  return {
    __typename: 'DocumentBatch',
    id: 'batch-1',
    kinds: ['REGISTRATION_FORM', 'ASSIGNMENT_SHEET'],
    status: 'PENDING',
    total: 5,
    issued: 0,
    failed: 0,
    fileName: null,
    sizeBytes: null,
    downloadUrl: null,
    errorMessage: null,
    createdAt: '2026-11-29T02:00:00.000Z',
    finishedAt: null,
    failures: [],
    ...over,
  } as DocumentBatchFieldsFragment;
}

const dialog = () => document.body.querySelector('[data-test="batch-dialog"]');
const text = (selector: string) =>
  dialog()?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

describe('batch generation from the ledger (批量生成公文)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('starts a batch for the ledger as shown, follows its progress bar to the end and downloads the ZIP', async () => {
    // The poll's clock is ours: vi.waitFor moves it along, and the end is checked without waiting.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const polls = [
      batch({ status: 'RUNNING', issued: 2 }),
      batch({
        status: 'DONE',
        issued: 4,
        failed: 1,
        fileName: '批量文书-20261129-1000.zip',
        sizeBytes: 52_000,
        downloadUrl: '/api/document-batches/batch-1/zip',
        failures: [
          {
            caseId: 'case-3',
            registrationNo: '企业困难问题〔2026〕第3号',
            kind: 'ASSIGNMENT_SHEET',
            message: '没有权限执行此操作 / Not allowed',
          },
        ],
      }),
    ];
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseLedger: ledger,
      MyDocumentBatches: () => ({ data: { myDocumentBatches: [] } }),
      StartDocumentBatch: () => ({ data: { startDocumentBatch: batch({}) } }),
      DocumentBatch: () => ({ data: { documentBatch: polls.length > 1 ? polls.shift()! : polls[0] } }),
    });
    const xhr = fakeXhr(() => ({ status: 200, body: new Blob(['PK']) }));
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    wrapper = (await openPage(api, '/cases?category=POWER_SUPPLY&sort=REGISTRATION_ASC')).wrapper;
    await vi.waitFor(() => expect(api.callsOf('CaseLedger')).toHaveLength(1));

    await wrapper.find('[data-test="ledger-batch"]').trigger('click');
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('为 3 件案件'));
    const assignment = [...dialog()!.querySelectorAll('.el-checkbox')].find((el) =>
      el.textContent?.includes('交办单'),
    ) as HTMLElement;
    assignment.click();
    (dialog()!.querySelector('[data-test="batch-start"]') as HTMLElement).click();

    await vi.waitFor(() => expect(api.callsOf('StartDocumentBatch')).toHaveLength(1));
    expect(api.callsOf('StartDocumentBatch')[0].variables).toEqual({
      input: {
        filter: { categoryCodes: ['POWER_SUPPLY'] },
        sort: 'REGISTRATION_ASC',
        kinds: ['REGISTRATION_FORM', 'ASSIGNMENT_SHEET'],
      },
    });
    await vi.waitFor(() => expect(text('[data-test="batch-counts"]')).toContain('生成中'), { timeout: 3000 });
    expect(text('[data-test="batch-counts"]')).toContain('已生成 2 份，未生成 0 份，共 5 份');
    expect(dialog()!.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('40');

    await vi.waitFor(() => expect(text('[data-test="batch-counts"]')).toContain('已完成'), { timeout: 3000 });
    expect(dialog()!.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('100');
    expect(text('[data-test="batch-failures"]')).toContain('企业困难问题〔2026〕第3号');
    expect(text('[data-test="batch-failures"]')).toContain('没有权限');
    // Finished: no more polling.
    const pollsSoFar = api.callsOf('DocumentBatch').length;
    await vi.advanceTimersByTimeAsync(BATCH_POLL_MS * 3);
    expect(api.callsOf('DocumentBatch')).toHaveLength(pollsSoFar);

    (dialog()!.querySelector('[data-test="batch-download"]') as HTMLElement).click();
    await vi.waitFor(() => expect(saved).toEqual(['批量文书-20261129-1000.zip']));
    expect(xhr.calls[0]).toMatchObject({
      url: '/api/document-batches/batch-1/zip',
      authorization: 'Bearer access-1',
    });
  });

  it('shows why a batch cannot start, naming the field, and stays on the form', async () => {
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseLedger: ledger,
      MyDocumentBatches: () => ({ data: { myDocumentBatches: [] } }),
      StartDocumentBatch: () => ({
        errors: [
          {
            message: '输入有误 / Invalid input: kinds: 所选案件没有这些文书',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [
                {
                  path: 'kinds',
                  message: '所选案件没有这些文书 / the cases have no documents of these kinds',
                },
              ],
            },
          },
        ],
      }),
    });
    wrapper = (await openPage(api, '/cases')).wrapper;
    await vi.waitFor(() => expect(api.callsOf('CaseLedger')).toHaveLength(1));
    await wrapper.find('[data-test="ledger-batch"]').trigger('click');
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    (dialog()!.querySelector('[data-test="batch-start"]') as HTMLElement).click();
    await vi.waitFor(() =>
      expect(document.body.querySelector('.el-message')?.textContent).toContain('所选案件没有这些文书'),
    );
    expect(dialog()!.querySelector('[data-test="batch-start"]')).not.toBeNull();
    expect(dialog()!.querySelector('[data-test="batch-progress"]')).toBeNull();
  });
});
