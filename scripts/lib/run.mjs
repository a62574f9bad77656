// Small process helpers shared by the npm scripts.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from './embedded-postgres.mjs';

// Local runs and CI alike: no Nx daemon, no cloud, plain log output.
export const nxEnv = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

/** Run a command in the repo root with inherited output; resolves to its exit code (never rejects). */
export function run(command, args, { env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.once('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Nx builds only what changed since the cached build. */
export function build(projects, env = process.env) {
  return run('npx', ['nx', 'run-many', '-t', 'build', `--projects=${projects.join(',')}`], {
    env: { ...env, ...nxEnv },
  });
}

/**
 * Poll GET /health until 200. Gives up after `timeoutMs`, or as soon as `exited` (a promise settled
 * when the server process ends) settles.
 */
export async function waitForHealth(baseUrl, { timeoutMs, exited }) {
  let gone = false;
  exited?.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline && !gone) {
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status} ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await sleep(250);
  }
  throw new Error(
    gone ? 'the API exited before it was healthy' : `/health not OK after ${timeoutMs / 1000} s (${last})`,
  );
}
