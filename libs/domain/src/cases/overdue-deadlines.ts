import type { IsoDate } from '../calendar/iso-date.js';
import { leadTier, TIER_REPORT_STAGE, type TierRules } from './assignment-tiers.js';
import type { CaseState, DeadlineFact } from './case-state.js';
import { isOverdue } from './deadlines.js';

/**
 * The stages whose lateness Art. 10 answers with a supervision letter (督办): handling, replies, and
 * the reports of split and assisting departments whose tier is supervised when late.
 */
export const SUPERVISED_STAGES = ['departmentReply', 'referralReply', TIER_REPORT_STAGE] as const;
export type SupervisedStage = (typeof SUPERVISED_STAGES)[number];

export function isSupervisedStage(stage: string): stage is SupervisedStage {
  return (SUPERVISED_STAGES as readonly string[]).includes(stage);
}

/** A deadline missed, as one supervision letter cites it: who missed it and when it was due. */
export interface OverdueDeadline {
  stage: SupervisedStage;
  dueOn: IsoDate;
  /** The addressee: the lead department, a split or assisting department, or a bureau that has not replied. */
  departmentId: string | null;
  /** The split or assisting tier whose clock ran out (`assignmentTiers` code); absent for the lead and bureaus. */
  tierCode?: string;
}

/** The case's own open deadline of a stage (not a referral letter's). */
function openStageDeadline(deadlines: readonly DeadlineFact[], stage: SupervisedStage) {
  return deadlines.filter((d) => d.departmentId === null && d.stage === stage && d.doneOn === null).at(-1);
}

/** The reply date a bureau owes: its latest referral letter, unless that one was answered already. */
function bureauDueOn(
  deadlines: readonly DeadlineFact[],
  bureauId: string,
  caseDueOn: IsoDate | null | undefined,
): IsoDate | null | undefined {
  const letter = deadlines.filter((d) => d.departmentId === bureauId && d.stage === 'referralReply').at(-1);
  if (letter && letter.doneOn === null) return letter.dueOn;
  // Answered before a special supervision sent the case back: the case's new reply deadline runs.
  return caseDueOn;
}

/**
 * Art. 10 (未按时办结的，及时发函督办): the deadlines a supervision letter would cite today, one per
 * addressee, none when nothing is overdue. A park case: its open handling deadline (departmentReply)
 * past its due date, for the lead department, and each split or assisting department's open clock
 * past its due date — of the tiers the rules supervise when late. A referral case: each bureau that
 * has not replied, past the reply date of its referral letter.
 */
export function overdueDeadlines(
  state: CaseState,
  deadlines: readonly DeadlineFact[],
  today: IsoDate,
  rules: TierRules,
): OverdueDeadline[] {
  if (state.jurisdiction === 'PARK') {
    const handling = openStageDeadline(deadlines, 'departmentReply');
    const leadLate =
      leadTier(rules).supervisedWhenLate && handling?.dueOn && isOverdue(handling.dueOn, today)
        ? [
            {
              stage: 'departmentReply' as const,
              dueOn: handling.dueOn,
              departmentId: state.leadDepartmentId,
            },
          ]
        : [];
    const supervisedTiers = new Set(
      rules.assignmentTiers.filter((tier) => tier.supervisedWhenLate).map((tier) => tier.code),
    );
    const partsLate = deadlines.flatMap((d) =>
      d.stage === TIER_REPORT_STAGE &&
      d.doneOn === null &&
      d.dueOn &&
      d.tierCode &&
      supervisedTiers.has(d.tierCode) &&
      isOverdue(d.dueOn, today)
        ? [
            {
              stage: TIER_REPORT_STAGE as SupervisedStage,
              dueOn: d.dueOn,
              departmentId: d.departmentId,
              tierCode: d.tierCode,
            },
          ]
        : [],
    );
    return [...leadLate, ...partsLate];
  }
  if (state.jurisdiction !== 'DISTRICT' || state.status !== 'REFERRED') return [];
  const caseDueOn = openStageDeadline(deadlines, 'referralReply')?.dueOn;
  return state.referredDepartmentIds
    .filter((id) => !state.repliesRecorded.includes(id))
    .flatMap((id) => {
      const dueOn = bureauDueOn(deadlines, id, caseDueOn);
      return dueOn && isOverdue(dueOn, today)
        ? [{ stage: 'referralReply' as const, dueOn, departmentId: id }]
        : [];
    });
}

/** The supervised deadline still running, if any: why a case is not overdue yet. */
export function runningSupervisedDeadline(
  state: CaseState,
  deadlines: readonly DeadlineFact[],
): DeadlineFact | undefined {
  const stage: SupervisedStage | null =
    state.jurisdiction === 'PARK' ? 'departmentReply' : state.status === 'REFERRED' ? 'referralReply' : null;
  return stage ? openStageDeadline(deadlines, stage) : undefined;
}
