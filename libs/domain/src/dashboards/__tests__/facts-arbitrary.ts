import fc from 'fast-check';
import { addDaysToIsoDate } from '../../calendar/iso-date.js';
import type { CaseFacts } from '../case-facts.js';
import type { IndicatorFilter } from '../indicators.js';
import type { IndicatorSettings } from '../indicator-settings.js';

export const CATEGORIES = ['POLICY', 'LAND', 'POWER'];
export const CHANNELS = ['HOTLINE', 'HALL'];
export const DEPARTMENTS = ['d1', 'd2', null];
/** Departments in a filter: d3 is only ever a split or assisting department. */
const FILTER_DEPARTMENTS = ['d1', 'd2', 'd3', null];
export const GRADES = ['A', 'B', 'C'];
export const LEVELS = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'];
export const TIERS = ['SPLIT', 'ASSISTING'];

const day = (offset: number) => addDaysToIsoDate('2025-11-01', offset);
const offset = fc.integer({ min: 0, max: 300 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

/** A case's facts in a consistent order: registered, replied, graded, followed up. */
export const caseFactsArbitrary: fc.Arbitrary<Omit<CaseFacts, 'caseId'>> = fc
  .record({
    categoryCode: fc.constantFrom(...CATEGORIES),
    channelCode: fc.constantFrom(...CHANNELS),
    departmentId: fc.constantFrom(...DEPARTMENTS),
    registered: offset,
    screening: fc.constantFrom('accepted', 'rejected', 'pending'),
    replyDue: maybe(fc.integer({ min: 1, max: 40 })),
    replied: maybe(fc.integer({ min: 0, max: 60 })),
    completionDue: maybe(fc.integer({ min: 1, max: 60 })),
    graded: maybe(fc.integer({ min: 0, max: 80 })),
    gradeCode: fc.constantFrom(...GRADES),
    // Grading left out by the rules or skipped: completed on the day it was passed over.
    passedOverGrading: fc.boolean(),
    followedUp: maybe(fc.integer({ min: 0, max: 30 })),
    satisfactionCode: fc.constantFrom(...LEVELS),
    handlingWorkingDays: fc.integer({ min: 0, max: 60 }),
    supervised: fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 3 }),
    special: fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 2 }),
    // Open clocks: the lead's reply, a split or assisting department's report, or a stage of no
    // department (the service center's verification or follow-up, a leader's sign-off).
    open: fc.array(
      fc.record({
        stage: fc.constantFrom('departmentReply', 'tierReport', 'verification', 'approval', 'followUp'),
        due: fc.integer({ min: 0, max: 120 }),
        departmentId: fc.constantFrom('d1', 'd2', 'd3'),
        tierCode: fc.constantFrom(...TIERS),
      }),
      { maxLength: 3 },
    ),
    leadTierCode: fc.constantFrom(undefined, 'LEAD', 'ZHUBAN'),
    letters: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 2 }),
  })
  .map((r) => {
    const accepted = r.screening === 'accepted';
    const at = (n: number) => day(r.registered + n);
    const answered = accepted && r.graded !== null;
    const graded = answered && !r.passedOverGrading;
    const openDeadlines = r.open
      .filter((d) => accepted || !['departmentReply', 'tierReport'].includes(d.stage))
      .map((d) =>
        d.stage === 'tierReport'
          ? { stage: d.stage, dueOn: at(d.due), departmentId: d.departmentId, tierCode: d.tierCode }
          : { stage: d.stage, dueOn: at(d.due) },
      );
    return {
      categoryCode: r.categoryCode,
      channelCode: r.channelCode,
      departmentId: accepted ? r.departmentId : null,
      registeredOn: at(0),
      accepted,
      rejected: r.screening === 'rejected',
      replyDueOn: accepted && r.replyDue !== null ? at(r.replyDue) : null,
      repliedOn: accepted && r.replyDue !== null && r.replied !== null ? at(r.replied) : null,
      completionDueOn: accepted && r.completionDue !== null ? at(r.completionDue) : null,
      gradedOn: graded ? at(r.graded!) : null,
      gradeCode: graded ? r.gradeCode : null,
      completedOn: answered ? at(r.graded!) : null,
      satisfactionCode: answered && r.followedUp !== null ? r.satisfactionCode : null,
      followedUpOn: answered && r.followedUp !== null ? at(r.graded! + r.followedUp) : null,
      handlingWorkingDays: graded ? r.handlingWorkingDays : null,
      supervisedOn: accepted ? r.supervised.map(at) : [],
      specialSupervisedOn: accepted ? r.special.map(at) : [],
      openDueOn: openDeadlines.map((d) => d.dueOn).sort()[0] ?? null,
      openDeadlines,
      ...(r.leadTierCode ? { leadTierCode: r.leadTierCode } : {}),
      openLetterDueOns: accepted ? r.letters.map(at) : [],
    };
  });

const month = fc.integer({ min: 0, max: 13 }).map((n) => {
  const m = 11 + n; // from 2025-11
  return `${2025 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}`;
});

const subset = <T>(values: T[]) => fc.option(fc.subarray(values, { minLength: 1 }), { nil: null });

export const filterArbitrary: fc.Arbitrary<IndicatorFilter> = fc
  .record({
    a: month,
    b: month,
    categoryCodes: subset(CATEGORIES),
    channelCodes: subset(CHANNELS),
    departmentIds: subset(FILTER_DEPARTMENTS),
    asOf: offset.map(day),
  })
  .map(({ a, b, ...rest }) => ({ periodFrom: a < b ? a : b, periodTo: a < b ? b : a, ...rest }));

export const settingsArbitrary: fc.Arbitrary<IndicatorSettings> = fc.record({
  resolvedGradeCodes: fc.subarray(GRADES, { minLength: 1 }),
  satisfiedCodes: fc.constant(['SATISFIED']),
  basicallySatisfiedCountsAsSatisfied: fc.boolean(),
  minCasesForRanking: fc.integer({ min: 0, max: 10 }),
  monthCutOffDay: fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
});
