import type { CaseCommandType } from './case-commands.js';
import type { CaseStatus } from './case-status.js';

/** A status a command may lead to; UNCHANGED for acts that are recorded without moving the case. */
export type TransitionTarget = CaseStatus | 'UNCHANGED';

export interface Transition {
  from: readonly CaseStatus[];
  to: readonly TransitionTarget[];
}

/** Cases being handled by departments or bureaus, where coordination and supervision apply. */
const HANDLING: readonly CaseStatus[] = [
  'ASSIGNED',
  'REFERRED',
  'IN_PROGRESS',
  'RESULT_SUBMITTED',
  'TRACKING',
];

/** Open cases from their hand-over until they are closed out. */
const HANDED_OVER: readonly CaseStatus[] = [...HANDLING, 'RESPONDED', 'GRADED', 'FOLLOWED_UP'];

/**
 * Status × command: where each command may be given and where it may lead. Roles and the
 * state-dependent preconditions come on top (see allowedCommands).
 */
export const CASE_TRANSITIONS = {
  verify: { from: ['REGISTERED'], to: ['VERIFIED'] },
  reject: { from: ['REGISTERED', 'VERIFIED'], to: ['REJECTED'] },
  recordPolicyDiscussion: { from: ['REGISTERED', 'VERIFIED'], to: ['UNCHANGED'] },
  // Art. 6: at intake, before screening (the leader in charge gives the screening opinion).
  reportToLeader: { from: ['REGISTERED', 'VERIFIED'], to: ['UNCHANGED'] },
  // A route with no sign-off is handed over at screening; a sign-off before the last stays pending.
  // Screening from REGISTERED where the rules have no verification or it was skipped.
  screen: { from: ['VERIFIED', 'REGISTERED'], to: ['PENDING_APPROVAL', 'ASSIGNED', 'REFERRED'] },
  approve: { from: ['PENDING_APPROVAL'], to: ['ASSIGNED', 'REFERRED', 'UNCHANGED'] },
  sendBack: { from: ['PENDING_APPROVAL'], to: ['VERIFIED', 'REGISTERED'] },
  startHandling: { from: ['ASSIGNED'], to: ['IN_PROGRESS'] },
  // Straight to RESPONDED where the rules have no head review.
  submitResult: { from: ['IN_PROGRESS'], to: ['RESULT_SUBMITTED', 'RESPONDED'] },
  reviewResult: { from: ['RESULT_SUBMITTED'], to: ['RESPONDED', 'IN_PROGRESS'] },
  // A PARK case's coordination letters may be answered at any point while it is open.
  recordReferralReply: { from: HANDED_OVER, to: ['UNCHANGED', 'RESPONDED'] },
  grade: { from: ['RESPONDED', 'TRACKING'], to: ['TRACKING', 'GRADED'] },
  // RESPONDED: where grading is absent or was skipped; GRADED / RESPONDED: when no follow-up is due.
  recordFollowUp: { from: ['GRADED', 'RESPONDED'], to: ['FOLLOWED_UP'] },
  closeOut: { from: ['FOLLOWED_UP', 'GRADED', 'RESPONDED'], to: ['CLOSED'] },
  specialSupervision: {
    from: ['RESPONDED', 'TRACKING', 'GRADED', 'FOLLOWED_UP'],
    to: ['IN_PROGRESS', 'REFERRED'],
  },
  superviseOverdue: { from: HANDLING, to: ['UNCHANGED'] },
  recordCoordination: { from: HANDLING, to: ['UNCHANGED'] },
  addProgressNote: { from: [...HANDLING, 'RESPONDED'], to: ['UNCHANGED'] },
  // While the lead department handles the case; its result waits until they are decided.
  requestExtension: { from: ['ASSIGNED', 'IN_PROGRESS'], to: ['UNCHANGED'] },
  decideExtension: { from: ['ASSIGNED', 'IN_PROGRESS'], to: ['UNCHANGED'] },
  objectToAssignment: { from: ['ASSIGNED', 'IN_PROGRESS'], to: ['UNCHANGED'] },
  // Reassigned: the new lead department starts from ASSIGNED.
  decideObjection: { from: ['ASSIGNED', 'IN_PROGRESS'], to: ['UNCHANGED', 'ASSIGNED'] },
  // Art. 11: misconduct in handling may come to light until the case is closed out.
  escalate: { from: HANDED_OVER, to: ['UNCHANGED'] },
  // The optional step due now: verification, the head's review, grading or the follow-up.
  skipStep: {
    from: ['REGISTERED', 'RESULT_SUBMITTED', 'RESPONDED', 'GRADED'],
    to: ['UNCHANGED', 'RESPONDED'],
  },
  // Where supervision is possible: an overdue case, after its supervision letter.
  handOverToOffice: { from: HANDLING, to: ['UNCHANGED'] },
  // Split and assisting departments report while the lead handles the case (before its result is in).
  reportPart: { from: ['ASSIGNED', 'IN_PROGRESS', 'RESULT_SUBMITTED'], to: ['UNCHANGED'] },
} as const satisfies { readonly [C in CaseCommandType]: Transition };

export function isCommandPossibleIn(type: CaseCommandType, status: CaseStatus): boolean {
  return (CASE_TRANSITIONS[type].from as readonly CaseStatus[]).includes(status);
}

/** The command types a status admits, whoever asks. */
export function commandsPossibleIn(status: CaseStatus): CaseCommandType[] {
  return (Object.keys(CASE_TRANSITIONS) as CaseCommandType[]).filter((type) =>
    isCommandPossibleIn(type, status),
  );
}
