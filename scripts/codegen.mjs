// npm run codegen: apps/api/schema.graphql from the API's resolvers, then the console's typed
// operations (apps/admin/src/gql) from it. With --check (CI) it fails when either differs from what
// git has: a schema change committed without its generated files.
import { execFileSync } from 'node:child_process';
import { repoRoot } from './lib/embedded-postgres.mjs';
import { build, nxEnv, run } from './lib/run.mjs';

const GENERATED = ['apps/api/schema.graphql', 'apps/admin/src/gql'];
const check = process.argv.includes('--check');
const env = { ...process.env, ...nxEnv };

const steps = [
  () => build(['@qifu/api'], env),
  () => run('node', ['apps/api/dist/cli.js', 'schema', 'apps/api/schema.graphql'], { env }),
  () => run('npm', ['run', 'codegen', '-w', '@qifu/admin'], { env }),
];
for (const step of steps) {
  const code = await step();
  if (code !== 0) process.exit(code);
}

if (check) {
  // Untracked files count too: an operation's types that were never committed.
  const status = execFileSync('git', ['status', '--porcelain', '--', ...GENERATED], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (status.trim() !== '') {
    await run('git', ['--no-pager', 'diff', '--stat', '--', ...GENERATED]);
    console.error(`Generated files are stale:\n${status}Run npm run codegen and commit the result.`);
    process.exit(1);
  }
  console.log('schema.graphql and the console’s generated types are up to date.');
}
