import { CASE_EVENT_TYPES, type CaseState, type ParkRules } from '@qifu/domain';
import type { ApprovalStep, CaseEvent } from './case.models.js';

/** A timeline event as the chain reads it: the fields of CaseEvent it looks at. */
type TimelineEvent = Pick<CaseEvent, 'type' | 'occurredAt' | 'actorName' | 'data'>;

/**
 * The sign-offs since the case was last screened (a send-back ends a chain; screening starts the
 * next), by step. An approval recorded before chains had one step and no index.
 */
export function signOffsOf<E extends TimelineEvent>(timeline: readonly E[]): Map<number, E> {
  let start = 0;
  timeline.forEach((event, i) => {
    if (event.type === CASE_EVENT_TYPES.screen) start = i + 1;
  });
  const signOffs = new Map<number, E>();
  for (const event of timeline.slice(start)) {
    if (event.type !== CASE_EVENT_TYPES.approve) continue;
    const index = event.data.stepIndex;
    signOffs.set(typeof index === 'number' ? index : 0, event);
  }
  return signOffs;
}

/** The case's approval chain with the step names of its rules and who signed each step when. */
export function approvalChainOf(
  state: CaseState,
  rules: ParkRules,
  timeline: readonly TimelineEvent[],
): ApprovalStep[] {
  const route = rules.approvalRoutes.find((r) => r.code === state.routeCode);
  const signOffs = signOffsOf(timeline);
  return state.approvalSteps.map((role, index) => {
    const defined = route?.approvalSteps[index];
    const signed = signOffs.get(index);
    return {
      index,
      role,
      labelZh: defined?.labelZh ?? null,
      labelEn: defined?.labelEn ?? null,
      current: state.status === 'PENDING_APPROVAL' && index === state.approvalStepIndex,
      signedByName: signed ? (signed.actorName ?? '') : null,
      signedAt: signed?.occurredAt ?? null,
      opinion: signed ? String(signed.data.opinion ?? '') : null,
    };
  });
}
