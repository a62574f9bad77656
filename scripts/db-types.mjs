// npm run db:types: the row types of every table, generated from the migrated schema (kysely-codegen)
// into apps/api/src/database/db-types.ts. `--check` regenerates beside it and fails when the committed
// file differs: a migration changed the schema and the types were not regenerated.
// Migrates a throwaway database on DATABASE_URL's server (or on a throwaway embedded cluster).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import * as prettier from 'prettier';
import { repoRoot, startThrowawayPostgres } from './lib/embedded-postgres.mjs';
import { build, nxEnv, run } from './lib/run.mjs';

const TARGET = 'apps/api/src/database/db-types.ts';
const check = process.argv.includes('--check');

const env = { ...process.env, ...nxEnv };
if ((await build(['@qifu/api'], env)) !== 0) process.exit(1);

const embedded = process.env.DATABASE_URL ? null : await startThrowawayPostgres();
const server = new URL(process.env.DATABASE_URL ?? embedded.url);
const database = `qifu_types_${process.pid}`;
const url = new URL(server);
url.pathname = `/${database}`;

async function onServer(sql) {
  const client = new pg.Client({ connectionString: server.href });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let code = 1;
const outFile = path.join(os.tmpdir(), `qifu-db-types-${process.pid}.ts`);
const targetFile = path.join(repoRoot, TARGET);
try {
  await onServer(`CREATE DATABASE ${database}`);
  const migrated = await run(process.execPath, ['apps/api/dist/cli.js', 'migrate'], {
    env: { ...env, DATABASE_URL: url.href, LOG_LEVEL: 'warn' },
  });
  if (migrated !== 0) throw new Error('the migrations failed');
  const generated = await run(
    'npx',
    [
      'kysely-codegen',
      '--dialect',
      'postgres',
      '--url',
      url.href,
      '--out-file',
      outFile,
      '--log-level',
      'warn',
    ],
    { env },
  );
  if (generated !== 0) throw new Error('kysely-codegen failed');
  // The repository's formatting, as for the file in its place (the temporary one is outside the
  // repository's Prettier configuration), so that a check compares content and a regeneration diffs
  // cleanly.
  const options = await prettier.resolveConfig(targetFile);
  const types = await prettier.format(fs.readFileSync(outFile, 'utf8'), { ...options, filepath: targetFile });
  if (check) {
    if (fs.readFileSync(targetFile, 'utf8') === types) {
      console.log(`${TARGET} matches the migrations`);
      code = 0;
    } else {
      console.error(`${TARGET} does not match the migrations: run npm run db:types and commit it`);
    }
  } else {
    fs.writeFileSync(targetFile, types);
    console.log(`wrote ${TARGET}`);
    code = 0;
  }
} catch (error) {
  console.error(`npm run db:types: ${error.message}`);
} finally {
  fs.rmSync(outFile, { force: true });
  await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  await embedded?.stop();
}
process.exit(code);
