import type { ParkRules } from '../rules/park-rules.schema.js';
import { reportsPart, splitPartsOutstanding } from './assignment-tiers.js';
import type { CaseState } from './case-state.js';
import {
  FOLLOWED_UP_STATUSES,
  GRADED_STATUSES,
  isCaseStatus,
  PRE_SCREENING_STATUSES,
  type CaseStatus,
} from './case-status.js';

const ANSWERED: readonly CaseStatus[] = ['RESPONDED', ...GRADED_STATUSES];

/**
 * What must hold of every case state reachable through decide(). Empty: consistent. With the
 * rules, grades and satisfaction levels are checked too. Used by the property tests and usable as
 * a sanity check on states read back from storage.
 */
export function caseInvariantViolations(state: CaseState, rules?: ParkRules): string[] {
  const problems: string[] = [];
  const check = (holds: boolean, problem: string): void => {
    if (!holds) problems.push(problem);
  };
  const { status } = state;
  check(isCaseStatus(status), `unknown status ${String(status)}`);
  check(Number.isSafeInteger(state.version) && state.version >= 1, 'version must be a whole number from 1');
  check(state.reopenCount >= 0 && state.supervisionCount >= 0, 'counters cannot be negative');
  check(
    (status === 'REJECTED') === (state.rejectionReason !== null),
    'a rejection reason exactly when REJECTED',
  );
  check(!state.policyHeavy || state.policyDiscussionRecorded, 'a policy-heavy case was discussed first');
  // Extensions and objections are asked by the lead department while it handles the case, and decided before its result.
  const leadHandling = (status === 'ASSIGNED' || status === 'IN_PROGRESS') && state.leadDepartmentId !== null;
  check(
    !state.pendingExtension || leadHandling,
    'an extension awaits a decision only while the lead department handles',
  );
  check(
    !state.pendingObjection || leadHandling,
    'an objection awaits a decision only while the lead department handles',
  );
  check(
    !state.pendingObjection || state.pendingObjection.departmentId === state.leadDepartmentId,
    'an objection is the lead department’s',
  );
  check(
    !state.pendingExtension || state.pendingExtension.newDueOn > state.pendingExtension.fromDueOn,
    'an extension moves the due date later',
  );
  check((state.extensionCount ?? 0) >= 0, 'counters cannot be negative');
  // Tiers are given to the departments besides the lead, and only theirs report a part.
  const tiered = Object.keys(state.departmentTiers ?? {});
  check(
    tiered.every((id) => state.cooperatingDepartmentIds.includes(id)),
    'a tier only for a department besides the lead',
  );
  check(
    (state.partsReported ?? []).every((id) => state.departmentTiers?.[id] !== undefined),
    'a part reported only by a department with a tier',
  );
  check(
    new Set(state.partsReported ?? []).size === (state.partsReported ?? []).length,
    'a part reported once per department',
  );

  const screened = !PRE_SCREENING_STATUSES.includes(status) && status !== 'REJECTED';
  if (!screened) {
    check(
      state.jurisdiction === null && state.routeCode === null && state.approverRole === null,
      'no route before screening',
    );
    check(
      state.approvalSteps.length === 0 && state.approvalStepIndex === 0 && state.flagCodes.length === 0,
      'no approval chain or flags before screening',
    );
    check(
      state.leadDepartmentId === null &&
        state.cooperatingDepartmentIds.length === 0 &&
        state.referredDepartmentIds.length === 0,
      'no departments before screening',
    );
  } else {
    check(
      state.jurisdiction !== null && state.routeCode !== null,
      'a screened case has a jurisdiction and a route',
    );
    const { approvalSteps: steps, approvalStepIndex: signed } = state;
    if (status === 'PENDING_APPROVAL') {
      check(signed < steps.length, 'a case pending approval awaits a sign-off');
      check(state.approverRole === steps[signed], 'the approver is the role of the current sign-off');
    } else {
      check(signed === steps.length, 'a case past approval has every sign-off');
      check(state.approverRole === (steps.at(-1) ?? null), 'the approver is the role that signed last');
    }
    if (state.jurisdiction === 'PARK') {
      check(state.leadDepartmentId !== null, 'a park case has a lead department');
      check(
        !state.cooperatingDepartmentIds.includes(state.leadDepartmentId ?? ''),
        'the lead department is not also cooperating',
      );
    } else {
      check(
        state.leadDepartmentId === null && state.cooperatingDepartmentIds.length === 0,
        'a district case has no park departments',
      );
      check(
        state.referredDepartmentIds.length > 0 && state.sendsReferralLetter,
        'a district case is referred by letter',
      );
    }
    check(
      state.sendsReferralLetter === state.referredDepartmentIds.length > 0,
      'letters exactly when bureaus are named',
    );
  }
  check(state.sendsReferralLetter || state.ccOfficeCodes.length === 0, 'cc offices only with a letter');
  check(
    new Set(state.cooperatingDepartmentIds).size === state.cooperatingDepartmentIds.length,
    'no repeated department',
  );
  check(
    new Set(state.referredDepartmentIds).size === state.referredDepartmentIds.length,
    'no repeated bureau',
  );
  check(new Set(state.repliesRecorded).size === state.repliesRecorded.length, 'one reply per bureau');
  check(new Set(state.flagCodes).size === state.flagCodes.length, 'no repeated flag');
  check(
    state.repliesRecorded.every((id) => state.referredDepartmentIds.includes(id)),
    'replies only from referred bureaus',
  );
  if (state.jurisdiction === 'DISTRICT') {
    const allReplied = state.referredDepartmentIds.every((id) => state.repliesRecorded.includes(id));
    if (status === 'REFERRED') check(!allReplied, 'a referred case still awaits a reply');
    if (ANSWERED.includes(status)) check(allReplied, 'a district case is answered when every bureau replied');
  }

  // A grade in the graded statuses; FOLLOWED_UP and CLOSED without one where grading was passed over.
  check(state.gradeCode === null || GRADED_STATUSES.includes(status), 'a grade only in the graded statuses');
  if (status === 'TRACKING' || status === 'GRADED') check(state.gradeCode !== null, `${status} has a grade`);

  // A satisfaction level once followed up; CLOSED without one only where no follow-up was due.
  check(
    state.satisfactionCode === null || FOLLOWED_UP_STATUSES.includes(status),
    'a satisfaction level only once followed up',
  );
  if (status === 'FOLLOWED_UP')
    check(state.satisfactionCode !== null, 'FOLLOWED_UP has a satisfaction level');
  if (status === 'CLOSED' && state.satisfactionCode === null)
    check(
      state.followUpSampling?.sampled === false || state.skippedSteps.includes('followUp'),
      'CLOSED without a follow-up only where none was due',
    );
  if (['GRADED', 'FOLLOWED_UP', 'CLOSED'].includes(status))
    check(state.followUpSampling !== null, 'the follow-up sample is decided once past grading');
  if (status === 'FOLLOWED_UP')
    check(state.followUpSampling?.sampled === true, 'only a sampled case is followed up');
  check(new Set(state.skippedSteps).size === state.skippedSteps.length, 'a step skipped once');
  check(
    state.notInRegister !== 'FLAGGED' || status === 'REGISTERED' || status === 'REJECTED',
    'a case flagged as not in the register is verified before it goes on',
  );
  check(state.notInRegister !== 'CONFIRMED' || status !== 'REGISTERED', 'confirmed by a verification');

  if (rules) {
    const gradeDef = rules.grades.find((g) => g.code === state.gradeCode);
    const level = rules.satisfactionScale.find((s) => s.code === state.satisfactionCode);
    if (state.gradeCode !== null) check(gradeDef !== undefined, `unknown grade ${state.gradeCode}`);
    if (state.satisfactionCode !== null)
      check(level !== undefined, `unknown satisfaction ${state.satisfactionCode}`);
    for (const code of state.flagCodes)
      check(
        rules.caseFlags.some((flag) => flag.code === code),
        `unknown flag ${code}`,
      );
    if (status === 'TRACKING') check(gradeDef?.reviewRequired === true, 'TRACKING has a grade to review');
    if (
      state.gradeCode !== null &&
      (status === 'GRADED' || status === 'FOLLOWED_UP' || status === 'CLOSED')
    ) {
      check(gradeDef?.reviewRequired === false, `${status} has a final grade`);
    }
    if (status === 'CLOSED') {
      if (state.gradeCode !== null)
        check(gradeDef?.closesCase === true, 'CLOSED has a grade that closes the case');
      if (state.satisfactionCode !== null && rules.followUp.onUnsatisfied === 'SPECIAL_SUPERVISION')
        check(level?.countsAsSatisfied === true, 'CLOSED has a satisfied follow-up');
    }
    if (FOLLOWED_UP_STATUSES.includes(status) && state.gradeCode === null)
      check(
        state.skippedSteps.includes('grading') || rules.steps.grading === 'ABSENT',
        `${status} without a grade only where grading was passed over`,
      );
    for (const step of state.skippedSteps)
      check(rules.steps[step] === 'OPTIONAL', `only an optional step is skipped (${step})`);
    for (const [id, code] of Object.entries(state.departmentTiers ?? {})) {
      const tier = rules.assignmentTiers.find((t) => t.code === code);
      check(tier !== undefined && tier.role !== 'LEAD', `department ${id} has a tier besides the lead's`);
    }
    for (const id of state.partsReported ?? [])
      check(
        reportsPart(rules.assignmentTiers.find((t) => t.code === state.departmentTiers?.[id])),
        `only split and assisting departments report a part (${id})`,
      );
    // The lead's result waits for every split department's part.
    if (
      ['RESULT_SUBMITTED', 'RESPONDED', ...GRADED_STATUSES].includes(status) &&
      state.jurisdiction === 'PARK'
    )
      check(
        splitPartsOutstanding(state, rules).length === 0 || state.reopenCount > 0,
        'every split department answered before the lead’s result',
      );
  }
  return problems;
}
