import {
  admissionOf,
  allowedCommands,
  caseStateFromStored,
  countPendingDeadlines,
  deadlinesAfterAct,
  decide,
  documentKindsDueBy,
  documentsIssuedBy,
  handlingCompleted,
  isoYear,
  nextDueOf,
  numberingCounterScope,
  needsSamplingOrdinal,
  numberTemplate,
  overdueDeadlines,
  registerCase,
  SAMPLING_COMMANDS,
  stepDueNow,
  tierOfDepartment,
  type CaseCommand,
  type CaseState,
  type ContextDepartment,
  type DecisionContext,
  type FollowUpSampling,
  type ParkRules,
  type Veto,
  type WorkingDayCalendar,
} from '@qifu/domain';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { systemActor, type Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.js';
import { nationalHolidays, nationalHolidaysOf, parkCalendar } from '../calendar/national-holidays.js';
import { systemClock, todayIn, type Clock } from '../common/clock.js';
import { assertUuid, badInput, conflict, forbidden, notFound } from '../common/errors.js';
import { currentRequestId } from '../common/request-store.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { Enterprise } from '../enterprises/enterprise.models.js';
import { cachedRules, rulesOfVersion } from '../rules/rules-cache.js';
import type {
  Case,
  CaseDeadline,
  CaseDocument,
  CaseEvent,
  LedgerConnection,
  RegisterCaseInput,
} from './case.models.js';
import type { LedgerFilterValues, LedgerSortValue } from './ledger.js';
import { queryLedger } from './ledger.js';
import {
  caseDocuments,
  caseRowOf,
  caseTimeline,
  deadlineFacts,
  findCaseRow,
  referralReplyDates,
  type CaseRow,
  type StoredDeadline,
} from './case.queries.js';
import { writeDocumentsOfAct } from './act-documents.js';
import { presentDeadline } from './present-deadline.js';
import { refreshCaseDashboardJob } from '../dashboards/dashboard-jobs.js';
import { enqueueJob, OutboxJob } from '../jobs/outbox.js';
import { approvalChainOf } from './approval-chain.js';
import { NotificationService } from '../notifications/notification.service.js';
import { linkOfficesOfAct, notifyHandover } from '../offices/office-links.js';
import { assertParkDepartment, assertParkDepartments } from '../departments/department.queries.js';
import { notifyPartReported } from './part-reports.js';
import { notifyLeaderReport } from './leader-reports.js';
import { caseVisibility, factsOfRow, seesCase, seesCaseById } from '../access/case-visibility.js';
import { enterpriseLinkAt, enterpriseLinkOf, followUpReachRow } from './case-enterprise-link.js';

/** A domain veto as the API error a user can act on. */
function vetoError(vetoed: Veto) {
  const message = `${vetoed.reasonZh} / ${vetoed.reason}`;
  if (vetoed.kind === 'PERMISSION') return forbidden(message);
  return badInput([{ path: vetoed.field ?? '', message }]);
}

async function displayName(em: EntityManager, actor: Actor): Promise<string | null> {
  if (!actor.userId) return null;
  const [row] = await rowsOf(
    em,
    kysely.selectFrom('users').select('display_name').where('id', '=', actor.userId),
  );
  return row?.display_name ?? null;
}

async function contextDepartments(em: EntityManager): Promise<ContextDepartment[]> {
  return rowsOf(
    em,
    kysely
      .selectFrom('departments')
      .select(['id', 'code', 'kind', 'active'])
      // departments.kind: CHECK (kind IN ('PARK', 'DISTRICT')).
      .$narrowType<{ kind: ContextDepartment['kind'] }>(),
  );
}

/** What registration reads before it decides, in one call (see the register_case migration). */
async function registrationContext(
  db: TenantDb,
  actor: Actor,
  today: string,
  input: RegisterCaseInput,
): Promise<{ rulesVersion: number | null; departments: ContextDepartment[]; enterprise: Enterprise | null }> {
  return db.call(actor, 'registration_context', [
    today,
    input.enterpriseId ?? null,
    input.enterpriseCreditCode ?? null,
  ]);
}

/** The park's count of follow-up sampling decisions (EVERY_NTH), in the counters of numbered documents. */
const SAMPLE_COUNT = { kind: 'FOLLOW_UP_SAMPLE', scope: 'ALL' };

/** Locks the park's sample count until commit and gives the next case's place in it. */
async function lockSampleCount(em: EntityManager): Promise<number> {
  const [{ last_value: last }] = await rowsOf(
    em,
    kysely
      .insertInto('number_counters')
      .values({ ...SAMPLE_COUNT, last_value: 0 })
      .onConflict((oc) =>
        oc
          .columns(['park_id', 'kind', 'scope'])
          .doUpdateSet({ last_value: (eb) => eb.ref('number_counters.last_value') }),
      )
      .returning('last_value'),
  );
  return last + 1;
}

async function writeSampleCount(em: EntityManager, ordinal: number): Promise<void> {
  await rowsOf(
    em,
    kysely
      .updateTable('number_counters')
      .set({ last_value: ordinal })
      .where('kind', '=', SAMPLE_COUNT.kind)
      .where('scope', '=', SAMPLE_COUNT.scope),
  );
}

/**
 * The day handling was completed, for the dashboards: set when the case is graded (again) or goes
 * past grading without a grade, cleared when a special supervision reopens it.
 */
async function markCompletion(
  em: EntityManager,
  id: string,
  before: CaseState,
  after: CaseState,
  command: CaseCommand,
  rules: ParkRules,
  today: string,
): Promise<void> {
  const was = handlingCompleted(before, rules);
  const is = handlingCompleted(after, rules);
  if (is && (command.type === 'grade' || !was))
    await rowsOf(em, kysely.updateTable('cases').set({ completed_on: today }).where('id', '=', id));
  else if (was && !is)
    await rowsOf(em, kysely.updateTable('cases').set({ completed_on: null }).where('id', '=', id));
}

/** The deadline columns of a case row: its earliest open due date, and the year a pending one waits for. */
function deadlineProjection(deadlines: StoredDeadline[]) {
  const next = nextDueOf(deadlines);
  return {
    next_due_on: next.dueOn,
    next_due_stage: next.stage,
    pending_deadline_year: next.pendingYear,
  };
}

/** The columns of a case row that mirror its aggregate: its decision fields and deadline columns. */
function projectionOf(next: CaseState, deadlines: StoredDeadline[]) {
  const due = deadlineProjection(deadlines);
  const departmentIds = [
    ...new Set([
      ...(next.leadDepartmentId ? [next.leadDepartmentId] : []),
      ...next.cooperatingDepartmentIds,
      ...next.referredDepartmentIds,
    ]),
  ];
  return {
    status: next.status,
    version: next.version,
    next_due_on: due.next_due_on,
    next_due_stage: due.next_due_stage,
    pending_deadline_year: due.pending_deadline_year,
    jurisdiction: next.jurisdiction,
    major: next.major,
    policy_heavy: next.policyHeavy,
    lead_department_id: next.leadDepartmentId,
    department_ids: departmentIds,
    approver_role: next.approverRole,
    grade_code: next.gradeCode,
    satisfaction_code: next.satisfactionCode,
    not_in_register: next.notInRegister,
  };
}

/** The projection as column values of a new case row (JSON, for register_case). */
function projectionRow(next: CaseState, deadlines: StoredDeadline[]) {
  return { ...projectionOf(next, deadlines), state: next, deadlines };
}

/** A timeline event as a row of case_events (without its case). */
function eventRow(
  actor: Actor,
  before: CaseState['status'] | null,
  next: CaseState,
  event: { type: string; data: Record<string, unknown> },
  extraData: Record<string, unknown> = {},
) {
  return {
    case_version: next.version,
    type: event.type,
    actor_user_id: actor.userId || null,
    actor_role: actor.roles[0]?.role ?? null,
    data: { ...event.data, ...extraData },
    status_before: before,
    status_after: next.status,
  };
}

/** An audit record of an act on a case, as a row of audit_events (without its subject). */
function auditRow(actor: Actor, action: string, before: unknown, after: unknown) {
  return { actor_user_id: actor.userId || null, action, before, after, request_id: currentRequestId() };
}

/** The departments a case act names, with their input paths: each must be one of the park's. */
function departmentsNamedBy(command: CaseCommand): { id: string; path: string }[] {
  const named: { id: string; path: string }[] = [];
  const c = command as Partial<{
    leadDepartmentId: string | null;
    cooperatingDepartmentIds: string[];
    referredDepartmentIds: string[];
    departmentTiers: { departmentId: string }[];
    departmentId: string;
  }>;
  if (c.leadDepartmentId) named.push({ id: c.leadDepartmentId, path: 'leadDepartmentId' });
  if (c.departmentId) named.push({ id: c.departmentId, path: 'departmentId' });
  for (const key of ['cooperatingDepartmentIds', 'referredDepartmentIds'] as const)
    c[key]?.forEach((id, i) => named.push({ id, path: `${key}[${i}]` }));
  c.departmentTiers?.forEach((t, i) =>
    named.push({ id: t.departmentId, path: `departmentTiers[${i}].departmentId` }),
  );
  return named;
}

/**
 * The case lifecycle on top of libs/domain: each act is decided there (role, status, rules of the
 * case's version) and written here in one transaction: row with its version check, timeline event,
 * numbered documents, deadlines and audit record.
 */
export class CaseService {
  /** Writes the notifications of hand-overs in the act's transaction. */
  private readonly notifications: NotificationService;

  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock = systemClock,
  ) {
    this.notifications = new NotificationService(db);
  }

  ledger(
    actor: Actor,
    filter: LedgerFilterValues,
    sort: LedgerSortValue,
    first: number,
    after: string | null,
  ): Promise<LedgerConnection> {
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw badInput([{ path: 'first', message: 'must be between 1 and 200' }]);
    return this.db.run(actor, async (em) => {
      await assertParkDepartment(em, filter.departmentId, 'departmentId');
      return queryLedger(em, {
        filter,
        sort,
        first,
        after,
        today: todayIn(this.clock),
        reach: caseVisibility(actor).cases,
      });
    });
  }

  get(actor: Actor, id: string): Promise<Case> {
    assertUuid(id, 'id');
    return this.db.run(actor, (em) => this.load(em, actor, id));
  }

  async register(actor: Actor, input: RegisterCaseInput): Promise<Case> {
    const today = todayIn(this.clock);
    const { rulesVersion, departments, enterprise } = await registrationContext(this.db, actor, today, input);
    if (rulesVersion === null)
      throw badInput([{ path: '', message: '园区尚未发布规则 / The park has no rules yet' }]);
    const rules =
      cachedRules(actor.parkId!, rulesVersion) ??
      (await this.db.run(actor, (em) => rulesOfVersion(em, actor.parkId!, rulesVersion)));
    const calendar = parkCalendar(rules, await nationalHolidaysOf(this.db));
    // A case not yet registered has no deadlines to supervise.
    const ctx: DecisionContext = { rules, actor, today, departments, deadlines: [], calendar };

    // Art. 2: enterprises registered and operating in the park; what happens to others is the rules'.
    if (input.enterpriseId && !enterprise) throw notFound('企业 / Enterprise', 'enterpriseId');
    const unknownDepartment = (input.hopedDepartmentIds ?? []).findIndex(
      (id) => !departments.some((d) => d.id === id.toLowerCase()),
    );
    if (unknownDepartment >= 0)
      throw notFound('部室 / Department', `hopedDepartmentIds[${unknownDepartment}]`);
    const name = enterprise?.name ?? input.enterpriseName?.trim();
    if (!name)
      throw badInput([
        { path: 'enterpriseName', message: 'required when the enterprise is not in the register' },
      ]);
    const inRegister = enterprise !== null && enterprise.operating;
    const admission = admissionOf(rules, inRegister);
    const creditCode = enterprise?.creditCode ?? input.enterpriseCreditCode ?? null;

    // 挂钩联系: the case keeps the enterprise's link as it is now, names and phone on its timeline.
    const link = enterpriseLinkAt(enterprise);
    const registered = registerCase(
      {
        categoryCode: input.categoryCode,
        channelCode: input.channelCode,
        reportFormCode: input.reportFormCode,
        enterpriseCreditCode: creditCode,
        hopedDepartmentIds: input.hopedDepartmentIds ?? [],
        enterpriseInRegister: inRegister,
        ...(link ? { enterpriseLink: link } : {}),
      },
      ctx,
    );
    if (!registered.ok) throw vetoError(registered);
    const urgent = input.urgent ?? false;
    let state = registered.next;
    // The registration's own act and, where the rules reject it at once, the rejection.
    const act = { rules, calendar, today, urgent, actorName: null };
    let deadlines = deadlinesAfterAct([], { ...act, before: null, next: state, event: registered.event });
    const events = [
      eventRow(actor, null, state, registered.event, {
        rulesVersion,
        ...(link ? { enterpriseLink: link } : {}),
      }),
    ];
    const audit = [auditRow(actor, 'case.registered', null, {})];
    // ACCEPT_AND_ADD: the enterprise joins the register in the statement that writes the case.
    const addToRegister =
      admission === 'ACCEPT_AND_ADD'
        ? {
            row: {
              credit_code: creditCode,
              name,
              address: input.enterpriseAddress?.trim() || enterprise?.address || '',
              contact_name: enterprise?.contactName ?? (input.contactName.trim() || null),
              contact_phone: enterprise?.contactPhone ?? (input.contactPhone.trim() || null),
            },
            actor_user_id: actor.userId || null,
            request_id: currentRequestId() ?? null,
          }
        : null;
    if (admission === 'REJECT') {
      const rejected = decide(
        state,
        { type: 'reject', reason: 'NOT_IN_PARK', note: '企业未在园区登记或未在园经营' },
        ctx,
      );
      if (!rejected.ok) throw vetoError(rejected);
      deadlines = deadlinesAfterAct(deadlines, {
        ...act,
        before: state,
        next: rejected.next,
        event: rejected.event,
      });
      events.push(eventRow(actor, state.status, rejected.next, rejected.event));
      audit.push(
        auditRow(
          actor,
          'case.reject',
          { status: state.status, version: state.version },
          { status: rejected.next.status, version: rejected.next.version },
        ),
      );
      state = rejected.next;
    }

    const year = isoYear(today);
    const numbering = rules.numbering.REGISTRATION;
    const row = {
      registration_year: year,
      rules_version: rulesVersion,
      enterprise_id: enterprise?.id ?? null,
      enterprise_name: name,
      enterprise_address: input.enterpriseAddress?.trim() || enterprise?.address || '',
      reported_at: new Date(input.reportedAt),
      category_code: input.categoryCode,
      channel_code: input.channelCode,
      // As registered: the form given, or the one the channel implies.
      report_form_code: String(registered.event.data.reportFormCode),
      contact_name: input.contactName.trim(),
      contact_title: input.contactTitle?.trim() || null,
      contact_phone: input.contactPhone.trim(),
      contact_email: input.contactEmail?.trim() || null,
      title: input.title.trim(),
      description: input.description.trim(),
      hoped_department_ids: input.hopedDepartmentIds ?? [],
      urgent,
      registered_by: actor.userId || null,
      ...followUpReachRow(state, rules),
      ...projectionRow(state, deadlines),
    };
    // One autocommit statement takes the number and writes case, timeline and audit (see the
    // register_case migration): the number's lock is never held across a round trip.
    const written = await this.db.call<{ id: string; registrationNo: string; enterpriseId: string | null }>(
      actor,
      'register_case',
      [
        JSON.stringify({
          kind: 'REGISTRATION',
          scope: numberingCounterScope(numbering.reset, year),
          parts: numberTemplate(numbering.format, year),
        }),
        JSON.stringify(row),
        JSON.stringify(events),
        JSON.stringify(audit),
        addToRegister && JSON.stringify(addToRegister),
      ],
    );
    return {
      ...this.present(
        {
          ...row,
          id: written.id,
          registration_no: written.registrationNo,
          enterprise_id: written.enterpriseId ?? row.enterprise_id,
        } as unknown as CaseRow,
        rules,
        ctx,
        calendar,
      ),
      enterpriseLink: link,
    };
  }

  act(actor: Actor, caseId: string, version: number, command: CaseCommand): Promise<Case> {
    assertUuid(caseId, 'caseId');
    return this.db.run(actor, async (em) => {
      const row = await findCaseRow(em, caseId, true);
      if (!row || !seesCase(actor, factsOfRow(row))) throw notFound('案件 / Case', 'caseId');
      await assertParkDepartments(em, departmentsNamedBy(command));
      if (row.version !== version) {
        throw conflict(
          'version',
          `案件已被他人更新（当前版本 ${row.version}）/ The case changed meanwhile (now version ${row.version})`,
        );
      }
      const rules = await rulesOfVersion(em, actor.parkId!, row.rules_version);
      const ctx: DecisionContext = {
        rules,
        actor,
        today: todayIn(this.clock),
        departments: await contextDepartments(em),
        deadlines: deadlineFacts(row.deadlines, await referralReplyDates(em, caseId)),
        calendar: parkCalendar(rules, await nationalHolidays(em)),
      };
      await this.apply(em, actor, row, command, rules, ctx);
      return this.load(em, actor, caseId);
    });
  }

  /**
   * Computes the pending deadlines (期限待定) of a park's cases whose year the national calendar now
   * covers: each gets the due date counted from the day it opened, as the rules of the case's
   * version count it; the documents issued with it get the date; the timeline and the park's trail
   * record it. Run by the deadline sweep and after an import; a case being changed meanwhile is
   * left to the next run. Returns the deadlines computed.
   */
  computePendingDeadlines(parkId: string, districtId: string | null): Promise<number> {
    return this.db.run(systemActor(parkId, districtId), async (em) => {
      const national = await nationalHolidays(em);
      const rows = await rowsOf(
        em,
        kysely
          .selectFrom('cases')
          .selectAll()
          .where(sql<boolean>`pending_deadline_year = ANY(${national.coveredYears()}::int[])`)
          .forUpdate()
          .skipLocked(),
      );
      let computed = 0;
      for (const row of rows.map(caseRowOf)) {
        const rules = await rulesOfVersion(em, parkId, row.rules_version);
        const calendar = parkCalendar(rules, national);
        const { deadlines, computed: known } = countPendingDeadlines(row.deadlines, calendar);
        if (known.length === 0) continue;
        const due = deadlineProjection(deadlines);
        await rowsOf(
          em,
          kysely
            .updateTable('cases')
            .set({ deadlines: JSON.stringify(deadlines), ...due, updated_at: sql`now()` })
            .where('id', '=', row.id),
        );
        for (const d of known) {
          await rowsOf(
            em,
            kysely
              .updateTable('case_documents')
              .set({ due_on: d.dueOn })
              .where('case_id', '=', row.id)
              .where(sql<boolean>`kind = ANY(${documentKindsDueBy(d.stage)})`)
              .where(sql<boolean>`issued_on = ${d.from}::date`)
              .where('due_on', 'is', null),
          );
          // Beside the act that opened it: computing a date changes no state, so no version.
          await rowsOf(
            em,
            kysely.insertInto('case_events').values({
              case_id: row.id,
              case_version: row.version,
              type: 'DeadlineComputed',
              data: JSON.stringify({ stage: d.stage, from: d.from, dueOn: d.dueOn }),
              status_before: row.status,
              status_after: row.status,
            }),
          );
          await recordAudit(em, null, {
            action: 'case.deadlineComputed',
            subjectType: 'Case',
            subjectId: row.id,
            before: { stage: d.stage, dueOn: null },
            after: { stage: d.stage, dueOn: d.dueOn },
          });
          computed++;
        }
        await enqueueJob(
          em,
          OutboxJob.of(refreshCaseDashboardJob, {
            key: `dashboard/${row.id}/${row.version}/deadlines-${due.pending_deadline_year ?? 'known'}`,
            data: { caseId: row.id },
          }),
        );
      }
      return computed;
    });
  }

  /** Decides and writes one act on a locked row. */
  private async apply(
    em: EntityManager,
    actor: Actor,
    row: CaseRow,
    command: CaseCommand,
    rules: ParkRules,
    ctx: DecisionContext,
  ): Promise<void> {
    const state = caseStateFromStored(row.state);
    // Art. 10: an act that may take the case past grading decides its follow-up sample; EVERY_NTH
    // takes the case's place in the park's count (locked until commit, so no two cases share one).
    const counting = SAMPLING_COMMANDS.includes(command.type) && needsSamplingOrdinal(state, rules);
    const sampling = { caseId: row.id, nextOrdinal: counting ? await lockSampleCount(em) : null };
    const decision = decide(state, command, { ...ctx, sampling });
    if (!decision.ok) throw vetoError(decision);
    const next = decision.next;
    const sampled = decision.event.data.followUpSampling as FollowUpSampling | undefined;
    if (sampled?.basis === 'EVERY_NTH') await writeSampleCount(em, sampled.ordinal!);
    // libs/domain decides the deadlines and documents after the act; they are written here.
    const act = {
      rules,
      calendar: ctx.calendar!,
      today: ctx.today,
      urgent: row.urgent,
      before: state,
      next,
      event: decision.event,
    };
    const deadlines = deadlinesAfterAct(row.deadlines, { ...act, actorName: await displayName(em, actor) });
    await markCompletion(em, row.id, state, next, command, rules, ctx.today);
    await writeDocumentsOfAct(
      em,
      row.id,
      rules,
      ctx.today,
      documentsIssuedBy({ ...act, command, deadlines }),
    );
    await linkOfficesOfAct(em, row.id, rules, state, next, decision.event);
    if (command.type === 'handOverToOffice')
      await notifyHandover(em, this.notifications, row.id, command, decision.event.data);
    if (command.type === 'reportPart')
      await notifyPartReported(em, this.notifications, row.id, rules, next, decision.event);
    if (command.type === 'reportToLeader')
      await notifyLeaderReport(em, this.notifications, row.id, next.version);
    await this.appendEvent(em, actor, row.id, state.status, next, decision.event);
    await this.writeProjection(em, row.id, next, deadlines);
    await recordAudit(em, actor, {
      action: `case.${command.type}`,
      subjectType: 'Case',
      subjectId: row.id,
      before: { status: state.status, version: state.version },
      after: { status: next.status, version: next.version },
    });
  }

  private async appendEvent(
    em: EntityManager,
    actor: Actor,
    caseId: string,
    before: CaseState['status'] | null,
    next: CaseState,
    event: { type: string; data: Record<string, unknown> },
  ): Promise<void> {
    await rowsOf(
      em,
      kysely.insertInto('case_events').values({
        case_id: caseId,
        case_version: next.version,
        type: event.type,
        actor_user_id: actor.userId || null,
        actor_role: actor.roles[0]?.role ?? null,
        data: JSON.stringify(event.data),
        status_before: before,
        status_after: next.status,
      }),
    );
  }

  /** Copies the aggregate's decision fields to the columns the ledger filters on. */
  private async writeProjection(
    em: EntityManager,
    id: string,
    next: CaseState,
    deadlines: StoredDeadline[],
  ): Promise<void> {
    await rowsOf(
      em,
      kysely
        .updateTable('cases')
        .set({
          ...projectionOf(next, deadlines),
          state: JSON.stringify(next),
          deadlines: JSON.stringify(deadlines),
          updated_at: sql`now()`,
          closed_at: next.status === 'CLOSED' ? sql`now()` : null,
        })
        .where('id', '=', id),
    );
  }

  private async load(em: EntityManager, actor: Actor, id: string): Promise<Case> {
    const row = await findCaseRow(em, id);
    if (!row || !seesCase(actor, factsOfRow(row))) throw notFound('案件 / Case', 'id');
    const today = todayIn(this.clock);
    const rules = await rulesOfVersion(em, actor.parkId!, row.rules_version);
    const calendar = parkCalendar(rules, await nationalHolidays(em));
    const ctx: DecisionContext = {
      rules,
      actor,
      today,
      departments: await contextDepartments(em),
      deadlines: deadlineFacts(row.deadlines, await referralReplyDates(em, id)),
      calendar,
    };
    const timeline = await caseTimeline(em, id);
    return {
      ...this.present(row, rules, ctx, calendar, timeline),
      documents: await caseDocuments(em, id, today),
      timeline,
    };
  }

  /** A case's documents, for an answer built without them (see CaseFieldsResolver). */
  documentsOf(actor: Actor, id: string): Promise<CaseDocument[]> {
    return this.db.run(actor, async (em) =>
      (await seesCaseById(em, actor, id)) ? caseDocuments(em, id, todayIn(this.clock)) : [],
    );
  }

  /** A case's timeline, for an answer built without it (see CaseFieldsResolver). */
  timelineOf(actor: Actor, id: string): Promise<CaseEvent[]> {
    return this.db.run(actor, async (em) =>
      (await seesCaseById(em, actor, id)) ? caseTimeline(em, id) : [],
    );
  }

  /**
   * The case as the API answers it, from its row; documents and timeline are read when asked for.
   * The approval chain names its signers from the timeline (none before screening).
   */
  private present(
    row: CaseRow,
    rules: ParkRules,
    ctx: DecisionContext,
    calendar: WorkingDayCalendar,
    timeline: readonly CaseEvent[] = [],
  ): Case {
    const state = caseStateFromStored(row.state);
    const deadlines: CaseDeadline[] = row.deadlines.map((d) => presentDeadline(d, calendar, ctx.today));
    return {
      id: row.id,
      registrationNo: row.registration_no,
      rulesVersion: row.rules_version,
      status: row.status,
      version: row.version,
      enterpriseId: row.enterprise_id,
      enterpriseName: row.enterprise_name,
      enterpriseAddress: row.enterprise_address,
      reportedAt: row.reported_at,
      categoryCode: row.category_code,
      channelCode: row.channel_code,
      reportFormCode: row.report_form_code,
      contactName: row.contact_name,
      contactTitle: row.contact_title,
      contactPhone: row.contact_phone,
      contactEmail: row.contact_email,
      title: row.title,
      description: row.description,
      hopedDepartmentIds: row.hoped_department_ids,
      urgent: row.urgent,
      jurisdiction: row.jurisdiction,
      major: row.major,
      policyHeavy: row.policy_heavy,
      leadDepartmentId: row.lead_department_id,
      departmentIds: row.department_ids,
      approverRole: row.approver_role,
      gradeCode: row.grade_code,
      satisfactionCode: row.satisfaction_code,
      allowedActions: allowedCommands(state, ctx),
      approvalChain: approvalChainOf(state, rules, timeline),
      flagCodes: state.flagCodes,
      deadlines,
      overdueDeadlines: overdueDeadlines(state, ctx.deadlines, ctx.today, rules),
      departmentTiers: state.cooperatingDepartmentIds.map((departmentId) => ({
        departmentId,
        tierCode: tierOfDepartment(state, rules, departmentId)?.code ?? '',
        reported: state.partsReported?.includes(departmentId) ?? false,
      })),
      pendingExtension: state.pendingExtension ?? null,
      pendingObjection: state.pendingObjection ?? null,
      objectionSettled: state.objectionSettled ?? false,
      skippedSteps: state.skippedSteps,
      stepDueNow: stepDueNow(state, rules),
      followUpSampling: state.followUpSampling && {
        percent: null,
        bucket: null,
        everyNth: null,
        ordinal: null,
        ...state.followUpSampling,
      },
      notInRegister: state.notInRegister,
      enterpriseLink: enterpriseLinkOf(timeline),
    };
  }
}
