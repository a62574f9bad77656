// npm run bench [-- --parks 10 --cases 1000] [--keep]: load test of the API on a throwaway database.
// Generates parks × cases in qifu_bench_<pid> on the DATABASE_URL server, starts the built API on it
// and measures with autocannon the ledger page, the case detail and registration at 64 connections,
// next to a bare node:http + pg server running the same SQL. Exits non-zero if registration numbers
// have gaps or duplicates.
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  UsageError,
  benchDatabase,
  markdownTable,
  runBench,
  startBenchApi,
  startChild,
  withClient,
} from './lib/bench-support.mjs';
import { repoRoot } from './lib/embedded-postgres.mjs';
import { build, nxEnv } from './lib/run.mjs';

const USAGE = `usage: npm run bench -- [--parks N] [--cases N] [--duration S] [--warmup S]
                 [--connections N] [--register-connections N] [--keep]
  --parks, --cases   parks and cases per park to generate (default 100 × 10000)
  --duration         seconds per measured run (default 10), after --warmup seconds (default 2)
  --connections      autocannon connections for the reads (default 16)
  --register-connections   connections for registration (default 64)
  --keep             keep the database (qifu_bench_<pid>) afterwards
Uses DATABASE_URL (owner), default postgres://postgres@127.0.0.1:5432/postgres.`;

const LEDGER_TARGET = 0.55;
const REGISTRATIONS_TARGET = 500;
const apiMain = path.join(repoRoot, 'apps/api/dist/main.js');

function options() {
  const { values } = parseArgs({
    options: {
      parks: { type: 'string', default: '100' },
      cases: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '16' },
      'register-connections': { type: 'string', default: '64' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const n = (name, min) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min)
      throw new UsageError(`--${name} must be an integer ≥ ${min}`);
    return value;
  };
  if (values.help) throw new UsageError('');
  return {
    parks: n('parks', 1),
    cases: n('cases', 5),
    duration: n('duration', 1),
    warmup: n('warmup', 0),
    connections: n('connections', 1),
    registerConnections: n('register-connections', 1),
    keep: values.keep,
  };
}

const started = Date.now();
const log = (line) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function graphql(baseUrl, token, query, variables) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data;
}

// The console's queries (apps/admin/src/views/cases/ledger.graphql and case-detail.graphql).
const LEDGER_QUERY = `query CaseLedger($filter: LedgerFilter, $sort: LedgerSort!, $first: Int!, $after: String) {
  ledger(filter: $filter, sort: $sort, first: $first, after: $after) {
    edges { node { id registrationNo status version title enterpriseName categoryCode channelCode reportedAt
            leadDepartmentId departmentIds approverRole gradeCode nextDueOn nextDueStage overdue } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;
const CASE_FIELDS = `id registrationNo rulesVersion status version enterpriseId enterpriseName enterpriseAddress reportedAt
  categoryCode channelCode reportFormCode contactName contactTitle contactPhone contactEmail title description
  hopedDepartmentIds urgent jurisdiction major policyHeavy leadDepartmentId departmentIds approverRole gradeCode
  satisfactionCode allowedActions
  deadlines { stage from dueOn amount unit doneOn overdue trace { date counted reason holidayName holidayNameEn parkReason } }
  documents { id kind number departmentId departmentName issuedOn dueOn doneOn overdue }
  timeline { id caseVersion type occurredAt actorName actorRole statusBefore statusAfter data }`;
const DETAIL_QUERY = `query CaseDetail($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`;
// The intake page's mutation (apps/admin/src/views/cases/intake.graphql): it opens the case page next.
const REGISTER_MUTATION = `mutation RegisterCase($input: RegisterCaseInput!) { registerCase(input: $input) { id registrationNo status version } }`;

/** One autocannon run (after an unmeasured warm-up); GraphQL errors count as failures. */
async function measure(autocannon, { url, body, headers, connections, duration, warmup }) {
  const run = (seconds, counts) =>
    autocannon({
      url,
      method: 'POST',
      connections,
      duration: seconds,
      headers: { 'content-type': 'application/json', ...headers },
      requests: [
        {
          body,
          onResponse: (status, responseBody) => {
            if (status !== 200 || responseBody.includes('"errors"')) {
              counts.failed++;
              counts.sample ??= `${status} ${responseBody.slice(0, 300)}`;
            }
          },
        },
      ],
    });
  if (warmup > 0) await run(warmup, { failed: 0 });
  const counts = { failed: 0, sample: null };
  const result = await run(duration, counts);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: counts.failed + result.errors + result.timeouts + result.non2xx,
    sample: counts.sample,
  };
}

function table(rows) {
  const header = ['scenario', 'requests/s', 'p50 ms', 'p99 ms', 'bare pg requests/s', 'ratio API/bare'];
  return markdownTable(
    header,
    rows.map((r) => [
      r.scenario,
      r.api.rps.toFixed(0),
      String(r.api.p50),
      String(r.api.p99),
      r.bare ? r.bare.rps.toFixed(0) : '—',
      r.bare ? (r.api.rps / r.bare.rps).toFixed(2) : '—',
    ]),
  );
}

async function main() {
  const opts = options();
  const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const env = { ...process.env, ...nxEnv, NODE_OPTIONS: '' };

  // Nx rebuilds only what changed, so the bench never measures a stale build.
  log('building the API');
  if ((await build(['@qifu/api'], env)) !== 0) return 1;
  // After the build: these import the API's compiled modules.
  const { default: autocannon } = await import('autocannon');
  const { generate, parkUsername, BENCH_PASSWORD } = await import('./bench/generate.mjs');

  const database = `qifu_bench_${process.pid}`;
  const run = await benchDatabase({ serverUrl, database, keep: opts.keep, log });
  const { url: dbUrl, children } = run;
  log(`database ${database} created; generating ${opts.parks} parks × ${opts.cases} cases`);
  try {
    const genStarted = Date.now();
    const appPassword = process.env.APP_DATABASE_PASSWORD ?? 'qifu_app_bench';
    const data = await generate({
      url: dbUrl.href,
      parks: opts.parks,
      casesPerPark: opts.cases,
      appPassword,
      log,
    });
    const generationSeconds = (Date.now() - genStarted) / 1000;
    log(`generation done in ${generationSeconds.toFixed(1)} s`);

    // The API as the tests start it, on its own port, in production mode as deployed.
    const api = await startBenchApi(apiMain, {
      ...env,
      DATABASE_URL: dbUrl.href,
      APP_DATABASE_PASSWORD: appPassword,
      QIFU_SEED: 'none',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      // The API alone is measured: no deadline sweep over the generated cases meanwhile.
      WORKER_IN_API: 'false',
    });
    children.push(api);
    const { baseUrl } = api;

    const park = data.parks[0];
    const { signIn } = await graphql(
      baseUrl,
      null,
      `
        mutation ($input: SignInInput!) {
          signIn(input: $input) {
            accessToken
          }
        }
      `,
      {
        input: { username: parkUsername(park.index, 'staff'), password: BENCH_PASSWORD },
      },
    );
    const auth = { authorization: `Bearer ${signIn.accessToken}` };
    log(`API up on ${baseUrl}; signed in as ${parkUsername(park.index, 'staff')} (${park.code})`);

    // Three filters as the console sets them: this year, the open handling statuses, three categories.
    const rules = await withClient(
      dbUrl.href,
      async (c) =>
        (
          await c.query(
            `SELECT rules FROM park_rules_versions WHERE park_id = $1 ORDER BY version DESC LIMIT 1`,
            [park.id],
          )
        ).rows[0].rules,
    );
    const ledgerVariables = {
      filter: {
        year: data.year,
        statuses: ['ASSIGNED', 'IN_PROGRESS', 'RESULT_SUBMITTED'],
        categoryCodes: rules.categories.slice(0, 3).map((c) => c.code),
      },
      sort: 'REGISTRATION_DESC',
      first: 50,
    };
    const page = (await graphql(baseUrl, signIn.accessToken, LEDGER_QUERY, ledgerVariables)).ledger;
    // The detail of a case with a long timeline and an assignment sheet.
    const detailId = await withClient(
      dbUrl.href,
      async (c) =>
        (
          await c.query(
            `SELECT id FROM cases WHERE park_id = $1 AND status = 'CLOSED' ORDER BY registration_year DESC, registration_seq DESC LIMIT 1`,
            [park.id],
          )
        ).rows[0].id,
    );
    const detail = (await graphql(baseUrl, signIn.accessToken, DETAIL_QUERY, { id: detailId })).case;
    log(
      `ledger: ${page.edges.length} rows of ${page.totalCount}; detail ${detail.registrationNo}: ${detail.timeline.length} events, ${detail.documents.length} documents`,
    );

    const bare = startChild([path.join(repoRoot, 'scripts/bench/bare-server.mjs')], {
      ...env,
      BENCH_APP_URL: data.appUrl,
      BENCH_PARK_ID: park.id,
      BENCH_USER_ID: park.usersByKey.staff,
    });
    children.push(bare);
    const barePort = await new Promise((resolve, reject) => {
      createInterface({ input: bare.child.stdout }).once('line', (line) => resolve(JSON.parse(line).port));
      bare.exited.then(() => reject(new Error(`bare server exited: ${bare.output.join('')}`)));
    });
    const bareUrl = `http://127.0.0.1:${barePort}`;

    const reads = { connections: opts.connections, duration: opts.duration, warmup: opts.warmup };
    const results = [];
    const scenarios = [
      {
        scenario: 'ledger (50 rows, 3 filters)',
        api: {
          url: `${baseUrl}/graphql`,
          headers: auth,
          body: JSON.stringify({ query: LEDGER_QUERY, variables: ledgerVariables }),
        },
        bare: { url: `${bareUrl}/ledger`, body: JSON.stringify(ledgerVariables) },
      },
      {
        scenario: 'case detail (with timeline)',
        api: {
          url: `${baseUrl}/graphql`,
          headers: auth,
          body: JSON.stringify({ query: DETAIL_QUERY, variables: { id: detailId } }),
        },
        bare: { url: `${bareUrl}/case`, body: JSON.stringify({ id: detailId }) },
      },
    ];
    for (const s of scenarios) {
      log(`${s.scenario}: API, ${opts.connections} connections, ${opts.duration} s`);
      const apiResult = await measure(autocannon, { ...s.api, ...reads });
      log(`${s.scenario}: bare pg`);
      const bareResult = await measure(autocannon, { ...s.bare, ...reads });
      results.push({ scenario: s.scenario, api: apiResult, bare: bareResult });
    }

    // Registration into one park at 64 connections; every number is checked afterwards.
    const enterpriseId = await withClient(
      dbUrl.href,
      async (c) =>
        (
          await c.query(`SELECT id FROM enterprises WHERE park_id = $1 ORDER BY credit_code LIMIT 1`, [
            park.id,
          ])
        ).rows[0].id,
    );
    const registerBody = JSON.stringify({
      query: REGISTER_MUTATION,
      variables: {
        input: {
          enterpriseId,
          reportedAt: new Date().toISOString(),
          categoryCode: rules.categories[0].code,
          channelCode: rules.intakeChannels[0].code,
          reportFormCode: rules.reportForms[0].code,
          contactName: '王经理',
          contactPhone: '023-79429609',
          title: '压测登记：用电增容审批进度慢',
          description: '企业反映用电增容审批进度慢，影响新生产线投产，请求园区协调供电部门加快办理。',
        },
      },
    });
    const countSql = `SELECT count(*)::int AS n, count(DISTINCT registration_seq)::int AS distinct_n,
                             coalesce(min(registration_seq), 0) AS min, coalesce(max(registration_seq), 0) AS max,
                             count(DISTINCT registration_no)::int AS distinct_no,
                             (SELECT last_value FROM number_counters WHERE park_id = $1 AND kind = 'REGISTRATION' AND scope = $2::text) AS counter
                        FROM cases WHERE park_id = $1 AND registration_year = $2::int`;
    const before = await withClient(
      dbUrl.href,
      async (c) => (await c.query(countSql, [park.id, data.year])).rows[0],
    );
    log(`registerCase: API, ${opts.registerConnections} connections, ${opts.duration} s`);
    const register = await measure(autocannon, {
      url: `${baseUrl}/graphql`,
      headers: auth,
      body: registerBody,
      connections: opts.registerConnections,
      duration: opts.duration,
      warmup: opts.warmup,
    });
    results.push({
      scenario: `registerCase (${opts.registerConnections} connections)`,
      api: register,
      bare: null,
    });
    await Promise.all(children.map((c) => c.stop()));

    const after = await withClient(
      dbUrl.href,
      async (c) => (await c.query(countSql, [park.id, data.year])).rows[0],
    );
    const registered = after.n - before.n;
    const gapFree =
      after.min === (after.n > 0 ? 1 : 0) &&
      after.max === after.n &&
      after.distinct_n === after.n &&
      after.distinct_no === after.n &&
      after.counter === after.max;

    console.log('');
    console.log(table(results));
    console.log('');
    for (const r of results) {
      for (const [side, m] of [
        ['API', r.api],
        ['bare', r.bare],
      ]) {
        if (m?.errors)
          console.log(`!! ${r.scenario} (${side}): ${m.errors} failed responses, e.g. ${m.sample}`);
      }
    }
    const ledger = results[0];
    const ratio = ledger.api.rps / ledger.bare.rps;
    console.log(
      `ledger ratio API/bare: ${ratio.toFixed(3)} (target ≥ ${LEDGER_TARGET}) ${ratio >= LEDGER_TARGET ? 'met' : 'NOT met'}`,
    );
    console.log(
      `registration: ${registered} cases registered in ${park.code} (warm-up included), ` +
        `${register.rps.toFixed(0)}/s measured at ${opts.registerConnections} connections ` +
        `(target ≥ ${REGISTRATIONS_TARGET}/s) ${register.rps >= REGISTRATIONS_TARGET ? 'met' : 'NOT met'}`,
    );
    console.log(
      `gap check ${park.code} ${data.year}: ${after.n} numbers, seq ${after.min}..${after.max}, ` +
        `${after.distinct_n} distinct, counter at ${after.counter}: ${gapFree ? 'gap-free, no duplicates' : 'GAPS OR DUPLICATES'}`,
    );
    console.log(
      `generation ${generationSeconds.toFixed(1)} s; total ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const failed = results.some((r) => r.api.errors || r.bare?.errors);
    return gapFree && !failed ? 0 : 1;
  } finally {
    if (!run.interrupted) await run.cleanup();
  }
}

runBench(main, () => USAGE);
