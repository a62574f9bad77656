import type { IsoDate } from '../calendar/iso-date.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type { CcOccasion, NumberedDocumentKind, ParkRules } from '../rules/park-rules.schema.js';
import { ccOfficesOn } from '../rules/route-matching.js';
import { completesApproval } from './approval-chain.js';
import { TIER_REPORT_STAGE } from './assignment-tiers.js';
import type { CaseCommand } from './case-commands.js';
import type { CaseEvent, CaseState } from './case-state.js';
import { stageClock, type ClockStage, type DeadlineRecord } from './deadline-transitions.js';
import type { OverdueDeadline } from './overdue-deadlines.js';

/**
 * The numbered documents of a case an accepted act issues, and the running ones it ends or moves:
 * the assignment sheet (Attachment 3), referral letters (Art. 7.2, Attachment 4), supervision
 * letters (Art. 10) and hand-over letters (移交函). The API takes each one's number and writes it.
 */

/** The documents an act issues, and the park's numbering (`numbering`) each takes its number from. */
export const NUMBERING_OF_DOCUMENT = {
  ASSIGNMENT_SHEET: 'ASSIGNMENT',
  REFERRAL_LETTER: 'REFERRAL_LETTER',
  SUPERVISION_LETTER: 'SUPERVISION_LETTER',
  HANDOVER_LETTER: 'HANDOVER_LETTER',
} as const satisfies Record<string, NumberedDocumentKind>;
export type ActDocumentKind = keyof typeof NUMBERING_OF_DOCUMENT;
export const ACT_DOCUMENT_KINDS = Object.keys(NUMBERING_OF_DOCUMENT) as ActDocumentKind[];

/** One document to number and issue today. */
export interface DocumentToIssue {
  kind: ActDocumentKind;
  numbering: (typeof NUMBERING_OF_DOCUMENT)[ActDocumentKind];
  /** The department or bureau it is addressed to; null for a hand-over letter (to an office). */
  departmentId: string | null;
  /** The date it asks for (办结时限, reply date); null when it asks for none or the date is pending. */
  dueOn: IsoDate | null;
  data: Record<string, unknown>;
}

/** Running documents of a kind (of one department, when named) that the act ends, with what it adds. */
export interface DocumentToClose {
  kind: ActDocumentKind;
  departmentId?: string;
  doneOn: IsoDate;
  data: Record<string, unknown>;
}

/** Running documents of a kind whose date the act moves (the old date is kept as `extendedFrom`). */
export interface DocumentToExtend {
  kind: ActDocumentKind;
  dueOn: IsoDate;
}

/** Applied in this order: what ends and moves first, so a document issued again is not ended. */
export interface DocumentsOfAct {
  close: DocumentToClose[];
  extend: DocumentToExtend[];
  issue: DocumentToIssue[];
}

export interface DocumentAct {
  rules: ParkRules;
  calendar: WorkingDayCalendar;
  today: IsoDate;
  urgent: boolean;
  command: CaseCommand;
  before: CaseState;
  next: CaseState;
  /** The act's event, as the domain decided it (whom a supervision letter goes to…). */
  event: CaseEvent;
  /** The case's deadlines after the act (see deadlinesAfterAct). */
  deadlines: readonly DeadlineRecord[];
}

export function documentsIssuedBy(act: DocumentAct): DocumentsOfAct {
  return {
    close: [...reassignedSheets(act), ...repliedLetters(act)],
    extend: extendedSheets(act),
    issue: [
      ...assignmentSheets(act),
      ...referralLetters(act),
      ...supervisionLetters(act),
      ...handoverLetters(act),
    ],
  };
}

/** The documents whose due date is a stage's deadline (issued the day the stage opened). */
export function documentKindsDueBy(stage: ClockStage): ActDocumentKind[] {
  if (stage === 'departmentReply') return ['ASSIGNMENT_SHEET'];
  if (stage === 'referralReply') return ['REFERRAL_LETTER'];
  return [];
}

const issue = (
  kind: ActDocumentKind,
  departmentId: string | null,
  dueOn: IsoDate | null,
  data: Record<string, unknown>,
): DocumentToIssue => ({ kind, numbering: NUMBERING_OF_DOCUMENT[kind], departmentId, dueOn, data });

/** The offices a document copies (版记), recorded only when there are some. */
function ccData(rules: ParkRules, occasion: CcOccasion, state: CaseState): { cc?: string[] } {
  const cc = ccOfficesOn(rules, occasion, { major: state.major }).map((office) => office.code);
  return cc.length > 0 ? { cc } : {};
}

/** What a document issued with a pending due date records, so it can say 期限待定 and why. */
function pendingData(due: DeadlineRecord | undefined): { pendingDeadlineYear?: number } {
  return due?.pendingYear ? { pendingDeadlineYear: due.pendingYear } : {};
}

const reassigned = ({ command }: DocumentAct) =>
  command.type === 'decideObjection' && command.outcome === 'REASSIGNED';

/**
 * Attachment 3: one assignment sheet naming the lead and the other departments with their tiers,
 * when the last sign-off (or screening on a route with none) assigns the case, and again to the new
 * lead department after an objection reassigned it.
 */
function assignmentSheets(act: DocumentAct): DocumentToIssue[] {
  const { before, next, deadlines, rules } = act;
  const assigned = completesApproval(before.status, next.status) && next.status === 'ASSIGNED';
  if (!assigned && !reassigned(act)) return [];
  const due = deadlines.find((d) => d.doneOn === null && d.stage === 'departmentReply');
  return [
    issue('ASSIGNMENT_SHEET', next.leadDepartmentId, due?.dueOn ?? null, {
      cooperatingDepartmentIds: next.cooperatingDepartmentIds,
      departmentTiers: next.departmentTiers ?? {},
      // When each split or assisting department's part is due (null: pending).
      tierDueOn: Object.fromEntries(
        deadlines
          .filter((d) => d.stage === TIER_REPORT_STAGE && d.doneOn === null && d.departmentId)
          .map((d) => [d.departmentId, d.dueOn]),
      ),
      approverRole: next.approverRole,
      ...pendingData(due),
      ...ccData(rules, 'ASSIGNMENT_SHEET', next),
    }),
  ];
}

/** A reassignment ends the running sheet (a new one goes to the new lead department). */
function reassignedSheets(act: DocumentAct): DocumentToClose[] {
  return reassigned(act) ? [{ kind: 'ASSIGNMENT_SHEET', doneOn: act.today, data: { reassigned: true } }] : [];
}

/** An approved extension moves the running sheet's 办结时限 with the reply deadline. */
function extendedSheets({ event }: DocumentAct): DocumentToExtend[] {
  return event.type === 'ExtensionDecided' && event.data.approved === true
    ? [{ kind: 'ASSIGNMENT_SHEET', dueOn: String(event.data.toDueOn) }]
    : [];
}

/**
 * Art. 7.2 and Attachment 4: when the case is handed over on a route that sends letters, one letter
 * per bureau, copied to the case's cc offices, each with its own reply date.
 */
function referralLetters({ rules, calendar, today, urgent, before, next }: DocumentAct): DocumentToIssue[] {
  if (!completesApproval(before.status, next.status) || !next.sendsReferralLetter) return [];
  return next.referredDepartmentIds.map((departmentId) => {
    const due = stageClock(rules, calendar, 'referralReply', today, urgent);
    return issue('REFERRAL_LETTER', departmentId, due.dueOn, {
      cc: next.ccOfficeCodes,
      ...pendingData(due),
    });
  });
}

/** A bureau's recorded reply answers its running letter, with who answered and how to reach them. */
function repliedLetters({ command }: DocumentAct): DocumentToClose[] {
  if (command.type !== 'recordReferralReply') return [];
  return [
    {
      kind: 'REFERRAL_LETTER',
      departmentId: command.departmentId,
      doneOn: command.repliedOn,
      data: { responsiblePerson: command.responsiblePerson, contact: command.contact },
    },
  ];
}

/**
 * Art. 10: one supervision letter to each addressee the decision names, stating the deadline it
 * missed: the lead department's handling deadline, a split or assisting department's own clock, or
 * a bureau's reply date on its referral letter.
 */
function supervisionLetters({ command, event, rules, next }: DocumentAct): DocumentToIssue[] {
  if (command.type !== 'superviseOverdue') return [];
  return (event.data.overdue as OverdueDeadline[]).map((overdue) =>
    issue('SUPERVISION_LETTER', overdue.departmentId, null, {
      overdueSince: overdue.dueOn,
      stage: overdue.stage,
      note: command.note ?? '',
      ...ccData(rules, 'SUPERVISION_LETTER', next),
    }),
  );
}

/**
 * 移交函: one letter to each outside office the case goes to, citing the deadline the decision
 * names, copied to the offices the rules copy on hand-overs.
 */
function handoverLetters({ command, event, rules }: DocumentAct): DocumentToIssue[] {
  if (command.type !== 'handOverToOffice') return [];
  return (event.data.officeCodes as string[]).map((officeCode) =>
    issue('HANDOVER_LETTER', null, null, {
      officeCode,
      officeName: rules.ccOffices.find((office) => office.code === officeCode)?.name ?? officeCode,
      cc: event.data.ccOfficeCodes,
      overdueSince: event.data.dueOn,
      stage: event.data.stage,
      addresseeDepartmentIds: event.data.addresseeDepartmentIds,
      note: command.note ?? '',
    }),
  );
}
