import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { authPayload, restErrorBody } from '@/test-support/fixtures';
import { fileNameOf, LEDGER_EXPORT_URL } from '../use-ledger-export';
import { caseApi, CASE_STAFF_RULES, ledgerRow, openPage, setModel, staffMe } from './case-fixtures';
import { connectionOf } from '@/test-support/connections';

let wrapper: VueWrapper | undefined;

const row = ledgerRow;

const ledger = () => ({ data: { ledger: connectionOf([row], { totalCount: 1 }) } });

const FILE_NAME = '台账-2026-11-29.xlsx';
const DISPOSITION = `attachment; filename="__-2026-11-29.xlsx"; filename*=UTF-8''${encodeURIComponent(FILE_NAME)}`;

interface ExportCall {
  url: string;
  authorization: string | null;
  body: unknown;
}

/**
 * Replaces the download's `fetch` (GraphQL keeps its own): each request is answered by `respond`,
 * whose workbook body the test feeds chunk by chunk through the returned stream controller.
 */
function fakeExport(respond: (call: ExportCall) => Response) {
  const calls: ExportCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const call = {
        url: String(input),
        authorization: new Headers(init?.headers).get('authorization'),
        body: JSON.parse(String(init?.body)) as unknown,
      };
      calls.push(call);
      return respond(call);
    }),
  );
  return calls;
}

function streamed(rows: number) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
  });
  const response = new Response(body, {
    status: 200,
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': DISPOSITION,
      'x-row-count': String(rows),
    },
  });
  return { response, controller };
}

function refused(status: number, code: string) {
  return new Response(JSON.stringify(restErrorBody(status, code)), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** What the page handed to the browser as downloads. */
function savedFiles() {
  const saved: { href: string; download: string }[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ href: this.href, download: this.download });
  });
  return saved;
}

/** Opens the ledger as the case staff and asks for its file. */
async function exportLedger(
  api = caseApi(staffMe, CASE_STAFF_RULES, { CaseLedger: ledger }),
): Promise<VueWrapper> {
  const { wrapper: view } = await openPage(api, '/cases');
  await view.find('[data-test="ledger-export"]').trigger('click');
  return view;
}

const messages = () => document.body.querySelectorAll('.el-message');
const lastMessage = () => [...messages()].at(-1)?.textContent?.trim() ?? '';

describe('ledger export (导出 Excel)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    vi.unstubAllGlobals();
    document.body.querySelectorAll('.el-message').forEach((node) => node.remove());
  });

  it('downloads the ledger as shown, with its filters and sort, counting the bytes as they come', async () => {
    const download = streamed(2);
    const calls = fakeExport(() => download.response);
    const saved = savedFiles();
    const api = caseApi(staffMe, CASE_STAFF_RULES, { CaseLedger: ledger });
    wrapper = (await openPage(api, '/cases?category=POWER_SUPPLY&overdue=yes&sort=DUE_ASC')).wrapper;
    await vi.waitFor(() => expect(api.callsOf('CaseLedger')).toHaveLength(1));
    await setModel(wrapper, ElSelect, 'ledger-filter-grade', ['A']);
    // Typed but not searched yet: the table does not show it, so neither does the file.
    await wrapper.find('[data-test="ledger-filter-keyword"]').setValue('增容');

    await wrapper.find('[data-test="ledger-export"]').trigger('click');
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({
      url: LEDGER_EXPORT_URL,
      authorization: 'Bearer access-1',
      body: {
        filter: { categoryCodes: ['POWER_SUPPLY'], gradeCodes: ['A'], overdue: true },
        sort: 'DUE_ASC',
      },
    });

    download.controller.enqueue(new Uint8Array(1536));
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="ledger-export-progress"]').text()).toBe('已接收 1.5 KB'),
    );
    expect(wrapper.find('[data-test="ledger-export"]').text()).toBe('正在导出…');
    download.controller.enqueue(new Uint8Array(2 * 1024 * 1024));
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="ledger-export-progress"]').text()).toBe('已接收 2 MB'),
    );
    download.controller.close();

    await vi.waitFor(() =>
      expect(saved).toEqual([{ href: expect.stringMatching(/^blob:/), download: FILE_NAME }]),
    );
    expect(lastMessage()).toBe('已导出 2 件');
    await flushPromises();
    expect(wrapper.find('[data-test="ledger-export-progress"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="ledger-export"]').text()).toBe('导出 Excel');
  });

  it('tells why the API refused, and saves nothing', async () => {
    fakeExport(() => refused(403, 'FORBIDDEN'));
    const saved = savedFiles();
    wrapper = await exportLedger();
    await vi.waitFor(() => expect(lastMessage()).toBe('您无权执行此操作'));
    expect(saved).toEqual([]);
    expect(wrapper.find('[data-test="ledger-export"]').text()).toBe('导出 Excel');
  });

  it('says the export failed when the connection breaks half-way', async () => {
    const download = streamed(100_000);
    fakeExport(() => download.response);
    const saved = savedFiles();
    wrapper = await exportLedger();
    download.controller.enqueue(new Uint8Array(4096));
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="ledger-export-progress"]').text()).toBe('已接收 4 KB'),
    );
    download.controller.error(new TypeError('terminated'));
    await vi.waitFor(() => expect(lastMessage()).toBe('导出失败，请稍后重试'));
    expect(saved).toEqual([]);
  });

  it('renews an expired session once and asks again with the new token', async () => {
    const calls = fakeExport((call) => {
      if (call.authorization !== 'Bearer access-2') return refused(401, 'UNAUTHENTICATED');
      const download = streamed(1);
      download.controller.enqueue(new Uint8Array(10));
      download.controller.close();
      return download.response;
    });
    const saved = savedFiles();
    const api = caseApi(staffMe, CASE_STAFF_RULES, {
      CaseLedger: ledger,
      RefreshSession: () => ({ data: { refreshSession: authPayload('access-2', 'refresh-2', staffMe) } }),
    });
    wrapper = await exportLedger(api);
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(calls.map((call) => call.authorization)).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(api.callsOf('RefreshSession')).toHaveLength(1);
  });

  it('can be cancelled while the file comes', async () => {
    const download = streamed(100_000);
    fakeExport(() => download.response);
    const saved = savedFiles();
    wrapper = await exportLedger();
    await vi.waitFor(() => expect(wrapper!.find('[data-test="ledger-export-cancel"]').exists()).toBe(true));
    await wrapper.find('[data-test="ledger-export-cancel"]').trigger('click');
    download.controller.error(new DOMException('aborted', 'AbortError'));
    await vi.waitFor(() => expect(wrapper!.find('[data-test="ledger-export"]').text()).toBe('导出 Excel'));
    expect(saved).toEqual([]);
    expect(messages()).toHaveLength(0);
  });
});

describe('fileNameOf', () => {
  it('prefers the UTF-8 name, and falls back to the plain one', () => {
    expect(fileNameOf(DISPOSITION)).toBe(FILE_NAME);
    expect(fileNameOf('attachment; filename="ledger.xlsx"')).toBe('ledger.xlsx');
    expect(fileNameOf(`attachment; filename="x.xlsx"; filename*=UTF-8''%E0%A4%A`)).toBe('x.xlsx');
    expect(fileNameOf(null)).toBe(null);
  });
});
