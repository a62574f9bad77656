import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
}

declare global {
  var __QIFU_EMBEDDED_PG__: EmbeddedHandle | undefined;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** Once per run: a PostgreSQL (DATABASE_URL, or an embedded one) and the name of this run's template database. */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    const { startEmbeddedPostgres } = (await import(
      pathToFileURL(path.join(repoRoot, 'scripts/lib/embedded-postgres.mjs')).href
    )) as { startEmbeddedPostgres(options: object): Promise<EmbeddedHandle> };
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(repoRoot, '.data', `pg-jest-${process.pid}`),
      port: 0,
      throwaway: true,
    });
    globalThis.__QIFU_EMBEDDED_PG__ = embedded;
    process.env.DATABASE_URL = embedded.url;
  }
  // The template itself is built by the first spec that needs it (test-api.ts): global setup runs
  // outside Jest's ES module loader and cannot import the API's sources.
  process.env.QIFU_TEMPLATE_DB = `qifu_tpl_${process.pid}_${Date.now()}`;
}
