// npm run bench:dashboards [-- --parks 1000 --districts 100 --cases 1000] [--ten-million] [--keep]
//                          [--database qifu_dash_<pid>: measure again on a kept database, as it is]
//                          [--api-only: leave out the direct aggregates, minutes long at 10M cases]
// Generates districts, parks and cases in qifu_dash_<pid> on the DATABASE_URL server, builds the
// dashboard rollups with the nightly rebuild, then measures the district dashboard (a district
// viewer, 12 months) and the platform dashboard through the API's service and read path (RLS,
// audit, formulas), beside a direct SQL aggregate over the cases computing the same counts, and
// the refresh of one changed case.
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { repoRoot } from './lib/embedded-postgres.mjs';
import { build } from './lib/run.mjs';

const DISTRICT_P95_TARGET_MS = 200;
const PERIOD = { periodFrom: '2025-11', periodTo: '2026-10' };

const { values } = parseArgs({
  options: {
    parks: { type: 'string', default: '1000' },
    districts: { type: 'string', default: '100' },
    cases: { type: 'string', default: '1000' },
    'ten-million': { type: 'boolean', default: false },
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
    'api-only': { type: 'boolean', default: false },
  },
});
const parks = Number(values.parks);
const districts = Number(values.districts);
const casesPerPark = values['ten-million'] ? 10_000 : Number(values.cases);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const started = Date.now();
const log = (line) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** `n` calls of `work(i)`, `concurrency` at a time: p50, p95 (ms) and requests per second. */
async function measure(n, work, parallel = concurrency) {
  const times = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await work(i);
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), rps: n / seconds };
}

// The same counts as the rollups, straight from the cases of the parks (owner: no RLS).
const DIRECT_SQL = `
  SELECT c.park_id,
         count(*) FILTER (WHERE reg >= $2 AND reg < $3) AS received,
         count(*) FILTER (WHERE reg >= $2 AND reg < $3 AND c.status NOT IN ('REGISTERED', 'VERIFIED', 'REJECTED')) AS accepted,
         count(*) FILTER (WHERE reg >= $2 AND reg < $3 AND c.status = 'REJECTED') AS rejected,
         count(*) FILTER (WHERE reply_due >= $2 AND reply_due < $3) AS reply_due,
         count(*) FILTER (WHERE reply_due >= $2 AND reply_due < $3 AND replied <= reply_due) AS replied_on_time,
         count(*) FILTER (WHERE graded >= $2 AND graded < $3) AS graded,
         count(*) FILTER (WHERE graded >= $2 AND graded < $3 AND c.grade_code = 'A') AS resolved,
         count(*) FILTER (WHERE c.next_due_on < $4) AS overdue_now
    FROM cases c
    CROSS JOIN LATERAL (
      SELECT (c.deadlines -> 0 ->> 'from')::date AS reg,
             (SELECT (d ->> 'dueOn')::date FROM jsonb_array_elements(c.deadlines) d WHERE d ->> 'stage' = 'departmentReply' LIMIT 1) AS reply_due,
             (SELECT (d ->> 'doneOn')::date FROM jsonb_array_elements(c.deadlines) d WHERE d ->> 'stage' = 'departmentReply' LIMIT 1) AS replied,
             CASE WHEN c.grade_code IS NOT NULL THEN
               (SELECT (d ->> 'from')::date FROM jsonb_array_elements(c.deadlines) d
                 WHERE d ->> 'stage' IN ('followUp', 'bGradeReviewInterval') ORDER BY (d ->> 'from') DESC LIMIT 1) END AS graded
    ) x
   WHERE c.park_id = ANY($1::uuid[])
   GROUP BY c.park_id`;

// Deadlines overdue now per park, department and tier, straight from the cases: the department's
// reply is the lead department's (tier LEAD), a tier report its department's, the rest no one's.
const DIRECT_TIERS_SQL = `
  SELECT c.park_id,
         CASE d ->> 'stage' WHEN 'departmentReply' THEN c.lead_department_id
                            WHEN 'tierReport' THEN (d ->> 'departmentId')::uuid END AS department_id,
         CASE WHEN d ->> 'stage' = 'departmentReply' AND c.lead_department_id IS NOT NULL THEN 'LEAD'
              WHEN d ->> 'stage' = 'tierReport' THEN d ->> 'tierCode' ELSE '' END AS tier_code,
         count(*)::int AS n
    FROM cases c CROSS JOIN jsonb_array_elements(c.deadlines) d
   WHERE c.park_id = ANY($1::uuid[]) AND d ->> 'doneOn' IS NULL AND (d ->> 'dueOn')::date < $2::date
   GROUP BY 1, 2, 3`;

async function main() {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  log('building the API');
  await build(['@qifu/api']);
  const dist = (p) => path.join(repoRoot, 'apps/api/dist', p);
  const { loadConfig } = await import(dist('config/config.js'));
  const { appDataSource, prepareDatabase } = await import(dist('database/data-sources.js'));
  const { TenantDb } = await import(dist('database/tenant-db.js'));
  const { DashboardService } = await import(dist('dashboards/dashboard.service.js'));
  const { rebuildDashboards, refreshCaseDashboard } = await import(dist('dashboards/dashboard-jobs.js'));
  const { generateDashboards } = await import('./bench/generate-dashboards.mjs');
  const { default: pino } = await import('pino');

  // A kept database (--database) is measured as it is: no generation, no rebuild.
  const reuse = values.database ?? null;
  if (reuse !== null && !/^qifu_dash_\d+$/.test(reuse)) throw new Error('--database: a kept qifu_dash_<pid>');
  const database = reuse ?? `qifu_dash_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  let dataSource;
  const owner = new pg.Pool({ connectionString: url.href, max: concurrency });
  // An idle connection closed by the server (the database dropped at the end) is not a failure.
  owner.on('error', (error) => log(`an idle connection closed: ${error.message}`));
  try {
    const config = loadConfig({
      JWT_SECRET: 'x'.repeat(32),
      DATABASE_URL: url.href,
      APP_DATABASE_PASSWORD: 'bench_pw_dashboards',
    });
    const { appUrl } = await prepareDatabase(config);
    let parkRows;
    if (reuse) {
      parkRows = (await owner.query(`SELECT id, district_id FROM parks WHERE code LIKE 'bp-%' ORDER BY code`))
        .rows;
      log(`measuring the kept ${database}: ${parkRows.length} parks`);
    } else {
      log(`generating ${districts} districts, ${parks} parks, ${parks * casesPerPark} cases`);
      parkRows = await generateDashboards({ url: url.href, districts, parks, casesPerPark, log });
    }

    dataSource = appDataSource(appUrl, Math.max(4, concurrency + 2));
    await dataSource.initialize();
    const db = new TenantDb(dataSource);
    const deps = { db, logger: pino({ level: 'silent' }) };
    const districtIds = [...new Set(parkRows.map((p) => p.district_id))];
    let rebuildSeconds = null;
    if (!reuse) {
      const t = Date.now();
      let nextDistrict = 0;
      await Promise.all(
        [0, 1].map(async () => {
          while (nextDistrict < districtIds.length)
            await rebuildDashboards(deps, { districtId: districtIds[nextDistrict++] });
        }),
      );
      rebuildSeconds = (Date.now() - t) / 1000;
      await owner.query(`VACUUM (ANALYZE) dashboard_rollups, dashboard_contributions, dashboard_cases`);
    }
    const { rows: sizes } = await owner.query(
      `SELECT (SELECT count(*) FROM dashboard_rollups)::int AS rollups, (SELECT count(*) FROM dashboard_contributions)::int AS contributions,
              (SELECT count(*) FROM dashboard_park_figures)::int AS park_figures, (SELECT count(*) FROM cases)::int AS cases,
              (SELECT count(DISTINCT district_id) FROM parks WHERE code LIKE 'bp-%')::int AS districts`,
    );
    log(
      `${rebuildSeconds === null ? 'rollups as kept' : `rollups rebuilt in ${rebuildSeconds.toFixed(1)} s`}: ${sizes[0].rollups} rollup rows, ${sizes[0].park_figures} park figure rows, ${sizes[0].contributions} contributions`,
    );

    // One district viewer per district and a platform administrator (their reads are audited).
    await owner.query(
      `INSERT INTO users (username, display_name, password_hash, platform_role, district_id)
       SELECT 'viewer-' || code, name, 'x', 'DISTRICT_VIEWER', id FROM districts WHERE code LIKE 'bd-%'
       ON CONFLICT DO NOTHING`,
    );
    const { rows: viewers } = await owner.query(
      `SELECT id, username, district_id FROM users WHERE platform_role = 'DISTRICT_VIEWER' ORDER BY username`,
    );
    await owner.query(
      `INSERT INTO users (username, display_name, password_hash, platform_role)
       VALUES ('bench-platform', 'platform', 'x', 'PLATFORM_ADMIN') ON CONFLICT DO NOTHING`,
    );
    const {
      rows: [platformUser],
    } = await owner.query(`SELECT id FROM users WHERE username = 'bench-platform'`);
    const actor = (user, role, districtId) => ({
      userId: user.id,
      username: user.username ?? 'platform',
      parkId: null,
      districtId,
      platformRole: role,
      roles: [],
    });
    const service = new DashboardService(db);
    const parksOf = new Map(
      districtIds.map((d) => [d, parkRows.filter((p) => p.district_id === d).map((p) => p.id)]),
    );

    // The two paths must agree before they are compared.
    const check = await service.dashboard(
      actor(viewers[0], 'DISTRICT_VIEWER', viewers[0].district_id),
      PERIOD,
    );
    const today = check.asOf;
    const { rows: direct } = await owner.query(DIRECT_SQL, [
      parksOf.get(viewers[0].district_id),
      `${PERIOD.periodFrom}-01`,
      '2026-11-01',
      today,
    ]);
    for (const park of check.parks) {
      const d = direct.find((r) => r.park_id === park.parkId);
      const v = (code) => park.indicators.find((i) => i.code === code);
      const pairs = [
        [v('RECEIVED').numerator, Number(d.received)],
        [v('ACCEPTED').numerator, Number(d.accepted)],
        [v('REJECTED').numerator, Number(d.rejected)],
        [v('REPLY_ON_TIME_RATE').denominator, Number(d.reply_due)],
        [v('REPLY_ON_TIME_RATE').numerator, Number(d.replied_on_time)],
        [v('RESOLUTION_RATE').denominator, Number(d.graded)],
        [v('RESOLUTION_RATE').numerator, Number(d.resolved)],
        [v('OVERDUE_NOW').numerator, Number(d.overdue_now)],
      ];
      if (pairs.some(([a, b]) => a !== b))
        throw new Error(`rollups and direct SQL differ for park ${park.parkId}: ${JSON.stringify(pairs)}`);
    }
    const { rows: tiers } = await owner.query(DIRECT_TIERS_SQL, [parksOf.get(viewers[0].district_id), today]);
    const key = (parkId, departmentId, tierCode) => `${parkId}/${departmentId ?? '-'}/${tierCode}`;
    const fromRollups = check.parks.flatMap((p) =>
      p.departments.flatMap((d) =>
        d.overdueByTier.map((t) => [key(p.parkId, d.departmentId, t.tierCode), t.count]),
      ),
    );
    const fromCases = tiers.map((r) => [key(r.park_id, r.department_id, r.tier_code), r.n]);
    const sorted = (list) => JSON.stringify(list.sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    if (sorted(fromRollups) !== sorted(fromCases))
      throw new Error(
        `overdue deadlines by department and tier differ: ${sorted(fromRollups)} / ${sorted(fromCases)}`,
      );
    log(`rollups agree with the direct aggregate on ${check.parks.length} parks of a district (tiers too)`);

    const viewerAt = (i) => viewers[i % viewers.length];
    const districtApi = await measure(requests, (i) => {
      const v = viewerAt(i);
      return service.dashboard(actor(v, 'DISTRICT_VIEWER', v.district_id), PERIOD);
    });
    const apiOnly = values['api-only'];
    const notMeasured = { p50: NaN, p95: NaN, rps: NaN };
    const districtSql = apiOnly
      ? notMeasured
      : await measure(requests, (i) =>
          owner.query(DIRECT_SQL, [
            parksOf.get(viewerAt(i).district_id),
            `${PERIOD.periodFrom}-01`,
            '2026-11-01',
            today,
          ]),
        );
    const platformRuns = Math.max(3, Math.floor(requests / 40));
    const platformApi = await measure(
      platformRuns,
      () => service.dashboard(actor(platformUser, 'PLATFORM_ADMIN', null), PERIOD),
      1,
    );
    const platformSql = apiOnly
      ? notMeasured
      : await measure(
          platformRuns,
          () =>
            owner.query(DIRECT_SQL, [
              parkRows.map((p) => p.id),
              `${PERIOD.periodFrom}-01`,
              '2026-11-01',
              today,
            ]),
          1,
        );

    // One changed case: its refresh (read, facts, contributions, rollup deltas) in its park's transaction.
    const { rows: changed } = await owner.query(
      `SELECT id, park_id FROM cases TABLESAMPLE SYSTEM (1) WHERE status = 'IN_PROGRESS' LIMIT 30`,
    );
    const refresh = await measure(
      changed.length,
      async (i) => {
        await owner.query(`UPDATE cases SET grade_code = 'A', version = version + 1 WHERE id = $1`, [
          changed[i].id,
        ]);
        await refreshCaseDashboard(deps, { parkId: changed[i].park_id, caseId: changed[i].id });
      },
      1,
    );

    const figure = (x) => (Number.isNaN(x) ? '—' : x.toFixed(1)).padStart(9);
    const row = (name, r) => `${name.padEnd(34)} ${figure(r.p50)} ${figure(r.p95)} ${figure(r.rps)}`;
    console.log('');
    console.log(
      `${parkRows.length} parks in ${sizes[0].districts} districts, ${sizes[0].cases} cases; period ${PERIOD.periodFrom}..${PERIOD.periodTo}; concurrency ${concurrency}`,
    );
    console.log(
      `${'query'.padEnd(34)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'req/s'.padStart(9)}`,
    );
    console.log(row('district dashboard (rollups, API)', districtApi));
    console.log(row('district direct SQL aggregate', districtSql));
    console.log(
      `${'  ratio direct / rollups (p95)'.padEnd(34)} ${figure(districtSql.p95 / districtApi.p95)}x`,
    );
    console.log(row('platform dashboard (rollups, API)', platformApi));
    console.log(row('platform direct SQL aggregate', platformSql));
    console.log(
      `${'  ratio direct / rollups (p95)'.padEnd(34)} ${figure(platformSql.p95 / platformApi.p95)}x`,
    );
    console.log(row('refresh of one changed case', refresh));
    if (rebuildSeconds !== null)
      console.log(`full rebuild of the rollups: ${rebuildSeconds.toFixed(1)} s (2 workers)`);
    console.log(
      `district dashboard p95 ${districtApi.p95.toFixed(1)} ms: ${districtApi.p95 <= DISTRICT_P95_TARGET_MS ? 'within' : 'over'} the ${DISTRICT_P95_TARGET_MS} ms target`,
    );
  } finally {
    await dataSource?.destroy();
    await owner.end();
    if (!values.keep && !reuse) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    else log(`database kept: ${url.href}`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
