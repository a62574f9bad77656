import { DataSource } from 'typeorm';
import { ConfigError, type AppConfig } from '../config/config.js';
import { ensureAppRole, grantAppRole } from './app-role.js';
import { MIGRATIONS } from './migrations/index.js';
import { APP_ROLE } from './tenant-table.js';
import { randomBytes } from 'node:crypto';

export const MIGRATIONS_TABLE = 'typeorm_migrations';

export function ownerDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: 2, application_name: 'qifu-migrate' },
  });
}

export function appDataSource(url: string, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    logging: false,
    extra: { max: poolSize, application_name: 'qifu-api' },
  });
}

/** Runs pending migrations as the owner and refreshes the application role's grants. */
export async function migrate(url: string): Promise<string[]> {
  const owner = ownerDataSource(url);
  await owner.initialize();
  try {
    const ran = await owner.runMigrations({ transaction: 'each' });
    await grantAppRole(owner, APP_ROLE);
    return ran.map((m) => m.name);
  } finally {
    await owner.destroy();
  }
}

export interface PrepareOptions {
  /**
   * `set` (the API server): the `qifu_app` role gets APP_DATABASE_PASSWORD, or a random one per start
   * when none is configured (a single process only). `keep` (the CLI, workers): the process joins a
   * running API, so it never changes the password of an existing role and needs the API's own.
   */
  appRolePassword?: 'set' | 'keep';
}

/**
 * Prepares the database for serving: migrations, then the URL the API connects with. With
 * APP_DATABASE_URL that role is provisioned by the operator (infra/db); otherwise the API manages its
 * own `qifu_app` role on the same server (see PrepareOptions).
 */
export async function prepareDatabase(
  config: AppConfig,
  options: PrepareOptions = {},
): Promise<{ appUrl: string; migrated: string[] }> {
  const keep = options.appRolePassword === 'keep';
  if (keep && !config.APP_DATABASE_URL && !config.APP_DATABASE_PASSWORD)
    throw new ConfigError(
      'APP_DATABASE_PASSWORD (or APP_DATABASE_URL) must be the running API’s: this command never changes the password of its database role',
    );
  const owner = ownerDataSource(config.DATABASE_URL);
  await owner.initialize();
  try {
    const ran = await owner.runMigrations({ transaction: 'each' });
    if (config.APP_DATABASE_URL) {
      await grantAppRole(owner, new URL(config.APP_DATABASE_URL).username);
      return { appUrl: config.APP_DATABASE_URL, migrated: ran.map((m) => m.name) };
    }
    const password = config.APP_DATABASE_PASSWORD ?? randomBytes(24).toString('base64url');
    await ensureAppRole(owner, password, { keepPassword: keep });
    await grantAppRole(owner, APP_ROLE);
    const appUrl = new URL(config.DATABASE_URL);
    appUrl.username = APP_ROLE;
    appUrl.password = password;
    return { appUrl: appUrl.toString(), migrated: ran.map((m) => m.name) };
  } finally {
    await owner.destroy();
  }
}
