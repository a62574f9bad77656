import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.QIFU_TEMPLATE_DB;
  if (template && process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  }
  await globalThis.__QIFU_EMBEDDED_PG__?.stop();
}
