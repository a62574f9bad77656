import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import {
  errorCode,
  errorFields,
  startTestApi,
  type GqlResult,
  type TestApi,
} from '../../__tests__/support/test-api.js';
import { badPositions, requestFor } from './schema-positions.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const NIL = '00000000-0000-4000-8000-000000000000';

/** Answers a client can act on: the code and the paths it names, never a server error. */
function expectRefused(result: GqlResult, path: string): void {
  expect({ code: errorCode(result), fields: errorFields(result) }).toEqual({
    code: 'BAD_USER_INPUT',
    fields: expect.arrayContaining([path]),
  });
}

describe('bad input answers BAD_USER_INPUT with the field, never INTERNAL', () => {
  let api: TestApi;
  let staff: string;
  let viewer: string;
  let office: string;
  beforeAll(async () => {
    api = await startTestApi();
    [staff, viewer, office] = await Promise.all([
      api.login('zy.staff'),
      api.login('qianjiang'),
      api.login('zy.office'),
    ]);
  });
  afterAll(() => api.close());

  it('refuses ids that are not UUIDs (ledger.departmentId, circularNotices, documentBatch)', async () => {
    const LEDGER = `query($f: LedgerFilter) { ledger(filter: $f) { totalCount } }`;
    expectRefused(await api.gql(LEDGER, { f: { departmentId: 'x' } }, staff), 'departmentId');
    expectRefused(
      await api.gql(`{ ledger(filter: { departmentId: "x" }) { totalCount } }`, {}, staff),
      'departmentId',
    );
    const NOTICES = `query($d: ID, $c: ID) { circularNotices(departmentId: $d, caseId: $c) { totalCount } }`;
    expectRefused(await api.gql(NOTICES, { d: '1; DROP TABLE cases' }, staff), 'departmentId');
    expectRefused(await api.gql(NOTICES, { c: `${NIL}x` }, staff), 'caseId');
    expectRefused(
      await api.gql(`query($id: ID!) { documentBatch(id: $id) { id } }`, { id: '42' }, staff),
      'id',
    );
    expectRefused(await api.gql(`{ documentBatch(id: "42") { id } }`, {}, staff), 'id');
    expectRefused(
      await api.gql(
        `mutation($ids: [ID!]!) { markNotificationsRead(input: { ids: $ids }) { marked } }`,
        { ids: [NIL, 'x'] },
        staff,
      ),
      'ids[1]',
    );
  });

  it('refuses cursors it did not issue, on `after`', async () => {
    const LEDGER = `query($s: LedgerSort!, $a: String) { ledger(sort: $s, after: $a) { totalCount } }`;
    for (const [sort, cursor] of [
      ['REGISTRATION_DESC', b64('["a","b"]')],
      ['REGISTRATION_ASC', b64('[1.5, {"x": 1}]')],
      ['DUE_ASC', b64('["2026-13-45","x"]')],
      ['DUE_ASC', b64(`["2026-01-01","${NIL}x"]`)],
      ['DUE_ASC', b64('[null, null]')],
    ]) {
      expectRefused(await api.gql(LEDGER, { s: sort, a: cursor }, staff), 'after');
    }
    const NOTIFICATIONS = `query($a: String) { notifications(after: $a) { totalCount } }`;
    expectRefused(await api.gql(NOTIFICATIONS, { a: b64(`1|${NIL}`) }, staff), 'after');
    expectRefused(
      await api.gql(NOTIFICATIONS, { a: b64(`2026-01-01T00:00:00Z junk|${NIL}`) }, staff),
      'after',
    );
    const OFFICE = `query($a: String) { officeCases(after: $a) { totalCount } }`;
    expectRefused(await api.gql(OFFICE, { a: b64(`Mon 99999|${NIL}`) }, office), 'after');
  });

  it('refuses NUL and control characters in every string, with the path', async () => {
    expectRefused(
      await api.gql(
        `query($k: String) { enterprises(keyword: $k) { totalCount } }`,
        { k: 'a\u0000b' },
        staff,
      ),
      'keyword',
    );
    expectRefused(
      await api.gql(
        `query($f: LedgerFilter) { ledger(filter: $f) { totalCount } }`,
        { f: { keyword: '\u0000' } },
        staff,
      ),
      'keyword',
    );
    expectRefused(
      await api.gql(`{ enterprises(keyword: "a\\u0000b") { totalCount } }`, {}, staff),
      'keyword',
    );
    const DASHBOARD = `query($f: DashboardFilterInput!) { dashboard(filter: $f) { parks { parkId } } }`;
    expectRefused(
      await api.gql(
        DASHBOARD,
        { f: { periodFrom: '2026-01', periodTo: '2026-02', categoryCodes: ['A', '\u001b[2J'] } },
        viewer,
      ),
      'categoryCodes[1]',
    );
    // JSON values: every string in them, keys included.
    expectRefused(
      await api.gql(
        `query($r: JSON!) { parkRulesChanges(rules: $r) { path } }`,
        { r: { departments: [{ 'na\u0000me': 'x' }] } },
        staff,
      ),
      'rules.departments[0]',
    );
    // Lone surrogates are not text: PostgreSQL would store a replacement character instead.
    expectRefused(
      await api.gql(`query($k: String) { enterprises(keyword: $k) { totalCount } }`, { k: 'a\ud800' }, staff),
      'keyword',
    );
  });

  it('refuses null, sent through a variable, for a non-null argument that has a default', async () => {
    const NOTIFICATIONS = `query($u: Boolean) { notifications(unreadOnly: $u) { totalCount } }`;
    expectRefused(await api.gql(NOTIFICATIONS, { u: null }, staff), 'unreadOnly');
    const LEDGER = `query($s: LedgerSort, $n: Int) { ledger(sort: $s, first: $n) { totalCount } }`;
    expectRefused(await api.gql(LEDGER, { s: null }, staff), 'sort');
    expectRefused(await api.gql(LEDGER, { n: null }, staff), 'first');
    // Left out, the default applies.
    expect((await api.gql(NOTIFICATIONS, {}, staff)).errors).toBeUndefined();
  });

  it('accepts tab and line breaks in multi-line text only', async () => {
    const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`;
    const input = {
      enterpriseName: '重庆控制字符测试有限公司',
      reportedAt: new Date().toISOString(),
      categoryCode: 'RECRUITMENT',
      channelCode: 'SERVICE_HALL',
      reportFormCode: 'IN_PERSON_OR_LETTER',
      contactName: '张先生',
      contactPhone: '13800000000',
      title: '招工难',
      description: '第一行\n第二行\r\n\t缩进',
    };
    const registered = await api.gql(REGISTER, { input }, staff);
    expect(registered.errors).toBeUndefined();
    expectRefused(await api.gql(REGISTER, { input: { ...input, title: '招工\n难' } }, staff), 'title');
    expectRefused(
      await api.gql(REGISTER, { input: { ...input, description: '响铃\u0007' } }, staff),
      'description',
    );
  });

  it('checks dates before SQL', async () => {
    const DASHBOARD = `query($f: DashboardFilterInput!) { dashboard(filter: $f) { parks { parkId } } }`;
    expectRefused(
      await api.gql(DASHBOARD, { f: { periodFrom: '0000-01', periodTo: '0000-02' } }, viewer),
      'periodFrom',
    );
    const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`;
    const input = {
      enterpriseName: '重庆日期测试有限公司',
      categoryCode: 'RECRUITMENT',
      channelCode: 'SERVICE_HALL',
      reportFormCode: 'IN_PERSON_OR_LETTER',
      contactName: '张先生',
      contactPhone: '13800000000',
      title: '日期',
      description: '报告时间不存在的日期。',
    };
    for (const reportedAt of ['2026-02-30T10:00:00Z', '0000-01-01T00:00:00Z', '2026-01-01T25:00:00Z'])
      expectRefused(await api.gql(REGISTER, { input: { ...input, reportedAt } }, staff), 'reportedAt');
  });

  it('refuses a Date that is not a day, sent as a variable or written in the query', async () => {
    const WORKING_DAYS = `query($from: Date!) { workingDays(from: $from, days: 3) { due } }`;
    for (const from of ['2026-02-30', '2026-1-5', '2026-01-05T00:00:00Z', '0000-01-01', ''])
      expectRefused(await api.gql(WORKING_DAYS, { from }, staff), 'from');
    expectRefused(await api.gql(`{ workingDays(from: "2026-1-5", days: 3) { due } }`, {}, staff), 'from');
    expectRefused(await api.gql(`{ workingDays(from: 20260105, days: 3) { due } }`, {}, staff), 'from');
    const EXTEND = `mutation($input: RequestExtensionInput!) { requestExtension(input: $input) { id } }`;
    const extension = { caseId: NIL, version: 1, reason: '延期' };
    expectRefused(
      await api.gql(EXTEND, { input: { ...extension, newDueOn: '2026-02-30' } }, staff),
      'newDueOn',
    );
    expectRefused(
      await api.gql(
        `mutation { requestExtension(input: { caseId: "${NIL}", version: 1, reason: "延期", newDueOn: "2026-13-01" }) { id } }`,
        {},
        staff,
      ),
      'newDueOn',
    );
    const answered = await api.gql(WORKING_DAYS, { from: '2026-01-05' }, staff);
    expect(answered.errors).toBeUndefined();
  });

  it('refuses a NUL in the ledger export body with the path', async () => {
    const response = await fetch(`${api.url}/api/exports/ledger.xlsx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
      body: JSON.stringify({ filter: { keyword: 'a\u0000b', categoryCodes: ['\u0000'] } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: expect.arrayContaining([
        expect.objectContaining({ path: 'filter.keyword' }),
        expect.objectContaining({ path: 'filter.categoryCodes.0' }),
      ]),
    });
  });

  it('every ID and String argument of every operation refuses a bad value with its path', async () => {
    const schema = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));
    const positions = badPositions(schema);
    expect(positions.length).toBeGreaterThan(150);
    const unanswered: string[] = [];
    for (const position of positions) {
      const { query, variables } = requestFor(schema, position);
      const result = await api.gql(query, variables, staff);
      if (errorCode(result) !== 'BAD_USER_INPUT' || !errorFields(result).includes(position.path))
        unanswered.push(
          `${position.coordinate} ${position.path}: ${JSON.stringify(result.errors ?? result.data)}`,
        );
    }
    expect(unanswered).toEqual([]);
  });

  it('fuzz: arbitrary ids, cursors and strings in a handful of operations never answer a server error', async () => {
    // Each operation takes one value; the token is one that may run it.
    const operations: [string, (value: unknown) => Record<string, unknown>, () => string][] = [
      [
        `query($v: LedgerFilter) { ledger(filter: $v) { totalCount } }`,
        (v) => ({ v: { departmentId: v, keyword: v } }),
        () => staff,
      ],
      [`query($v: String) { ledger(after: $v) { totalCount } }`, (v) => ({ v }), () => staff],
      [`query($v: String) { ledger(sort: DUE_ASC, after: $v) { totalCount } }`, (v) => ({ v }), () => staff],
      [
        `query($v: ID, $w: ID) { circularNotices(departmentId: $v, caseId: $w) { totalCount } }`,
        (v) => ({ v, w: v }),
        () => staff,
      ],
      [`query($v: ID!) { documentBatch(id: $v) { id } }`, (v) => ({ v }), () => staff],
      [`query($v: ID!) { case(id: $v) { id } }`, (v) => ({ v }), () => staff],
      [`query($v: String) { notifications(after: $v) { totalCount } }`, (v) => ({ v }), () => staff],
      [`query($v: String) { officeCases(after: $v) { totalCount } }`, (v) => ({ v }), () => office],
      [`query($v: String) { enterprises(keyword: $v) { totalCount } }`, (v) => ({ v }), () => staff],
      [
        `query($v: DashboardFilterInput!) { dashboard(filter: $v) { asOf } }`,
        (v) => ({ v: { periodFrom: v, periodTo: '2026-06', categoryCodes: [v] } }),
        () => viewer,
      ],
      [`query($v: Date!) { workingDays(from: $v, days: 3) { due } }`, (v) => ({ v }), () => staff],
    ];
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value) ?? '').toString('base64url');
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.uuid(),
      fc.constantFrom('', '0', '-1', '2026-02-30', '0000-01', '9999-12-31', `${NIL}\u0000`, "' OR 1=1 --"),
      fc.jsonValue({ maxDepth: 2 }).map(cursorOf),
      fc
        .tuple(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), fc.oneof(fc.uuid(), fc.string()))
        .map(cursorOf),
      fc
        .tuple(fc.date({ noInvalidDate: true }), fc.uuid())
        .map(([d, id]) => Buffer.from(`${d.toISOString()}|${id}`).toString('base64url')),
    );
    // Every operation is valid GraphQL: a refusal must come from the value, not from the query.
    for (const [query, variables, token] of operations) {
      const result = await api.gql(query, variables('2026-01-05'), token());
      expect(result.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('GRAPHQL_VALIDATION_FAILED');
    }
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: operations.length - 1 }), value, async (i, v) => {
        const [query, variables, token] = operations[i];
        const result = await api.gql(query, variables(v), token());
        expect(result.status).toBeLessThan(500);
        expect((result.errors ?? []).map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
      }),
      { numRuns: 300 },
    );
  });
});
