// npm run bench:documents [-- --cases 100000] [--parks 2] [--only ledger-xlsx,docx,pdf] [--keep]: time
// and memory of producing official documents. First, in this process, documents per second: Word
// letters rendered on one core and PDF letters through one running LibreOffice. Then it generates
// parks × cases in qifu_bench_docs_<pid> on the DATABASE_URL server, starts the built API on it and,
// for each download scenario, downloads one document as the console does: seconds to the last byte
// and the API process's peak resident memory (VmHWM, reset before each scenario, and VmRSS polled).
// Exits non-zero if a document is wrong or fails.
import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/embedded-postgres.mjs';
import {
  UsageError,
  benchDatabase,
  markdownTable,
  measureMemory,
  runBench,
  startBenchApi,
} from './lib/bench-support.mjs';
import { build, nxEnv } from './lib/run.mjs';

const usage = () => `usage: npm run bench:documents -- [--cases N] [--parks N] [--only ID,…] [--keep]
  --cases   cases per park to generate (default 100000): the ledger export holds one park's
  --parks   parks (default 2: the other park's cases must stay out of the documents)
  --only    scenario ids to run (default all): ${[...RATE_SCENARIOS, ...SCENARIOS].map((s) => s.id).join(', ')}
  --keep    keep the database (qifu_bench_docs_<pid>) afterwards
Uses DATABASE_URL (owner), default postgres://postgres@127.0.0.1:5432/postgres.`;

const apiMain = path.join(repoRoot, 'apps/api/dist/main.js');
const documentsLib = path.join(repoRoot, 'libs/documents/dist/index.js');
const pdfConverterModule = path.join(repoRoot, 'apps/api/dist/documents/pdf-converter.js');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * POSTs `body` to the API as the signed-in park user and reads the answer to its last byte, as a
 * browser download would. Resolves with the size, the headers and the first bytes of the file.
 */
async function download(ctx, urlPath, body) {
  const response = await fetch(`${ctx.baseUrl}${urlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${urlPath}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  let bytes = 0;
  let head = Buffer.alloc(0);
  for await (const chunk of response.body) {
    if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4)]);
    bytes += chunk.length;
  }
  return { bytes, headers: response.headers, head };
}

/**
 * The documents measured. Each scenario downloads one document from the running API:
 * - `id`, `label(ctx)`: how it is chosen (--only) and shown;
 * - `target`: the seconds and peak API memory (MB) it must stay under;
 * - `warmUp(ctx)` (optional): a small unmeasured request, so the measured one does not pay for the
 *   first load of the code it runs;
 * - `run(ctx)`: the measured request, resolving to `download`'s answer;
 * - `check(result, ctx)`: a problem with the document, or null.
 * DOCX and PDF documents are added here the same way.
 */
const SCENARIOS = [
  {
    id: 'ledger-xlsx',
    label: (ctx) => `ledger XLSX, ${ctx.casesPerPark.toLocaleString('en')} rows`,
    target: { seconds: 10, peakRssMb: 200 },
    warmUp: (ctx) =>
      download(ctx, '/api/exports/ledger.xlsx', {
        filter: { year: ctx.year, statuses: ['REGISTERED'] },
        sort: 'REGISTRATION_DESC',
      }),
    run: (ctx) => download(ctx, '/api/exports/ledger.xlsx', { filter: {}, sort: 'REGISTRATION_DESC' }),
    check: (result, ctx) => {
      if (result.headers.get('content-type') !== XLSX_TYPE)
        return `content type ${result.headers.get('content-type')}`;
      if (result.head.toString('latin1', 0, 2) !== 'PK') return 'not a zip file';
      const rows = Number(result.headers.get('x-row-count'));
      // One park's cases, all of them, and none of the other parks'.
      return rows === ctx.casesPerPark ? null : `${rows} rows, expected ${ctx.casesPerPark}`;
    },
  },
];

/**
 * Documents per second, measured in this process on the built code (no database, no API), before
 * anything else runs:
 * - `id`, `label`: how it is chosen (--only) and shown;
 * - `target`: the documents per second it must reach, per CPU second of this process when `perCore`
 *   (on a machine shared with other work the wall clock rate says more about the neighbours);
 * - `run()`: resolves to { documents, seconds, cpuSeconds, bytes, note }, or rejects with the problem.
 */
const RATE_SCENARIOS = [
  {
    id: 'docx',
    label: 'referral letter DOCX (renderDocx, one core)',
    target: 200,
    perCore: true,
    run: async () => {
      const { benchRender } = await import(pathToFileURL(documentsLib).href);
      await benchRender('REFERRAL_LETTER', 500);
      const cpu = process.cpuUsage();
      const r = await benchRender('REFERRAL_LETTER', 5000);
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      return { documents: r.documents, seconds: r.seconds, cpuSeconds, bytes: r.bytesPerDocument };
    },
  },
  {
    id: 'pdf',
    label: 'referral letter PDF (one running LibreOffice)',
    // STACK.md measured ~145 ms a letter; 4/s leaves room for a machine shared with other work.
    target: 4,
    run: async () => {
      const { readDefaultTemplate, renderDocx, sampleData } = await import(pathToFileURL(documentsLib).href);
      const { PdfConverter } = await import(pathToFileURL(pdfConverterModule).href);
      const docx = renderDocx(
        'REFERRAL_LETTER',
        await readDefaultTemplate('REFERRAL_LETTER'),
        sampleData('REFERRAL_LETTER'),
      );
      const converter = new PdfConverter();
      try {
        const availability = await converter.available();
        if (!availability.available) throw new Error(`PDF output is unavailable: ${availability.reason}`);
        const t0 = performance.now();
        await converter.start();
        const startSeconds = (performance.now() - t0) / 1000;
        for (let i = 0; i < 3; i++) await converter.convert(docx);
        let documents = 0;
        let bytes = 0;
        const started = performance.now();
        // Ten seconds, and at least 20 letters.
        while (performance.now() - started < 10_000 || documents < 20) {
          const pdf = await converter.convert(docx);
          if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
          bytes = pdf.length;
          documents++;
        }
        const seconds = (performance.now() - started) / 1000;
        return { documents, seconds, bytes, note: `LibreOffice started in ${startSeconds.toFixed(1)} s` };
      } finally {
        await converter.close();
      }
    },
  },
];

/** Runs the chosen rate scenarios and prints their table; resolves to whether one failed. */
async function measureRates(only) {
  const chosen = RATE_SCENARIOS.filter((s) => only.includes(s.id));
  if (chosen.length === 0) return false;
  const rows = [];
  let failed = false;
  for (const scenario of chosen) {
    log(`${scenario.label}: measuring`);
    try {
      const r = await scenario.run();
      const rate = r.documents / r.seconds;
      const perCpu = r.cpuSeconds ? r.documents / r.cpuSeconds : undefined;
      const judged = scenario.perCore ? perCpu : rate;
      rows.push([
        scenario.label,
        String(r.documents),
        r.seconds.toFixed(2),
        rate.toFixed(1),
        perCpu === undefined ? '—' : perCpu.toFixed(1),
        ((r.seconds / r.documents) * 1000).toFixed(1),
        (r.bytes / 1024).toFixed(0),
        `≥ ${scenario.target}/s${scenario.perCore ? ' per core' : ''}`,
        judged >= scenario.target ? 'met' : 'NOT met',
      ]);
      if (r.note) log(`${scenario.label}: ${r.note}`);
    } catch (error) {
      failed = true;
      rows.push([scenario.label, '—', '—', '—', '—', '—', '—', `≥ ${scenario.target}/s`, 'FAILED']);
      console.log(`!! ${scenario.label}: ${error instanceof Error ? error.message : error}`);
    }
  }
  console.log('');
  console.log(
    markdownTable(
      [
        'document',
        'documents',
        'seconds',
        'documents/s',
        'per CPU s',
        'ms each',
        'file KB',
        'target',
        'result',
      ],
      rows,
    ),
  );
  const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ').slice(0, 3).join(' ');
  if (load) console.log(`load average ${load} (${availableParallelism()} cores)`);
  console.log('');
  return failed;
}

function options() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '100000' },
      parks: { type: 'string', default: '2' },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new UsageError('');
  const n = (name, min) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min)
      throw new UsageError(`--${name} must be an integer ≥ ${min}`);
    return value;
  };
  const ids = [...RATE_SCENARIOS, ...SCENARIOS].map((s) => s.id);
  const only = values.only ? values.only.split(',').map((id) => id.trim()) : ids;
  const unknown = only.filter((id) => !ids.includes(id));
  if (unknown.length) throw new UsageError(`unknown scenario ${unknown.join(', ')}`);
  return { cases: n('cases', 5), parks: n('parks', 1), only, keep: values.keep };
}

const started = Date.now();
const log = (line) =>
  console.log(`[bench:documents ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function main() {
  const opts = options();
  const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const env = { ...process.env, ...nxEnv, NODE_OPTIONS: '' };

  log('building the API');
  if ((await build(['@qifu/api'], env)) !== 0) return 1;
  const ratesFailed = await measureRates(opts.only);
  if (!SCENARIOS.some((s) => opts.only.includes(s.id))) return ratesFailed ? 1 : 0;
  // After the build: it imports the API's compiled modules.
  const { generate, parkUsername, BENCH_PASSWORD } = await import('./bench/generate.mjs');

  const database = `qifu_bench_docs_${process.pid}`;
  const run = await benchDatabase({ serverUrl, database, keep: opts.keep, log });
  const { url: dbUrl, children } = run;
  log(`database ${database} created; generating ${opts.parks} parks × ${opts.cases} cases`);
  try {
    const appPassword = process.env.APP_DATABASE_PASSWORD ?? 'qifu_app_bench';
    const data = await generate({
      url: dbUrl.href,
      parks: opts.parks,
      casesPerPark: opts.cases,
      appPassword,
      log,
    });

    const api = await startBenchApi(apiMain, {
      ...env,
      DATABASE_URL: dbUrl.href,
      APP_DATABASE_PASSWORD: appPassword,
      QIFU_SEED: 'none',
    });
    children.push(api);
    const { baseUrl } = api;

    const park = data.parks[0];
    const username = parkUsername(park.index, 'staff');
    const login = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`,
        variables: { input: { username, password: BENCH_PASSWORD } },
      }),
    }).then((r) => r.json());
    if (!login.data?.signIn) throw new Error(`login ${username}: ${JSON.stringify(login.errors)}`);
    const ctx = { baseUrl, token: login.data.signIn.accessToken, year: data.year, casesPerPark: opts.cases };
    log(`API up on ${baseUrl} (pid ${api.child.pid}); signed in as ${username} (${park.code})`);

    const results = [];
    for (const scenario of SCENARIOS.filter((s) => opts.only.includes(s.id))) {
      const label = scenario.label(ctx);
      if (scenario.warmUp) await scenario.warmUp(ctx);
      log(`${label}: measuring`);
      const t0 = performance.now();
      const measured = await measureMemory(api.child.pid, () => scenario.run(ctx)).catch((error) => ({
        error,
      }));
      const seconds = (performance.now() - t0) / 1000;
      const problem = measured.error
        ? String(measured.error.message ?? measured.error)
        : scenario.check(measured.result, ctx);
      results.push({ scenario, label, seconds, measured, problem });
      if (problem) process.stderr.write(api.output.join(''));
    }
    await Promise.all(children.map((c) => c.stop()));

    const rows = results.map(({ scenario, label, seconds, measured, problem }) => {
      const met =
        !problem && seconds < scenario.target.seconds && measured.peakMb < scenario.target.peakRssMb;
      return [
        label,
        seconds.toFixed(2),
        measured.cpuSeconds === undefined ? '—' : measured.cpuSeconds.toFixed(2),
        measured.result ? (measured.result.bytes / 1024 / 1024).toFixed(1) : '—',
        measured.baselineMb ? measured.baselineMb.toFixed(0) : '—',
        measured.peakMb ? measured.peakMb.toFixed(0) : '—',
        `< ${scenario.target.seconds} s, < ${scenario.target.peakRssMb} MB`,
        problem ? 'FAILED' : met ? 'met' : 'NOT met',
      ];
    });
    console.log('');
    console.log(
      markdownTable(
        [
          'document',
          'seconds',
          'API CPU s',
          'file MB',
          'API RSS before MB',
          'API peak RSS MB',
          'target',
          'result',
        ],
        rows,
      ),
    );
    console.log('');
    for (const r of results) if (r.problem) console.log(`!! ${r.label}: ${r.problem}`);
    if (results.some((r) => r.measured.hwmReset === false))
      console.log('note: the kernel refused to reset VmHWM; peaks are from VmRSS polled every 10 ms');
    const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ').slice(0, 3).join(' ');
    if (load)
      console.log(`load average ${load} (${availableParallelism()} cores): elapsed seconds grow with it`);
    console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return ratesFailed || results.some((r) => r.problem) ? 1 : 0;
  } finally {
    if (!run.interrupted) await run.cleanup();
  }
}

runBench(main, usage);
