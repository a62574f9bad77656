import { ccOfficesOn } from '../rules/route-matching.js';
import type { CaseCommandOf } from './case-commands.js';
import type { CaseState, DecisionContext, Veto } from './case-state.js';
import {
  accept,
  firstVeto,
  optionalText,
  requireGrant,
  SERVICE_CENTER,
  veto,
  type CommandHandler,
} from './guards.js';
import { overdueDeadlines, type OverdueDeadline } from './overdue-deadlines.js';

/**
 * 移交: an overdue case its supervision letter did not move goes to outside offices (督查室、效能办…)
 * that supervise beyond the park: by the deadline job once the rules' `overdueHandover` window has
 * passed, or by the service center by hand. Recorded on the case; the case itself goes on.
 */

/** The earliest overdue date: what a supervision letter stated and a hand-over cites. */
function earliestOverdue(overdue: readonly OverdueDeadline[]): string | undefined {
  return overdue.map((d) => d.dueOn).sort()[0];
}

/** Whether the overdue deadline was supervised (a case stored before hand-overs: any supervision). */
function supervised(state: CaseState, dueOn: string): boolean {
  if (state.supervisionCount === 0) return false;
  return state.supervisedDueOn == null || state.supervisedDueOn === dueOn;
}

function handOverPrecondition(state: CaseState, ctx: DecisionContext): Veto | null {
  const overdue = overdueDeadlines(state, ctx.deadlines, ctx.today, ctx.rules);
  const dueOn = earliestOverdue(overdue);
  return firstVeto(
    () =>
      ctx.rules.overdueHandover
        ? null
        : veto(
            'PRECONDITION',
            'The park rules hand no overdue case over to an outside office',
            '园区规则未规定向外部督查单位移交超期事项',
          ),
    () =>
      dueOn
        ? null
        : veto(
            'PRECONDITION',
            'Only an overdue case can be handed over',
            '仅超过办结时限的事项可以移交',
            'deadlines',
          ),
    () =>
      supervised(state, dueOn!)
        ? null
        : veto(
            'PRECONDITION',
            `The deadline of ${dueOn} has not been supervised: send the supervision letter first`,
            `${dueOn}到期的事项尚未发函督办，请先督办`,
            'deadlines',
          ),
    () =>
      state.handedOverDueOn === dueOn
        ? veto(
            'PRECONDITION',
            `Already handed over for the deadline of ${dueOn}`,
            `已就${dueOn}到期的事项移交`,
            'deadlines',
          )
        : null,
  );
}

/** The offices named: a list of cc offices of the rules, each once; none given, the rules' own. */
function officesProblem(ctx: DecisionContext, officeCodes: unknown): Veto | null {
  if (!Array.isArray(officeCodes) || officeCodes.length === 0)
    return veto('INPUT', 'must name at least one outside office', '请选择移交单位', 'officeCodes');
  for (const [i, code] of officeCodes.entries()) {
    if (officeCodes.indexOf(code) !== i) return veto('INPUT', 'is listed twice', '重复', `officeCodes[${i}]`);
    if (!ctx.rules.ccOffices.some((office) => office.code === code))
      return veto(
        'INPUT',
        `must be a cc office of the park rules: ${ctx.rules.ccOffices.map((o) => o.code).join(', ')}`,
        '应为园区规则中的抄送单位',
        `officeCodes[${i}]`,
      );
  }
  return null;
}

export const handOverToOffice: CommandHandler<CaseCommandOf<'handOverToOffice'>> = {
  permit: (state, ctx) =>
    requireGrant(state, ctx, 'handOverToOffice', SERVICE_CENTER) ?? handOverPrecondition(state, ctx),
  run(state, command, ctx) {
    const officeCodes = command.officeCodes ?? ctx.rules.overdueHandover?.officeCodes;
    const problem = officesProblem(ctx, officeCodes) ?? optionalText(command.note, 'note');
    if (problem) return problem;
    const overdue = overdueDeadlines(state, ctx.deadlines, ctx.today, ctx.rules);
    const dueOn = earliestOverdue(overdue)!;
    const addressed = officeCodes as string[];
    return accept(
      state,
      'handOverToOffice',
      { handedOverDueOn: dueOn },
      {
        officeCodes: [...addressed],
        // Offices copied on hand-overs, besides those it is addressed to.
        ccOfficeCodes: ccOfficesOn(ctx.rules, 'OVERDUE_HANDOVER', {
          major: state.major,
          addressedTo: addressed,
        }).map((office) => office.code),
        stage: overdue[0].stage,
        dueOn,
        supervisedDueOn: state.supervisedDueOn ?? null,
        note: command.note ?? '',
        addresseeDepartmentIds: overdue.map((d) => d.departmentId),
        overdue,
      },
    );
  },
};
