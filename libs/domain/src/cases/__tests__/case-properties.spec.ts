import fc from 'fast-check';
import { addDaysToIsoDate } from '../../calendar/iso-date.js';
import { workingDayCalendarFor } from '../../calendar/working-days.js';
import { PROCEDURE_STEPS, type ParkRules } from '../../rules/park-rules.schema.js';
import { allowedCommands, decide, registerCase } from '../case-aggregate.js';
import type { CaseCommandType } from '../case-commands.js';
import { caseInvariantViolations } from '../case-invariants.js';
import {
  VETO_KINDS,
  type CaseState,
  type DeadlineFact,
  type DecisionContext,
  type FollowUpSampling,
} from '../case-state.js';
import { CASE_STATUSES, isTerminalStatus, type CaseStatus } from '../case-status.js';
import { CASE_TRANSITIONS, isCommandPossibleIn, type TransitionTarget } from '../case-transitions.js';
import { runningDeadlineStage, samplingBucket } from '../procedure-steps.js';
import { reportingDepartments } from '../assignment-tiers.js';
import { contextFor, departmentsOf, STAFF, type Actor } from './case-fixtures.js';
import { actorsFor, choose, commandFor, deepFreeze, step, VARIANTS } from './random-walk.js';

/**
 * Random command sequences, biased towards commands the actor may give so that runs get deep
 * into the lifecycle, with inputs that are often valid and sometimes not. Whatever happens, no
 * accepted command may lead to an inconsistent state.
 */

/** The deadlines the API would hold: the running stage's, and a letter per referred bureau. */
function deadlinesFor(state: CaseState, rules: ParkRules, today: string, lateBy: number): DeadlineFact[] {
  const dueOn = addDaysToIsoDate(today, -lateBy);
  const stage = runningDeadlineStage(state, rules);
  return [
    // Opened up to three days ago (so objections fall inside or just outside their window).
    ...(stage
      ? [
          {
            stage,
            from: addDaysToIsoDate(today, -((lateBy + 3) % 4)),
            dueOn,
            doneOn: null,
            departmentId: null,
          },
        ]
      : []),
    ...state.referredDepartmentIds.map((id) => ({
      stage: 'referralReply' as const,
      dueOn,
      doneOn: state.repliesRecorded.includes(id) ? today : null,
      departmentId: id,
    })),
    // Each split or assisting department's own clock, stopped when it reported.
    ...(state.status === 'REFERRED' ? [] : reportingDepartments(state, rules)).map(
      ({ departmentId, tier }) => ({
        stage: 'tierReport' as const,
        from: addDaysToIsoDate(today, -3),
        dueOn,
        doneOn: state.partsReported?.includes(departmentId) ? today : null,
        departmentId,
        tierCode: tier.code,
      }),
    ),
  ];
}

const seen = new Set<CaseStatus>();
const skipped = new Set<string>();
const samples = new Set<string>();
let closedWithoutFollowUp = 0;
let supervised = 0;
/** Sign-offs that left the case pending the next step, and screenings that skipped approval. */
let midChain = 0;
let direct = 0;
const decided = new Set<CaseCommandType>();
/** Tiers whose departments reported a part, and the stages supervision letters cited. */
const partsReported = new Set<string>();
const supervisedStages = new Set<string>();

describe.each(VARIANTS)('random command sequences under %s rules', (_name, rulesOf) => {
  const rules = rulesOf();
  const actors = actorsFor(rules);
  const departments = departmentsOf(rules);
  const calendar = workingDayCalendarFor(rules);
  let decisions = 0;
  const ctxOf = (actor: Actor, today: string, deadlines: DeadlineFact[]): DecisionContext => ({
    rules,
    actor,
    today,
    departments,
    deadlines,
    calendar,
    // A new case id per walk; the park's EVERY_NTH count goes on across walks, as in a park.
    sampling: { caseId: `case-${walk}`, nextOrdinal: decisions + 1 },
  });
  let walk = 0;

  it('never reach an invalid state', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 80, size: 'max' }),
        fc.boolean(),
        (steps, inRegister) => {
          walk++;
          const registered = registerCase(
            {
              categoryCode: rules.categories[0].code,
              channelCode: rules.intakeChannels[0].code,
              reportFormCode: rules.reportForms[0].code,
              enterpriseCreditCode: '91350100M000100Y43',
              enterpriseInRegister: inRegister,
            },
            contextFor(rules, STAFF),
          );
          if (!registered.ok) throw new Error(registered.reason);
          let state = registered.next;
          expect(caseInvariantViolations(state, rules)).toEqual([]);
          let today = '2026-03-02';
          for (const st of steps) {
            today = addDaysToIsoDate(today, st.daysLater);
            const deadlines = deadlinesFor(state, rules, today, st.lateBy);
            const ctx0 = ctxOf(STAFF, today, deadlines);
            const [actor, type] = choose(st, actors, (a) => allowedCommands(state, { ...ctx0, actor: a }));
            const ctx = { ...ctx0, actor };
            const allowed = allowedCommands(state, ctx);
            const command = commandFor(type, st.seeds, rules, state, today, deadlines);
            // Frozen: decide must build a new state, never patch the old one (strict mode throws).
            const decision = decide(deepFreeze(state), command, ctx);

            if (!decision.ok) {
              expect(VETO_KINDS).toContain(decision.kind);
              expect(decision.reason.length * decision.reasonZh.length).toBeGreaterThan(0);
              if (decision.kind === 'STATUS') expect(isCommandPossibleIn(type, state.status)).toBe(false);
              // allowedCommands and decide agree: only input-driven vetoes hit an allowed command.
              if (decision.kind === 'STATUS' || decision.kind === 'PERMISSION')
                expect(allowed).not.toContain(type);
              continue;
            }
            const { next } = decision;
            expect(isTerminalStatus(state.status)).toBe(false);
            expect(allowed).toContain(type);
            expect(next.version).toBe(state.version + 1);
            const targets: readonly TransitionTarget[] = CASE_TRANSITIONS[type].to;
            expect(
              targets.includes(next.status) ||
                (targets.includes('UNCHANGED') && next.status === state.status),
            ).toBe(true);
            expect(caseInvariantViolations(next, rules)).toEqual([]);
            expect(decision.event.data).toMatchObject({ from: state.status, to: next.status });
            if (type === 'superviseOverdue') {
              // A supervision letter only ever states a deadline that has passed.
              const overdue = decision.event.data.overdue as { dueOn: string }[];
              expect(overdue.length).toBeGreaterThan(0);
              for (const d of overdue) expect(d.dueOn < today).toBe(true);
              supervised++;
            }
            if (type === 'approve' && next.status === 'PENDING_APPROVAL') midChain++;
            if (type === 'screen' && next.status !== 'PENDING_APPROVAL') direct++;
            if (type === 'decideExtension' || type === 'decideObjection') decided.add(type);
            if (type === 'reportPart') partsReported.add(String(decision.event.data.tierCode));
            if (type === 'superviseOverdue')
              for (const d of decision.event.data.overdue as { stage: string }[])
                supervisedStages.add(d.stage);
            if (type === 'skipStep') {
              // Only an optional step, and the one that was due.
              expect(rules.steps[command.type === 'skipStep' ? command.step : 'verification']).toBe(
                'OPTIONAL',
              );
              skipped.add(`${_name}/${decision.event.data.step as string}`);
            }
            const sampling = decision.event.data.followUpSampling as FollowUpSampling | undefined;
            if (sampling) {
              // Decided once per case, recorded with its basis, the same for the same facts.
              expect(state.followUpSampling).toBeNull();
              if (sampling.basis === 'PERCENT')
                expect(sampling.sampled).toBe(samplingBucket(`case-${walk}`) < rules.followUp.percent!);
              if (sampling.basis === 'EVERY_NTH') {
                expect(sampling.ordinal).toBe(decisions + 1);
                expect(sampling.sampled).toBe(sampling.ordinal! % rules.followUp.everyNth! === 0);
                decisions++;
              }
              samples.add(`${sampling.basis}/${sampling.sampled}`);
            } else if (state.followUpSampling !== null) {
              expect(next.followUpSampling).toEqual(state.followUpSampling);
            }
            if (next.status === 'CLOSED') {
              const level = rules.satisfactionScale.find((l) => l.code === next.satisfactionCode);
              if (level && rules.followUp.onUnsatisfied === 'SPECIAL_SUPERVISION')
                expect(level.countsAsSatisfied).toBe(true);
              if (!level) {
                expect(
                  next.followUpSampling?.sampled === false || next.skippedSteps.includes('followUp'),
                ).toBe(true);
                closedWithoutFollowUp++;
              }
            }
            seen.add(next.status);
            state = next;
          }
        },
      ),
      // Enough walks that every variant reaches its rarer acts (skips, samples, decisions) in every run.
      { numRuns: 400 },
    );
  });
});

describe('the random walks', () => {
  it('reached every status, so the invariants were checked everywhere', () => {
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('sent supervision letters, so their due dates were checked', () => {
    expect(supervised).toBeGreaterThan(0);
  });

  it('walked approval chains step by step and past routes with no sign-off', () => {
    expect(midChain).toBeGreaterThan(0);
    expect(direct).toBeGreaterThan(0);
  });

  it('had split and assisting departments report, and supervised their late clocks', () => {
    expect([...partsReported].sort()).toEqual(['ASSISTING', 'SPLIT']);
    expect(supervisedStages).toContain('tierReport');
  });

  it('decided extensions and objections, so the states around them were checked', () => {
    expect([...decided].sort()).toEqual(['decideExtension', 'decideObjection']);
  });

  it('skipped every optional step, sampled cases in and out, and closed cases without a follow-up', () => {
    const optional = VARIANTS[2][0];
    for (const step of PROCEDURE_STEPS) expect(skipped).toContain(`${optional}/${step}`);
    expect([...samples].sort()).toEqual(
      expect.arrayContaining([
        'ALL/true',
        'EVERY_NTH/false',
        'EVERY_NTH/true',
        'PERCENT/false',
        'PERCENT/true',
        'STEP_ABSENT/false',
      ]),
    );
    expect(closedWithoutFollowUp).toBeGreaterThan(0);
  });
});
