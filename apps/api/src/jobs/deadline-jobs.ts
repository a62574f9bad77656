import {
  actionsDue,
  inDailyDigest,
  PARK_ROLES,
  reminderOf,
  responsibleFor,
  supervisionDue,
  supervisionRecipients,
  type ClockFacts,
  type DueAction,
  type ParkRole,
  type Recipients,
  type ReminderPolicy,
  type WorkingDayCalendar,
} from '@qifu/domain';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { sql, type Selectable } from 'kysely';
import { systemActor } from '../access/actor.js';
import { nationalHolidays, parkCalendar } from '../calendar/national-holidays.js';
import type { CaseService } from '../cases/case.service.js';
import { todayIn, type Clock } from '../common/clock.js';
import type { DB } from '../database/db-types.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf, rowsOfSql } from '../database/typed-sql.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { rulesOfVersion } from '../rules/rules-cache.js';
import { handOverJobsFor } from '../offices/handover-jobs.js';
import { defineJob, defineParkJob, isoDay, rowId, type JobData } from './job-definition.js';
import { enqueueJob, OutboxJob } from './outbox.js';
import { notifyAndDeliver } from '../notifications/notify-and-deliver.js';

export const DEADLINE_SWEEP = 'deadlines.sweep';
export const SUPERVISE_OVERDUE = 'case.superviseOverdue';
export const REMIND_DEADLINE = 'case.remindDeadline';
export const DAILY_DIGEST = 'notifications.dailyDigest';
export const COMPUTE_PENDING_DEADLINES = 'calendar.computePendingDeadlines';

/** The payload of a deadline's reminder or supervision: the case, its clock's stage and due date. */
const deadlinePayload = {
  caseId: rowId(),
  stage: z.string().regex(/^[A-Za-z]{1,64}$/, 'must be a stage name'),
  dueOn: isoDay(),
};

/** How far ahead people are reminded, and how long a silent bureau has before supervision. */
export type DeadlinePolicy = ReminderPolicy;

export interface DeadlineJobDeps {
  db: TenantDb;
  cases: CaseService;
  notifications: NotificationService;
  logger: Logger;
  clock: Clock;
  policy: DeadlinePolicy;
}

type CaseRow = Selectable<DB['cases']>;

/**
 * An open clock of a case: the text of its entry in the case's deadlines (JSON written by the
 * domain's clocks: `dueOn`, `stage`, and `departmentId` for a split or assisting department's clock).
 */
type OpenDeadline = Pick<CaseRow, 'id' | 'rules_version'> & {
  due_on: string;
  stage: string;
  /** A split or assisting department's clock: that department. */
  department_id?: string | null;
};

/**
 * Every open clock with a known due date up to `today` + 31 days, of the cases with one (by the
 * indexed earliest due date): the case's stage, its objection decision, its split and assisting
 * departments' clocks side by side.
 */
const openClocks = (today: string) => sql<Required<OpenDeadline>>`
  SELECT c.id, c.rules_version, d ->> 'dueOn' AS due_on, d ->> 'stage' AS stage, d ->> 'departmentId' AS department_id
    FROM cases c CROSS JOIN LATERAL jsonb_array_elements(c.deadlines) d
   WHERE c.next_due_on IS NOT NULL AND c.next_due_on <= ${today}::date + 31
     AND d ->> 'doneOn' IS NULL AND d ->> 'dueOn' IS NOT NULL AND (d ->> 'dueOn')::date <= ${today}::date + 31`;

/** One park, or every park in the order of their codes. */
function parks(db: TenantDb, parkId?: string) {
  const all = kysely.selectFrom('parks').select(['id', 'district_id']);
  return db.run(Scope.jobs(), (em) =>
    rowsOf(em, parkId ? all.where('id', '=', parkId) : all.orderBy('code')),
  );
}

/**
 * What time passing makes due, park by park, as jobs with keys of the case and deadline: a sweep
 * that finds the same deadline again adds nothing. Reminders shortly before a deadline; at an
 * overdue handling deadline, supervision; at an unanswered referral letter, a reminder to chase
 * it and, after the grace period, supervision; a supervised case still overdue after the rules'
 * window, the hand-over to outside offices. First, pending deadlines whose year the national
 * calendar now covers are computed, so they are swept with the rest.
 */
export async function sweepDeadlines(
  deps: Pick<DeadlineJobDeps, 'db' | 'cases' | 'clock' | 'policy'>,
): Promise<{ parks: number; jobs: number; computed: number }> {
  const today = todayIn(deps.clock);
  const all = await parks(deps.db);
  let jobs = 0;
  let computed = 0;
  for (const park of all) {
    computed += await deps.cases.computePendingDeadlines(park.id, park.district_id);
    jobs += await deps.db.run(Scope.park(park.id), async (em) => {
      const national = await nationalHolidays(em);
      const open = await rowsOfSql(em, openClocks(today));
      let written = 0;
      for (const c of open) {
        const rules = await rulesOfVersion(em, park.id, c.rules_version);
        const calendar = parkCalendar(rules, national);
        // Besides reminders and supervision: the hand-over to outside offices a supervision did not avert.
        const handOvers = await handOverJobsFor(em, rules, calendar, c, today);
        for (const job of [...jobsFor(c, calendar, today, deps.policy), ...handOvers]) {
          await enqueueJob(em, job);
          written++;
        }
      }
      return written;
    });
  }
  return { parks: all.length, jobs, computed };
}

/** After a year's national arrangement is imported: every park's pending deadlines of that year. */
export async function computePendingDeadlines(
  deps: Pick<DeadlineJobDeps, 'db' | 'cases'>,
): Promise<{ parks: number; computed: number }> {
  const all = await parks(deps.db);
  let computed = 0;
  for (const park of all) computed += await deps.cases.computePendingDeadlines(park.id, park.district_id);
  return { parks: all.length, computed };
}

/** The jobs of what libs/domain finds due for an open clock, keyed so each happens once. */
function jobsFor(
  c: OpenDeadline,
  calendar: WorkingDayCalendar,
  today: string,
  policy: DeadlinePolicy,
): OutboxJob[] {
  const data = { caseId: c.id, stage: c.stage, dueOn: c.due_on };
  // A department's own clock is reminded to it alone.
  const clock = c.department_id ? `${c.stage}-${c.department_id}` : c.stage;
  const jobOf: Record<DueAction, () => OutboxJob> = {
    REMIND: () => OutboxJob.of(remindDeadlineJob, { key: `remind/${c.id}/${clock}/${c.due_on}`, data }),
    CHASE_REPLY: () => OutboxJob.of(remindDeadlineJob, { key: `unanswered/${c.id}/${c.due_on}`, data }),
    SUPERVISE: () => OutboxJob.of(superviseOverdueJob, { key: `supervise/${c.id}/${c.due_on}`, data }),
  };
  return actionsDue({ stage: c.stage, dueOn: c.due_on }, calendar, today, policy).map((action) =>
    jobOf[action](),
  );
}

type CaseFacts = Pick<
  CaseRow,
  | 'version'
  | 'status'
  | 'approver_role'
  | 'lead_department_id'
  | 'jurisdiction'
  | 'follow_up_department_id'
  | 'follow_up_user_id'
> & {
  /**
   * The departments whose open clock of the stage is due that day ('' for the case's own stage):
   * empty when none is open any more (done, extended, closed).
   */
  open_clocks: string[];
  /** The departments the case was referred to (its state's `referredDepartmentIds`). */
  referred: string[];
  supervised: boolean;
};

async function caseFacts(
  em: EntityManager,
  caseId: string,
  dueOn: string,
  stage: string,
): Promise<CaseFacts | undefined> {
  // Supervised: a letter stated that due date (the earliest one it cited, or any of its addressees').
  const [row] = await rowsOfSql(
    em,
    sql<CaseFacts>`SELECT c.version, c.status, c.approver_role, c.lead_department_id, c.jurisdiction,
            c.follow_up_department_id, c.follow_up_user_id,
            ARRAY(SELECT coalesce(d ->> 'departmentId', '') FROM jsonb_array_elements(c.deadlines) d
                   WHERE d ->> 'doneOn' IS NULL AND d ->> 'dueOn' = ${dueOn} AND d ->> 'stage' = ${stage}) AS open_clocks,
            coalesce(ARRAY(SELECT jsonb_array_elements_text(c.state -> 'referredDepartmentIds')), '{}') AS referred,
            EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'OverdueSupervised'
                       AND (e.data ->> 'dueOn' = ${dueOn}
                            OR e.data -> 'overdue' @> jsonb_build_array(jsonb_build_object('dueOn', ${dueOn}::text)))
                   ) AS supervised
       FROM cases c WHERE c.id = ${caseId}`,
  );
  return row;
}

/** What libs/domain reads of a case to decide whom a deadline concerns. */
function clockFacts(facts: CaseFacts): ClockFacts {
  return {
    // Written from the park roles only; anything else would name nobody.
    approverRole: PARK_ROLES.find((role) => role === facts.approver_role) ?? null,
    leadDepartmentId: facts.lead_department_id,
    openClocks: facts.open_clocks.map((id) => (id === '' ? null : id)),
    followUpDepartmentId: facts.follow_up_department_id,
    followUpUserId: facts.follow_up_user_id,
  };
}

/** Who holds one of the roles, in one of the departments when they are named. */
function holdersOf(roles: readonly ParkRole[], departmentIds: readonly string[] | null) {
  return kysely
    .selectFrom('role_assignments')
    .select('user_id')
    .distinct()
    .where((eb) =>
      eb.and([
        eb('role', '=', eb.fn.any(eb.val(roles))),
        ...(departmentIds === null
          ? []
          : [eb('department_id', '=', eb.fn.any(sql<string[]>`${departmentIds}::uuid[]`))]),
      ]),
    );
}

/** The people libs/domain names, each once. */
async function recipientsOf(em: EntityManager, groups: Recipients[]): Promise<string[]> {
  const ids: string[] = [];
  for (const group of groups) {
    if ('userId' in group) ids.push(group.userId);
    else
      for (const row of await rowsOf(em, holdersOf(group.roles, group.departmentIds))) ids.push(row.user_id);
  }
  return ids.filter((id, i) => ids.indexOf(id) === i);
}

/** A reminder to the people responsible for a deadline that is near or, for a letter, passed. */
export async function remindDeadline(
  deps: Pick<DeadlineJobDeps, 'db' | 'notifications' | 'clock'>,
  data: JobData<typeof deadlinePayload> & { parkId: string },
): Promise<number> {
  const [park] = await parks(deps.db, data.parkId);
  if (!park) throw new Error(`park ${data.parkId} does not exist`);
  return deps.db.run(systemActor(park.id, park.district_id), async (em) => {
    const facts = await caseFacts(em, data.caseId, data.dueOn, data.stage);
    // Done, extended or closed meanwhile: nobody needs reminding.
    const reminder = facts && reminderOf(data, clockFacts(facts), todayIn(deps.clock));
    if (!reminder) return 0;
    return notifyAndDeliver(em, deps.notifications, {
      kind: reminder.kind,
      caseId: data.caseId,
      recipientUserIds: await recipientsOf(em, reminder.recipients),
      key: `${reminder.kind}:${data.stage}:${data.dueOn}`,
      data: { stage: data.stage, dueOn: data.dueOn },
    });
  });
}

/**
 * Art. 10 by itself: the overdue case gets its supervision record and numbered supervision letter,
 * by the park (the system actor), exactly once per deadline — a job run again finds the record
 * and does nothing more; a case no longer overdue (done, extended, closed) is left alone. The
 * department's head and handlers and the leader in charge are told (once, by the notification key).
 */
export async function superviseOverdue(
  deps: Pick<DeadlineJobDeps, 'db' | 'cases' | 'notifications' | 'logger'>,
  data: { parkId: string; caseId: string; dueOn: string; stage?: string },
): Promise<'supervised' | 'already' | 'not-due'> {
  // Jobs queued before each clock was swept on its own were the case's handling deadline's.
  const stage = data.stage ?? 'departmentReply';
  const [park] = await parks(deps.db, data.parkId);
  if (!park) throw new Error(`park ${data.parkId} does not exist`);
  const actor = systemActor(park.id, park.district_id);
  const facts = await deps.db.run(actor, (em) => caseFacts(em, data.caseId, data.dueOn, stage));
  if (!facts) throw new Error(`case ${data.caseId} is not in park ${data.parkId}`);
  const due = supervisionDue(stage, { ...clockFacts(facts), supervised: facts.supervised });
  if (due === 'NOT_DUE') return 'not-due';
  let outcome: 'supervised' | 'already' = 'already';
  if (due === 'SUPERVISE') {
    try {
      // At the version just read, whose open deadline is the job's: the domain states that date.
      await deps.cases.act(actor, data.caseId, facts.version, {
        type: 'superviseOverdue',
        note: '系统自动督办：超过办理时限 / Supervised automatically: past the deadline',
      });
      outcome = 'supervised';
    } catch (error) {
      // The domain's veto (not overdue by the park's calendar, rules without supervision): nothing
      // to do. A CONFLICT (the case changed meanwhile) is thrown: the retry reads it again.
      if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
        deps.logger.info(
          { caseId: data.caseId, reason: error.message },
          'overdue supervision not applicable',
        );
        return 'not-due';
      }
      throw error;
    }
  }
  // Also when the record was there already: a run that stopped between the two finishes the job.
  await deps.db.run(actor, async (em) => {
    await notifyAndDeliver(em, deps.notifications, {
      kind: 'OVERDUE_SUPERVISION',
      caseId: data.caseId,
      recipientUserIds: await recipientsOf(em, supervisionRecipients(stage, clockFacts(facts))),
      key: `supervision:${data.dueOn}`,
      data: { stage, dueOn: data.dueOn },
    });
  });
  return outcome;
}

/**
 * Each morning, every person with cases waiting or due within the reminder lead time gets one
 * digest (once per day: the notification key is the date), listing them by number and stage.
 */
export async function sendDailyDigests(
  deps: Pick<DeadlineJobDeps, 'db' | 'notifications' | 'clock' | 'policy'>,
): Promise<{ digests: number }> {
  const today = todayIn(deps.clock);
  let digests = 0;
  for (const park of await parks(deps.db)) {
    digests += await deps.db.run(systemActor(park.id, park.district_id), async (em) => {
      const open = await rowsOf(
        em,
        kysely
          .selectFrom('cases')
          .select([
            'id',
            'rules_version',
            'registration_no',
            sql<string>`to_char(next_due_on, 'YYYY-MM-DD')`.as('due_on'),
            'next_due_stage as stage',
          ])
          .where('next_due_on', 'is not', null)
          .where('next_due_on', '<=', sql<Date>`${today}::date + 31`)
          .orderBy('next_due_on')
          .orderBy('registration_no'),
      );
      const byUser = new Map<string, string[]>();
      const national = await nationalHolidays(em);
      for (const c of open) {
        // The stage is written with its due date; a case without one has no clock to remind of.
        if (c.stage === null) continue;
        const calendar = parkCalendar(await rulesOfVersion(em, park.id, c.rules_version), national);
        if (!inDailyDigest(c.due_on, calendar, today, deps.policy)) continue;
        const facts = await caseFacts(em, c.id, c.due_on, c.stage);
        if (!facts) continue;
        const line = `${c.registration_no}（${c.due_on < today ? '已超期' : '到期'} ${c.due_on}）`;
        for (const userId of await recipientsOf(em, responsibleFor(c.stage, clockFacts(facts))))
          byUser.set(userId, [...(byUser.get(userId) ?? []), line]);
      }
      let sent = 0;
      for (const [userId, items] of byUser) {
        sent += await notifyAndDeliver(em, deps.notifications, {
          kind: 'DAILY_DIGEST',
          recipientUserIds: [userId],
          key: `digest:${today}`,
          data: { count: items.length, items: items.join('；') },
        });
      }
      return sent;
    });
  }
  return { digests };
}

export const sweepDeadlinesJob = defineJob({
  name: DEADLINE_SWEEP,
  payload: {},
  handle: (deps) => sweepDeadlines(deps),
});

export const dailyDigestJob = defineJob({
  name: DAILY_DIGEST,
  payload: {},
  handle: (deps) => sendDailyDigests(deps),
});

export const computePendingDeadlinesJob = defineJob({
  name: COMPUTE_PENDING_DEADLINES,
  payload: {},
  handle: (deps) => computePendingDeadlines(deps),
});

export const remindDeadlineJob = defineParkJob({
  name: REMIND_DEADLINE,
  payload: deadlinePayload,
  handle: (deps, data) => remindDeadline(deps, data),
});

export const superviseOverdueJob = defineParkJob({
  name: SUPERVISE_OVERDUE,
  // Jobs queued before each clock was swept on its own have no stage: the case's handling deadline's.
  payload: { ...deadlinePayload, stage: deadlinePayload.stage.optional() },
  handle: (deps, data) => superviseOverdue(deps, data),
});
