import fc from 'fast-check';
import { PARK_ROLES } from '../../auth/roles.js';
import { addDaysToIsoDate } from '../../calendar/iso-date.js';
import { PROCEDURE_STEPS, type ParkRules } from '../../rules/park-rules.schema.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import {
  CASE_COMMAND_TYPES,
  ESCALATION_GROUNDS,
  SPECIAL_SUPERVISION_EVENTS,
  type CaseCommand,
  type CaseCommandType,
} from '../case-commands.js';
import type { CaseState, DeadlineFact } from '../case-state.js';
import { CASE_TRANSITIONS } from '../case-transitions.js';
import { stepDueNow } from '../procedure-steps.js';
import { chainRules } from './chain-fixtures.js';
import { ADMIN, dep, EXECUTIVE, handler, head, LEADER, STAFF, type Actor } from './case-fixtures.js';

/**
 * The pieces of random walks through the lifecycle: steps, the actors of a park, a command of a
 * type with inputs that are often valid and sometimes not, and the rules the walks run under.
 */

export interface Step {
  actor: number;
  preferAllowed: boolean;
  type: number;
  /** Seeds for the command's fields. */
  seeds: number[];
  daysLater: number;
  /** How far the running deadline is past today (negative: still running). */
  lateBy: number;
}

export const step: fc.Arbitrary<Step> = fc.record({
  actor: fc.nat(),
  preferAllowed: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  type: fc.nat(),
  seeds: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  daysLater: fc.integer({ min: 0, max: 4 }),
  lateBy: fc.integer({ min: -3, max: 5 }),
});

/** Tiers for some of the departments besides the lead: the park's, the lead's (refused) or none it has. */
function tiersFor(rules: ParkRules, cooperating: readonly string[], seed: number) {
  const codes = [...rules.assignmentTiers.map((tier) => tier.code), 'NO_SUCH_TIER'];
  if (seed % 4 === 0) return undefined;
  return cooperating.map((departmentId, i) => ({ departmentId, tierCode: pick(codes, seed + i) }));
}

export const pick = <T>(items: readonly T[], seed: number): T => items[seed % items.length];

export function actorsFor(rules: ParkRules): Actor[] {
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

export function commandFor(
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
    case 'reportToLeader':
      return { type, summary: text(s[0]) };
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
export function choose(
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

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

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

/** The parks' own rules, and variants of them with optional, absent and sampled steps. */
export const VARIANTS: [string, () => ParkRules][] = [
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
