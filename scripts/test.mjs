// npm test: every suite in turn against one PostgreSQL (a throwaway embedded cluster unless
// DATABASE_URL is set). A failing suite does not stop the next; the exit code reports them all.
import { startThrowawayPostgres } from './lib/embedded-postgres.mjs';
import { build, nxEnv, run } from './lib/run.mjs';

const env = { ...process.env, ...nxEnv };
const suites = [
  {
    name: 'unit and integration (domain, documents, api, admin)',
    run: () =>
      run(
        'npx',
        [
          'nx',
          'run-many',
          '-t',
          'test',
          '--projects=@qifu/domain,@qifu/documents,@qifu/api,@qifu/admin',
          '--parallel=1',
          // Each suite's own output as it runs, not just a tick.
          '--output-style=stream',
        ],
        { env },
      ),
  },
  { name: 'build (api, admin)', run: () => build(['@qifu/api', '@qifu/admin'], env) },
  // Against a failed build the e2e suite would test stale dist/ output: skip it instead.
  {
    name: 'end to end (tests)',
    needs: 'build (api, admin)',
    run: () => run('npm', ['test', '-w', '@qifu/tests'], { env }),
  },
];

let pg = null;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    // Children got the terminal's signal too; only the cluster needs stopping here.
    if (interrupted) return;
    interrupted = true;
    await pg?.stop();
    process.exit(130);
  });
}

if (!env.DATABASE_URL) {
  pg = await startThrowawayPostgres();
  env.DATABASE_URL = pg.url;
  console.log(`Throwaway embedded PostgreSQL on 127.0.0.1:${pg.port}.`);
}

const results = [];
for (const suite of suites) {
  if (suite.needs && results.find((result) => result.suite === suite.needs)?.result !== 'pass') {
    results.push({ suite: suite.name, result: 'SKIP', seconds: 0 });
    continue;
  }
  console.log(`\n=== ${suite.name}\n`);
  const started = Date.now();
  const code = await suite.run();
  results.push({
    suite: suite.name,
    result: code === 0 ? 'pass' : 'FAIL',
    seconds: (Date.now() - started) / 1000,
  });
}
await pg?.stop();

const width = Math.max(...results.map((result) => result.suite.length));
console.log(`\n${'suite'.padEnd(width)}  result  seconds`);
for (const result of results) {
  const seconds = result.seconds.toFixed(1).padStart(7);
  console.log(`${result.suite.padEnd(width)}  ${result.result.padEnd(6)}  ${seconds}`);
}
process.exit(results.every((result) => result.result === 'pass') ? 0 : 1);
