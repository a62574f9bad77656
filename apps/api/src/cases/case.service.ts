import {
  allowedCommands,
  CalendarDataMissingError,
  decide,
  isoYear,
  numberingCounterScope,
  numberTemplate,
  overdueDeadlines,
  registerCase,
  stageDeadline,
  STATUS_DEADLINE_STAGES,
  workingDayCalendarFor,
  type CaseCommand,
  type CaseState,
  type ContextDepartment,
  type DeadlineFact,
  type DeadlineStage,
  type DecisionContext,
  type OverdueDeadline,
  type ParkRules,
  type Veto,
} from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.js';
import { systemClock, todayIn, type Clock } from '../common/clock.js';
import { assertUuid, badInput, conflict, forbidden, notFound } from '../common/errors.js';
import { currentRequestId } from '../common/request-store.js';
import { scopeOf, scopeSettings, type TenantDb } from '../database/tenant-db.js';
import type { Enterprise } from '../enterprises/enterprise.models.js';
import { cachedRules, rulesOfVersion } from '../rules/rules-cache.js';
import type {
  Case,
  CaseDeadline,
  CaseDocument,
  CaseEvent,
  LedgerPage,
  RegisterCaseInput,
} from './case.models.js';
import type { LedgerFilterValues, LedgerSortValue } from './ledger.js';
import { queryLedger } from './ledger.js';
import {
  caseDocuments,
  caseTimeline,
  findCaseRow,
  referralReplyDates,
  type CaseRow,
  type ReferralReplyDate,
  type StoredDeadline,
} from './case.queries.js';
import { takeNumber } from './numbering.js';

const DEPARTMENT_ROLES = ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'];

/** Department people see only their departments' cases; everyone else in the park sees all. */
function departmentScope(actor: Actor): string[] | null {
  if (actor.roles.some((grant) => !DEPARTMENT_ROLES.includes(grant.role))) return null;
  return actor.roles.map((grant) => grant.departmentId).filter((id): id is string => id !== null);
}

/** A domain veto as the API error a user can act on. */
function vetoError(vetoed: Veto) {
  const message = `${vetoed.reasonZh} / ${vetoed.reason}`;
  if (vetoed.kind === 'PERMISSION') return forbidden(message);
  return badInput([{ path: vetoed.field ?? '', message }]);
}

async function contextDepartments(em: EntityManager): Promise<ContextDepartment[]> {
  return (await em.query(`SELECT id, code, kind, active FROM departments`)) as ContextDepartment[];
}

// A rules object comes from the rules cache and is never changed: its calendar is built once.
const calendars = new WeakMap<ParkRules, ReturnType<typeof workingDayCalendarFor>>();
function calendarOf(rules: ParkRules) {
  let calendar = calendars.get(rules);
  if (!calendar) calendars.set(rules, (calendar = workingDayCalendarFor(rules)));
  return calendar;
}

/** What supervision is decided on (Art. 10): the case's stage deadlines and its letters' reply dates. */
function deadlineFacts(deadlines: StoredDeadline[], letters: readonly ReferralReplyDate[]): DeadlineFact[] {
  return [
    ...deadlines.map((d) => ({
      stage: d.stage as DeadlineStage,
      dueOn: d.dueOn,
      doneOn: d.doneOn,
      departmentId: null,
    })),
    ...letters.map((l) => ({
      stage: 'referralReply' as const,
      dueOn: l.dueOn,
      doneOn: l.doneOn,
      departmentId: l.departmentId,
    })),
  ];
}

/** What registration reads before it decides, in one call (see the register_case migration). */
async function registrationContext(
  db: TenantDb,
  actor: Actor,
  today: string,
  input: RegisterCaseInput,
): Promise<{ rulesVersion: number | null; departments: ContextDepartment[]; enterprise: Enterprise | null }> {
  const [{ context }] = (await db.dataSource.query(`SELECT registration_context($1, $2, $3, $4) AS context`, [
    JSON.stringify(scopeSettings(scopeOf(actor))),
    today,
    input.enterpriseId ?? null,
    input.enterpriseCreditCode ?? null,
  ])) as {
    context: { rulesVersion: number | null; departments: ContextDepartment[]; enterprise: Enterprise | null };
  }[];
  return context;
}

/** A stage's deadline from `from`; none when the holiday data does not reach that far (never guessed). */
function deadlineFor(
  rules: ParkRules,
  stage: DeadlineStage,
  from: string,
  urgent: boolean,
): StoredDeadline | null {
  try {
    const d = stageDeadline(rules, stage, from, { urgency: urgent ? 'URGENT' : 'NORMAL' });
    return { stage, from, dueOn: d.due, amount: d.amount, unit: d.unit, doneOn: null };
  } catch (error) {
    if (error instanceof CalendarDataMissingError) return null;
    throw error;
  }
}

/** Closes the running stage when the status leaves it, and opens the stage of the new status. */
function nextDeadlines(
  deadlines: StoredDeadline[],
  rules: ParkRules,
  before: CaseState['status'] | null,
  after: CaseState,
  today: string,
  urgent: boolean,
  reopened: boolean,
): StoredDeadline[] {
  const stageBefore = before ? STATUS_DEADLINE_STAGES[before] : undefined;
  const stageAfter = STATUS_DEADLINE_STAGES[after.status];
  if (stageBefore === stageAfter && !reopened) return deadlines;
  const closed = deadlines.map((d) => (d.doneOn === null ? { ...d, doneOn: today } : d));
  const opened = stageAfter ? deadlineFor(rules, stageAfter, today, urgent) : null;
  return opened ? [...closed, opened] : closed;
}

/** The registration's and the case's numbered documents issued by an accepted act. */
async function issueDocuments(
  em: EntityManager,
  rules: ParkRules,
  command: CaseCommand,
  next: CaseState,
  row: CaseRow,
  deadlines: StoredDeadline[],
  today: string,
  /** The act's event data, as libs/domain decided it (e.g. whom a supervision letter goes to). */
  eventData: Record<string, unknown>,
): Promise<void> {
  const year = isoYear(today);
  if (command.type === 'approve' && next.status === 'ASSIGNED') {
    // Attachment 3: one assignment sheet naming the lead and cooperating departments.
    const { number } = await takeNumber(em, 'ASSIGNMENT', rules.numbering.ASSIGNMENT, year);
    const due = deadlines.find((d) => d.doneOn === null && d.stage === 'departmentReply');
    await em.query(
      `INSERT INTO case_documents (case_id, kind, number, department_id, issued_on, due_on, data)
       VALUES ($1, 'ASSIGNMENT_SHEET', $2, $3, $4, $5, $6)`,
      [
        row.id,
        number,
        next.leadDepartmentId,
        today,
        due?.dueOn ?? null,
        JSON.stringify({
          cooperatingDepartmentIds: next.cooperatingDepartmentIds,
          approverRole: next.approverRole,
        }),
      ],
    );
  }
  if (command.type === 'approve' && next.sendsReferralLetter) {
    // Art. 7.2 and Attachment 4: one letter per bureau, copied to the cc offices, reply in N working days.
    for (const departmentId of next.referredDepartmentIds) {
      const { number } = await takeNumber(em, 'REFERRAL_LETTER', rules.numbering.REFERRAL_LETTER, year);
      const due = deadlineFor(rules, 'referralReply', today, row.urgent);
      await em.query(
        `INSERT INTO case_documents (case_id, kind, number, department_id, issued_on, due_on, data)
         VALUES ($1, 'REFERRAL_LETTER', $2, $3, $4, $5, $6)`,
        [row.id, number, departmentId, today, due?.dueOn ?? null, JSON.stringify({ cc: next.ccOfficeCodes })],
      );
    }
  }
  if (command.type === 'recordReferralReply') {
    await em.query(
      `UPDATE case_documents SET done_on = $3, data = data || $4
        WHERE case_id = $1 AND kind = 'REFERRAL_LETTER' AND department_id = $2 AND done_on IS NULL`,
      [
        row.id,
        command.departmentId,
        command.repliedOn,
        JSON.stringify({ responsiblePerson: command.responsiblePerson, contact: command.contact }),
      ],
    );
  }
  if (command.type === 'superviseOverdue') {
    // One numbered letter to each addressee the domain names, stating the deadline it missed: the
    // lead department's handling deadline, or a bureau's reply date on its referral letter.
    for (const overdue of eventData.overdue as OverdueDeadline[]) {
      const { number } = await takeNumber(em, 'SUPERVISION_LETTER', rules.numbering.SUPERVISION_LETTER, year);
      await em.query(
        `INSERT INTO case_documents (case_id, kind, number, department_id, issued_on, due_on, data)
         VALUES ($1, 'SUPERVISION_LETTER', $2, $3, $4, NULL, $5)`,
        [
          row.id,
          number,
          overdue.departmentId,
          today,
          JSON.stringify({ overdueSince: overdue.dueOn, stage: overdue.stage, note: command.note ?? '' }),
        ],
      );
    }
  }
}

/** The columns of a case row that mirror its aggregate, in the order of projectionOf. */
const PROJECTION_COLUMNS = [
  'status',
  'version',
  'state',
  'deadlines',
  'next_due_on',
  'next_due_stage',
  'jurisdiction',
  'major',
  'policy_heavy',
  'lead_department_id',
  'department_ids',
  'approver_role',
  'grade_code',
  'satisfaction_code',
];

/** The aggregate's decision fields and earliest open deadline as values of PROJECTION_COLUMNS. */
function projectionOf(next: CaseState, deadlines: StoredDeadline[]): unknown[] {
  const open = deadlines.filter((d) => d.doneOn === null).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
  const departmentIds = [
    ...new Set([
      ...(next.leadDepartmentId ? [next.leadDepartmentId] : []),
      ...next.cooperatingDepartmentIds,
      ...next.referredDepartmentIds,
    ]),
  ];
  return [
    next.status,
    next.version,
    JSON.stringify(next),
    JSON.stringify(deadlines),
    open?.dueOn ?? null,
    open?.stage ?? null,
    next.jurisdiction,
    next.major,
    next.policyHeavy,
    next.leadDepartmentId,
    departmentIds,
    next.approverRole,
    next.gradeCode,
    next.satisfactionCode,
  ];
}

/** The projection as column values of a new case row (JSON, for register_case). */
function projectionRow(next: CaseState, deadlines: StoredDeadline[]): Record<string, unknown> {
  const values = projectionOf(next, deadlines);
  return Object.fromEntries(
    PROJECTION_COLUMNS.map((column, i) => [
      column,
      column === 'state' || column === 'deadlines' ? JSON.parse(values[i] as string) : values[i],
    ]),
  );
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

/**
 * The case lifecycle on top of libs/domain: each act is decided there (role, status, rules of the
 * case's version) and written here in one transaction: row with its version check, timeline event,
 * numbered documents, deadlines and audit record.
 */
export class CaseService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock = systemClock,
  ) {}

  ledger(
    actor: Actor,
    filter: LedgerFilterValues,
    sort: LedgerSortValue,
    first: number,
    after: string | null,
  ): Promise<LedgerPage> {
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw badInput([{ path: 'first', message: 'must be between 1 and 200' }]);
    return this.db.run(actor, (em) =>
      queryLedger(em, {
        filter,
        sort,
        first,
        after,
        today: todayIn(this.clock),
        onlyDepartmentIds: departmentScope(actor),
      }),
    );
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
    // A case not yet registered has no deadlines to supervise.
    const ctx: DecisionContext = { rules, actor, today, departments, deadlines: [] };

    // Art. 2: only enterprises registered and operating in the park; others are recorded and rejected.
    if (input.enterpriseId && !enterprise)
      throw badInput([{ path: 'enterpriseId', message: 'unknown enterprise' }]);
    const name = enterprise?.name ?? input.enterpriseName?.trim();
    if (!name)
      throw badInput([
        { path: 'enterpriseName', message: 'required when the enterprise is not in the register' },
      ]);
    const notInPark = !enterprise || !enterprise.operating;

    const registered = registerCase(
      {
        categoryCode: input.categoryCode,
        channelCode: input.channelCode,
        reportFormCode: input.reportFormCode,
        enterpriseCreditCode: enterprise ? null : (input.enterpriseCreditCode ?? null),
        hopedDepartmentIds: input.hopedDepartmentIds ?? [],
      },
      ctx,
    );
    if (!registered.ok) throw vetoError(registered);
    const urgent = input.urgent ?? false;
    let state = registered.next;
    let deadlines = nextDeadlines([], rules, null, state, today, urgent, false);
    const events = [eventRow(actor, null, state, registered.event, { rulesVersion })];
    const audit = [auditRow(actor, 'case.registered', null, {})];
    if (notInPark) {
      const rejected = decide(
        state,
        { type: 'reject', reason: 'NOT_IN_PARK', note: '企业未在园区登记或未在园经营' },
        ctx,
      );
      if (!rejected.ok) throw vetoError(rejected);
      deadlines = nextDeadlines(deadlines, rules, state.status, rejected.next, today, urgent, false);
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
      report_form_code: input.reportFormCode,
      contact_name: input.contactName.trim(),
      contact_title: input.contactTitle?.trim() || null,
      contact_phone: input.contactPhone.trim(),
      contact_email: input.contactEmail?.trim() || null,
      title: input.title.trim(),
      description: input.description.trim(),
      hoped_department_ids: input.hopedDepartmentIds ?? [],
      urgent,
      registered_by: actor.userId || null,
      ...projectionRow(state, deadlines),
    };
    // One autocommit statement takes the number and writes case, timeline and audit (see the
    // register_case migration): the number's lock is never held across a round trip.
    const [{ written }] = (await this.db.dataSource.query(
      `SELECT register_case($1, $2, $3, $4, $5) AS written`,
      [
        JSON.stringify(scopeSettings(scopeOf(actor))),
        JSON.stringify({
          kind: 'REGISTRATION',
          scope: numberingCounterScope(numbering.reset, year),
          parts: numberTemplate(numbering.format, year),
        }),
        JSON.stringify(row),
        JSON.stringify(events),
        JSON.stringify(audit),
      ],
    )) as { written: { id: string; registrationNo: string } }[];
    return this.present(
      { ...row, id: written.id, registration_no: written.registrationNo } as unknown as CaseRow,
      rules,
      ctx,
    );
  }

  act(actor: Actor, caseId: string, version: number, command: CaseCommand): Promise<Case> {
    assertUuid(caseId, 'caseId');
    return this.db.run(actor, async (em) => {
      const row = await findCaseRow(em, caseId, true);
      const scope = departmentScope(actor);
      if (!row || (scope && !row.department_ids.some((id) => scope.includes(id))))
        throw notFound('案件 / Case', 'caseId');
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
      };
      await this.apply(em, actor, row, command, rules, ctx);
      return this.load(em, actor, caseId);
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
    const state = row.state as unknown as CaseState;
    const decision = decide(state, command, ctx);
    if (!decision.ok) throw vetoError(decision);
    const next = decision.next;
    const reopened = next.reopenCount > state.reopenCount;
    const deadlines = nextDeadlines(
      row.deadlines,
      rules,
      state.status,
      next,
      ctx.today,
      row.urgent,
      reopened,
    );
    await issueDocuments(em, rules, command, next, row, deadlines, ctx.today, decision.event.data);
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
    await em.query(
      `INSERT INTO case_events (case_id, case_version, type, actor_user_id, actor_role, data, status_before, status_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        caseId,
        next.version,
        event.type,
        actor.userId || null,
        actor.roles[0]?.role ?? null,
        JSON.stringify(event.data),
        before,
        next.status,
      ],
    );
  }

  /** Copies the aggregate's decision fields to the columns the ledger filters on. */
  private async writeProjection(
    em: EntityManager,
    id: string,
    next: CaseState,
    deadlines: StoredDeadline[],
  ): Promise<void> {
    const sets = PROJECTION_COLUMNS.map((column, i) => `${column} = $${i + 2}`).join(', ');
    await em.query(
      `UPDATE cases SET ${sets}, updated_at = now(),
              closed_at = CASE WHEN $2 = 'CLOSED' THEN now() ELSE NULL END
        WHERE id = $1`,
      [id, ...projectionOf(next, deadlines)],
    );
  }

  private async load(em: EntityManager, actor: Actor, id: string): Promise<Case> {
    const row = await findCaseRow(em, id);
    const scope = departmentScope(actor);
    if (!row || (scope && !row.department_ids.some((d) => scope.includes(d))))
      throw notFound('案件 / Case', 'id');
    const today = todayIn(this.clock);
    const rules = await rulesOfVersion(em, actor.parkId!, row.rules_version);
    const ctx: DecisionContext = {
      rules,
      actor,
      today,
      departments: await contextDepartments(em),
      deadlines: deadlineFacts(row.deadlines, await referralReplyDates(em, id)),
    };
    return {
      ...this.present(row, rules, ctx),
      documents: await caseDocuments(em, id, today),
      timeline: await caseTimeline(em, id),
    };
  }

  /** A case's documents, for an answer built without them (see CaseFieldsResolver). */
  documentsOf(actor: Actor, id: string): Promise<CaseDocument[]> {
    return this.db.run(actor, (em) => caseDocuments(em, id, todayIn(this.clock)));
  }

  /** A case's timeline, for an answer built without it (see CaseFieldsResolver). */
  timelineOf(actor: Actor, id: string): Promise<CaseEvent[]> {
    return this.db.run(actor, (em) => caseTimeline(em, id));
  }

  /** The case as the API answers it, from its row; documents and timeline are read when asked for. */
  private present(row: CaseRow, rules: ParkRules, ctx: DecisionContext): Case {
    const state = row.state as unknown as CaseState;
    const calendar = calendarOf(rules);
    const deadlines: CaseDeadline[] = row.deadlines.map((d) => {
      let trace: CaseDeadline['trace'] = [];
      try {
        trace = stageDeadline(rules, d.stage as DeadlineStage, d.from, {
          calendar,
          urgency: row.urgent ? 'URGENT' : 'NORMAL',
        }).trace;
      } catch (error) {
        if (!(error instanceof CalendarDataMissingError)) throw error;
      }
      const overdue = d.doneOn ? d.doneOn > d.dueOn : ctx.today > d.dueOn;
      return { ...d, overdue, trace };
    });
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
      state: row.state,
      allowedActions: allowedCommands(state, ctx),
      deadlines,
      overdueDeadlines: overdueDeadlines(state, ctx.deadlines, ctx.today),
    };
  }
}
