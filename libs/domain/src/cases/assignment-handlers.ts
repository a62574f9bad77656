import { DEPARTMENT_ROLES, type ParkRole } from '../auth/roles.js';
import { addWorkingDays, workingDaysBefore, type WorkingDayCalendar } from '../calendar/working-days.js';
import { addDaysToIsoDate, isIsoDate, type IsoDate } from '../calendar/iso-date.js';
import { CalendarDataMissingError } from '../rules/errors.js';
import { OBJECTION_OUTCOMES, type CaseCommandOf } from './case-commands.js';
import type { CaseState, DeadlineFact, DecisionContext, Veto } from './case-state.js';
import {
  accept,
  firstVeto,
  leadAndCooperatingProblem,
  requireBoolean,
  requireGrant,
  requireText,
  veto,
  type CommandHandler,
  type Grant,
} from './guards.js';
import { LEAD_DEPARTMENT } from './handling-handlers.js';
import { resolveDepartmentTiers } from './assignment-tiers.js';

/**
 * What a lead department may ask about its assignment, and who decides: extensions of its reply
 * deadline (延期申请) and objections to the assignment itself (异议), both as the park's rules set them.
 */

/** The decider roles of the rules; a department role decides only for the lead department. */
function deciders(roles: readonly ParkRole[]): Grant[] {
  return roles.map((role) =>
    (DEPARTMENT_ROLES as readonly ParkRole[]).includes(role) ? { role, scope: 'LEAD' } : { role },
  );
}

/** The case's own running reply deadline (the lead department's clock). */
function runningReply(deadlines: readonly DeadlineFact[]): DeadlineFact | undefined {
  return deadlines
    .filter((d) => d.departmentId === null && d.stage === 'departmentReply' && d.doneOn === null)
    .at(-1);
}

function needCalendar(ctx: DecisionContext): WorkingDayCalendar | Veto {
  return ctx.calendar ?? veto('PRECONDITION', 'The park calendar is not available', '园区工作日历不可用');
}

const isVeto = (value: unknown): value is Veto =>
  typeof value === 'object' && value !== null && (value as Veto).ok === false;

/** Working days after `from` up to and including `to` (`to` after `from`). */
function workingDaysAfter(calendar: WorkingDayCalendar, from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let date = addDaysToIsoDate(from, 1); date <= to; date = addDaysToIsoDate(date, 1))
    if (calendar.isWorkingDay(date)) n++;
  return n;
}

const calendarDaysAfter = (from: IsoDate, to: IsoDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Refusals a missing year of holiday data causes, as an input problem of the date that needs it. */
function withCalendar<T>(field: string, compute: () => T): T | Veto {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof CalendarDataMissingError)) throw error;
    return veto(
      'INPUT',
      `no holiday data for ${error.year} yet: the date cannot be checked`,
      `缺少${error.year}年节假日数据，暂无法核定该日期`,
      field,
    );
  }
}

export const requestExtension: CommandHandler<CaseCommandOf<'requestExtension'>> = {
  permit: (state, ctx) => {
    const rule = ctx.rules.extensions.departmentReply;
    const reply = runningReply(ctx.deadlines);
    return (
      requireGrant(state, ctx, 'requestExtension', LEAD_DEPARTMENT) ??
      (!rule
        ? veto(
            'PRECONDITION',
            'The park rules allow no extension of the reply deadline',
            '本园区规则不允许延期',
          )
        : state.pendingExtension
          ? veto('PRECONDITION', 'An extension is already awaiting a decision', '已有延期申请待审批')
          : (state.extensionCount ?? 0) >= rule.maxCount
            ? veto(
                'PRECONDITION',
                `The reply deadline was extended ${rule.maxCount} time(s), the most the rules allow`,
                `办理时限已延期${rule.maxCount}次，已达规则上限`,
              )
            : !reply?.dueOn
              ? veto(
                  'PRECONDITION',
                  'The reply deadline is not known yet (期限待定)',
                  '办理时限待定，暂不能申请延期',
                )
              : null)
    );
  },
  run: (state, command, ctx) => {
    const rule = ctx.rules.extensions.departmentReply!;
    const dueOn = runningReply(ctx.deadlines)!.dueOn!;
    const calendar = needCalendar(ctx);
    if (isVeto(calendar)) return calendar;
    const cutOff = withCalendar('newDueOn', () =>
      workingDaysBefore(calendar, dueOn, rule.requestBeforeWorkingDays),
    );
    if (isVeto(cutOff)) return cutOff;
    if (ctx.today > cutOff)
      return veto(
        'PRECONDITION',
        `Too late: an extension must be asked for by ${cutOff}, ${rule.requestBeforeWorkingDays} working day(s) before the due date ${dueOn}`,
        `已过申请期限：延期须在到期日（${dueOn}）前${rule.requestBeforeWorkingDays}个工作日，即${cutOff}前提出`,
      );
    const problem = firstVeto(
      () =>
        isIsoDate(command.newDueOn)
          ? null
          : veto('INPUT', 'must be a date YYYY-MM-DD', '应为日期（YYYY-MM-DD）', 'newDueOn'),
      () =>
        command.newDueOn > dueOn
          ? null
          : veto('INPUT', `must be after the due date ${dueOn}`, `须晚于现到期日${dueOn}`, 'newDueOn'),
      () => requireText(command.reason, 'reason', 'Why more time is needed', '延期理由'),
    );
    if (problem) return problem;
    const { amount, unit } = rule.maxLength;
    const length = withCalendar('newDueOn', () =>
      unit === 'WORKING_DAYS'
        ? workingDaysAfter(calendar, dueOn, command.newDueOn)
        : calendarDaysAfter(dueOn, command.newDueOn),
    );
    if (isVeto(length)) return length;
    if (length > amount) {
      const zhUnit = unit === 'WORKING_DAYS' ? '个工作日' : '日';
      const enUnit = unit === 'WORKING_DAYS' ? 'working day(s)' : 'day(s)';
      return veto(
        'INPUT',
        `at most ${amount} ${enUnit} past the due date ${dueOn} (asked: ${length})`,
        `最多延期${amount}${zhUnit}（本次${length}${zhUnit}）`,
        'newDueOn',
      );
    }
    const pendingExtension = {
      fromDueOn: dueOn,
      newDueOn: command.newDueOn,
      reason: command.reason.trim(),
      requestedOn: ctx.today,
    };
    return accept(
      state,
      'requestExtension',
      { pendingExtension },
      { ...pendingExtension, stage: 'departmentReply' },
    );
  },
};

export const decideExtension: CommandHandler<CaseCommandOf<'decideExtension'>> = {
  permit: (state, ctx) => {
    const rule = ctx.rules.extensions.departmentReply;
    if (!state.pendingExtension)
      return veto('PRECONDITION', 'No extension is awaiting a decision', '没有待审批的延期申请');
    if (!rule)
      return veto(
        'PRECONDITION',
        'The park rules allow no extension of the reply deadline',
        '本园区规则不允许延期',
      );
    return requireGrant(state, ctx, 'decideExtension', deciders(rule.decidedBy));
  },
  run: (state, command) => {
    const pending = state.pendingExtension!;
    const problem = firstVeto(
      () => requireBoolean(command.approved, 'approved'),
      () =>
        command.approved ? null : requireText(command.note, 'note', 'Why it is refused', '不同意的理由'),
    );
    if (problem) return problem;
    return accept(
      state,
      'decideExtension',
      {
        pendingExtension: null,
        extensionCount: (state.extensionCount ?? 0) + (command.approved ? 1 : 0),
      },
      {
        stage: 'departmentReply',
        approved: command.approved,
        fromDueOn: pending.fromDueOn,
        toDueOn: pending.newDueOn,
        reason: pending.reason,
        requestedOn: pending.requestedOn,
        note: command.note?.trim() ?? '',
      },
    );
  },
};

export const objectToAssignment: CommandHandler<CaseCommandOf<'objectToAssignment'>> = {
  permit: (state, ctx) => {
    const rules = ctx.rules.objections;
    return (
      requireGrant(state, ctx, 'objectToAssignment', LEAD_DEPARTMENT) ??
      (!rules
        ? veto(
            'PRECONDITION',
            'The park rules allow no objection to an assignment',
            '本园区规则不受理交办异议',
          )
        : state.pendingObjection
          ? veto('PRECONDITION', 'An objection is already awaiting a decision', '已有异议待处理')
          : state.objectionSettled
            ? veto(
                'PRECONDITION',
                'The objection was decided: the assignment stands',
                '异议已处理，维持原交办，不能再次提出',
              )
            : !runningReply(ctx.deadlines)
              ? veto(
                  'PRECONDITION',
                  'The assignment has no running reply deadline',
                  '交办事项没有进行中的办理时限',
                )
              : null)
    );
  },
  run: (state, command, ctx) => {
    const rules = ctx.rules.objections!;
    const reply = runningReply(ctx.deadlines)!;
    if (!reply.from) return veto('PRECONDITION', 'The assignment date is not known', '交办日期不明');
    const assignedOn = reply.from;
    const calendar = needCalendar(ctx);
    if (isVeto(calendar)) return calendar;
    const lastDay = withCalendar(
      'reason',
      () => addWorkingDays(calendar, assignedOn, rules.windowWorkingDays).due,
    );
    if (isVeto(lastDay)) return lastDay;
    if (ctx.today > lastDay)
      return veto(
        'PRECONDITION',
        `Too late: an objection is raised within ${rules.windowWorkingDays} working day(s) of the assignment (${assignedOn}), by ${lastDay}`,
        `已过异议期限：须在交办（${assignedOn}）后${rules.windowWorkingDays}个工作日内，即${lastDay}前提出`,
      );
    const problem = requireText(command.reason, 'reason', 'Why the assignment is contested', '异议理由');
    if (problem) return problem;
    const pendingObjection = {
      departmentId: state.leadDepartmentId!,
      reason: command.reason.trim(),
      raisedOn: ctx.today,
    };
    return accept(state, 'objectToAssignment', { pendingObjection }, { ...pendingObjection, assignedOn });
  },
};

export const decideObjection: CommandHandler<CaseCommandOf<'decideObjection'>> = {
  permit: (state, ctx) => {
    if (!state.pendingObjection)
      return veto('PRECONDITION', 'No objection is awaiting a decision', '没有待处理的异议');
    const rules = ctx.rules.objections;
    if (!rules)
      return veto(
        'PRECONDITION',
        'The park rules allow no objection to an assignment',
        '本园区规则不受理交办异议',
      );
    // The department that objected does not decide its own objection.
    const grants = deciders(rules.decidedBy).filter((grant) => grant.scope === undefined);
    return requireGrant(state, ctx, 'decideObjection', grants);
  },
  run: (state, command, ctx) => {
    const pending = state.pendingObjection!;
    const problem = firstVeto(
      () =>
        (OBJECTION_OUTCOMES as readonly string[]).includes(command.outcome)
          ? null
          : veto(
              'INPUT',
              `must be one of: ${OBJECTION_OUTCOMES.join(', ')}`,
              '应为维持原交办或调整办理单位',
              'outcome',
            ),
      () => requireText(command.note, 'note', 'The decision’s reasons', '处理意见'),
      () => (command.outcome === 'REASSIGNED' ? reassignmentProblem(state, command, ctx) : null),
    );
    if (problem) return problem;
    const data = {
      outcome: command.outcome,
      note: command.note.trim(),
      objectingDepartmentId: pending.departmentId,
      objectionReason: pending.reason,
    };
    if (command.outcome === 'MAINTAINED')
      return accept(state, 'decideObjection', { pendingObjection: null, objectionSettled: true }, data);
    const cooperating = command.cooperatingDepartmentIds ?? [];
    const resolved = resolveDepartmentTiers(ctx, cooperating, command.departmentTiers);
    if (!resolved.ok) return resolved;
    const departmentTiers = resolved.tiers;
    return accept(
      state,
      'decideObjection',
      {
        status: 'ASSIGNED',
        leadDepartmentId: command.leadDepartmentId!,
        cooperatingDepartmentIds: cooperating,
        // A new assignment: every tier's part is owed again, on new clocks.
        departmentTiers,
        partsReported: [],
        pendingObjection: null,
        objectionSettled: false,
        // The new lead department's clock: its own extensions.
        pendingExtension: null,
        extensionCount: 0,
      },
      {
        ...data,
        leadDepartmentId: command.leadDepartmentId,
        cooperatingDepartmentIds: cooperating,
        departmentTiers,
      },
    );
  },
};

function reassignmentProblem(
  state: CaseState,
  command: CaseCommandOf<'decideObjection'>,
  ctx: DecisionContext,
): Veto | null {
  const lead = command.leadDepartmentId ?? null;
  const cooperating = command.cooperatingDepartmentIds ?? [];
  return firstVeto(
    () =>
      leadAndCooperatingProblem(ctx, lead, cooperating, {
        en: 'Name the department the case goes to',
        zh: '请指定新的牵头办理部室',
      }),
    () =>
      lead === state.leadDepartmentId
        ? veto(
            'INPUT',
            'That is the department that objected: maintain the assignment instead',
            '新牵头部室与原部室相同，请选择“维持原交办”',
            'leadDepartmentId',
          )
        : null,
  );
}
