import { PROCEDURE_STEP_LABELS, type CaseCommandOf } from './case-commands.js';
import type { CaseState, DecisionContext, Veto } from './case-state.js';
import {
  accept,
  firstVeto,
  requireGrant,
  requireText,
  SERVICE_CENTER,
  veto,
  type CommandHandler,
} from './guards.js';
import { responded, settleSampling, stepDueNow, stepMode } from './procedure-steps.js';

/**
 * An OPTIONAL step of the park's rules passed over on one case by the service center (Art. 4: it
 * runs the procedure), with the reason; the timeline keeps who and why. A case flagged as not in
 * the register cannot skip the verification that must confirm or reject it.
 */

function skipVeto(state: CaseState, ctx: DecisionContext): Veto | null {
  const step = stepDueNow(state, ctx.rules);
  if (step === null)
    return veto('PRECONDITION', 'No step is due that could be skipped', '当前没有可跳过的步骤');
  const label = PROCEDURE_STEP_LABELS[step];
  if (stepMode(ctx.rules, step) !== 'OPTIONAL')
    return veto(
      'PRECONDITION',
      `${label.en} is required by the park rules`,
      `园区规则规定${label.zh}为必经步骤`,
    );
  if (step === 'verification' && state.notInRegister === 'FLAGGED')
    return veto(
      'PRECONDITION',
      'The enterprise is not in the register: verification must confirm it or the case is rejected',
      '企业不在园区企业名录中，须经核实确认或不予受理，不能跳过核实',
    );
  return null;
}

export const skipStep: CommandHandler<CaseCommandOf<'skipStep'>> = {
  permit: (state, ctx) => requireGrant(state, ctx, 'skipStep', SERVICE_CENTER) ?? skipVeto(state, ctx),
  run(state, command, ctx) {
    const due = stepDueNow(state, ctx.rules)!;
    const problem = firstVeto(
      () =>
        command.step === due
          ? null
          : veto(
              'INPUT',
              `must be ${due}: the step due now (${PROCEDURE_STEP_LABELS[due].en})`,
              `当前可跳过的步骤为${PROCEDURE_STEP_LABELS[due].zh}`,
              'step',
            ),
      () => requireText(command.reason, 'reason', 'The reason for skipping the step', '跳过理由'),
    );
    if (problem) return problem;
    const data = { step: due, reason: command.reason };
    const skippedSteps = [...state.skippedSteps, due];
    if (due === 'headReview') {
      // The result goes to the service center without the head's review.
      const answered = responded(state, ctx.rules, ctx.sampling);
      return accept(state, 'skipStep', { skippedSteps, ...answered.patch }, { ...data, ...answered.data });
    }
    if (due === 'grading') {
      // Passing grading decides the follow-up sample, as a grade would.
      const sample = settleSampling(state, ctx.rules, ctx.sampling);
      return accept(state, 'skipStep', { skippedSteps, ...sample.patch }, { ...data, ...sample.data });
    }
    return accept(state, 'skipStep', { skippedSteps }, data);
  },
};
