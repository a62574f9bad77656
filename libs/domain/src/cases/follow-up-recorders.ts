import type { FollowUpRecorder, ParkRules } from '../rules/park-rules.schema.js';
import type { CaseState, DecisionContext, Veto } from './case-state.js';
import { requireGrant, SERVICE_CENTER, veto } from './guards.js';

/** Art. 10 as Zhengyang has it: the service center follows every case up. */
export const DEFAULT_FOLLOW_UP_RECORDERS: readonly FollowUpRecorder[] = ['SERVICE_CENTER'];

export function followUpRecorders(rules: Pick<ParkRules, 'followUp'>): readonly FollowUpRecorder[] {
  return rules.followUp.recordedBy ?? DEFAULT_FOLLOW_UP_RECORDERS;
}

/**
 * Who records this case's follow-up: the recorders the rules list that the case has (a linked
 * department or cadre recorded at registration); the service center when it has none of them, so
 * that no case is left without someone to follow it up.
 */
export function caseFollowUpRecorders(
  state: CaseState,
  rules: Pick<ParkRules, 'followUp'>,
): FollowUpRecorder[] {
  const present = followUpRecorders(rules).filter(
    (recorder) =>
      recorder === 'SERVICE_CENTER' ||
      (recorder === 'LINKED_DEPARTMENT' && !!state.linkedDepartmentId) ||
      (recorder === 'LINKED_CADRE' && !!state.linkedCadreUserId),
  );
  return present.length > 0 ? present : ['SERVICE_CENTER'];
}

function isRecorder(recorder: FollowUpRecorder, state: CaseState, ctx: DecisionContext): boolean {
  switch (recorder) {
    case 'SERVICE_CENTER':
      return ctx.actor.roles.some((held) => held.role === 'SERVICE_CENTER_STAFF');
    case 'LINKED_DEPARTMENT':
      return ctx.actor.roles.some(
        (held) =>
          (held.role === 'DEPARTMENT_HEAD' || held.role === 'DEPARTMENT_HANDLER') &&
          held.departmentId !== null &&
          held.departmentId === state.linkedDepartmentId,
      );
    case 'LINKED_CADRE':
      return !!ctx.actor.userId && ctx.actor.userId === state.linkedCadreUserId;
  }
}

const RECORDER_LABELS: Record<FollowUpRecorder, { zh: string; en: string }> = {
  SERVICE_CENTER: { zh: '企业服务中心工作人员', en: 'service center staff' },
  LINKED_DEPARTMENT: {
    zh: '挂钩联系部门的部室负责人或经办人',
    en: "linked department's head or handlers",
  },
  LINKED_CADRE: { zh: '挂钩联系干部', en: 'linked cadre' },
};

/** The recordFollowUp act's permission: one of the case's recorders, else a veto naming them. */
export function followUpRecorderVeto(state: CaseState, ctx: DecisionContext): Veto | null {
  const recorders = caseFollowUpRecorders(state, ctx.rules);
  // The service center alone: the wording every park had before linked recorders.
  if (recorders.length === 1 && recorders[0] === 'SERVICE_CENTER')
    return requireGrant(state, ctx, 'recordFollowUp', SERVICE_CENTER);
  if (recorders.some((recorder) => isRecorder(recorder, state, ctx))) return null;
  return veto(
    'PERMISSION',
    `Record follow-up: only the ${recorders.map((r) => RECORDER_LABELS[r].en).join(' or the ')} may do this`,
    `仅${recorders.map((r) => RECORDER_LABELS[r].zh).join('或')}可以回访`,
  );
}

/**
 * The linked department and cadre that may record this case's follow-up under its rules: besides
 * their own cases they see this one (the API keeps them on the case row).
 */
export function linkedFollowUpReach(
  state: CaseState,
  rules: Pick<ParkRules, 'followUp'>,
): { departmentId: string | null; userId: string | null } {
  const recorders = caseFollowUpRecorders(state, rules);
  return {
    departmentId: recorders.includes('LINKED_DEPARTMENT') ? (state.linkedDepartmentId ?? null) : null,
    userId: recorders.includes('LINKED_CADRE') ? (state.linkedCadreUserId ?? null) : null,
  };
}
