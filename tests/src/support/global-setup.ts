// Once per run: a fresh database on the DATABASE_URL server and the built API serving it (and the
// built console) on a free port. Tests read the base URL from QIFU_E2E_BASE_URL: Jest creates the
// test environments after this runs, so they inherit what we put in process.env; likewise what the
// API's CLI needs to work on the same database (see server.ts): the owner's URL, the app role's
// password (the CLI sets it, and must not change it under the running API) and the repository root.
//
// Jest compiles this file to CommonJS outside its module mapper: hence no relative imports and no
// import.meta here. Teardown finds the stop function on globalThis (both run in Jest's parent process).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '@jest/types';
import pg from 'pg';

const HEALTH_TIMEOUT_MS = 60_000;
// Databases of runs killed before their teardown; older than this, no run can still be using them.
const STALE_AFTER_MS = 6 * 3600_000;
const APP_DATABASE_PASSWORD = 'qifu_app_test';

export default async function globalSetup(
  _globalConfig: Config.GlobalConfig,
  projectConfig: Config.ProjectConfig,
): Promise<void> {
  const repoRoot = path.resolve(projectConfig.rootDir, '..');
  const apiMain = path.join(repoRoot, 'apps/api/dist/main.js');
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    throw new Error('DATABASE_URL is not set: run `npm test` (it starts a throwaway PostgreSQL) or set it.');
  }
  if (!fs.existsSync(apiMain)) {
    throw new Error('apps/api/dist/main.js is missing: build it with npx nx run @qifu/api:build');
  }

  const database = `qifu_e2e_${process.pid}_${Date.now()}`;
  await withClient(serverUrl, async (client) => {
    await dropStaleDatabases(client);
    await client.query(`CREATE DATABASE ${database}`);
  });

  let api: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const stop = async (): Promise<void> => {
    if (api && api.exitCode === null && api.signalCode === null) {
      api.kill('SIGTERM');
      if (!(await Promise.race([exited.then(() => true), sleep(10_000, false, { ref: false })]))) {
        api.kill('SIGKILL');
        await exited;
      }
    }
    // FORCE: a connection the API failed to close must not keep the database alive.
    await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  };
  (globalThis as { __qifuE2eStop?: () => Promise<void> }).__qifuE2eStop = stop;

  try {
    const databaseUrl = new URL(serverUrl);
    databaseUrl.pathname = `/${database}`;
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // Jobs on PostgreSQL, as under npm start, wherever the run happens (CI exports REDIS_URL): the
    // queue is then in the database the fuzz suite watches for quiet. The API's own job tests cover
    // the Redis queue too.
    const { REDIS_URL: _redis, ...inherited } = process.env;
    api = spawn(process.execPath, [apiMain], {
      cwd: repoRoot,
      env: {
        ...inherited,
        // Jest's --experimental-vm-modules is not meant for the API.
        NODE_OPTIONS: '',
        DATABASE_URL: databaseUrl.href,
        HOST: '127.0.0.1',
        PORT: String(port),
        JWT_SECRET: randomBytes(48).toString('base64url'),
        APP_DATABASE_PASSWORD,
        QIFU_SEED: 'demo',
        LOG_LEVEL: 'warn',
        ADMIN_DIST: path.join(repoRoot, 'apps/admin/dist'),
        // Every test signs in from 127.0.0.1: the per-address limit would make a growing suite flaky,
        // and the failures the fuzz suite sends on purpose would slow every later sign-in.
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        SIGN_IN_ADDRESS_FAILURES: '10000',
        // Jobs run (the dashboards' refresh follows the cases), but the deadline sweep only once, at
        // start: deadline jobs have their own clock-controlled tests, and a sweep at a random moment
        // would act on cases the scenarios are still walking through.
        DEADLINE_SWEEP_MINUTES: '1440',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = api;
    exited = new Promise((resolve) => child.once('exit', () => resolve()));

    // Kept back while it starts (shown if it fails to), then passed through: warnings explain failures.
    const startup: string[] = [];
    let started = false;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        if (started) process.stderr.write(chunk.replace(/^(?=.)/gm, '[api] '));
        else startup.push(chunk);
      });
    }
    try {
      await waitForHealth(baseUrl, exited);
    } catch (error) {
      process.stderr.write(`\nAPI output:\n${startup.join('')}\n`);
      throw error;
    }
    started = true;
    await importTestCalendar(baseUrl, repoRoot);
    process.env.QIFU_E2E_BASE_URL = baseUrl;
    process.env.QIFU_E2E_DATABASE_URL = databaseUrl.href;
    process.env.QIFU_E2E_APP_DATABASE_PASSWORD = APP_DATABASE_PASSWORD;
    process.env.QIFU_E2E_REPO_ROOT = repoRoot;
  } catch (error) {
    // Jest skips globalTeardown when globalSetup throws.
    await stop();
    throw error;
  }
}

/**
 * The next year's holidays as test data (tests/fixtures), imported as the platform would, so that
 * deadlines counted from today may reach past 31 December.
 */
async function importTestCalendar(baseUrl: string, repoRoot: string): Promise<void> {
  const call = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const result = (await response.json()) as {
      data?: Record<string, { accessToken?: string }>;
      errors?: unknown;
    };
    if (result.errors) throw new Error(`importing the test calendar: ${JSON.stringify(result.errors)}`);
    return result.data!;
  };
  const { signIn } = await call(`mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`, {
    input: { username: 'platform', password: 'Zhengyang@2022' },
  });
  const content = fs.readFileSync(path.join(repoRoot, 'tests/fixtures/national-calendar-2027.yaml'), 'utf8');
  await call(
    `mutation($input: ImportNationalCalendarInput!) { importNationalCalendar(input: $input) { year } }`,
    { input: { format: 'YAML', content } },
    signIn.accessToken,
  );
}

async function waitForHealth(baseUrl: string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (gone) throw new Error('the API exited before /health answered 200');
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = String((error as { cause?: { code?: string } }).cause?.code ?? error);
    }
    await sleep(250);
  }
  throw new Error(
    `the API's /health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last})`,
  );
}

async function dropStaleDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname ~ '^qifu_e2e_[0-9]+_[0-9]+$'",
  );
  for (const { datname } of rows) {
    if (Date.now() - Number(datname.split('_').pop()) > STALE_AFTER_MS) {
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
