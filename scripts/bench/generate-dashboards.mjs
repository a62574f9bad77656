// Dashboard bench data, set-based: districts, parks with Zhengyang's rules and departments, and
// cases with full deadline histories (registration, reply, re-opened handling, grading, follow-up),
// supervisions and referral letters, inserted by the database owner in a few statements per core.
import { PARK_RULES_SCHEMA_VERSION } from '@qifu/domain';
import pg from 'pg';
import { loadParkConfig } from '../../apps/api/dist/rules/park-config-files.js';
import { loadOnTwoConnections } from '../lib/bench-support.mjs';

const DEPARTMENTS = ['ECONOMY', 'INVESTMENT', 'PLANNING', 'SAFETY', 'OFFICE'];
// Cases are registered over these days (calendar data covers them: handling time in working days).
const FIRST_DAY = '2025-01-02';
const DAYS = 660;

/** The directory: `districts` districts of `parksPerDistrict` parks, rules version 1, departments. */
async function directory(owner, { districts, parks }) {
  const rules = loadParkConfig('zhengyang').rules;
  await owner.query(`
    INSERT INTO districts (code, name)
    SELECT 'bd-' || lpad(d::text, 3, '0'), '压测区' || d FROM generate_series(1, ${districts}) d`);
  await owner.query(
    `INSERT INTO parks (district_id, code, name)
     SELECT d.id, 'bp-' || lpad(p::text, 4, '0'), '压测园区' || p
       FROM generate_series(1, $1::int) p
       JOIN districts d ON d.code = 'bd-' || lpad((1 + (p - 1) % $2::int)::text, 3, '0')`,
    [parks, districts],
  );
  await owner.query(
    `INSERT INTO park_rules_versions (park_id, version, schema_version, rules, effective_from)
     SELECT id, 1, $1, $2::jsonb, '2024-01-01' FROM parks WHERE code LIKE 'bp-%'`,
    [PARK_RULES_SCHEMA_VERSION, JSON.stringify(rules)],
  );
  await owner.query(
    `INSERT INTO departments (park_id, code, name, kind, sort_order)
     SELECT p.id, d.code, d.code || '部', 'PARK', d.n FROM parks p
      CROSS JOIN unnest($1::text[]) WITH ORDINALITY AS d(code, n) WHERE p.code LIKE 'bp-%'`,
    [DEPARTMENTS],
  );
  return rules;
}

/**
 * One park's cases: a random day of registration, a status reached with its dates, the deadlines
 * the API would have stored, and a few supervisions and unanswered letters.
 */
async function fillParks(client, parkIds, casesPerPark, rules) {
  const categories = rules.categories.map((c) => c.code);
  const channels = rules.intakeChannels.map((c) => c.code);
  await client.query('BEGIN');
  await client.query(
    `WITH base AS (
       SELECT p.id AS park_id, g AS seq, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
              ($5::date + floor(random() * $6)::int) AS reg,
              (SELECT array_agg(id ORDER BY sort_order) FROM departments d WHERE d.park_id = p.id) AS deps
         FROM unnest($1::uuid[]) AS p(id) CROSS JOIN generate_series(1, $2::int) g
     ), shaped AS (
       SELECT *, CASE WHEN r1 < 0.05 THEN 'REGISTERED' WHEN r1 < 0.10 THEN 'REJECTED' WHEN r1 < 0.30 THEN 'IN_PROGRESS'
                      WHEN r1 < 0.40 THEN 'TRACKING' WHEN r1 < 0.55 THEN 'GRADED' WHEN r1 < 0.70 THEN 'FOLLOWED_UP'
                      ELSE 'CLOSED' END AS status,
              reg + 8 + floor(r2 * 6)::int AS reply_due, reg + 4 + floor(r3 * 14)::int AS replied,
              reg + 6 + floor(r4 * 30)::int AS graded,
              -- Three in ten in-progress cases have a split or assisting department with its own clock,
              -- three days before the lead's, reported on time in half of them.
              r2 < 0.3 AS tiered, deps[1 + (floor(r4 * 5)::int + 1) % 5] AS tier_department,
              CASE WHEN r3 < 0.5 THEN 'SPLIT' ELSE 'ASSISTING' END AS tier_code, r1 < 0.2 AS tier_open
         FROM base
     )
     INSERT INTO cases (park_id, registration_no, registration_year, registration_seq, rules_version, status, version,
         enterprise_name, reported_at, category_code, channel_code, report_form_code, contact_name, contact_phone,
         title, description, lead_department_id, department_ids, grade_code, satisfaction_code, state, deadlines,
         next_due_on, next_due_stage, created_at)
     SELECT park_id, 'B' || seq, 2025, seq, 1, status, 5, '压测企业' || (seq % 300), reg + time '09:00',
         ($3::text[])[1 + floor(r2 * array_length($3::text[], 1))::int],
         ($4::text[])[1 + floor(r3 * array_length($4::text[], 1))::int], 'PHONE',
         '联系人' || seq, '1380000' || lpad((seq % 10000)::text, 4, '0'), '反映困难' || seq, '压测',
         CASE WHEN status NOT IN ('REGISTERED', 'REJECTED') THEN deps[1 + floor(r4 * 5)::int] END,
         CASE WHEN status NOT IN ('REGISTERED', 'REJECTED') THEN ARRAY[deps[1 + floor(r4 * 5)::int]] ELSE '{}' END,
         CASE WHEN status IN ('TRACKING') THEN 'B' WHEN status IN ('GRADED', 'FOLLOWED_UP', 'CLOSED')
              THEN (ARRAY['A', 'A', 'A', 'C'])[1 + floor(r2 * 4)::int] END,
         CASE WHEN status IN ('FOLLOWED_UP', 'CLOSED')
              THEN (ARRAY['SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'])[1 + floor(r3 * 4)::int] END,
         '{}',
         jsonb_build_array(jsonb_build_object('stage', 'verification', 'from', reg, 'dueOn', reg + 1, 'doneOn', reg))
         || CASE WHEN status IN ('REGISTERED', 'REJECTED') THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object(
              'stage', 'departmentReply', 'from', reg + 1, 'dueOn', reply_due,
              'doneOn', CASE WHEN status = 'IN_PROGRESS' THEN NULL ELSE replied END)) END
         || CASE WHEN status = 'IN_PROGRESS' AND tiered THEN jsonb_build_array(jsonb_build_object(
              'stage', 'tierReport', 'from', reg + 1, 'dueOn', reply_due - 3,
              'doneOn', CASE WHEN tier_open THEN NULL ELSE reply_due - 4 END,
              'departmentId', tier_department, 'tierCode', tier_code)) ELSE '[]'::jsonb END
         || CASE WHEN status IN ('TRACKING', 'GRADED', 'FOLLOWED_UP', 'CLOSED') THEN jsonb_build_array(jsonb_build_object(
              'stage', CASE WHEN status = 'TRACKING' THEN 'bGradeReviewInterval' ELSE 'followUp' END,
              'from', greatest(graded, replied), 'dueOn', greatest(graded, replied) + 10,
              'doneOn', CASE WHEN status IN ('FOLLOWED_UP', 'CLOSED') THEN greatest(graded, replied) + 5 END))
            ELSE '[]'::jsonb END,
         CASE WHEN status = 'IN_PROGRESS' AND tiered AND tier_open THEN reply_due - 3
              WHEN status = 'IN_PROGRESS' THEN reply_due WHEN status = 'REGISTERED' THEN reg + 1
              WHEN status IN ('TRACKING', 'GRADED') THEN greatest(graded, replied) + 10 END,
         CASE WHEN status = 'IN_PROGRESS' AND tiered AND tier_open THEN 'tierReport'
              WHEN status = 'IN_PROGRESS' THEN 'departmentReply' WHEN status = 'REGISTERED' THEN 'verification'
              WHEN status = 'TRACKING' THEN 'bGradeReviewInterval' WHEN status = 'GRADED' THEN 'followUp' END,
         reg + time '09:00'
       FROM shaped`,
    [parkIds, casesPerPark, categories, channels, FIRST_DAY, DAYS],
  );
  // One case in twenty was supervised for lateness; one in fifty had a letter to a bureau left unanswered.
  await client.query(
    `INSERT INTO case_events (park_id, case_id, case_version, type, status_after, occurred_at)
     SELECT park_id, id, 2, 'OverdueSupervised', status, (deadlines -> 1 ->> 'dueOn')::date + time '10:00'
       FROM cases WHERE park_id = ANY($1::uuid[]) AND registration_seq % 20 = 0 AND jsonb_array_length(deadlines) > 1`,
    [parkIds],
  );
  await client.query(
    `INSERT INTO case_documents (park_id, case_id, kind, number, department_id, issued_on, due_on)
     SELECT park_id, id, 'REFERRAL_LETTER', 'L' || registration_seq, lead_department_id, created_at::date + 2,
            created_at::date + 9
       FROM cases WHERE park_id = ANY($1::uuid[]) AND registration_seq % 50 = 7 AND lead_department_id IS NOT NULL`,
    [parkIds],
  );
  await client.query('COMMIT');
}

/** Generates the data; returns the parks by district. */
export async function generateDashboards({ url, districts, parks, casesPerPark, log }) {
  const owner = new pg.Client({ connectionString: url, application_name: 'qifu-bench' });
  await owner.connect();
  try {
    let t = Date.now();
    const rules = await directory(owner, { districts, parks });
    log(
      `  ${districts} districts, ${parks} parks with rules and departments (${((Date.now() - t) / 1000).toFixed(1)} s)`,
    );
    const { rows: parkRows } = await owner.query(
      `SELECT id, district_id FROM parks WHERE code LIKE 'bp-%' ORDER BY code`,
    );
    t = Date.now();
    // The refresh trigger is skipped too: the rollups are rebuilt afterwards.
    await loadOnTwoConnections(owner, url, async (client, worker, workers) => {
      const mine = parkRows.filter((_, i) => i % workers === worker).map((p) => p.id);
      for (let i = 0; i < mine.length; i += 50) {
        await fillParks(client, mine.slice(i, i + 50), casesPerPark, rules);
        if ((i / 50) % 4 === 3)
          log(`  worker ${worker}: ${i + 50} parks filled (${((Date.now() - t) / 1000).toFixed(0)} s)`);
      }
    });
    log(`  ${parks * casesPerPark} cases (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    t = Date.now();
    for (const table of ['cases', 'case_events', 'case_documents', 'parks', 'departments'])
      await owner.query(`VACUUM (ANALYZE) ${table}`);
    log(`  vacuum analyze (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return parkRows;
  } finally {
    await owner.end();
  }
}
