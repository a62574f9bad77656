import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { mountConsole } from '@/test-support/console-harness';
import { fakeXhr } from '@/test-support/fake-xhr';
import { parkAdminMe, restErrorBody } from '@/test-support/fixtures';
import { graphqlFetch } from '@/test-support/graphql-fetch';
import { signedInApi } from '@/test-support/signed-in-console';

let wrapper: VueWrapper | undefined;

const ADMIN_RULES = [
  { action: 'read', subject: 'ParkRules' },
  { action: 'update', subject: 'ParkRules' },
] as const;

function sheetKind(versions: { id: string; version: number; active: boolean }[] = []) {
  const active = versions.find((v) => v.active) ?? null;
  return {
    kind: 'ASSIGNMENT_SHEET',
    labelZh: '企业反映困难问题交办单',
    labelEn: 'Assignment sheet',
    activeVersion: active?.version ?? null,
    activeTemplateId: active?.id ?? null,
    defaultUrl: '/api/document-templates/ASSIGNMENT_SHEET/default',
    defaultPreviewUrl: '/api/document-templates/ASSIGNMENT_SHEET/default/preview',
    uploadUrl: '/api/document-templates/ASSIGNMENT_SHEET',
    maxBytes: 5 * 1024 * 1024,
    versions: versions.map((v) => ({
      ...v,
      fileName: '交办单模板.docx',
      sizeBytes: 9000,
      uploadedAt: '2026-10-09T02:00:00.000Z',
      uploadedByName: '园区管理员',
      downloadUrl: `/api/document-templates/versions/${v.id}`,
      previewUrl: `/api/document-templates/versions/${v.id}/preview`,
    })),
    placeholders: [
      {
        name: 'assignmentNo',
        kind: 'text',
        tag: '{assignmentNo}',
        descriptionZh: '交办编号，如 正阳园区管委交〔2022〕第12号',
        descriptionEn: 'Assignment number',
        example: '正阳园区管委交〔2022〕第12号',
      },
    ],
  };
}

async function open(handlers: Parameters<typeof graphqlFetch>[0]) {
  const api = signedInApi(parkAdminMe, [...ADMIN_RULES], {
    ...handlers,
  });
  const mounted = await mountConsole(api.fetch, '/document-templates');
  await flushPromises();
  wrapper = mounted.wrapper;
  return api;
}

async function choose(view: VueWrapper, file: File): Promise<void> {
  const input = view.find('[data-test="template-upload"]');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await flushPromises();
}

describe('document templates page (公文模板)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    vi.unstubAllGlobals();
  });

  it('shows the template in force and the placeholder catalogue beside the upload', async () => {
    await open({ DocumentTemplates: () => ({ data: { documentTemplates: [sheetKind()] } }) });
    const card = wrapper!.find('[data-test="template-kind-ASSIGNMENT_SHEET"]');
    await vi.waitFor(() => expect(card.text()).toContain('企业反映困难问题交办单'));
    expect(card.find('[data-test="template-current"]').text()).toContain('默认模板');
    expect(card.find('[data-test="template-placeholders"]').text()).toContain('{assignmentNo}');
    expect(card.find('[data-test="template-placeholders"]').text()).toContain('交办编号');
  });

  it('lists the problems of a refused upload by name, and nothing changes', async () => {
    const xhr = fakeXhr(() => ({
      status: 422,
      body: restErrorBody(
        422,
        'TEMPLATE_INVALID',
        [
          {
            path: 'file',
            message: '未知占位符 {remarkz}，是否应为 {remarks} / Unknown placeholder {remarkz}',
          },
        ],
        {
          problems: [
            {
              code: 'UNKNOWN_PLACEHOLDER',
              tag: 'remarkz',
              message: 'Unknown placeholder {remarkz}',
              messageZh: '未知占位符 {remarkz}，是否应为 {remarks}',
            },
          ],
        },
      ),
    }));
    const api = await open({ DocumentTemplates: () => ({ data: { documentTemplates: [sheetKind()] } }) });
    await vi.waitFor(() => expect(wrapper!.find('[data-test="template-upload"]').exists()).toBe(true));
    await choose(wrapper!, new File(['PK'], '交办单.docx'));
    expect(xhr.calls).toEqual([
      expect.objectContaining({ method: 'POST', url: '/api/document-templates/ASSIGNMENT_SHEET' }),
    ]);
    const problems = wrapper!.find('[data-test="template-problems"]');
    expect(problems.text()).toContain('{remarkz}');
    expect(problems.text()).toContain('是否应为 {remarks}');
    expect(api.callsOf('DocumentTemplates')).toHaveLength(1);
  });

  it('a stored version refused when previewed says which one and why', async () => {
    const refusal =
      '企业反映困难问题交办单模板第 1 版「交办单模板.docx」无法使用：解压后超过 32.0 MB；请启用其他版本或默认模板 / ' +
      'The assignment sheet template version 1 "交办单模板.docx" cannot be used: inflates to more than 32.0 MB';
    const xhr = fakeXhr(() => ({
      status: 422,
      body: new Blob([JSON.stringify({ statusCode: 422, code: 'TEMPLATE_INVALID', message: refusal })]),
    }));
    await open({
      DocumentTemplates: () => ({
        data: { documentTemplates: [sheetKind([{ id: 'tpl-old', version: 1, active: true }])] },
      }),
    });
    await vi.waitFor(() => expect(wrapper!.find('[data-test="template-preview"]').exists()).toBe(true));
    await wrapper!.find('[data-test="template-preview"]').trigger('click');
    await vi.waitFor(() =>
      expect(document.body.querySelector('.el-message')?.textContent).toContain(refusal),
    );
    expect(xhr.calls.map((call) => call.url)).toEqual(['/api/document-templates/versions/tpl-old/preview']);
  });

  it('an accepted upload is listed as a new version, previewed and activated', async () => {
    let versions = [] as { id: string; version: number; active: boolean }[];
    fakeXhr((call) => {
      if (call.method === 'POST') {
        versions = [{ id: 'tpl-1', version: 1, active: false }];
        return { status: 201, body: { id: 'tpl-1', version: 1 } };
      }
      return { status: 200, body: new Blob(['PK']) };
    });
    const api = await open({
      DocumentTemplates: () => ({ data: { documentTemplates: [sheetKind(versions)] } }),
      ActivateDocumentTemplate: () => ({
        data: { activateDocumentTemplate: sheetKind([{ id: 'tpl-1', version: 1, active: true }]) },
      }),
    });
    await vi.waitFor(() => expect(wrapper!.find('[data-test="template-upload"]').exists()).toBe(true));
    await choose(wrapper!, new File(['PK'], '交办单.docx'));
    await vi.waitFor(() => expect(wrapper!.findAll('[data-test="template-version"]')).toHaveLength(1));
    await wrapper!.find('[data-test="template-activate"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('ActivateDocumentTemplate').map((c) => c.variables)).toEqual([
      { input: { kind: 'ASSIGNMENT_SHEET', templateId: 'tpl-1' } },
    ]);
    expect(wrapper!.find('[data-test="template-current"]').text()).toContain('第 1 版');
  });
});
