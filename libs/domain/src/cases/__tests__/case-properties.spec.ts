import fc from 'fast-check';
import { PARK_ROLES } from '../../auth/roles.js';
import { addDaysToIsoDate } from '../../calendar/iso-date.js';
import { workingDayCalendarFor } from '../../calendar/working-days.js';
import { PROCEDURE_STEPS, type ParkRules } from '../../rules/park-rules.schema.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import { allowedCommands, decide, registerCase } from '../case-aggregate.js';
import {
  CASE_COMMAND_TYPES,
  ESCALATION_GROUNDS,
  SPECIAL_SUPERVISION_EVENTS,
  type CaseCommand,
  type CaseCommandType,
} from '../case-commands.js';
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
import { chainRules } from './chain-fixtures.js';
import { runningDeadlineStage, samplingBucket, stepDueNow } from '../procedure-steps.js';
import { reportingDepartments } from '../assignment-tiers.js';
import {
  ADMIN,
  contextFor,
  dep,
  departmentsOf,
  EXECUTIVE,
  handler,
  head,
  LEADER,
  STAFF,
  type Actor,
} from './case-fixtures.js';

/**
 * Random command sequences, biased towards commands the actor may give so that runs get deep
 * into the lifecycle, with inputs that are often valid and sometimes not. Whatever happens, no
 * accepted command may lead to an inconsistent state.
 */

interface Step {
  actor: number;
  preferAllowed: boolean;
  type: number;
  /** Seeds for the command's fields. */
  seeds: number[];
  daysLater: number;
  /** How far the running deadline is past today (negative: still running). */
  lateBy: number;
}

const step: fc.Arbitrary<Step> = fc.record({
  actor: fc.nat(),
  preferAllowed: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  type: fc.nat(),
  seeds: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  daysLater: fc.integer({ min: 0, max: 4 }),
  lateBy: fc.integer({ min: -3, max: 5 }),
});

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

/** Tiers for some of the departments besides the lead: the park's, the lead's (refused) or none it has. */
function tiersFor(rules: ParkRules, cooperating: readonly string[], seed: number) {
  const codes = [...rules.assignmentTiers.map((tier) => tier.code), 'NO_SUCH_TIER'];
  if (seed % 4 === 0) return undefined;
  return cooperating.map((departmentId, i) => ({ departmentId, tierCode: pick(codes, seed + i) }));
}

const pick = <T>(items: readonly T[], seed: number): T => items[seed % items.length];

function actorsFor(rules: ParkRules): Actor[] {
  const parkCodes = rules.departments.filter((d) => d.kind === 'PARK').map((d) => d.code);
  const everyone: Actor = {
    roles: [
      ...PARK_ROLES.map((role) => ({ role, departmentId: null })),
      ...parkCodes.flatMap((code) => [
        { role: 'DEPARTMENT_HEAD' as const, departmentId: dep(code) },
        { role: 'DEPARTMENT_HANDLER' as const, departmentId: dep(code) },
      ]),
    ],
  };
  return [
    STAFF,
    LEADER,
    EXECUTIVE,
    ADMIN,
    everyone,
    everyone,
    ...parkCodes.slice(0, 3).flatMap((code) => [handler(code), head(code)]),
  ];
}

function commandFor(
  type: CaseCommandType,
  s: number[],
  rules: ParkRules,
  state: CaseState,
  today: string,
  deadlines: readonly DeadlineFact[],
): CaseCommand {
  const text = (seed: number) => pick(['说明', '情况说明', '说明', ''], seed);
  const parkCodes = rules.departments.filter((d) => d.kind === 'PARK').map((d) => d.code);
  const bureauCodes = rules.departments.filter((d) => d.kind === 'DISTRICT').map((d) => d.code);
  const parkIds = [...parkCodes.slice(0, 4), 'RETIRED_OFFICE', bureauCodes[0]].map(dep);
  const bureauIds = [...bureauCodes.slice(0, 3), 'RETIRED_BUREAU'].map(dep);
  switch (type) {
    case 'verify':
      return { type, notes: text(s[0]), enterpriseConfirmed: pick([true, true, false, undefined], s[1]) };
    case 'reject':
      return {
        type,
        reason: pick([...rules.inadmissibleMatters.map((m) => m.code), 'NOT_IN_PARK', 'BOGUS'], s[0]),
        note: text(s[1]),
      };
    case 'recordPolicyDiscussion':
      return { type, minutes: text(s[0]) };
    case 'screen': {
      const jurisdiction = pick(['PARK', 'PARK', 'DISTRICT'] as const, s[0]);
      const [lead, ...others] = pick([parkIds, parkIds, parkIds.slice(1), [...parkIds].reverse()], s[3]);
      const cooperating = pick(
        [[], [], [others[0]], others.slice(0, 2), others.slice(0, 3), [lead], [lead, lead]],
        s[4],
      );
      const bureaus = pick(
        [
          [bureauIds[0]],
          bureauIds.slice(0, 2),
          bureauIds.slice(0, 3),
          [bureauIds[0], bureauIds[0]],
          bureauIds.slice(2),
          [],
          [parkIds[0]],
        ],
        s[5],
      );
      return {
        type,
        jurisdiction,
        major: s[1] % 4 === 0,
        policyHeavy: s[2] % 4 === 0,
        leadDepartmentId: jurisdiction === 'PARK' ? lead : pick([null, null, null, lead], s[3]),
        cooperatingDepartmentIds:
          jurisdiction === 'PARK' ? cooperating : pick([[], [], [], cooperating], s[4]),
        // Park cases name bureaus only now and then (the routes that send a letter need them).
        referredDepartmentIds: jurisdiction === 'DISTRICT' || s[7] % 3 === 0 ? bureaus : [],
        opinion: text(s[6]),
        departmentTiers: tiersFor(rules, cooperating, s[7]),
        // The park's flags now and then, and one it does not define.
        flagCodes: pick(
          [[], [], ...rules.caseFlags.map((flag) => [flag.code]), ['NO_SUCH_FLAG']],
          Math.floor(s[2] / 4),
        ),
      };
    }
    case 'approve':
      return { type, opinion: pick(['同意', ''], s[0]) };
    case 'sendBack':
      return { type, reason: text(s[0]) };
    case 'startHandling':
    case 'closeOut':
      return { type };
    case 'submitResult':
      return { type, replyToEnterprise: text(s[0]), result: text(s[1]) };
    case 'reviewResult':
      return { type, approved: s[0] % 3 !== 0, comment: text(s[1]) };
    case 'recordReferralReply': {
      const pending = state.referredDepartmentIds.filter((id) => !state.repliesRecorded.includes(id));
      return {
        type,
        departmentId: pick([...pending, ...pending, ...bureauIds.slice(0, 1)], s[0]) ?? bureauIds[0],
        repliedOn: addDaysToIsoDate(today, -pick([0, 1, 0, -1], s[1])),
        responsiblePerson: text(s[2]),
        contact: text(s[3]),
        content: text(s[4]),
      };
    }
    case 'grade': {
      const codes = [...rules.grades.map((g) => g.code), 'D'];
      return { type, gradeCode: pick(codes, s[0]), reason: pick(['受政策限制', undefined, ''], s[1]) };
    }
    case 'recordFollowUp':
      return {
        type,
        satisfactionCode: pick([...rules.satisfactionScale.map((l) => l.code), 'X'], s[0]),
        note: text(s[1]),
      };
    case 'specialSupervision':
      return { type, event: pick([...SPECIAL_SUPERVISION_EVENTS, 'OVERDUE'], s[0]), reason: text(s[1]) };
    case 'superviseOverdue':
      return { type, note: pick(['请抓紧办理', undefined], s[0]) };
    case 'recordCoordination':
      return {
        type,
        kind: pick(['VISIT', 'MEETING'] as const, s[0]),
        heldOn: addDaysToIsoDate(today, -pick([0, 2, -1], s[1])),
        participants: ['王主任'],
        minutes: text(s[2]),
      };
    case 'addProgressNote':
      return { type, note: text(s[0]) };
    case 'escalate':
      return { type, ground: pick([...Object.keys(ESCALATION_GROUNDS), 'LATE'], s[0]), reason: text(s[1]) };
    case 'requestExtension':
      return {
        type,
        // Mostly a few days past the running due date; sometimes too far, or not later at all.
        newDueOn: addDaysToIsoDate(deadlines[0]?.dueOn ?? today, pick([2, 5, 7, 30, 0], s[0])),
        reason: text(s[1]),
      };
    case 'decideExtension':
      return { type, approved: s[0] % 3 !== 0, note: text(s[1]) };
    case 'objectToAssignment':
      return { type, reason: text(s[0]) };
    case 'decideObjection': {
      const outcome = pick(['MAINTAINED', 'REASSIGNED', 'REASSIGNED', 'LATER'] as const, s[0]);
      return {
        type,
        outcome: outcome as 'MAINTAINED',
        leadDepartmentId: pick([...parkIds, null, state.leadDepartmentId], s[1]),
        cooperatingDepartmentIds: pick([[], [parkIds[1]], [parkIds[0], parkIds[2]]], s[2]),
        departmentTiers: tiersFor(rules, pick([[], [parkIds[1]], [parkIds[0], parkIds[2]]], s[2]), s[4]),
        note: text(s[3]),
      };
    }
    case 'reportPart':
      return {
        type,
        departmentId: pick([undefined, undefined, ...state.cooperatingDepartmentIds, parkIds[0]], s[0]),
        report: text(s[1]),
        replyToEnterprise: pick([text(s[2]), undefined], s[3]),
      };
    case 'skipStep': {
      // Mostly the step due now; now and then another one.
      const due = stepDueNow(state, rules) ?? 'verification';
      return { type, step: pick([due, due, due, ...PROCEDURE_STEPS], s[0]), reason: text(s[1]) };
    }
    case 'handOverToOffice':
      return { type, officeCodes: pick([undefined, rules.ccOffices.map((o) => o.code), ['NOBODY']], s[0]) };
  }
}

/**
 * Mostly an actor who may act and a command they may give, preferring those that move the case
 * (rejection and sending back rarely, as they undo the walk's progress); otherwise anything.
 */
function choose(
  st: Step,
  actors: Actor[],
  allowedFor: (actor: Actor) => CaseCommandType[],
): [Actor, CaseCommandType] {
  const fallback: [Actor, CaseCommandType] = [pick(actors, st.actor), pick(CASE_COMMAND_TYPES, st.type)];
  if (!st.preferAllowed) return fallback;
  for (let i = 0; i < actors.length; i++) {
    const actor = actors[(st.actor + i) % actors.length];
    const allowed = allowedFor(actor);
    if (allowed.length === 0) continue;
    const forward = allowed.filter((t) => t !== 'reject' && t !== 'sendBack');
    const moving = forward.filter(
      (t) => !(CASE_TRANSITIONS[t].to as readonly string[]).includes('UNCHANGED'),
    );
    const pool =
      moving.length > 0 && st.seeds[7] % 3 !== 0
        ? moving
        : forward.length > 0 && st.seeds[7] % 7 !== 0
          ? forward
          : allowed;
    return [actor, pick(pool, st.type)];
  }
  return fallback;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** The parks' own rules, and variants of them with optional, absent and sampled steps. */
const VARIANTS: [string, () => ParkRules][] = [
  ['zhengyang', () => parkRules('zhengyang')],
  ['wulingshan', () => parkRules('wulingshan')],
  [
    'zhengyang, every step optional, 50% followed up, unsatisfied only recorded, flagged outside the register',
    () => ({
      ...parkRules('zhengyang'),
      steps: { verification: 'OPTIONAL', headReview: 'OPTIONAL', grading: 'OPTIONAL', followUp: 'OPTIONAL' },
      followUp: { mode: 'PERCENT', percent: 50, onUnsatisfied: 'RECORD_ONLY' },
      admissibility: { notInRegister: 'FLAG_FOR_VERIFICATION' },
    }),
  ],
  [
    'wulingshan, every step absent, added to the register',
    () => ({
      ...parkRules('wulingshan'),
      steps: { verification: 'ABSENT', headReview: 'ABSENT', grading: 'ABSENT', followUp: 'ABSENT' },
      admissibility: { notInRegister: 'ACCEPT_AND_ADD' },
    }),
  ],
  [
    'zhengyang, no verification or head review, every 3rd case followed up',
    () => ({
      ...parkRules('zhengyang'),
      steps: { verification: 'ABSENT', headReview: 'ABSENT', grading: 'OPTIONAL', followUp: 'REQUIRED' },
      followUp: { mode: 'EVERY_NTH', everyNth: 3, onUnsatisfied: 'SPECIAL_SUPERVISION' },
    }),
  ],
  [
    'wulingshan, no grading, every case followed up',
    () => ({
      ...parkRules('wulingshan'),
      steps: { verification: 'REQUIRED', headReview: 'OPTIONAL', grading: 'ABSENT', followUp: 'REQUIRED' },
    }),
  ],
  ['approval chain', () => chainRules()],
  ['zhengyang with extensions and objections', () => withExtensionsAndObjections(parkRules('zhengyang'))],
  // Three tiers, no sign-off, extensions, objections, every third case followed up.
  ['qinglan', () => parkRules('qinglan')],
];

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

/** Zhengyang's rules with extensions and objections, as a park of three-tier rulebooks has them. */
function withExtensionsAndObjections(rules: ParkRules): ParkRules {
  return {
    ...rules,
    extensions: {
      departmentReply: {
        requestBeforeWorkingDays: 1,
        decidedBy: ['LEADER_IN_CHARGE'],
        maxCount: 2,
        maxLength: { amount: 10, unit: 'WORKING_DAYS' },
      },
    },
    objections: { windowWorkingDays: 3, decidedBy: ['SERVICE_CENTER_STAFF'], decisionWorkingDays: 2 },
  };
}

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
