// Bench data: parks onboarded through the API's own import path, then cases, their timelines,
// assignment sheets and number counters inserted set-based by the database owner.
import {
  creditCodeCheckChar,
  decide,
  formatNumber,
  isoDateInChina,
  isoYear,
  registerCase,
  runningDeadlineStage,
  stageDeadline,
  tokenizeNumberFormat,
} from '@qifu/domain';
import pg from 'pg';
import { hashPassword } from '../../apps/api/dist/auth/passwords.js';
import { loadConfig } from '../../apps/api/dist/config/config.js';
import { appDataSource, prepareDatabase } from '../../apps/api/dist/database/data-sources.js';
import { TenantDb } from '../../apps/api/dist/database/tenant-db.js';
import { loadOnTwoConnections } from '../lib/bench-support.mjs';
import { loadParkConfig } from '../../apps/api/dist/rules/park-config-files.js';
import { importParkConfig } from '../../apps/api/dist/rules/park-import.js';
import { ParkRulesService } from '../../apps/api/dist/rules/park-rules.service.js';

export const BENCH_PASSWORD = 'Bench@Qifu2026';
const YEARS = 5;
const ENTERPRISES_PER_PARK = 200;
const LEAD_DEPARTMENTS = ['ECONOMIC_DEVELOPMENT', 'INVESTMENT_PROMOTION', 'PLANNING_CONSTRUCTION'];

// Accounts of every park: the service-center staff signs in for the bench; the others act in timelines.
const PARK_ACCOUNTS = [
  { key: 'admin', displayName: '园区管理员', role: 'PARK_ADMIN' },
  { key: 'staff', displayName: '服务中心 压测', role: 'SERVICE_CENTER_STAFF' },
  { key: 'leader', displayName: '分管领导 压测', role: 'LEADER_IN_CHARGE' },
  { key: 'deputy', displayName: '常务副主任 压测', role: 'EXECUTIVE_DEPUTY_DIRECTOR' },
  ...LEAD_DEPARTMENTS.flatMap((code, i) => [
    {
      key: `head${i + 1}`,
      displayName: `部室负责人 ${i + 1}`,
      role: 'DEPARTMENT_HEAD',
      departmentCode: code,
    },
    {
      key: `handler${i + 1}`,
      displayName: `部室经办 ${i + 1}`,
      role: 'DEPARTMENT_HANDLER',
      departmentCode: code,
    },
  ]),
];

// Statuses (percent) of the current year and of earlier years; the path below reaches each of them.
const CURRENT_YEAR_MIX = {
  REGISTERED: 8,
  VERIFIED: 6,
  PENDING_APPROVAL: 6,
  ASSIGNED: 10,
  IN_PROGRESS: 20,
  RESULT_SUBMITTED: 8,
  RESPONDED: 6,
  TRACKING: 4,
  GRADED: 6,
  FOLLOWED_UP: 4,
  CLOSED: 19,
  REJECTED: 3,
};
const EARLIER_YEARS_MIX = { CLOSED: 85, REJECTED: 8, TRACKING: 4, FOLLOWED_UP: 3 };
const CATEGORY_TITLES = [
  '用电增容审批进度慢',
  '厂房产权证办理受阻',
  '项目用地指标不足',
  '招工难需协调',
  '融资贷款需要协调',
];

/** The acts from registration to each status, decided by libs/domain so states and events are real. */
function statusPaths(lead) {
  const screen = {
    type: 'screen',
    jurisdiction: 'PARK',
    major: false,
    policyHeavy: false,
    leadDepartmentId: lead,
    cooperatingDepartmentIds: [],
    referredDepartmentIds: [],
    opinion: '拟交牵头部室办理',
  };
  const handled = [
    { type: 'verify', notes: '经核实，情况属实' },
    screen,
    { type: 'approve', opinion: '同意' },
    { type: 'startHandling' },
    { type: 'submitResult', replyToEnterprise: '已书面答复企业', result: '已协调相关单位解决' },
    { type: 'reviewResult', approved: true, comment: '' },
  ];
  return {
    REGISTERED: [],
    VERIFIED: handled.slice(0, 1),
    PENDING_APPROVAL: handled.slice(0, 2),
    ASSIGNED: handled.slice(0, 3),
    IN_PROGRESS: handled.slice(0, 4),
    RESULT_SUBMITTED: handled.slice(0, 5),
    RESPONDED: handled,
    TRACKING: [...handled, { type: 'grade', gradeCode: 'B' }],
    GRADED: [...handled, { type: 'grade', gradeCode: 'A' }],
    FOLLOWED_UP: [
      ...handled,
      { type: 'grade', gradeCode: 'A' },
      { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' },
    ],
    CLOSED: [
      ...handled,
      { type: 'grade', gradeCode: 'A' },
      { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' },
      { type: 'closeOut' },
    ],
    REJECTED: [{ type: 'reject', reason: 'LITIGATION', note: '属诉讼事项，引导企业通过法定途径解决' }],
  };
}

/**
 * Per park, one template per (status, lead department): the domain state and the timeline that led
 * there, each act by the first of the park's accounts the domain lets do it.
 */
function caseTemplates(rules, departments, usersByKey, today) {
  const ctxDepartments = departments.map(({ id, code, kind, active }) => ({ id, code, kind, active }));
  const leadIds = LEAD_DEPARTMENTS.map((code) => departments.find((d) => d.code === code).id);
  const actors = PARK_ACCOUNTS.map((a) => ({
    key: a.key,
    role: a.role,
    departmentId: a.departmentCode ? departments.find((d) => d.code === a.departmentCode).id : null,
  }));
  const ctxOf = (actor) => ({
    rules,
    today,
    departments: ctxDepartments,
    actor: { roles: [{ role: actor.role, departmentId: actor.departmentId }] },
  });
  const staff = actors.find((a) => a.key === 'staff');
  const templates = [];
  for (const [i, lead] of leadIds.entries()) {
    for (const [status, commands] of Object.entries(statusPaths(lead))) {
      // Cases that never reached screening have no lead: one template is enough.
      if (i > 0 && ['REGISTERED', 'VERIFIED', 'REJECTED'].includes(status)) continue;
      const registered = registerCase(
        {
          categoryCode: rules.categories[0].code,
          channelCode: rules.intakeChannels[0].code,
          reportFormCode: rules.reportForms[0].code,
          hopedDepartmentIds: [],
        },
        ctxOf(staff),
      );
      if (!registered.ok) throw new Error(`bench template: registration refused: ${registered.reason}`);
      let state = registered.next;
      const events = [
        {
          ...registered.event,
          before: null,
          after: state.status,
          role: staff.role,
          userId: usersByKey.staff,
        },
      ];
      for (const command of commands) {
        let decided = null;
        const actor = actors.find((a) => (decided = decide(state, command, ctxOf(a))).ok);
        if (!actor)
          throw new Error(`bench template: nobody may ${command.type} in ${state.status}: ${decided.reason}`);
        events.push({
          ...decided.event,
          before: state.status,
          after: decided.next.status,
          role: actor.role,
          userId: usersByKey[actor.key],
        });
        state = decided.next;
      }
      if (state.status !== status)
        throw new Error(`bench template: reached ${state.status}, wanted ${status}`);
      // The stage running in that status under these rules' steps.
      const stage = runningDeadlineStage(state, rules) ?? null;
      let deadline = null;
      if (stage) {
        // Calendar span of the stage from a date the holiday data covers, reused for every case.
        const d = stageDeadline(rules, stage, today, { urgency: 'NORMAL' });
        const days = Math.round((Date.parse(d.due) - Date.parse(today)) / 86_400_000);
        deadline = { stage, amount: d.amount, unit: d.unit, days };
      }
      templates.push({
        status,
        lead: state.leadDepartmentId,
        state,
        events,
        deadline,
        assigned: commands.some((c) => c.type === 'approve'),
      });
    }
  }
  return templates;
}

/** Percent mix of statuses as 100 template slots (1-based, for SQL arrays) for a lead department. */
function slots(templates, mix, leadIndex, leadIds) {
  const out = [];
  for (const [status, percent] of Object.entries(mix)) {
    const index =
      templates.findIndex((t) => t.status === status && t.lead === leadIds[leadIndex]) + 1 ||
      templates.findIndex((t) => t.status === status) + 1;
    for (let i = 0; i < percent; i++) out.push(index);
  }
  if (out.length !== 100) throw new Error('bench: status mix must add up to 100');
  return out;
}

/** A SQL expression rendering a park's number format, as formatNumber does. */
function numberSql(format, yearExpr, seqExpr) {
  const { tokens, problems } = tokenizeNumberFormat(format);
  if (problems.length) throw new Error(`bench: bad number format ${format}: ${problems.join(', ')}`);
  const parts = tokens.map((t) => {
    if (t.kind === 'TEXT') return `'${t.text.replaceAll("'", "''")}'`;
    if (t.kind === 'YEAR') return `${yearExpr}::text`;
    return t.pad
      ? `lpad(${seqExpr}::text, greatest(${t.pad}, length(${seqExpr}::text)), '0')`
      : `${seqExpr}::text`;
  });
  return `(${parts.join(' || ')})`;
}

function benchParkConfig(base, index) {
  const n = String(index + 1).padStart(3, '0');
  return {
    park: {
      code: `bench-${n}`,
      name: `压测园区${n}`,
      districtCode: `bench-district-${index % 10}`,
      districtName: `压测区${index % 10}`,
    },
    rules: base.rules,
  };
}

/** Valid unified social credit codes (registration checks them): park and enterprise numbers, check character. */
function benchCreditCodes(parkIndex, count) {
  return Array.from({ length: count }, (_, i) => {
    const first17 = `91500114${String(parkIndex + 1).padStart(3, '0')}${String(i + 1).padStart(6, '0')}`;
    return first17 + creditCodeCheckChar(first17);
  });
}

export function parkUsername(index, key) {
  return `b${String(index + 1).padStart(3, '0')}.${key}`;
}

/** Creates the database content; returns what the bench needs to sign in and to check. */
export async function generate({ url, parks, casesPerPark, appPassword, log }) {
  const config = loadConfig({
    JWT_SECRET: 'x'.repeat(32),
    DATABASE_URL: url,
    APP_DATABASE_PASSWORD: appPassword,
  });
  const { appUrl } = await prepareDatabase(config);

  // Parks exactly as `npm run park -- import` onboards them: district, park, rules version 1, departments.
  let t = Date.now();
  const base = loadParkConfig('zhengyang');
  const dataSource = appDataSource(appUrl, 2);
  await dataSource.initialize();
  try {
    const db = new TenantDb(dataSource);
    const rulesService = new ParkRulesService(db);
    for (let i = 0; i < parks; i++) await importParkConfig(db, rulesService, benchParkConfig(base, i));
  } finally {
    await dataSource.destroy();
  }
  log(`  ${parks} parks imported (${((Date.now() - t) / 1000).toFixed(1)} s)`);

  const today = isoDateInChina();
  const year = isoYear(today);
  const owner = new pg.Client({ connectionString: url, application_name: 'qifu-bench' });
  await owner.connect();
  const parkRows = [];
  try {
    t = Date.now();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const { rows: parkList } = await owner.query(
      `SELECT id, code FROM parks WHERE code LIKE 'bench-%' ORDER BY code`,
    );
    await owner.query('BEGIN');
    for (const [index, park] of parkList.entries()) {
      const accounts = PARK_ACCOUNTS.map((a) => ({ ...a, username: parkUsername(index, a.key) }));
      await owner.query(
        `INSERT INTO users (username, display_name, password_hash, home_park_id)
         SELECT u ->> 'username', u ->> 'displayName', $2, $1 FROM jsonb_array_elements($3::jsonb) u`,
        [park.id, passwordHash, JSON.stringify(accounts)],
      );
      await owner.query(
        `INSERT INTO role_assignments (park_id, user_id, role, department_id)
         SELECT $1, usr.id, a ->> 'role', d.id
           FROM jsonb_array_elements($2::jsonb) a
           JOIN users usr ON usr.username = a ->> 'username'
           LEFT JOIN departments d ON d.park_id = $1 AND d.code = a ->> 'departmentCode'`,
        [park.id, JSON.stringify(accounts)],
      );
      await owner.query(
        `UPDATE departments d SET head_user_id = u.id FROM jsonb_array_elements($2::jsonb) a
           JOIN users u ON u.username = a ->> 'username'
          WHERE d.park_id = $1 AND a ->> 'role' = 'DEPARTMENT_HEAD' AND d.code = a ->> 'departmentCode'`,
        [park.id, JSON.stringify(accounts)],
      );
      await owner.query(
        `INSERT INTO enterprises (park_id, credit_code, name, address, contact_name, contact_phone)
         SELECT $1, ($4::text[])[g],
                $2 || '企业' || g || '号有限公司', $2 || '工业大道' || g || '号', '联系人' || g, '1380000' || lpad(g::text, 4, '0')
           FROM generate_series(1, $3::int) g`,
        [
          park.id,
          `压测${String(index + 1).padStart(3, '0')}`,
          ENTERPRISES_PER_PARK,
          benchCreditCodes(index, ENTERPRISES_PER_PARK),
        ],
      );
    }
    await owner.query('COMMIT');
    log(`  users, roles and enterprises (${((Date.now() - t) / 1000).toFixed(1)} s)`);

    const { rows: deps } = await owner.query(`SELECT id, park_id, code, kind, active FROM departments`);
    const { rows: users } = await owner.query(
      `SELECT id, username, home_park_id FROM users WHERE home_park_id IS NOT NULL`,
    );
    for (const [index, park] of parkList.entries()) {
      const departments = deps.filter((d) => d.park_id === park.id);
      const usersByKey = Object.fromEntries(
        PARK_ACCOUNTS.map((a) => [a.key, users.find((u) => u.username === parkUsername(index, a.key)).id]),
      );
      const templates = caseTemplates(base.rules, departments, usersByKey, today);
      const leadIds = LEAD_DEPARTMENTS.map((code) => departments.find((d) => d.code === code).id);
      parkRows.push({ index, id: park.id, code: park.code, usersByKey, templates, leadIds });
    }

    t = Date.now();
    // Each connection fills every other park.
    await loadOnTwoConnections(owner, url, async (client, worker, workers) => {
      for (const park of parkRows.filter((p) => p.index % workers === worker)) {
        await fillPark(client, park, { rules: base.rules, casesPerPark, year, today });
        if (park.index % 10 === 9 || park.index === parkRows.length - 1) {
          log(`  cases of ${park.code} done (${((Date.now() - t) / 1000).toFixed(1)} s)`);
        }
      }
    });
    log(
      `  ${parks * casesPerPark} cases with timelines and documents (${((Date.now() - t) / 1000).toFixed(1)} s)`,
    );

    t = Date.now();
    for (const table of [
      'cases',
      'case_events',
      'case_documents',
      'number_counters',
      'enterprises',
      'users',
      'role_assignments',
    ]) {
      await owner.query(`VACUUM (ANALYZE) ${table}`);
    }
    // Flushed now, so the measurements do not run during the checkpoint of the load.
    await owner.query('CHECKPOINT');
    log(`  vacuum analyze, checkpoint (${((Date.now() - t) / 1000).toFixed(1)} s)`);

    // The SQL rendering of numbers must agree with libs/domain.
    const { rows: sample } = await owner.query(
      `SELECT registration_no, registration_year, registration_seq FROM cases TABLESAMPLE SYSTEM (1) LIMIT 200`,
    );
    for (const r of sample) {
      const expected = formatNumber(base.rules.numbering.REGISTRATION.format, {
        year: r.registration_year,
        seq: r.registration_seq,
      });
      if (r.registration_no !== expected)
        throw new Error(`bench: number ${r.registration_no} should be ${expected}`);
    }
  } finally {
    await owner.end();
  }
  return { appUrl, year, today, parks: parkRows };
}

/** One park's cases, timelines, assignment sheets and counters: four set-based statements. */
async function fillPark(client, park, { rules, casesPerPark, year, today }) {
  const firstYear = year - YEARS + 1;
  const { templates } = park;
  const current = park.leadIds.map((_, i) => slots(templates, CURRENT_YEAR_MIX, i, park.leadIds));
  const earlier = park.leadIds.map((_, i) => slots(templates, EARLIER_YEARS_MIX, i, park.leadIds));
  const regNo = numberSql(rules.numbering.REGISTRATION.format, 'b.year', 'b.seq');
  const categories = rules.categories.filter((c) => c.active).map((c) => c.code);
  const channels = rules.intakeChannels.filter((c) => c.active).map((c) => c.code);
  const forms = rules.reportForms.filter((c) => c.active).map((c) => c.code);

  await client.query('BEGIN');
  // Cases: years split evenly, seq 1..n per year in reporting order; status from the year's mix.
  await client.query(
    `WITH tpl AS (
       SELECT n::int AS n, t FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(t, n)
     ), ent AS (
       SELECT array_agg(id ORDER BY credit_code) AS ids, array_agg(name ORDER BY credit_code) AS names,
              array_agg(address ORDER BY credit_code) AS addresses, array_agg(contact_name ORDER BY credit_code) AS contacts,
              array_agg(contact_phone ORDER BY credit_code) AS phones, count(*)::int AS n
         FROM enterprises WHERE park_id = $1
     ), yearly AS (
       SELECT g, $4::int + ((g - 1) * ${YEARS}) / $5::int AS year FROM generate_series(1, $5::int) g
     ), numbered AS (
       SELECT year, row_number() OVER (PARTITION BY year ORDER BY g)::int AS seq,
              count(*) OVER (PARTITION BY year)::int AS in_year,
              1 + floor(random() * 3)::int AS lead_slot, 1 + floor(random() * 100)::int AS mix_slot,
              floor(random() * 1000000)::int AS r
         FROM yearly
     ), b AS (
       SELECT numbered.*, 1 + r % ent.n AS e,
              (($8::text[])[1 + r % array_length($8::text[], 1)]) AS category_code,
              (($9::text[])[1 + (r / 7) % array_length($9::text[], 1)]) AS channel_code,
              (($10::text[])[1 + (r / 11) % array_length($10::text[], 1)]) AS report_form_code,
              -- Reported through the year in registration order; every act (two days apart) is in the past.
              make_date(year, 1, 1)::timestamptz + interval '8 hours'
                + (CASE WHEN year = $12::int THEN greatest($11::date - make_date(year, 1, 1) - 25, 1) ELSE 330 END
                   * (seq - 1)::float / in_year) * interval '1 day' AS reported_at,
              CASE WHEN year = $12::int THEN ($6::int[])[(lead_slot - 1) * 100 + mix_slot]
                   ELSE ($7::int[])[(lead_slot - 1) * 100 + mix_slot] END AS tn
         FROM numbered, ent
     )
     INSERT INTO cases (park_id, registration_no, registration_year, registration_seq, rules_version, status, version,
         enterprise_id, enterprise_name, enterprise_address, reported_at, category_code, channel_code, report_form_code,
         contact_name, contact_phone, title, description, jurisdiction, major, policy_heavy, lead_department_id,
         department_ids, approver_role, grade_code, satisfaction_code, state, deadlines, next_due_on, next_due_stage,
         registered_by, created_at, updated_at, closed_at)
     SELECT $1, ${regNo}, b.year, b.seq, 1, t ->> 'status', (t -> 'state' ->> 'version')::int,
         ent.ids[b.e], ent.names[b.e], ent.addresses[b.e], b.reported_at, b.category_code, b.channel_code,
         b.report_form_code, ent.contacts[b.e], ent.phones[b.e],
         (ARRAY[${CATEGORY_TITLES.map((s) => `'${s}'`).join(', ')}])[1 + b.r % ${CATEGORY_TITLES.length}],
         ent.names[b.e] || '反映：' || (ARRAY[${CATEGORY_TITLES.map((s) => `'${s}'`).join(', ')}])[1 + b.r % ${CATEGORY_TITLES.length}]
           || '，影响正常生产经营，请求园区协调解决。',
         t -> 'state' ->> 'jurisdiction', false, false, (t ->> 'lead')::uuid,
         CASE WHEN t ->> 'lead' IS NULL THEN '{}'::uuid[] ELSE ARRAY[(t ->> 'lead')::uuid] END,
         t -> 'state' ->> 'approverRole', t -> 'state' ->> 'gradeCode', t -> 'state' ->> 'satisfactionCode',
         jsonb_set(t -> 'state', '{categoryCode}', to_jsonb(b.category_code)),
         CASE WHEN t -> 'deadline' = 'null' THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object(
           'stage', t -> 'deadline' ->> 'stage', 'from', to_char(d.last_on, 'YYYY-MM-DD'),
           'dueOn', to_char(d.last_on + (t -> 'deadline' ->> 'days')::int, 'YYYY-MM-DD'),
           'amount', t -> 'deadline' -> 'amount', 'unit', t -> 'deadline' ->> 'unit', 'doneOn', NULL)) END,
         CASE WHEN t -> 'deadline' = 'null' THEN NULL ELSE d.last_on + (t -> 'deadline' ->> 'days')::int END,
         t -> 'deadline' ->> 'stage', $2, b.reported_at, d.last_at,
         CASE WHEN t ->> 'status' = 'CLOSED' THEN d.last_at END
       FROM b
       CROSS JOIN ent
       JOIN tpl ON tpl.n = b.tn
       -- The last act is when the case took its status.
       CROSS JOIN LATERAL (SELECT b.reported_at + (jsonb_array_length(t -> 'events') - 1) * interval '2 days' AS last_at) l
       CROSS JOIN LATERAL (SELECT l.last_at, l.last_at::date AS last_on) d`,
    [
      park.id,
      park.usersByKey.staff,
      JSON.stringify(templates),
      firstYear,
      casesPerPark,
      current.flat(),
      earlier.flat(),
      categories,
      channels,
      forms,
      today,
      year,
    ],
  );
  // The timeline: the template's acts, the registration carrying the case's own codes.
  await client.query(
    `WITH tpl AS (SELECT t FROM jsonb_array_elements($2::jsonb) t)
     INSERT INTO case_events (park_id, case_id, case_version, type, actor_user_id, actor_role, data, status_before, status_after, occurred_at)
     SELECT c.park_id, c.id, e.n, e.ev ->> 'type', (e.ev ->> 'userId')::uuid, e.ev ->> 'role',
            CASE WHEN e.n = 1 THEN (e.ev -> 'data') || jsonb_build_object('categoryCode', c.category_code,
                   'channelCode', c.channel_code, 'reportFormCode', c.report_form_code)
                 ELSE e.ev -> 'data' END,
            e.ev ->> 'before', e.ev ->> 'after', c.reported_at + (e.n - 1) * interval '2 days'
       FROM cases c
       JOIN tpl ON tpl.t ->> 'status' = c.status AND (tpl.t ->> 'lead')::uuid IS NOT DISTINCT FROM c.lead_department_id
       CROSS JOIN LATERAL jsonb_array_elements(tpl.t -> 'events') WITH ORDINALITY e(ev, n)
      WHERE c.park_id = $1`,
    [park.id, JSON.stringify(templates)],
  );
  // Attachment 3: an assignment sheet for every approved case, numbered per year in approval order.
  const sheetNo = numberSql(rules.numbering.ASSIGNMENT.format, 's.registration_year', 's.n');
  await client.query(
    `WITH s AS (
       SELECT c.id, c.lead_department_id, c.registration_year, (c.reported_at + interval '6 days')::date AS issued_on,
              row_number() OVER (PARTITION BY c.registration_year ORDER BY c.registration_seq) AS n
         FROM cases c
        WHERE c.park_id = $1 AND c.status = ANY($2::text[])
     )
     INSERT INTO case_documents (park_id, case_id, kind, number, department_id, issued_on, due_on, data)
     SELECT $1, s.id, 'ASSIGNMENT_SHEET', ${sheetNo}, s.lead_department_id, s.issued_on, s.issued_on + 10,
            jsonb_build_object('cooperatingDepartmentIds', '[]'::jsonb, 'approverRole', 'LEADER_IN_CHARGE')
       FROM s`,
    [park.id, [...new Set(templates.filter((t) => t.assigned).map((t) => t.status))]],
  );
  // Counters at the last number issued, so the next registration continues without a gap.
  await client.query(
    `INSERT INTO number_counters (park_id, kind, scope, last_value)
     SELECT $1, 'REGISTRATION', registration_year::text, max(registration_seq) FROM cases WHERE park_id = $1 GROUP BY registration_year
     UNION ALL
     SELECT $1, 'ASSIGNMENT', c.registration_year::text, count(*) FROM case_documents d JOIN cases c ON c.id = d.case_id
      WHERE d.park_id = $1 AND d.kind = 'ASSIGNMENT_SHEET' GROUP BY c.registration_year`,
    [park.id],
  );
  await client.query('COMMIT');
}
