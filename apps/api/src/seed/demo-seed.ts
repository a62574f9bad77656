import { PLATFORM_ROLES, type ParkRole, type PlatformRole } from '@qifu/domain';
import { hashPassword } from '../auth/passwords.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { loadParkConfig } from '../rules/park-config-files.js';
import { importParkConfig } from '../rules/park-import.js';
import { ParkRulesService } from '../rules/park-rules.service.js';

/** Shared by every demo account; meets the password policy. Demo installations only. */
export const DEMO_PASSWORD = 'Zhengyang@2022';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: ParkRole | PlatformRole;
  departmentCode?: string;
  /** An outside office's viewer: the cc office of the park's rules it reads for. */
  officeCode?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'platform', displayName: '平台管理员', role: 'PLATFORM_ADMIN' },
  { username: 'qianjiang', displayName: '黔江区营商办', role: 'DISTRICT_VIEWER' },
  { username: 'zy.admin', displayName: '园区管理员', role: 'PARK_ADMIN' },
  { username: 'zy.staff', displayName: '服务中心 张敏', role: 'SERVICE_CENTER_STAFF' },
  { username: 'zy.leader', displayName: '分管领导 李强', role: 'LEADER_IN_CHARGE' },
  { username: 'zy.deputy', displayName: '常务副主任 王东', role: 'EXECUTIVE_DEPUTY_DIRECTOR' },
  {
    username: 'zy.head',
    displayName: '经发部 刘洋',
    role: 'DEPARTMENT_HEAD',
    departmentCode: 'ECONOMIC_DEVELOPMENT',
  },
  {
    username: 'zy.handler',
    displayName: '经发部 陈静',
    role: 'DEPARTMENT_HANDLER',
    departmentCode: 'ECONOMIC_DEVELOPMENT',
  },
  // 区民促办 (Art. 7.2): copied on every referral letter; reads the cases copied to it.
  {
    username: 'zy.office',
    displayName: '区民促办 赵蕾',
    role: 'OFFICE_VIEWER',
    officeCode: 'DISTRICT_PRIVATE_ECONOMY_OFFICE',
  },
];

/**
 * Seeds the Zhengyang park by importing infra/parks/zhengyang.yaml, and one demo account per role.
 * Idempotent: rows that exist are left as they are (a changed demo password stays changed).
 */
export async function seedDemo(db: TenantDb): Promise<{ parkId: string; accounts: DemoAccount[] }> {
  const config = loadParkConfig('zhengyang');
  const { parkId } = await importParkConfig(db, new ParkRulesService(db), config, {
    // The park's own edits win over the file once it has rules.
    keepExistingRules: true,
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const platform = Scope.platform();
  const [{ districtId }] = (await db.run(platform, (em) =>
    em.query(`SELECT district_id AS "districtId" FROM parks WHERE id = $1`, [parkId]),
  )) as { districtId: string }[];

  await db.run({ ...platform, parkId }, async (em) => {
    for (const account of DEMO_ACCOUNTS) {
      const isPlatformRole = (PLATFORM_ROLES as readonly string[]).includes(account.role);
      await em.query(
        `INSERT INTO users (username, display_name, password_hash, home_park_id, platform_role, district_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (lower(username)) DO NOTHING`,
        [
          account.username,
          account.displayName,
          passwordHash,
          isPlatformRole ? null : parkId,
          isPlatformRole ? account.role : null,
          account.role === 'DISTRICT_VIEWER' ? districtId : null,
        ],
      );
      if (account.officeCode) {
        // Of this park, for the office as the park's rules name it.
        await em.query(
          `INSERT INTO office_accounts (user_id, office_code, office_name, park_id)
           SELECT u.id, $2, $3, $4 FROM users u WHERE lower(u.username) = lower($1)
           ON CONFLICT DO NOTHING`,
          [
            account.username,
            account.officeCode,
            config.rules.ccOffices.find((office) => office.code === account.officeCode)?.name,
            parkId,
          ],
        );
      }
      if (isPlatformRole) continue;
      await em.query(
        `INSERT INTO role_assignments (user_id, role, department_id)
         SELECT u.id, $2, (SELECT id FROM departments WHERE code = $3)
           FROM users u WHERE lower(u.username) = lower($1)
         ON CONFLICT DO NOTHING`,
        [account.username, account.role, account.departmentCode ?? null],
      );
    }
    await em.query(
      `UPDATE departments SET head_user_id = (SELECT id FROM users WHERE username = 'zy.head')
        WHERE code = 'ECONOMIC_DEVELOPMENT' AND head_user_id IS NULL`,
    );
  });
  return { parkId, accounts: DEMO_ACCOUNTS };
}
