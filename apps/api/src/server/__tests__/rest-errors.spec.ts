import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { readDefaultTemplate } from '@qifu/documents';
import PizZip from 'pizzip';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { signInAll } from '../../__tests__/support/park-session.js';
import { caseReport, registeredCase } from '../../__tests__/support/case-acts.js';
import { CONTROLLERS } from '../../app.module.js';
import { HealthController } from '../../health/health.controller.js';

const MAX_ATTACHMENT_BYTES = 1024;
/** Chinese, then a slash, then English. */
const BILINGUAL = /\p{Script=Han}.*\/ ?.*[A-Za-z]/su;

interface Route {
  method: 'GET' | 'POST';
  path: string;
}

/** Every route of the REST controllers, its parameters filled with values that name nothing. */
function restRoutes(): Route[] {
  const routes: Route[] = [];
  for (const controller of CONTROLLERS) {
    if (controller === HealthController) continue; // public: answers for load balancers, not errors
    const prefix = String(Reflect.getMetadata(PATH_METADATA, controller));
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler: unknown = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value;
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? 'POST' : 'GET';
      const filled = `/${prefix}/${path}`
        .replace(/\/+/g, '/')
        .replace(/:kind/g, 'ASSIGNMENT_SHEET')
        .replace(/:\w+/g, () => randomUUID());
      routes.push({ method, path: filled });
    }
  }
  return routes;
}

/**
 * The one shape: `statusCode`, `code`, a Chinese / English `message`, `fields` naming what is at
 * fault (each `{ path, message }`), and `details` only where a code adds something for programs.
 */
async function expectRestError(
  response: Response,
  expected: { status: number; code: string; fields?: string[] },
): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({
    status: expected.status,
    type: expect.stringMatching(/^application\/json/),
  });
  expect(
    Object.keys(body)
      .filter((key) => key !== 'details')
      .sort(),
  ).toEqual(['code', 'fields', 'message', 'statusCode']);
  expect(body).toMatchObject({ statusCode: expected.status, code: expected.code });
  expect(body.message).toEqual(expect.stringMatching(BILINGUAL));
  const fields = body.fields as Record<string, unknown>[];
  for (const field of fields)
    expect(field).toEqual({ path: expect.any(String), message: expect.any(String) });
  expect(fields.map((f) => f.path)).toEqual(expected.fields ?? []);
  if ('details' in body) expect(body.details).toEqual(expect.any(Object));
  return body;
}

describe('REST errors: one shape for every endpoint and status', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let caseId: string;

  const send = (
    method: 'GET' | 'POST',
    path: string,
    options: { user?: string; body?: RequestInit['body']; contentType?: string } = {},
  ) =>
    fetch(`${api.url}${path}`, {
      method,
      body: options.body,
      headers: {
        ...(options.user ? { authorization: `Bearer ${tokens[options.user]}` } : {}),
        ...(options.contentType ? { 'content-type': options.contentType } : {}),
      },
    });
  const exportLedger = (body: string, user = 'zy.staff') =>
    send('POST', '/api/exports/ledger.xlsx', { user, body, contentType: 'application/json' });
  const fileForm = (bytes: Uint8Array, fileName: string, field = 'file') => {
    const form = new FormData();
    form.append(field, new Blob([bytes]), fileName);
    return form;
  };

  beforeAll(async () => {
    api = await startTestApi({ ATTACHMENTS_MAX_BYTES: String(MAX_ATTACHMENT_BYTES) });
    await signInAll(api, ['zy.staff', 'zy.admin', 'zy.leader', 'qianjiang', 'platform'], tokens);
    const report = caseReport('recruitment', {
      enterpriseName: '重庆黔江某科技有限公司',
      reportedAt: '2026-03-05T01:30:00.000Z',
    });
    caseId = (await registeredCase(api, tokens['zy.staff'], report)).id;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('401 on every route of every controller, signed out or with a token that is not one', async () => {
    const routes = restRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(12);
    for (const route of routes) {
      for (const authorization of [undefined, 'Bearer not-a-token']) {
        const response = await fetch(`${api.url}${route.path}`, {
          method: route.method,
          headers: authorization ? { authorization } : {},
        });
        const body = await expectRestError(response, { status: 401, code: 'UNAUTHENTICATED' });
        expect({ route, message: body.message }).toEqual({ route, message: '请先登录 / Sign-in required' });
      }
    }
  });

  it('403 where the signed-in person may not', async () => {
    const refused = [
      await exportLedger('{}', 'zy.admin'),
      await send('GET', '/api/dashboards/monthly-report.docx?month=2026-03', { user: 'zy.leader' }),
      await send('POST', `/api/cases/${caseId}/attachments`, {
        user: 'platform',
        body: fileForm(Buffer.from('说明'), '说明.txt'),
      }),
      await send('GET', `/api/document-templates/versions/${randomUUID()}`, { user: 'platform' }),
      await send('GET', '/api/document-templates/ASSIGNMENT_SHEET/default', { user: 'platform' }),
      await send('POST', '/api/document-templates/ASSIGNMENT_SHEET', {
        user: 'zy.staff',
        body: fileForm(await readDefaultTemplate('ASSIGNMENT_SHEET'), '交办单.docx'),
      }),
    ];
    for (const response of refused) await expectRestError(response, { status: 403, code: 'FORBIDDEN' });
  });

  it('404 for what does not exist, an id that is not one, and a path that is no endpoint', async () => {
    const missing = [
      await send('POST', `/api/cases/${randomUUID()}/attachments`, {
        user: 'zy.staff',
        body: fileForm(Buffer.from('说明'), '说明.txt'),
      }),
      await send('POST', '/api/cases/not-an-id/attachments', {
        user: 'zy.staff',
        body: fileForm(Buffer.from('说明'), '说明.txt'),
      }),
      await send('GET', `/api/attachments/${randomUUID()}`, { user: 'zy.staff' }),
      await send('GET', `/api/issued-documents/${randomUUID()}`, { user: 'zy.staff' }),
      await send('GET', `/api/issued-documents/${randomUUID()}/pdf`, { user: 'zy.staff' }),
      await send('GET', `/api/document-batches/${randomUUID()}/zip`, { user: 'zy.staff' }),
      await send('GET', `/api/document-templates/versions/${randomUUID()}`, { user: 'zy.admin' }),
      await send('GET', '/api/document-templates/NO_SUCH_KIND/default', { user: 'zy.admin' }),
      await send('GET', '/api/nothing-here', { user: 'zy.staff' }),
      await send('POST', '/api/exports/ledger.pdf', { user: 'zy.staff' }),
    ];
    for (const response of missing) await expectRestError(response, { status: 404, code: 'NOT_FOUND' });
  });

  it('400 naming the field at fault: the ledger’s filter, the month, the file, a body that is not JSON', async () => {
    await expectRestError(await exportLedger(JSON.stringify({ filter: { year: 'this' }, sort: 'TITLE' })), {
      status: 400,
      code: 'BAD_USER_INPUT',
      fields: ['filter.year', 'sort'],
    });
    await expectRestError(await exportLedger('{"filter": '), {
      status: 400,
      code: 'BAD_USER_INPUT',
      fields: [''],
    });
    await expectRestError(
      await send('GET', '/api/dashboards/monthly-report.docx?month=2026-13', { user: 'qianjiang' }),
      { status: 400, code: 'BAD_USER_INPUT', fields: ['month'] },
    );
    const noFile = fileForm(Buffer.from('说明'), '说明.txt', 'document');
    await expectRestError(
      await send('POST', `/api/cases/${caseId}/attachments`, { user: 'zy.staff', body: noFile }),
      {
        status: 400,
        code: 'BAD_USER_INPUT',
        fields: ['file'],
      },
    );
    await expectRestError(
      await send('POST', `/api/cases/${caseId}/attachments`, {
        user: 'zy.staff',
        body: 'file=1',
        contentType: 'text/plain',
      }),
      { status: 400, code: 'BAD_USER_INPUT', fields: ['file'] },
    );
    await expectRestError(
      await send('POST', '/api/document-templates/ASSIGNMENT_SHEET', { user: 'zy.admin', body: noFile }),
      { status: 400, code: 'BAD_USER_INPUT', fields: ['file'] },
    );
  });

  it('413 for a file or a body above its limit, 415 for a kind of file not accepted', async () => {
    await expectRestError(
      await send('POST', `/api/cases/${caseId}/attachments`, {
        user: 'zy.staff',
        body: fileForm(Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x41), '说明.txt'),
      }),
      { status: 413, code: 'PAYLOAD_TOO_LARGE', fields: ['file'] },
    );
    await expectRestError(
      await send('POST', '/api/document-templates/ASSIGNMENT_SHEET', {
        user: 'zy.admin',
        body: fileForm(Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), '交办单.docx'),
      }),
      { status: 413, code: 'PAYLOAD_TOO_LARGE', fields: ['file'] },
    );
    await expectRestError(
      await exportLedger(JSON.stringify({ filter: { keyword: 'x'.repeat(1_100_000) } })),
      {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        fields: [''],
      },
    );
    await expectRestError(
      await send('POST', `/api/cases/${caseId}/attachments`, {
        user: 'zy.staff',
        body: fileForm(Buffer.from('MZ\x90\x00 program'), 'setup.exe'),
      }),
      { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', fields: ['file'] },
    );
  });

  it('422 for a template with unknown placeholders: each problem on the file, and the list in details', async () => {
    const zip = new PizZip(await readDefaultTemplate('ASSIGNMENT_SHEET'));
    const xml = zip.file('word/document.xml')!.asText();
    zip.file('word/document.xml', xml.replace('{remarks}', '{remarkz}'));
    const response = await send('POST', '/api/document-templates/ASSIGNMENT_SHEET', {
      user: 'zy.admin',
      body: fileForm(zip.generate({ type: 'nodebuffer' }), '交办单.docx'),
    });
    const body = await expectRestError(response, {
      status: 422,
      code: 'TEMPLATE_INVALID',
      fields: ['file'],
    });
    expect(body.details).toEqual({
      problems: [expect.objectContaining({ code: 'UNKNOWN_PLACEHOLDER', tag: 'remarkz' })],
    });
  });
});
