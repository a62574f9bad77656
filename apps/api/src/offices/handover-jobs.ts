import { handOverDue, mayHandOver, type ParkRules, type WorkingDayCalendar } from '@qifu/domain';
import { GraphQLError } from 'graphql';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { systemActor } from '../access/actor.js';
import type { CaseService } from '../cases/case.service.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
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
  const [letter] = await rowsOf(
    em,
    kysely
      .selectFrom('case_documents')
      .select(sql<string>`to_char(issued_on, 'YYYY-MM-DD')`.as('issued_on'))
      .where('case_id', '=', open.id)
      .where('kind', '=', 'SUPERVISION_LETTER')
      .where(sql<string>`data ->> 'overdueSince'`, '=', open.due_on)
      .orderBy('issued_on')
      .limit(1),
  );
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
  const [park] = await deps.db.run(Scope.jobs(), (em) =>
    rowsOf(em, kysely.selectFrom('parks').select(['id', 'district_id']).where('id', '=', data.parkId)),
  );
  if (!park) throw new Error(`park ${data.parkId} does not exist`);
  const actor = systemActor(park.id, park.district_id);
  const [facts] = await deps.db.run(actor, (em) =>
    rowsOf(
      em,
      kysely
        .selectFrom('cases as c')
        .select('c.version')
        .select((eb) => [
          eb
            .exists(
              sql`(SELECT 1 FROM jsonb_array_elements(c.deadlines) d
                    WHERE d ->> 'doneOn' IS NULL AND d ->> 'dueOn' = ${data.dueOn})`,
            )
            .as('open'),
          eb
            .exists(
              eb
                .selectFrom('case_events as e')
                .select(sql<number>`1`.as('one'))
                .whereRef('e.case_id', '=', 'c.id')
                .where('e.type', '=', 'CaseHandedOver')
                .where(sql<string>`e.data ->> 'dueOn'`, '=', data.dueOn),
            )
            .as('handed_over'),
        ])
        .where('c.id', '=', data.caseId),
    ),
  );
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
