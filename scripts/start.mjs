// npm start: build what changed, start PostgreSQL (embedded unless DATABASE_URL is set), run the API
// with the demo park seeded and the console served, until Ctrl-C.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dataRoot, isPortFree, repoRoot, startEmbeddedPostgres } from './lib/embedded-postgres.mjs';
import { build, nxEnv, waitForHealth } from './lib/run.mjs';
import { startSecrets } from './lib/secrets.mjs';

const env = { ...process.env, ...nxEnv };
const port = Number(env.PORT || 3000);
const apiPidFile = path.join(dataRoot, 'api.pid');
let pg = null;
let api = null;
let shuttingDown = false;

async function main() {
  Object.assign(env, startSecrets(env));
  await clearStaleApi();
  if (!(await isPortFree(port, '0.0.0.0'))) {
    throw new Error(`port ${port} is already in use: stop what listens there or set PORT`);
  }

  console.log('Building the API and the console (cached when unchanged)…');
  if ((await build(['@qifu/api', '@qifu/admin'], env)) !== 0) throw new Error('the build failed');

  if (env.DATABASE_URL) {
    console.log('Using DATABASE_URL from the environment.');
  } else {
    pg = await startEmbeddedPostgres({
      dataDir: path.join(dataRoot, 'pg'),
      // Routine messages would drown the API's output; problems still show.
      log: (line) => /\b(WARNING|ERROR|FATAL|PANIC):/.test(line) && console.error(`[postgres] ${line}`),
    });
    env.DATABASE_URL = pg.url;
    console.log(
      `Embedded PostgreSQL on 127.0.0.1:${pg.port} (data in ${path.relative(repoRoot, pg.dataDir)}).`,
    );
  }

  api = spawn(process.execPath, ['apps/api/dist/main.js'], {
    cwd: repoRoot,
    env: { ...env, PORT: String(port), QIFU_SEED: 'demo' },
    stdio: 'inherit',
    // Own process group: a terminal Ctrl-C reaches only us, and we stop the API before PostgreSQL.
    detached: true,
  });
  fs.writeFileSync(apiPidFile, String(api.pid));
  const exited = new Promise((resolve) => api.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(({ code, signal }) => {
    fs.rmSync(apiPidFile, { force: true });
    if (!shuttingDown) {
      console.error(`The API stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
      shutdown(code || 1);
    }
  });

  await waitForHealth(`http://127.0.0.1:${port}`, { timeoutMs: 120_000, exited });
  console.log(
    [
      '',
      'Qifu is running.',
      `  Console:  http://localhost:${port}/`,
      `  GraphQL:  http://localhost:${port}/graphql`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

/** An API left running by a killed `npm start` would hold the port: stop it. */
async function clearStaleApi() {
  let pid;
  try {
    pid = Number(fs.readFileSync(apiPidFile, 'utf8'));
  } catch {
    return;
  }
  const isOurApi = () => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('apps/api/dist/main.js');
    } catch {
      return false;
    }
  };
  if (isOurApi()) {
    console.log(`Stopping the API left running by an earlier start (pid ${pid})…`);
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && isOurApi(); i++) await sleep(100);
    if (isOurApi()) process.kill(pid, 'SIGKILL');
  }
  fs.rmSync(apiPidFile, { force: true });
}

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (api && api.exitCode === null && api.signalCode === null) {
    const exited = new Promise((resolve) => api.once('exit', resolve));
    api.kill('SIGTERM');
    const timer = setTimeout(() => api.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  if (pg) await pg.stop();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!shuttingDown) console.log(`\nStopping (${signal})…`);
    shutdown(0);
  });
}

main().catch((error) => {
  console.error(`npm start: ${error.message}`);
  shutdown(1);
});
