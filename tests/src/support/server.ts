// What stands behind the API that global setup started: its database, reached as the owner, and its
// command line, for what the GraphQL API does not offer (importing a park's configuration file).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through jest (global setup)`);
  return value;
}

/** A path in the repository, e.g. infra/parks/wulingshan.yaml. */
export function repoPath(relative: string): string {
  return path.join(setting('QIFU_E2E_REPO_ROOT'), relative);
}

/** One statement on the run's database as its owner (row-level security does not apply). */
export async function ownerQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<pg.QueryResult<T>> {
  const client = await ownerClient();
  try {
    return await client.query<T>(sql, params);
  } finally {
    await client.end();
  }
}

/** A connection to the run's database as its owner, for many statements; the caller ends it. */
export async function ownerClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: setting('QIFU_E2E_DATABASE_URL') });
  await client.connect();
  return client;
}

/** Runs the built CLI (apps/api/dist/cli.js) on the run's database; resolves with what it printed. */
export async function runCli(args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [repoPath('apps/api/dist/cli.js'), ...args],
    {
      cwd: repoPath('.'),
      env: cliEnv(setting('QIFU_E2E_DATABASE_URL')),
    },
  );
  return stdout;
}

function cliEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_OPTIONS: '',
    DATABASE_URL: databaseUrl,
    // The CLI sets the app role's password: the one the running API signs in with.
    APP_DATABASE_PASSWORD: setting('QIFU_E2E_APP_DATABASE_PASSWORD'),
  };
}

/** Runs the built CLI on `databaseUrl` (the owner's) and reports how it exited, failing or not. */
export function cliOutcome(
  args: string[],
  databaseUrl: string,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [repoPath('apps/api/dist/cli.js'), ...args],
      { cwd: repoPath('.'), env: cliEnv(databaseUrl) },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ exitCode: error ? (typeof code === 'number' ? code : -1) : 0, stdout, stderr });
      },
    );
  });
}

/** An empty database on the run's server (its owner's URL), dropped by `drop`. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = new URL(setting('QIFU_E2E_DATABASE_URL'));
  // Named like the run's own, so a run killed before dropping it has it dropped by a later one.
  const name = `qifu_e2e_${process.pid}_${Date.now()}`;
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const onServer = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
