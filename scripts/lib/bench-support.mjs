// Helpers of the benchmark scripts: child processes, ports, database clients, memory of a process,
// result tables.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { repoRoot } from './embedded-postgres.mjs';
import { waitForHealth } from './run.mjs';

/** A wrong option: the message and the usage are printed, and the script exits 2. */
export class UsageError extends Error {}

/** Runs a bench script's `main` and exits with the code it resolves to (1 if it throws). */
export function runBench(main, usage) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      if (error instanceof UsageError) {
        if (error.message) console.error(error.message);
        console.error(usage());
        process.exit(2);
      }
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url, application_name: 'qifu-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A node child process with its stderr kept back (shown if it fails) and a promise of its exit. */
export function startChild(args, env) {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stderr.setEncoding('utf8').on('data', (chunk) => output.push(chunk));
  child.stdout.resume();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await Promise.race([exited.then(() => true), sleep(10_000, false)]))) child.kill('SIGKILL');
    await exited;
  };
  return { child, output, exited, stop };
}

/**
 * A throwaway database for one bench run on the `serverUrl` server, and the child processes started
 * on it. `cleanup` stops them and drops the database unless `keep`; Ctrl-C or SIGTERM cleans up too.
 */
export async function benchDatabase({ serverUrl, database, keep, log }) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const children = [];
  const run = { url, children, interrupted: false, cleanup };
  async function cleanup() {
    for (const c of children) await c.stop();
    if (!keep) {
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      log(`database ${database} dropped`);
    } else log(`database kept: ${url.href}`);
  }
  const onSignal = () => {
    if (run.interrupted) return;
    run.interrupted = true;
    log('interrupted: cleaning up');
    cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${database}`));
  return run;
}

/**
 * The built API (`apiMain`) as deployed, in production mode on a free port of its own, with `env`
 * on top; resolves once /health answers, with the server's stderr shown if it never does.
 */
export async function startBenchApi(apiMain, env, { timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = startChild([apiMain], {
    HOST: '127.0.0.1',
    PORT: String(port),
    JWT_SECRET: `bench-${process.pid}-${'x'.repeat(40)}`,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ...env,
  });
  try {
    await waitForHealth(baseUrl, { timeoutMs, exited: api.exited });
  } catch (error) {
    process.stderr.write(api.output.join(''));
    await api.stop();
    throw error;
  }
  return { ...api, baseUrl };
}

/**
 * Loads generated rows on two connections at once, one per core: `owner` and a second one to `url`.
 * `fill(client, worker, workers)` loads worker's share. Rows are consistent by construction, so
 * foreign keys and other triggers are skipped and commits are asynchronous while loading.
 */
export async function loadOnTwoConnections(owner, url, fill) {
  const workers = [owner, new pg.Client({ connectionString: url, application_name: 'qifu-bench' })];
  await workers[1].connect();
  try {
    await Promise.all(
      workers.map(async (client, worker) => {
        await client.query(`SET session_replication_role = replica`);
        await client.query(`SET synchronous_commit = off`);
        await fill(client, worker, workers.length);
        await client.query(`RESET session_replication_role`);
      }),
    );
  } finally {
    await workers[1].end();
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function statusKb(pid, field) {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) : null;
}

let clockTicks = null;

/** CPU seconds (user + system) process `pid` has used so far. */
export function cpuSeconds(pid) {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/**
 * Peak resident memory of process `pid` while `work` runs. The kernel's high-water mark (VmHWM) is
 * reset first where Linux allows it (`clear_refs`), and VmRSS is polled as well, so the figure is
 * right even where the reset is refused. Returns the work's result with the memory in MB and the
 * CPU seconds the process used meanwhile (on a busy machine, steadier than the elapsed time).
 */
export async function measureMemory(pid, work, { pollMs = 10 } = {}) {
  let hwmReset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    hwmReset = false;
  }
  const baselineKb = statusKb(pid, 'VmRSS');
  const cpuBefore = cpuSeconds(pid);
  let polledKb = baselineKb;
  const poll = setInterval(() => {
    try {
      polledKb = Math.max(polledKb, statusKb(pid, 'VmRSS') ?? 0);
    } catch {
      // The process may have exited; the work's own failure tells why.
    }
  }, pollMs);
  try {
    const result = await work();
    const hwmKb = hwmReset ? statusKb(pid, 'VmHWM') : null;
    const peakKb = Math.max(polledKb, hwmKb ?? 0);
    const cpu = cpuSeconds(pid) - cpuBefore;
    return { result, baselineMb: baselineKb / 1024, peakMb: peakKb / 1024, cpuSeconds: cpu, hwmReset };
  } finally {
    clearInterval(poll);
  }
}

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function markdownTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    `| ${cells.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
