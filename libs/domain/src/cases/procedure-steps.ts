import {
  FOLLOW_UP_MODES,
  type DeadlineStage,
  type ParkRules,
  type ProcedureStep,
  type StepMode,
} from '../rules/park-rules.schema.js';
import type { CaseCommandType } from './case-commands.js';
import type { CaseState, FollowUpSampling, SamplingFacts } from './case-state.js';
import { STATUS_DEADLINE_STAGES } from './deadlines.js';

/**
 * The optional and absent steps of a park's rules (verification, head review, grading, follow-up)
 * and the follow-up sample, as questions about one case. The handlers and the deadlines ask these,
 * so that what a case may do next and which deadline runs agree.
 */

type StepRules = Pick<ParkRules, 'steps' | 'followUp'>;

export function stepMode(rules: Pick<ParkRules, 'steps'>, step: ProcedureStep): StepMode {
  return rules.steps[step];
}

export function isSkipped(state: CaseState, step: ProcedureStep): boolean {
  return state.skippedSteps.includes(step);
}

/** Absent from the rules or skipped on this case: the case goes on without it. */
export function isPassedOver(
  state: CaseState,
  rules: Pick<ParkRules, 'steps'>,
  step: ProcedureStep,
): boolean {
  return stepMode(rules, step) === 'ABSENT' || isSkipped(state, step);
}

/** A registered case may be screened without a verification (absent, or skipped). */
export function verificationPassedOver(state: CaseState, rules: Pick<ParkRules, 'steps'>): boolean {
  return state.status === 'REGISTERED' && isPassedOver(state, rules, 'verification');
}

/** An answered case (RESPONDED) that goes on without a grade. */
export function gradingPassedOver(state: CaseState, rules: Pick<ParkRules, 'steps'>): boolean {
  return state.status === 'RESPONDED' && isPassedOver(state, rules, 'grading');
}

/**
 * Handling is completed (the dashboards' completion, Art. 9): graded, or answered and past grading
 * without a grade where the rules leave it out or it was skipped.
 */
export function handlingCompleted(state: CaseState, rules: Pick<ParkRules, 'steps'>): boolean {
  return (
    state.gradeCode !== null ||
    (['RESPONDED', 'FOLLOWED_UP', 'CLOSED'].includes(state.status) && isPassedOver(state, rules, 'grading'))
  );
}

/** Must this case still be followed up before it is closed out: sampled, and not skipped. */
export function followUpDue(state: CaseState, rules: StepRules): boolean {
  return (
    (state.status === 'GRADED' || gradingPassedOver(state, rules)) &&
    state.followUpSampling?.sampled === true &&
    !isPassedOver(state, rules, 'followUp')
  );
}

/** The step the case waits on now, if it is one of the four (null otherwise). */
export function stepDueNow(state: CaseState, rules: StepRules): ProcedureStep | null {
  switch (state.status) {
    case 'REGISTERED':
      return isPassedOver(state, rules, 'verification') ? null : 'verification';
    case 'RESULT_SUBMITTED':
      return 'headReview';
    case 'RESPONDED':
      if (!isPassedOver(state, rules, 'grading')) return 'grading';
      return followUpDue(state, rules) ? 'followUp' : null;
    case 'GRADED':
      return followUpDue(state, rules) ? 'followUp' : null;
    default:
      return null;
  }
}

/**
 * The deadline stage running while the case is in its status, by the steps it actually goes
 * through: screening at once where verification is absent or skipped, a follow-up deadline only
 * for a case that must be followed up.
 */
export function runningDeadlineStage(state: CaseState, rules: StepRules): DeadlineStage | undefined {
  switch (state.status) {
    case 'REGISTERED':
      return verificationPassedOver(state, rules) ? 'screening' : 'verification';
    case 'RESPONDED':
    case 'GRADED':
      return followUpDue(state, rules) ? 'followUp' : undefined;
    default:
      return STATUS_DEADLINE_STAGES[state.status];
  }
}

/** 0-99 from a case id (FNV-1a): the same id always gets the same bucket, on any machine. */
export function samplingBucket(caseId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i++) {
    hash ^= caseId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

/** Why a case is or is not followed up: the rules' sampling mode, or no follow-up step at all. */
export const FOLLOW_UP_BASES = [
  ...FOLLOW_UP_MODES,
  'STEP_ABSENT',
] as const satisfies readonly FollowUpSampling['basis'][];

/** Whether a case is followed up under the rules, and why; PERCENT and EVERY_NTH read `facts`. */
export function sampleFollowUp(rules: StepRules, facts: SamplingFacts | undefined): FollowUpSampling {
  if (rules.steps.followUp === 'ABSENT') return { sampled: false, basis: 'STEP_ABSENT' };
  const { mode, percent, everyNth } = rules.followUp;
  if (mode === 'ALL') return { sampled: true, basis: 'ALL' };
  if (!facts) throw new Error(`sampling ${mode} needs the case's sampling facts`);
  if (mode === 'PERCENT') {
    const bucket = samplingBucket(facts.caseId);
    return { sampled: bucket < percent!, basis: 'PERCENT', percent, bucket };
  }
  if (facts.nextOrdinal === null) throw new Error('sampling EVERY_NTH needs the next ordinal');
  return {
    sampled: facts.nextOrdinal % everyNth! === 0,
    basis: 'EVERY_NTH',
    everyNth,
    ordinal: facts.nextOrdinal,
  };
}

/** The acts that may decide a case's sample: those that take it past grading. */
export const SAMPLING_COMMANDS: readonly CaseCommandType[] = [
  'grade',
  'skipStep',
  'submitResult',
  'reviewResult',
  'recordReferralReply',
];

/** Would this case's next act decide its sample with the park's EVERY_NTH count (the API reads it then)? */
export function needsSamplingOrdinal(state: CaseState, rules: StepRules): boolean {
  return (
    state.followUpSampling === null &&
    rules.steps.followUp !== 'ABSENT' &&
    rules.followUp.mode === 'EVERY_NTH'
  );
}

/**
 * The sample of a case passing grading now: decided once (kept from an earlier round), recorded on
 * the timeline with its basis when decided.
 */
export function settleSampling(
  state: CaseState,
  rules: StepRules,
  facts: SamplingFacts | undefined,
): { patch: Pick<CaseState, 'followUpSampling'>; data: { followUpSampling?: FollowUpSampling } } {
  if (state.followUpSampling !== null)
    return { patch: { followUpSampling: state.followUpSampling }, data: {} };
  const sampling = sampleFollowUp(rules, facts);
  return { patch: { followUpSampling: sampling }, data: { followUpSampling: sampling } };
}

/**
 * A case whose answer reached the service center (RESPONDED): where the rules have no grading, it
 * has passed grading there and then, so its sample is decided.
 */
export function responded(
  state: CaseState,
  rules: StepRules,
  facts: SamplingFacts | undefined,
): { patch: Partial<CaseState>; data: { followUpSampling?: FollowUpSampling } } {
  if (stepMode(rules, 'grading') !== 'ABSENT') return { patch: { status: 'RESPONDED' }, data: {} };
  const { patch, data } = settleSampling(state, rules, facts);
  return { patch: { status: 'RESPONDED', ...patch }, data };
}
