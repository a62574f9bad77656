import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { systemActor } from '../access/actor.js';
import type { CaseService } from '../cases/case.service.js';
import { todayIn, type Clock } from '../common/clock.js';
import { NO_SCOPE, type TenantDb } from '../database/tenant-db.js';
import { enqueueJob } from './outbox.js';

export const DEADLINE_SWEEP = 'deadlines.sweep';
export const SUPERVISE_OVERDUE = 'case.superviseOverdue';

/** The stages whose lateness Art. 10 answers with a supervision letter (督办): handling and replies. */
const SUPERVISED_STAGES = ['departmentReply', 'referralReply'];

interface ParkRow {
  id: string;
  district_id: string | null;
}

/**
 * What time passing makes due: each park's overdue cases get one supervision job per case and
 * deadline. The job key makes a sweep that finds the same case again change nothing.
 */
export async function sweepDeadlines(db: TenantDb, clock: Clock): Promise<{ parks: number; jobs: number }> {
  const today = todayIn(clock);
  const parks = (await db.run({ ...NO_SCOPE, jobs: true }, (em) =>
    em.query(`SELECT id, district_id FROM parks ORDER BY code`),
  )) as ParkRow[];
  let jobs = 0;
  for (const park of parks) {
    jobs += await db.run({ ...NO_SCOPE, parkId: park.id }, async (em) => {
      const overdue = (await em.query(
        `SELECT id, to_char(next_due_on, 'YYYY-MM-DD') AS due_on FROM cases
          WHERE next_due_on < $1::date AND next_due_stage = ANY($2)`,
        [today, SUPERVISED_STAGES],
      )) as { id: string; due_on: string }[];
      for (const c of overdue) {
        await enqueueJob(em, {
          name: SUPERVISE_OVERDUE,
          key: `supervise:${c.id}:${c.due_on}`,
          data: { caseId: c.id, dueOn: c.due_on },
        });
      }
      return overdue.length;
    });
  }
  return { parks: parks.length, jobs };
}

/**
 * Art. 10 by itself: the overdue case gets its supervision record and numbered supervision letter,
 * by the park (the system actor), exactly once per deadline — a job run again finds the record
 * and does nothing; a case no longer overdue (done, extended, closed) is left alone.
 */
export async function superviseOverdue(
  deps: { db: TenantDb; cases: CaseService; logger: Logger },
  data: { parkId: string; caseId: string; dueOn: string },
): Promise<'supervised' | 'already' | 'not-due'> {
  const park = (await deps.db.run({ ...NO_SCOPE, jobs: true }, (em) =>
    em.query(`SELECT id, district_id FROM parks WHERE id = $1`, [data.parkId]),
  )) as ParkRow[];
  if (!park[0]) throw new Error(`park ${data.parkId} does not exist`);
  const actor = systemActor(park[0].id, park[0].district_id);
  const current = await deps.db.run(actor, async (em) => {
    const [row] = (await em.query(
      `SELECT c.version, to_char(c.next_due_on, 'YYYY-MM-DD') AS due_on, c.next_due_stage AS stage,
              EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'OverdueSupervised'
                                                   AND e.data ->> 'dueOn' = $2) AS supervised
         FROM cases c WHERE c.id = $1`,
      [data.caseId, data.dueOn],
    )) as { version: number; due_on: string | null; stage: string | null; supervised: boolean }[];
    return row;
  });
  if (!current) throw new Error(`case ${data.caseId} is not in park ${data.parkId}`);
  if (current.supervised) return 'already';
  if (current.due_on !== data.dueOn || !SUPERVISED_STAGES.includes(current.stage ?? '')) return 'not-due';
  try {
    await deps.cases.act(actor, data.caseId, current.version, {
      type: 'superviseOverdue',
      dueOn: data.dueOn,
      note: '系统自动督办：超过办理时限 / Supervised automatically: past the deadline',
    });
  } catch (error) {
    // The domain's veto (not overdue by the park's calendar, rules without supervision): nothing to
    // do. A CONFLICT (the case changed meanwhile) is thrown: the retry reads it again.
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
      deps.logger.info({ caseId: data.caseId, reason: error.message }, 'overdue supervision not applicable');
      return 'not-due';
    }
    throw error;
  }
  return 'supervised';
}
