// npm run park -- import <file.yaml> | export <park-code> | check
// Onboards or updates a park from its configuration file, prints a park's configuration, or lists
// parks whose webhook secret names coincide.
// Uses DATABASE_URL, else the embedded PostgreSQL of `npm start` (joining it if it is running).
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot, startEmbeddedPostgres } from './lib/embedded-postgres.mjs';
import { build, nxEnv, run } from './lib/run.mjs';
import { startSecrets } from './lib/secrets.mjs';

const USAGE = 'usage: npm run park -- import <file.yaml> | export <park-code> | check';

/** The URL of the `npm start` cluster when it is already running (postmaster.pid: pid, dir, start, port). */
function runningEmbeddedUrl(dataDir) {
  try {
    const [pid, , , port] = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    process.kill(Number(pid), 0);
    return `postgres://postgres:password@127.0.0.1:${Number(port)}/postgres`;
  } catch {
    return null;
  }
}

async function main() {
  const [action, target] = process.argv.slice(2);
  if (!(action === 'check' || (['import', 'export'].includes(action) && target))) {
    console.error(USAGE);
    return 2;
  }
  const env = { ...process.env, ...nxEnv, LOG_LEVEL: 'warn' };
  // The running API's own secrets: the CLI connects with its database role and leaves it as it is.
  if (!env.APP_DATABASE_URL) Object.assign(env, startSecrets(env));
  if ((await build(['@qifu/api'], env)) !== 0) return 1;
  let pg = null;
  if (!env.DATABASE_URL) {
    const dataDir = path.join(dataRoot, 'pg');
    env.DATABASE_URL = runningEmbeddedUrl(dataDir) ?? (pg = await startEmbeddedPostgres({ dataDir })).url;
  }
  try {
    // npm runs scripts from the repository root; a relative path means relative to where it was typed.
    const file = action === 'import' ? path.resolve(process.env.INIT_CWD ?? process.cwd(), target) : target;
    const rest = action === 'check' ? [] : [file];
    return await run(process.execPath, ['apps/api/dist/cli.js', 'park', action, ...rest], { env });
  } finally {
    await pg?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
