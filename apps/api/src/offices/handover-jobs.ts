import { handOverDue, mayHandOver, type ParkRules, type WorkingDayCalendar } from '@qifu/domain';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { systemActor } from '../access/actor.js';
import type { CaseService } from '../cases/case.service.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { defineParkJob, isoDay, rowId } from '../jobs/job-definition.js';
import { OutboxJob } from '../jobs/outbox.js';

export const HAND_OVER_OVERDUE = 'case.handOverOverdue';

/**
 * The hand-over the deadline sweep finds due for an open deadline, as libs/domain decides it from
 * the first supervision letter that stated the deadline (read only when a hand-over may be due).
 * Keyed by case and due date, so a sweep that finds it again adds nothing.
 */
export async function handOverJobsFor(
  em: EntityManager,
  rules: ParkRules,
  calendar: WorkingDayCalendar,
  open: { id: string; due_on: string; stage: string },
  today: string,
): Promise<OutboxJob[]> {
  const clock = { stage: open.stage, dueOn: open.due_on };
  if (!mayHandOver(rules, clock, today)) return [];
  const [letter] = (await em.query(
    `SELECT to_char(issued_on, 'YYYY-MM-DD') AS issued_on FROM case_documents
      WHERE case_id = $1 AND kind = 'SUPERVISION_LETTER' AND data ->> 'overdueSince' = $2
      ORDER BY issued_on LIMIT 1`,
    [open.id, open.due_on],
  )) as { issued_on: string }[];
  if (!handOverDue(rules, calendar, clock, letter?.issued_on ?? null, today)) return [];
  return [
    OutboxJob.of(handOverOverdueJob, {
      key: `handover/${open.id}/${open.due_on}`,
      data: { caseId: open.id, dueOn: open.due_on },
    }),
  ];
}

/**
 * The overdue hand-over by itself: the case goes to the rules' outside offices by the park (the
 * system actor), with its hand-over letters and the offices' notifications in the act's transaction,
 * exactly once per missed deadline. A job run again finds the hand-over recorded; a case no longer
 * overdue (done, extended, closed) or not supervised is left alone.
 */
export async function handOverOverdue(
  deps: { db: TenantDb; cases: CaseService; logger: Logger },
  data: { parkId: string; caseId: string; dueOn: string },
): Promise<'handed-over' | 'already' | 'not-due'> {
  const [park] = (await deps.db.run(Scope.jobs(), (em) =>
    em.query(`SELECT id, district_id FROM parks WHERE id = $1`, [data.parkId]),
  )) as { id: string; district_id: string | null }[];
  if (!park) throw new Error(`park ${data.parkId} does not exist`);
  const actor = systemActor(park.id, park.district_id);
  const [facts] = (await deps.db.run(actor, (em) =>
    em.query(
      `SELECT c.version,
              EXISTS (SELECT 1 FROM jsonb_array_elements(c.deadlines) d
                       WHERE d ->> 'doneOn' IS NULL AND d ->> 'dueOn' = $2) AS open,
              EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'CaseHandedOver'
                                                   AND e.data ->> 'dueOn' = $2) AS handed_over
         FROM cases c WHERE c.id = $1`,
      [data.caseId, data.dueOn],
    ),
  )) as { version: number; open: boolean; handed_over: boolean }[];
  if (!facts) throw new Error(`case ${data.caseId} is not in park ${data.parkId}`);
  if (facts.handed_over) return 'already';
  // Done, extended or closed meanwhile.
  if (!facts.open) return 'not-due';
  try {
    await deps.cases.act(actor, data.caseId, facts.version, {
      type: 'handOverToOffice',
      note: '系统自动移交：督办后仍未办结 / Handed over automatically: not done after its supervision letter',
    });
    return 'handed-over';
  } catch (error) {
    // The domain's veto (not overdue by the park's calendar, not supervised): nothing to do. A
    // CONFLICT (the case changed meanwhile) is thrown: the retry reads it again.
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
      deps.logger.info({ caseId: data.caseId, reason: error.message }, 'overdue hand-over not applicable');
      return 'not-due';
    }
    throw error;
  }
}

export const handOverOverdueJob = defineParkJob({
  name: HAND_OVER_OVERDUE,
  payload: { caseId: rowId(), dueOn: isoDay() },
  handle: (deps, data) => handOverOverdue(deps, data),
});
