import type { Logger } from 'pino';
import { type AppConfig, ConfigError, loadConfig } from '../config/config.js';

/** The configuration from the environment; a wrong one is printed and ends the process with code 2. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * On SIGINT or SIGTERM, runs `shutDown` once and exits 0; a shutdown taking longer than `graceMs`
 * exits 1.
 */
export function exitOnSignals(
  logger: Logger,
  options: { message: string; graceMs: number; shutDown: () => Promise<void> },
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, options.message);
    const timer = setTimeout(() => process.exit(1), options.graceMs).unref();
    await options.shutDown();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Runs a process's `main`; a failure to start is printed as `<name> failed to start` and exits 1. */
export function startProcess(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`${name} failed to start:`, error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
