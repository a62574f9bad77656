import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseNationalScheduleYaml } from '@qifu/domain';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../config/config.js';
import { appDataSource, prepareDatabase } from '../../database/data-sources.js';
import { TenantDb } from '../../database/tenant-db.js';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo-seed.js';

const APP_DATABASE_PASSWORD = 'qifu_app_test_pw';
import type { Clock } from '../../common/clock.js';
import type { JobQueue } from '../../jobs/queue.js';
import { createServer } from '../../server/create-server.js';

// GraphQL JSON in tests is loosely typed on purpose: the assertions check its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; fields?: { path: string; message: string }[]; [key: string]: unknown };
  }[];
  status: number;
}

function databaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * This run's template: migrated and seeded once, by whichever worker gets the lock first. Copying it
 * takes tens of milliseconds where migrating and seeding take seconds.
 */
async function ensureTemplate(admin: pg.Client, template: string): Promise<void> {
  await admin.query(`SELECT pg_advisory_lock(hashtext($1))`, [template]);
  try {
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template]);
    if (rowCount) return;
    const building = `${template}_building`;
    await admin.query(`DROP DATABASE IF EXISTS ${building}`);
    await admin.query(`CREATE DATABASE ${building}`);
    const config = loadConfig({
      DATABASE_URL: databaseUrl(building),
      JWT_SECRET: 'x'.repeat(32),
      APP_DATABASE_PASSWORD,
    });
    const { appUrl } = await prepareDatabase(config);
    const dataSource = appDataSource(appUrl, 2);
    await dataSource.initialize();
    await seedDemo(new TenantDb(dataSource));
    await dataSource.destroy();
    await importTestCalendar(databaseUrl(building));
    // Renamed only when complete, so a half-built template is never copied.
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
  } finally {
    await admin.query(`SELECT pg_advisory_unlock(hashtext($1))`, [template]);
  }
}

/**
 * The next year's holidays as test data (tests/fixtures), so that deadlines counted from today reach
 * past 31 December in every spec; the national calendar's own spec removes it to see them pending.
 */
async function importTestCalendar(url: string): Promise<void> {
  const parsed = parseNationalScheduleYaml(
    readFileSync(
      new URL('../../../../../tests/fixtures/national-calendar-2027.yaml', import.meta.url),
      'utf8',
    ),
  );
  if (!parsed.ok) throw new Error(`the test calendar is invalid: ${JSON.stringify(parsed.problems)}`);
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    await owner.query(
      `INSERT INTO national_calendar_years (year, version, notice, holidays) VALUES ($1, 1, $2, $3)`,
      [parsed.schedule.year, parsed.schedule.notice, JSON.stringify(parsed.schedule.holidays)],
    );
  } finally {
    await owner.end();
  }
}

/** A database of its own copied from the seeded template: specs never share rows. */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const template = process.env.QIFU_TEMPLATE_DB;
  if (!template || !process.env.DATABASE_URL)
    throw new Error('run the API tests through jest (global setup)');
  const name = `qifu_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await ensureTemplate(admin, template);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  return {
    name,
    url,
    async drop() {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestApi {
  url: string;
  config: AppConfig;
  dataSource: DataSource;
  db: TenantDb;
  /** Superuser/owner queries: bypass RLS, to look at what really is in the tables. */
  owner: pg.Client;
  ownerUrl: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResult<T>>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real API (Nest, Apollo, guards, RLS) on a random port over a fresh copy of the seeded database. */
export async function startTestApi(
  env: Record<string, string> = {},
  options: { jobQueue?: (ownerUrl: string) => JobQueue; clock?: Clock; logger?: Logger } = {},
): Promise<TestApi> {
  const database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    APP_DATABASE_PASSWORD,
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    HOST: '127.0.0.1',
    ADMIN_DIST: '/nonexistent',
    ...env,
  });
  const { appUrl } = await prepareDatabase(config);
  const dataSource = appDataSource(appUrl, 4);
  await dataSource.initialize();
  const jobQueue = options.jobQueue?.(database.url);
  const app = await createServer({
    config,
    dataSource,
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    jobQueue,
    clock: options.clock,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const owner = new pg.Client({ connectionString: database.url });
  await owner.connect();

  const gql: TestApi['gql'] = async (query, variables, token) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { ...((await response.json()) as object), status: response.status };
  };
  return {
    url,
    config,
    dataSource,
    db: new TenantDb(dataSource),
    owner,
    ownerUrl: database.url,
    gql,
    async login(username, password = DEMO_PASSWORD) {
      const result = await gql<{ signIn: { accessToken: string } }>(
        `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`,
        { input: { username, password } },
      );
      if (!result.data?.signIn) throw new Error(`login ${username} failed: ${JSON.stringify(result.errors)}`);
      return result.data.signIn.accessToken;
    },
    async close() {
      await owner.end();
      await app.close();
      await jobQueue?.close();
      await dataSource.destroy();
      await database.drop();
    },
  };
}

export function errorCode(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

export function errorFields(result: GqlResult): string[] {
  return (result.errors?.[0]?.extensions?.fields ?? []).map((field) => field.path);
}

/** The nodes of a connection page (`edges { node }`), in order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are untyped JSON
export function nodesOf<T = any>(connection: { edges: { node: T }[] } | null | undefined): T[] {
  return connection?.edges.map((edge) => edge.node) ?? [];
}
