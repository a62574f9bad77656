import type { ParkRules } from '../rules/park-rules.schema.js';
import {
  ESCALATION_GROUND_CODES,
  SPECIAL_SUPERVISION_EVENTS,
  type CaseCommandOf,
  type SpecialSupervisionEvent,
} from './case-commands.js';
import type { CaseState, DecisionContext, Veto } from './case-state.js';
import { isOverdue } from './deadlines.js';
import {
  accept,
  firstVeto,
  optionalText,
  requireGrant,
  requireText,
  SERVICE_CENTER,
  stepOpen,
  veto,
  type CommandHandler,
} from './guards.js';
import { followUpRecorderVeto } from './follow-up-recorders.js';
import { overdueDeadlines, runningSupervisedDeadline } from './overdue-deadlines.js';
import {
  followUpDue,
  gradingPassedOver,
  isSkipped,
  settleSampling,
  stepDueNow,
  stepMode,
} from './procedure-steps.js';

/** Art. 9 and 10: grading, follow-up, close-out and supervision, all by the service center. */

export const findGrade = (rules: ParkRules, code: string | null) => rules.grades.find((g) => g.code === code);
export const findSatisfaction = (rules: ParkRules, code: string | null) =>
  rules.satisfactionScale.find((s) => s.code === code);

const isSatisfied = (state: CaseState, rules: ParkRules): boolean =>
  findSatisfaction(rules, state.satisfactionCode)?.countsAsSatisfied === true;

export const grade: CommandHandler<CaseCommandOf<'grade'>> = {
  permit: (state, ctx) =>
    requireGrant(state, ctx, 'grade', SERVICE_CENTER) ?? stepOpen(state, ctx, 'grading'),
  run(state, command, ctx) {
    const definition = findGrade(ctx.rules, typeof command.gradeCode === 'string' ? command.gradeCode : null);
    if (!definition) {
      const codes = ctx.rules.grades.map((g) => g.code).join(', ');
      return veto(
        'INPUT',
        `must be one of the park's grades: ${codes}`,
        `应为园区规则中的类别：${codes}`,
        'gradeCode',
      );
    }
    const problem = definition.requiresReason
      ? requireText(
          command.reason,
          'reason',
          `Grade ${definition.code}: the reason`,
          `${definition.code}类的原因`,
        )
      : optionalText(command.reason, 'reason');
    if (problem) return problem;
    // A final grade decides whether the case is followed up (Art. 10), once.
    const sample = definition.reviewRequired
      ? { patch: {}, data: {} }
      : settleSampling(state, ctx.rules, ctx.sampling);
    return accept(
      state,
      'grade',
      {
        gradeCode: definition.code,
        satisfactionCode: null,
        // B (being solved) stays under tracking until it is graded again.
        status: definition.reviewRequired ? 'TRACKING' : 'GRADED',
        ...sample.patch,
      },
      {
        gradeCode: definition.code,
        reason: command.reason ?? '',
        previousGradeCode: state.gradeCode,
        reviewRequired: definition.reviewRequired,
        closesCase: definition.closesCase,
        ...sample.data,
      },
    );
  },
};

/** Why no follow-up can be recorded now: graded first, not sampled, skipped, or no such step. */
function followUpVeto(state: CaseState, ctx: DecisionContext): Veto | null {
  if (stepDueNow(state, ctx.rules) === 'followUp') return null;
  if (state.status === 'RESPONDED' && !gradingPassedOver(state, ctx.rules))
    return veto('PRECONDITION', 'Grade the case first', '请先标注类别');
  if (stepMode(ctx.rules, 'followUp') === 'ABSENT')
    return veto('PRECONDITION', 'The park rules have no follow-up', '园区规则未设回访环节');
  if (isSkipped(state, 'followUp'))
    return veto('PRECONDITION', 'The follow-up was skipped on this case', '本案件已跳过回访');
  return veto('PRECONDITION', 'The case was not sampled for a follow-up', '本案件未被抽中回访');
}

export const recordFollowUp: CommandHandler<CaseCommandOf<'recordFollowUp'>> = {
  // The service center, or the case's linked department or cadre where the rules say (recordedBy).
  permit: (state, ctx) => followUpRecorderVeto(state, ctx) ?? followUpVeto(state, ctx),
  run(state, command, ctx) {
    const level = findSatisfaction(
      ctx.rules,
      typeof command.satisfactionCode === 'string' ? command.satisfactionCode : null,
    );
    if (!level) {
      const codes = ctx.rules.satisfactionScale.map((s) => s.code).join(', ');
      return veto(
        'INPUT',
        `must be a level of the park's satisfaction scale: ${codes}`,
        `应为园区规则中的满意度：${codes}`,
        'satisfactionCode',
      );
    }
    return (
      optionalText(command.note, 'note') ??
      accept(
        state,
        'recordFollowUp',
        { status: 'FOLLOWED_UP', satisfactionCode: level.code },
        {
          satisfactionCode: level.code,
          countsAsSatisfied: level.countsAsSatisfied,
          note: command.note ?? '',
        },
      )
    );
  },
};

/**
 * Art. 10: 按单销号, for a grade that closes the case (where it was graded) and an enterprise that
 * is satisfied (where it was followed up, unless the rules only record an unsatisfied answer); a
 * case not sampled, or whose follow-up is absent or skipped, is closed out without one.
 */
export const closeOut: CommandHandler<CaseCommandOf<'closeOut'>> = {
  permit: (state, ctx) =>
    requireGrant(state, ctx, 'closeOut', SERVICE_CENTER) ??
    firstVeto(
      () =>
        state.status === 'RESPONDED' && !gradingPassedOver(state, ctx.rules)
          ? veto('PRECONDITION', 'Grade the case first', '请先标注类别')
          : null,
      () =>
        state.gradeCode === null || findGrade(ctx.rules, state.gradeCode)?.closesCase === true
          ? null
          : veto(
              'PRECONDITION',
              `Grade ${state.gradeCode} does not close a case`,
              `${state.gradeCode}类不能销号`,
            ),
      () =>
        followUpDue(state, ctx.rules) ? veto('PRECONDITION', 'Follow the case up first', '请先回访') : null,
      () =>
        state.status !== 'FOLLOWED_UP' ||
        isSatisfied(state, ctx.rules) ||
        ctx.rules.followUp.onUnsatisfied === 'RECORD_ONLY'
          ? null
          : veto(
              'PRECONDITION',
              'The enterprise is not satisfied: start a special supervision instead',
              '企业不满意，不能销号，应实行专项督办',
            ),
    ),
  run: (state) =>
    accept(
      state,
      'closeOut',
      { status: 'CLOSED' },
      { gradeCode: state.gradeCode, satisfactionCode: state.satisfactionCode },
    ),
};

/**
 * The Art. 10 events that may reopen this case under the park's triggers; an unsatisfied follow-up
 * only where the rules do not merely record it.
 */
export function reopeningEvents(state: CaseState, rules: ParkRules): SpecialSupervisionEvent[] {
  return SPECIAL_SUPERVISION_EVENTS.filter(
    (event) =>
      reopensCase(rules, event) &&
      (event !== 'UNSATISFIED' ||
        (state.status === 'FOLLOWED_UP' &&
          !isSatisfied(state, rules) &&
          rules.followUp.onUnsatisfied === 'SPECIAL_SUPERVISION')),
  );
}

function reopensCase(rules: ParkRules, event: SpecialSupervisionEvent): boolean {
  return rules.supervisionTriggers.some(
    (t) => t.event === event && t.action === 'SPECIAL_SUPERVISION' && t.reopensCase,
  );
}

export const specialSupervision: CommandHandler<CaseCommandOf<'specialSupervision'>> = {
  permit: (state, ctx) =>
    requireGrant(state, ctx, 'specialSupervision', SERVICE_CENTER) ??
    (reopeningEvents(state, ctx.rules).length === 0
      ? veto('PRECONDITION', 'No special supervision applies to the case now', '案件目前不适用专项督办')
      : null),
  run(state, command, ctx) {
    const event = command.event as SpecialSupervisionEvent;
    const problem = firstVeto(
      () =>
        SPECIAL_SUPERVISION_EVENTS.includes(event)
          ? null
          : veto(
              'INPUT',
              `must be one of ${SPECIAL_SUPERVISION_EVENTS.join(', ')}`,
              '督办事由不正确',
              'event',
            ),
      () =>
        reopensCase(ctx.rules, event)
          ? null
          : veto(
              'INPUT',
              `The park rules do not reopen a case for ${event}`,
              `园区规则未规定对该情形实行专项督办`,
              'event',
            ),
      () =>
        event === 'UNSATISFIED' && ctx.rules.followUp.onUnsatisfied === 'RECORD_ONLY'
          ? veto(
              'INPUT',
              'The park rules only record an unsatisfied follow-up',
              '园区规则对回访不满意仅作记录，不实行专项督办',
              'event',
            )
          : null,
      () =>
        reopeningEvents(state, ctx.rules).includes(event)
          ? null
          : veto(
              'INPUT',
              'Only a follow-up that found the enterprise unsatisfied is a reason for this',
              '回访结果为不满意时方可以此为由',
              'event',
            ),
      () => requireText(command.reason, 'reason', 'The reason for the special supervision', '专项督办事由'),
    );
    if (problem) return problem;
    const park = state.jurisdiction === 'PARK';
    return accept(
      state,
      'specialSupervision',
      {
        // Back to the department (park) or the bureaus (district), who must answer again.
        status: park ? 'IN_PROGRESS' : 'REFERRED',
        repliesRecorded: park ? state.repliesRecorded : [],
        gradeCode: null,
        satisfactionCode: null,
        reopenCount: state.reopenCount + 1,
        // A new round: its head review, grading and follow-up are due again (the sample stands).
        skippedSteps: state.skippedSteps.filter((step) => step === 'verification'),
      },
      {
        event,
        reason: command.reason,
        previousGradeCode: state.gradeCode,
        previousSatisfactionCode: state.satisfactionCode,
        addresseeDepartmentIds: park ? [state.leadDepartmentId] : state.referredDepartmentIds,
      },
    );
  },
};

/** Why no supervision letter can be sent now: nothing overdue, or not yet. */
function notOverdueVeto(state: CaseState, ctx: DecisionContext): Veto {
  const running = runningSupervisedDeadline(state, ctx.deadlines);
  if (running?.dueOn === null) {
    return veto(
      'PRECONDITION',
      'Not overdue: the deadline is pending (no holiday data for its year yet)',
      '尚未超期：办理时限待定（缺少节假日数据）',
      'deadlines',
    );
  }
  if (running?.dueOn && !isOverdue(running.dueOn, ctx.today)) {
    return veto(
      'PRECONDITION',
      `Not overdue: due on ${running.dueOn}, today is ${ctx.today}`,
      `尚未超期：时限为${running.dueOn}，今天是${ctx.today}`,
      'deadlines',
    );
  }
  return veto(
    'PRECONDITION',
    'No handling or reply deadline of the case is overdue',
    '案件没有已超期的办理时限或回复时限',
    'deadlines',
  );
}

/**
 * Art. 10: 未按时办结 → 发函督办, when the rules provide it. The due date a letter states is the
 * deadline its addressee missed, from the case's own deadlines: never typed in.
 */
export const superviseOverdue: CommandHandler<CaseCommandOf<'superviseOverdue'>> = {
  permit: (state, ctx) =>
    requireGrant(state, ctx, 'superviseOverdue', SERVICE_CENTER) ??
    firstVeto(
      () =>
        ctx.rules.supervisionTriggers.some((t) => t.event === 'OVERDUE' && t.action === 'SUPERVISION')
          ? null
          : veto(
              'PRECONDITION',
              'The park rules provide no supervision of overdue cases',
              '园区规则未规定超期督办',
            ),
      () =>
        overdueDeadlines(state, ctx.deadlines, ctx.today, ctx.rules).length > 0
          ? null
          : notOverdueVeto(state, ctx),
    ),
  run(state, command, ctx) {
    const problem = optionalText(command.note, 'note');
    if (problem) return problem;
    // One letter per addressee, each stating the deadline that addressee missed.
    const overdue = overdueDeadlines(state, ctx.deadlines, ctx.today, ctx.rules);
    const dueOn = overdue.map((d) => d.dueOn).sort()[0];
    return accept(
      state,
      'superviseOverdue',
      { supervisionCount: state.supervisionCount + 1, supervisedDueOn: dueOn },
      {
        stage: overdue[0].stage,
        dueOn,
        note: command.note ?? '',
        addresseeDepartmentIds: overdue.map((d) => d.departmentId),
        overdue,
      },
    );
  },
};

/**
 * Art. 11: falsification or a leak in handling an assigned matter goes to the park's Party Working
 * Committee. Recorded on the case; the case itself goes on.
 */
export const escalate: CommandHandler<CaseCommandOf<'escalate'>> = {
  permit: (state, ctx) => requireGrant(state, ctx, 'escalate', SERVICE_CENTER),
  run(state, command) {
    const grounds: readonly string[] = ESCALATION_GROUND_CODES;
    const problem = firstVeto(
      () =>
        typeof command.ground === 'string' && grounds.includes(command.ground)
          ? null
          : veto(
              'INPUT',
              `must be one of ${grounds.join(', ')}`,
              `应为以下之一：${grounds.join('、')}`,
              'ground',
            ),
      () => requireText(command.reason, 'reason', 'The reason', '提交理由'),
    );
    if (problem) return problem;
    return accept(state, 'escalate', {}, { ground: command.ground, reason: command.reason });
  },
};
