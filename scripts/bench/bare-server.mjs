// The bench's baseline: node:http and a pg.Pool running the API's own SQL (imported from its build)
// in the same transaction and row-level security scope, without Nest, GraphQL, auth or the domain.
// Env: BENCH_APP_URL (the application role's URL), BENCH_PARK_ID, BENCH_USER_ID, DB_POOL_SIZE.
// Prints {"port": n} once listening.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import pg from 'pg';
import { caseDocuments, caseTimeline, findCaseRow } from '../../apps/api/dist/cases/case.queries.js';
import { queryLedger } from '../../apps/api/dist/cases/ledger.js';
import { Scope, scopeSettings } from '../../apps/api/dist/database/tenant-db.js';
import { parkRulesStore } from '../../apps/api/dist/rules/park-rules.store.js';
import { isoDateInChina } from '@qifu/domain';

const pool = new pg.Pool({
  connectionString: process.env.BENCH_APP_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
  application_name: 'qifu-bench-bare',
});
// The same settings TenantDb applies for a park user's request, set the way it sets them.
const settings = Object.entries(
  scopeSettings(Scope.park(process.env.BENCH_PARK_ID, { userId: process.env.BENCH_USER_ID })),
);
const applyScope = (em) =>
  em.query(
    `SELECT ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`,
    settings.flat(),
  );

/** What the API's query functions need of a TypeORM EntityManager. */
const managerOf = (client) => ({ query: async (sql, params) => (await client.query(sql, params)).rows });

async function inTransaction(work) {
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    const em = managerOf(client);
    await applyScope(em);
    const result = await work(em);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const routes = {
  '/ledger': ({ filter, sort = 'REGISTRATION_DESC', first = 50, after = null }) =>
    inTransaction((em) =>
      // The bench signs in as service-centre staff, who read the whole park.
      queryLedger(em, {
        filter: filter ?? {},
        sort,
        first,
        after,
        today: isoDateInChina(),
        reach: { kind: 'PARK' },
      }),
    ),
  '/case': ({ id }) =>
    inTransaction(async (em) => {
      const today = isoDateInChina();
      const row = await findCaseRow(em, id);
      if (!row) return null;
      await parkRulesStore.byVersion(em, row.rules_version);
      await em.query(`SELECT id, code, kind, active FROM departments`);
      return { ...row, documents: await caseDocuments(em, id, today), timeline: await caseTimeline(em, id) };
    }),
};

const server = http.createServer((req, res) => {
  const route = routes[req.url];
  if (req.method !== 'POST' || !route) {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    Promise.resolve()
      .then(() => route(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
      .then(
        (data) => {
          const body = JSON.stringify({ data });
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        },
        (error) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: String(error?.message ?? error) }] }));
        },
      );
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
