import fc from 'fast-check';
import { addDaysToIsoDate } from '../../calendar/iso-date.js';
import { workingDayCalendarFor } from '../../calendar/working-days.js';
import { allowedCommands, decide, registerCase } from '../case-aggregate.js';
import type { CaseCommandType } from '../case-commands.js';
import type { DecisionContext } from '../case-state.js';
import { reportingDepartments, TIER_REPORT_STAGE } from '../assignment-tiers.js';
import {
  deadlinesAfterAct,
  nextDueOf,
  OBJECTION_DECISION_STAGE,
  type DeadlineRecord,
} from '../deadline-transitions.js';
import { documentsIssuedBy } from '../issued-documents.js';
import { runningDeadlineStage } from '../procedure-steps.js';
import { contextFor, departmentsOf, STAFF, type Actor } from './case-fixtures.js';
import { factsOf, keepDocuments, type KeptDocument } from './kept-case.js';
import { actorsFor, choose, commandFor, step, VARIANTS } from './random-walk.js';

/**
 * Random walks through the lifecycle as the API keeps a case: each accepted act updates the
 * deadlines and documents as libs/domain decides, and the next act is decided on them. Whatever
 * happens, the deadlines and documents stay consistent with the case.
 */

/** The acts that may issue documents, and those that may end some. */
const ISSUING: CaseCommandType[] = [
  'screen',
  'approve',
  'decideObjection',
  'superviseOverdue',
  'handOverToOffice',
];
const ENDING: CaseCommandType[] = ['recordReferralReply', 'decideObjection'];

const reached = new Set<string>();

describe.each(VARIANTS)('deadlines and documents of random walks under %s rules', (_name, rulesOf) => {
  const rules = rulesOf();
  const actors = actorsFor(rules);
  const departments = departmentsOf(rules);
  const calendar = workingDayCalendarFor(rules);
  let walk = 0;

  it('stay consistent with the case after every act', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 80, size: 'max' }),
        fc.boolean(),
        fc.integer({ min: 0, max: 280 }),
        (steps, urgent, startDay) => {
          walk++;
          let today = addDaysToIsoDate('2026-03-02', startDay);
          const registered = registerCase(
            {
              categoryCode: rules.categories[0].code,
              channelCode: rules.intakeChannels[0].code,
              reportFormCode: rules.reportForms[0].code,
              enterpriseCreditCode: '91350100M000100Y43',
              enterpriseInRegister: true,
            },
            contextFor(rules, STAFF, today),
          );
          if (!registered.ok) throw new Error(registered.reason);
          let state = registered.next;
          const base = { rules, calendar, urgent, actorName: '李主任' };
          let kept = deadlinesAfterAct([], {
            ...base,
            today,
            before: null,
            next: state,
            event: registered.event,
          });
          let documents: KeptDocument[] = [];
          for (const st of steps) {
            today = addDaysToIsoDate(today, st.daysLater);
            const ctxOf = (actor: Actor): DecisionContext => ({
              rules,
              actor,
              today,
              departments,
              deadlines: factsOf(kept, documents),
              calendar,
              sampling: { caseId: `case-${walk}`, nextOrdinal: walk },
            });
            const [actor, type] = choose(st, actors, (a) => allowedCommands(state, ctxOf(a)));
            // An extension is asked for past the first deadline still open (the reply's, while handling).
            const open = ctxOf(actor).deadlines.filter((d) => d.doneOn === null);
            const command = commandFor(type, st.seeds, rules, state, today, open);
            const decision = decide(state, command, ctxOf(actor));
            if (!decision.ok) continue;
            const act = { ...base, today, before: state, next: decision.next, event: decision.event };
            const after = deadlinesAfterAct(kept, act);
            const issued = documentsIssuedBy({ ...act, command, deadlines: after });

            // What was done stays as it was; deadlines are only ever added.
            expect(after.length).toBeGreaterThanOrEqual(kept.length);
            kept.forEach((d, i) => {
              if (d.doneOn !== null) expect(after[i]).toEqual(d);
              else expect([after[i].stage, after[i].from]).toEqual([d.stage, d.from]);
            });
            // Exactly the stage the case is in runs, besides the departments' and an objection's clocks.
            const own = after.filter(
              (d) => d.doneOn === null && !d.departmentId && d.stage !== OBJECTION_DECISION_STAGE,
            );
            const running = runningDeadlineStage(decision.next, rules);
            expect(own.map((d) => d.stage)).toEqual(running ? [running] : []);
            // A department's clock runs only while it owes its part.
            const owing = reportingDepartments(decision.next, rules)
              .map(({ departmentId }) => departmentId)
              .filter((id) => !decision.next.partsReported?.includes(id));
            for (const d of after.filter((x) => x.doneOn === null && x.stage === TIER_REPORT_STAGE))
              expect(owing).toContain(d.departmentId);
            // A date is known or pending for want of holiday data, never missing; never before it opened.
            for (const d of after) {
              if (d.dueOn === null) expect(d.pendingYear).toBeGreaterThan(2026);
              else expect(d.dueOn >= d.from).toBe(true);
            }
            const known = after.filter(
              (d): d is DeadlineRecord & { dueOn: string } => !d.doneOn && d.dueOn !== null,
            );
            expect(nextDueOf(after).dueOn).toBe(known.map((d) => d.dueOn).sort()[0] ?? null);

            // Only the acts that issue or end documents do.
            if (issued.issue.length > 0) expect(ISSUING).toContain(type);
            if (issued.close.length > 0) expect(ENDING).toContain(type);
            if (issued.extend.length > 0) expect(type).toBe('decideExtension');
            for (const document of issued.issue) {
              reached.add(document.kind);
              if (document.kind === 'ASSIGNMENT_SHEET') {
                expect(decision.next.status).not.toBe('PENDING_APPROVAL');
                expect(document.departmentId).toBe(decision.next.leadDepartmentId);
                expect(document.dueOn).toBe(own.find((d) => d.stage === 'departmentReply')?.dueOn);
              }
            }
            const letters = issued.issue.filter((d) => d.kind === 'REFERRAL_LETTER');
            if (letters.length > 0)
              expect(letters.map((d) => d.departmentId)).toEqual(decision.next.referredDepartmentIds);
            if (type === 'superviseOverdue')
              expect(issued.issue.length).toBe((decision.event.data.overdue as unknown[]).length);
            if (issued.issue.some((d) => d.dueOn === null && d.data.pendingDeadlineYear))
              reached.add('pending');
            if (after.some((d) => d.extensions?.length)) reached.add('extension');
            if (after.some((d) => d.stage === OBJECTION_DECISION_STAGE)) reached.add('objection');
            if (after.some((d) => d.stage === TIER_REPORT_STAGE && d.doneOn)) reached.add('part reported');

            state = decision.next;
            kept = after;
            documents = keepDocuments(documents, issued, today);
          }
        },
      ),
      // A fixed seed: the check below that every kind of document and clock was reached must not
      // depend on luck (one run in a few missed an extension); the 120 walks are still random ones.
      { numRuns: 120, seed: 2026 },
    );
  });
});

describe('the random walks of kept cases', () => {
  it('issued every kind of document, moved, pended and stopped clocks', () => {
    expect([...reached].sort()).toEqual(
      [
        'ASSIGNMENT_SHEET',
        'HANDOVER_LETTER',
        'REFERRAL_LETTER',
        'SUPERVISION_LETTER',
        'extension',
        'objection',
        'part reported',
        'pending',
      ].sort(),
    );
  });
});
