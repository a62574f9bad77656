// npm run migrate: apply pending migrations to the database in DATABASE_URL.
import { build, nxEnv, run } from './lib/run.mjs';

if (!process.env.DATABASE_URL) {
  console.error(
    'npm run migrate: DATABASE_URL is not set (owner URL, e.g. postgres://postgres@127.0.0.1:5432/qifu).\n' +
      'npm start migrates its embedded database by itself.',
  );
  process.exit(1);
}

const env = { ...process.env, ...nxEnv };
if ((await build(['@qifu/api'], env)) !== 0) process.exit(1);
process.exit(await run(process.execPath, ['apps/api/dist/cli.js', 'migrate'], { env }));
