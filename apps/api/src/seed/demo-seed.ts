import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseParkConfigYaml, type ParkConfig, type ParkRole, type PlatformRole } from '@qifu/domain';
import { hashPassword } from '../auth/passwords.js';
import { NO_SCOPE, type TenantDb } from '../database/tenant-db.js';

/** Shared by every demo account; meets the password policy. Demo installations only. */
export const DEMO_PASSWORD = 'Zhengyang@2022';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: ParkRole | PlatformRole;
  departmentCode?: string;
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
];

/** Finds infra/parks/<code>.yaml from the source tree or from dist. */
export function parkConfigPath(code: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'infra', 'parks', `${code}.yaml`);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`infra/parks/${code}.yaml not found`);
}

export function loadParkConfig(code: string): ParkConfig {
  const parsed = parseParkConfigYaml(readFileSync(parkConfigPath(code), 'utf8'));
  if (!parsed.ok) {
    throw new Error(
      `infra/parks/${code}.yaml is invalid:\n${parsed.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
    );
  }
  return parsed.config;
}

/**
 * Seeds the Zhengyang park from its configuration file and one demo account per role. Idempotent:
 * rows that exist are left as they are (a changed demo password stays changed).
 */
export async function seedDemo(db: TenantDb): Promise<{ parkId: string; accounts: DemoAccount[] }> {
  const config = loadParkConfig('zhengyang');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const platform = { ...NO_SCOPE, platform: true };
  const { districtId, parkId } = await db.run(platform, async (em) => {
    await em.query(`INSERT INTO districts (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, [
      config.park.districtCode,
      config.park.districtName,
    ]);
    const [district] = (await em.query(`SELECT id FROM districts WHERE code = $1`, [
      config.park.districtCode,
    ])) as {
      id: string;
    }[];
    await em.query(
      `INSERT INTO parks (district_id, code, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`,
      [district.id, config.park.code, config.park.name],
    );
    const [park] = (await em.query(`SELECT id FROM parks WHERE code = $1`, [config.park.code])) as {
      id: string;
    }[];
    return { districtId: district.id, parkId: park.id };
  });

  await db.run({ ...platform, parkId }, async (em) => {
    for (const [index, department] of config.rules.departments.entries()) {
      await em.query(
        `INSERT INTO departments (code, name, name_en, kind, active, sort_order) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (park_id, code) DO NOTHING`,
        [
          department.code,
          department.name,
          department.nameEn ?? null,
          department.kind,
          department.active,
          index + 1,
        ],
      );
    }
    for (const account of DEMO_ACCOUNTS) {
      const isPlatformRole = account.role === 'PLATFORM_ADMIN' || account.role === 'DISTRICT_VIEWER';
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
      if (isPlatformRole) continue;
      await em.query(
        `INSERT INTO role_assignments (user_id, role, department_id)
         SELECT u.id, $2, (SELECT id FROM departments WHERE code = $3)
           FROM users u WHERE lower(u.username) = lower($1)
         ON CONFLICT DO NOTHING`,
        [account.username, account.role, account.departmentCode ?? null],
      );
    }
    const [head] = (await em.query(`SELECT id FROM users WHERE username = 'zy.head'`)) as { id: string }[];
    await em.query(
      `UPDATE departments SET head_user_id = $1 WHERE code = 'ECONOMIC_DEVELOPMENT' AND head_user_id IS NULL`,
      [head.id],
    );
  });
  return { parkId, accounts: DEMO_ACCOUNTS };
}
