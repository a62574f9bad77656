import { workingDayCalendarFor, type WorkingDayCalendar } from '../../calendar/working-days.js';
import type { ParkRules } from '../../rules/park-rules.schema.js';
import type { ParkFile } from '../../rules/__tests__/park-fixtures.js';
import type { CaseCommand } from '../case-commands.js';
import type { CaseEvent, CaseState, DeadlineFact } from '../case-state.js';
import { deadlinesAfterAct, type DeadlineRecord } from '../deadline-transitions.js';
import { documentsIssuedBy, type ActDocumentKind, type DocumentsOfAct } from '../issued-documents.js';
import { CaseRun, dep, screenPark, STAFF, VERIFY, type Actor } from './case-fixtures.js';

/** A document of the case as the API keeps it: numbered by kind, running until done. */
export interface KeptDocument {
  kind: ActDocumentKind;
  /** 1, 2… per kind, in the order issued. */
  seq: number;
  departmentId: string | null;
  issuedOn: string;
  dueOn: string | null;
  doneOn: string | null;
  data: Record<string, unknown>;
}

/** What the API passes the domain as the case's deadlines: its own, and its letters' reply dates. */
export function factsOf(
  deadlines: readonly DeadlineRecord[],
  documents: readonly KeptDocument[],
): DeadlineFact[] {
  return [
    ...deadlines.map((d) => ({
      stage: d.stage,
      from: d.from,
      dueOn: d.dueOn,
      doneOn: d.doneOn,
      departmentId: d.departmentId ?? null,
      ...(d.tierCode ? { tierCode: d.tierCode } : {}),
    })),
    ...documents
      .filter((d) => d.kind === 'REFERRAL_LETTER' && d.departmentId !== null && d.dueOn !== null)
      .map((d) => ({
        stage: 'referralReply' as const,
        dueOn: d.dueOn,
        doneOn: d.doneOn,
        departmentId: d.departmentId,
      })),
  ];
}

/** Writes what the domain decided, as the API does: ends and moves first, then issues. */
export function keepDocuments(kept: KeptDocument[], decided: DocumentsOfAct, today: string): KeptDocument[] {
  const after = kept.map((d) => {
    const closed = decided.close.find(
      (c) => c.kind === d.kind && d.doneOn === null && (!c.departmentId || c.departmentId === d.departmentId),
    );
    const extended = decided.extend.find((e) => e.kind === d.kind && d.doneOn === null);
    if (closed) return { ...d, doneOn: closed.doneOn, data: { ...d.data, ...closed.data } };
    if (extended) return { ...d, dueOn: extended.dueOn, data: { ...d.data, extendedFrom: d.dueOn } };
    return d;
  });
  for (const issued of decided.issue)
    after.push({
      kind: issued.kind,
      seq: after.filter((d) => d.kind === issued.kind).length + 1,
      departmentId: issued.departmentId,
      issuedOn: today,
      dueOn: issued.dueOn,
      doneOn: null,
      data: issued.data,
    });
  return after;
}

/**
 * A case walked through the lifecycle as the API keeps it: each accepted command updates the
 * deadlines and documents as libs/domain decides, and the next command is decided on them.
 */
export class KeptCase extends CaseRun {
  kept: DeadlineRecord[];
  documents: KeptDocument[] = [];
  readonly calendar: WorkingDayCalendar;
  /** What the last act issued, ended and moved. */
  last: DocumentsOfAct = { close: [], extend: [], issue: [] };

  constructor(
    park: ParkFile | ParkRules,
    readonly urgent = false,
    today?: string,
  ) {
    super(park);
    if (today) this.today = today;
    this.calendar = workingDayCalendarFor(this.rules);
    this.kept = deadlinesAfterAct([], {
      ...this.facts(),
      before: null,
      next: this.state,
      event: { type: 'CaseRegistered', data: {} },
      actorName: null,
    });
    this.deadlines = factsOf(this.kept, this.documents);
  }

  private facts() {
    return { rules: this.rules, calendar: this.calendar, today: this.today, urgent: this.urgent };
  }

  /** Gives a command that must be accepted, and keeps what follows from it; returns its event. */
  act(actor: Actor, command: CaseCommand, actorName: string | null = '李主任'): CaseEvent {
    const before: CaseState = this.state;
    this.deadlines = factsOf(this.kept, this.documents);
    const event = this.do(actor, command);
    const act = { ...this.facts(), before, next: this.state, event };
    this.kept = deadlinesAfterAct(this.kept, { ...act, actorName });
    this.last = documentsIssuedBy({ ...act, command, deadlines: this.kept });
    this.documents = keepDocuments(this.documents, this.last, this.today);
    this.deadlines = factsOf(this.kept, this.documents);
    return event;
  }

  /** The open deadlines, as `stage` or `stage:department`. */
  open(): string[] {
    return this.kept
      .filter((d) => d.doneOn === null)
      .map((d) => (d.departmentId ? `${d.stage}:${d.departmentId}` : d.stage));
  }

  /** The open deadline of a stage (of a department's clock, when named). */
  due(stage: string, departmentId?: string): DeadlineRecord | undefined {
    return this.kept.find(
      (d) =>
        d.doneOn === null &&
        d.stage === stage &&
        (departmentId === undefined || d.departmentId === departmentId),
    );
  }
}

/** A Qinglan case assigned at screening (no sign-off) on Tue 2026-03-10: lead, split and assisting. */
export function qinglanAssigned(major = false): KeptCase {
  const run = new KeptCase('qinglan');
  run.act(STAFF, VERIFY);
  run.act(
    STAFF,
    screenPark('ECONOMY_BUREAU', ['PLANNING_BUREAU', 'SAFETY_BUREAU'], {
      major,
      departmentTiers: [
        { departmentId: dep('PLANNING_BUREAU'), tierCode: 'SPLIT' },
        { departmentId: dep('SAFETY_BUREAU'), tierCode: 'ASSISTING' },
      ],
    }),
  );
  return run;
}
