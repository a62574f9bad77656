import type pg from 'pg';
import type { TestApi } from '../../__tests__/support/test-api.js';
import { Scope } from '../../database/tenant-db.js';
import { loadParkConfig } from '../../rules/park-config-files.js';
import { importParkConfig } from '../../rules/park-import.js';
import { ParkRulesService } from '../../rules/park-rules.service.js';
import type { NotificationRequest, NotificationService, NotifyResult } from '../notification.service.js';

export async function idOf(owner: pg.Client, table: 'parks' | 'users', key: string): Promise<string> {
  const column = table === 'parks' ? 'code' : 'username';
  const { rows } = await owner.query(`SELECT id FROM ${table} WHERE ${column} = $1`, [key]);
  if (!rows[0]) throw new Error(`no ${table} ${key}`);
  return rows[0].id as string;
}

/** Wulingshan onboarded from infra/parks/wulingshan.yaml (its own notification wording), with one person. */
export async function onboardWulingshan(api: TestApi): Promise<{ parkId: string; userId: string }> {
  const { parkId } = await importParkConfig(
    api.db,
    new ParkRulesService(api.db),
    loadParkConfig('wulingshan'),
  );
  const { rows } = await api.owner.query(
    `INSERT INTO users (username, display_name, password_hash, home_park_id, email)
     VALUES ('wl.staff', '企业服务部 周岚', 'x', $1, 'zhoulan@wulingshan.example') RETURNING id`,
    [parkId],
  );
  return { parkId, userId: rows[0].id };
}

let seq = 0;

/** A case row of `parkId`, as registration would leave it (written as the owner). */
export async function insertCase(
  owner: pg.Client,
  parkId: string,
  values: { registrationNo: string; enterpriseName: string; title?: string },
): Promise<string> {
  seq += 1;
  const creditCode = `9150011${String(seq).padStart(4, '0')}MA5U3X`.slice(0, 18);
  const {
    rows: [{ id: enterpriseId }],
  } = await owner.query(
    `INSERT INTO enterprises (park_id, credit_code, name) VALUES ($1, $2, $3) RETURNING id`,
    [parkId, creditCode, values.enterpriseName],
  );
  const {
    rows: [{ id }],
  } = await owner.query(
    `INSERT INTO cases (park_id, registration_no, registration_year, registration_seq, rules_version, status,
       enterprise_id, enterprise_name, reported_at, category_code, channel_code, report_form_code, contact_name,
       contact_phone, title, description, state)
     VALUES ($1, $2, 2026, $3, 1, 'ASSIGNED', $4, $5, now(), 'OTHER', 'HOTLINE', 'PHONE', '联系人', '023-1', $6,
       '描述内容', '{}') RETURNING id`,
    [
      parkId,
      values.registrationNo,
      1000 + seq,
      enterpriseId,
      values.enterpriseName,
      values.title ?? '用电报装迟迟未办',
    ],
  );
  return id as string;
}

/** Runs notify in a transaction of the park, as a job would. */
export function notifyIn(
  api: TestApi,
  service: NotificationService,
  parkId: string,
  request: NotificationRequest,
): Promise<NotifyResult> {
  return api.db.run(Scope.park(parkId), (em) => service.notify(em, request));
}
