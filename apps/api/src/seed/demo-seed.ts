import { PLATFORM_ROLES, type ParkRole, type PlatformRole } from '@qifu/domain';
import { sql } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
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
  const [{ districtId }] = await db.run(platform, (em) =>
    rowsOf(em, kysely.selectFrom('parks').select('district_id as districtId').where('id', '=', parkId)),
  );

  await db.run({ ...platform, parkId }, async (em) => {
    for (const account of DEMO_ACCOUNTS) {
      const isPlatformRole = (PLATFORM_ROLES as readonly string[]).includes(account.role);
      await rowsOf(
        em,
        kysely
          .insertInto('users')
          .values({
            username: account.username,
            display_name: account.displayName,
            password_hash: passwordHash,
            home_park_id: isPlatformRole ? null : parkId,
            platform_role: isPlatformRole ? account.role : null,
            district_id: account.role === 'DISTRICT_VIEWER' ? districtId : null,
          })
          .onConflict((conflict) => conflict.expression(sql`lower(username)`).doNothing()),
      );
      if (account.officeCode) {
        // Of this park, for the office as the park's rules name it.
        const officeCode = account.officeCode;
        const officeName = config.rules.ccOffices.find((office) => office.code === officeCode)?.name ?? null;
        await rowsOf(
          em,
          kysely
            .insertInto('office_accounts')
            .columns(['user_id', 'office_code', 'office_name', 'park_id'])
            .expression((eb) =>
              eb
                .selectFrom('users as u')
                .select((u) => [
                  'u.id',
                  u.val(officeCode).as('office_code'),
                  u.val(officeName).as('office_name'),
                  u.val(parkId).as('park_id'),
                ])
                .where(sql`lower(u.username)`, '=', sql`lower(${account.username})`),
            )
            .onConflict((conflict) => conflict.doNothing()),
        );
      }
      if (isPlatformRole) continue;
      const departmentCode = account.departmentCode ?? null;
      await rowsOf(
        em,
        kysely
          .insertInto('role_assignments')
          .columns(['user_id', 'role', 'department_id'])
          .expression((eb) =>
            eb
              .selectFrom('users as u')
              .select((u) => [
                'u.id',
                u.val(account.role).as('role'),
                u
                  .selectFrom('departments')
                  .select('id')
                  .where('code', '=', departmentCode)
                  .as('department_id'),
              ])
              .where(sql`lower(u.username)`, '=', sql`lower(${account.username})`),
          )
          .onConflict((conflict) => conflict.doNothing()),
      );
    }
    await rowsOf(
      em,
      kysely
        .updateTable('departments')
        .set((eb) => ({
          head_user_id: eb.selectFrom('users').select('id').where('username', '=', 'zy.head'),
        }))
        .where('code', '=', 'ECONOMIC_DEVELOPMENT')
        .where('head_user_id', 'is', null),
    );
  });
  return { parkId, accounts: DEMO_ACCOUNTS };
}
