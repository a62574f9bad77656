import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';

const CREATE = `mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id code name kind active headUserId } }`;
const UPDATE = `mutation($input: UpdateDepartmentInput!) { updateDepartment(input: $input) { id name active headUserId } }`;

describe('departments', () => {
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.login('zy.admin');
  });
  afterAll(() => api.close());

  it('lists the park’s departments from its configuration, park 部室 first', async () => {
    const staff = await api.login('zy.staff');
    const result = await api.gql(`{ departments { code name kind } }`, {}, staff);
    const departments = result.data!.departments as { code: string; kind: string }[];
    expect(departments.length).toBe(16);
    expect(departments[0]).toEqual({ code: 'PARTY_GOVERNMENT_OFFICE', name: '党政办公室', kind: 'PARK' });
    expect(departments.findIndex((d) => d.kind === 'DISTRICT')).toBe(7);
  });

  it('the park admin creates and updates a department with its head; both are audited', async () => {
    const headId = (await api.owner.query(`SELECT id FROM users WHERE username = 'zy.leader'`)).rows[0].id;
    const created = await api.gql(
      CREATE,
      { input: { code: 'TALENT_OFFICE', name: '人才服务办', kind: 'PARK' } },
      admin,
    );
    const id = created.data!.createDepartment.id;
    expect(created.data!.createDepartment).toMatchObject({
      code: 'TALENT_OFFICE',
      active: true,
      headUserId: null,
    });
    const updated = await api.gql(
      UPDATE,
      { input: { id, name: '人才服务中心', headUserId: headId, active: false } },
      admin,
    );
    expect(updated.data!.updateDepartment).toEqual({
      id,
      name: '人才服务中心',
      active: false,
      headUserId: headId,
    });
    const audit = await api.owner.query(
      `SELECT action, before->>'name' AS before, after->>'name' AS after FROM audit_events WHERE subject_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.rows).toEqual([
      { action: 'department.created', before: null, after: '人才服务办' },
      { action: 'department.updated', before: '人才服务办', after: '人才服务中心' },
    ]);
  });

  it('refuses duplicates, unknown heads and bad kinds, naming the field', async () => {
    const dupCode = await api.gql(CREATE, { input: { code: 'FINANCE', name: '别名', kind: 'PARK' } }, admin);
    expect([errorCode(dupCode), errorFields(dupCode)]).toEqual(['CONFLICT', ['code']]);
    const dupName = await api.gql(
      CREATE,
      { input: { code: 'FIN2', name: '财政金融部', kind: 'PARK' } },
      admin,
    );
    expect([errorCode(dupName), errorFields(dupName)]).toEqual(['CONFLICT', ['name']]);
    const head = await api.gql(
      CREATE,
      {
        input: { code: 'X', name: '某部', kind: 'PARK', headUserId: '00000000-0000-4000-8000-000000000000' },
      },
      admin,
    );
    // Nobody of the park: not found, as another park's person is (row-level security hides them).
    expect([errorCode(head), errorFields(head)]).toEqual(['NOT_FOUND', ['headUserId']]);
    const unknown = await api.gql(
      UPDATE,
      { input: { id: '00000000-0000-4000-8000-000000000000', name: '某部' } },
      admin,
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    const kind = await api.gql(CREATE, { input: { code: 'Y', name: '某部二', kind: 'TOWN' } }, admin);
    expect([errorCode(kind), errorFields(kind)]).toEqual(['BAD_USER_INPUT', ['kind']]);
  });

  it('staff read departments but cannot change them', async () => {
    const staff = await api.login('zy.staff');
    expect(
      errorCode(await api.gql(CREATE, { input: { code: 'Z', name: '某部三', kind: 'PARK' } }, staff)),
    ).toBe('FORBIDDEN');
  });
});
