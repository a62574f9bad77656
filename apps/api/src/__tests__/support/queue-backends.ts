import net from 'node:net';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether something answers PING at the Redis URL. */
export async function redisUp(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * For a suite run on Redis: false (with a warning) when no Redis answers, so the suite skips; in CI
 * both backends must run, and a missing Redis fails it.
 */
export async function redisAvailable(suite: string): Promise<boolean> {
  if (await redisUp(REDIS_URL)) return true;
  if (process.env.CI === 'true') throw new Error(`Redis is not reachable at ${REDIS_URL}`);
  console.warn(`${suite} on redis: SKIPPED, no Redis at ${REDIS_URL}`);
  return false;
}

/** Polls `probe` until it returns true: the worker runs on its own; this only waits for it. */
export async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
