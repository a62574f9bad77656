import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { contributionsOf, leadTierCodeIn, type CaseFacts } from '../case-facts.js';
import {
  INDICATOR_CODES,
  indicatorsFromFacts,
  indicatorsFromRollups,
  SELECTORS,
  directCount,
  overdueByTierFromRollups,
  rowCounts,
  type RollupCount,
} from '../indicators.js';
import {
  DEFAULT_INDICATOR_SETTINGS,
  indicatorSettingsProblems,
  monthsBetween,
  reportMonthOf,
} from '../indicator-settings.js';
import { maskName, maskPhone } from '../masking.js';
import { caseFactsArbitrary, filterArbitrary, settingsArbitrary } from './facts-arbitrary.js';

/** Sums contributions by key, as the rollup table does. */
function rollUp(cases: CaseFacts[], cutOff: number | null): RollupCount[] {
  const rows = new Map<string, RollupCount>();
  for (const c of cases)
    for (const { caseId: _, ...k } of contributionsOf(c, cutOff)) {
      const key = [k.metric, k.onDate, k.categoryCode, k.channelCode, k.departmentId, k.code].join('|');
      const row = rows.get(key);
      if (row) row.n += k.n;
      else rows.set(key, { ...k });
    }
  return [...rows.values()];
}

const casesArbitrary = fc
  .array(caseFactsArbitrary, { maxLength: 40 })
  .map((list) => list.map((c, i) => ({ ...c, caseId: `c${i}` })));

/** A POLICY case by hotline, accepted on 2026-03-02 for department d1, open: no step done yet. */
function caseFacts(facts: Partial<CaseFacts> & Pick<CaseFacts, 'caseId' | 'replyDueOn'>): CaseFacts {
  return {
    categoryCode: 'POLICY',
    channelCode: 'HOTLINE',
    departmentId: 'd1',
    registeredOn: '2026-03-02',
    accepted: true,
    rejected: false,
    repliedOn: null,
    completionDueOn: null,
    gradedOn: null,
    gradeCode: null,
    completedOn: null,
    satisfactionCode: null,
    followedUpOn: null,
    handlingWorkingDays: null,
    supervisedOn: [],
    specialSupervisedOn: [],
    openDueOn: null,
    openDeadlines: [],
    openLetterDueOns: [],
    ...facts,
  };
}

describe('indicators', () => {
  it('every indicator from the rollups equals the one computed from the cases', () => {
    fc.assert(
      fc.property(casesArbitrary, filterArbitrary, settingsArbitrary, (cases, filter, settings) => {
        const rows = rollUp(cases, settings.monthCutOffDay);
        expect(indicatorsFromRollups(rows, filter, settings)).toEqual(
          indicatorsFromFacts(cases, filter, settings),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('a drill-down (the cases a selector counts) adds up to the figure', () => {
    fc.assert(
      fc.property(casesArbitrary, filterArbitrary, settingsArbitrary, (cases, filter, settings) => {
        for (const selector of Object.values(SELECTORS)) {
          const fromRollups = rollUp(cases, settings.monthCutOffDay)
            .filter((r) => rowCounts(r, selector, filter, settings))
            .reduce((sum, r) => sum + r.n, 0);
          const drilled = cases
            .flatMap((c) => contributionsOf(c, settings.monthCutOffDay))
            .filter((r) => rowCounts(r, selector, filter, settings))
            .reduce((sum, r) => sum + r.n, 0);
          const direct = cases.reduce((sum, c) => sum + directCount(c, selector, filter, settings), 0);
          expect(drilled).toBe(fromRollups);
          expect(direct).toBe(fromRollups);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('computes the rates of a small example by hand', () => {
    const base = caseFacts({
      caseId: 'x',
      replyDueOn: '2026-03-16',
      repliedOn: '2026-03-16',
      completionDueOn: '2026-03-16',
      gradedOn: '2026-03-20',
      gradeCode: 'A',
      completedOn: '2026-03-20',
      satisfactionCode: 'BASICALLY_SATISFIED',
      followedUpOn: '2026-03-25',
      handlingWorkingDays: 14,
    });
    const late = {
      ...base,
      caseId: 'y',
      repliedOn: '2026-03-17',
      gradeCode: 'B',
      satisfactionCode: 'UNSATISFIED',
      handlingWorkingDays: 4,
    };
    const filter = { periodFrom: '2026-03', periodTo: '2026-03', asOf: '2026-04-01' };
    const values = Object.fromEntries(
      indicatorsFromFacts([base, late], filter, DEFAULT_INDICATOR_SETTINGS).map((v) => [v.code, v.value]),
    );
    expect(values.REPLY_ON_TIME_RATE).toBe(0.5);
    expect(values.COMPLETION_ON_TIME_RATE).toBe(0);
    expect(values.RESOLUTION_RATE).toBe(0.5);
    expect(values.SATISFACTION_RATE).toBe(0.5);
    expect(values.HANDLING_DAYS_MEAN).toBe(9);
    expect(values.HANDLING_DAYS_P90).toBe(14);
    const strict = { ...DEFAULT_INDICATOR_SETTINGS, basicallySatisfiedCountsAsSatisfied: false };
    expect(
      indicatorsFromFacts([base, late], filter, strict).find((v) => v.code === 'SATISFACTION_RATE')!.value,
    ).toBe(0);
    expect(INDICATOR_CODES).toContain('REFERRAL_LETTERS_UNANSWERED');
  });

  it('never counts a case with no follow-up due as missing one; completion without a grade counts', () => {
    const followedUp = caseFacts({
      caseId: 'sampled',
      replyDueOn: '2026-03-16',
      repliedOn: '2026-03-10',
      completionDueOn: '2026-03-16',
      gradedOn: '2026-03-12',
      gradeCode: 'A',
      completedOn: '2026-03-12',
      satisfactionCode: 'SATISFIED',
      followedUpOn: '2026-03-13',
      handlingWorkingDays: 8,
    });
    // Graded and closed out without a follow-up: not sampled (or the step absent, or skipped).
    const notSampled = { ...followedUp, caseId: 'not-sampled', satisfactionCode: null, followedUpOn: null };
    // Answered where the rules have no grading: completed on time, not graded.
    const ungraded = { ...notSampled, caseId: 'ungraded', gradedOn: null, gradeCode: null };
    const filter = { periodFrom: '2026-03', periodTo: '2026-03', asOf: '2026-04-01' };
    const byCode = (cases: CaseFacts[]) =>
      Object.fromEntries(
        indicatorsFromFacts(cases, filter, DEFAULT_INDICATOR_SETTINGS).map((v) => [v.code, v]),
      );
    const alone = byCode([followedUp]);
    const mixed = byCode([followedUp, notSampled, notSampled, ungraded]);
    expect(mixed.SATISFACTION_RATE).toEqual(alone.SATISFACTION_RATE);
    expect(mixed.SATISFACTION_RATE).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(mixed.OVERDUE_NOW.value).toBe(0);
    expect(mixed.RESOLUTION_RATE).toMatchObject({ numerator: 3, denominator: 3 });
    expect(mixed.COMPLETION_ON_TIME_RATE).toMatchObject({ value: 1, numerator: 4, denominator: 4 });
    for (const c of [notSampled, ungraded])
      expect(contributionsOf(c, null).map((k) => k.metric)).not.toContain('satisfactionAnswered');
  });

  describe('overdue deadlines, each against the department and tier whose clock ran out', () => {
    // In progress: the lead department (d1) answers by 03-20; asOf 03-10.
    const inProgress = caseFacts({
      caseId: 'tiers',
      replyDueOn: '2026-03-20',
      completionDueOn: '2026-03-20',
      openDueOn: '2026-03-20',
      openDeadlines: [{ stage: 'departmentReply', dueOn: '2026-03-20' }],
    });
    const filter = { periodFrom: '2026-03', periodTo: '2026-03', asOf: '2026-03-10' };
    const overdue = (c: CaseFacts) =>
      contributionsOf(c, null)
        .filter((k) => k.metric === 'openDeadline' && k.onDate < filter.asOf)
        .map(({ departmentId, code, n }) => ({ departmentId, code, n }));
    const overdueNow = (cases: CaseFacts[]) =>
      indicatorsFromFacts(cases, filter, DEFAULT_INDICATOR_SETTINGS, ['OVERDUE_NOW'])[0].numerator;

    it('a late follow-up is the service center’s: no department’s clock, even with a lead department', () => {
      const lateFollowUp: CaseFacts = {
        ...inProgress,
        caseId: 'late-follow-up',
        repliedOn: '2026-03-05',
        gradedOn: '2026-03-05',
        gradeCode: 'A',
        completedOn: '2026-03-05',
        openDueOn: '2026-03-09',
        openDeadlines: [{ stage: 'followUp', dueOn: '2026-03-09' }],
      };
      expect(overdue(lateFollowUp)).toEqual([{ departmentId: null, code: '', n: 1 }]);
      expect(overdueNow([lateFollowUp])).toBe(1);
      // The lead department has nothing overdue; the case is overdue once.
      const lead = { ...filter, departmentIds: ['d1'] };
      expect(directCount(lateFollowUp, SELECTORS.OVERDUE_DEADLINES, lead, DEFAULT_INDICATOR_SETTINGS)).toBe(
        0,
      );
      for (const stage of [
        'verification',
        'screening',
        'approval',
        'bGradeReviewInterval',
        'objectionDecision',
      ])
        expect(overdue({ ...lateFollowUp, openDeadlines: [{ stage, dueOn: '2026-03-09' }] })).toEqual([
          { departmentId: null, code: '', n: 1 },
        ]);
    });

    it('a late split clock is its department’s, tier SPLIT, while the lead is in time', () => {
      const lateSplit: CaseFacts = {
        ...inProgress,
        caseId: 'late-split',
        openDueOn: '2026-03-06',
        openDeadlines: [
          { stage: 'departmentReply', dueOn: '2026-03-20' },
          { stage: 'tierReport', dueOn: '2026-03-06', departmentId: 'd2', tierCode: 'SPLIT' },
          { stage: 'tierReport', dueOn: '2026-03-12', departmentId: 'd3', tierCode: 'ASSISTING' },
        ],
      };
      expect(overdue(lateSplit)).toEqual([{ departmentId: 'd2', code: 'SPLIT', n: 1 }]);
      const rows = rollUp([lateSplit, inProgress], null);
      const of = (departmentId: string | null) =>
        Object.fromEntries(
          overdueByTierFromRollups(
            rows.filter((r) => r.departmentId === departmentId),
            filter,
          ),
        );
      expect(of('d2')).toEqual({ SPLIT: 1 });
      expect(of('d1')).toEqual({});
      expect(of('d3')).toEqual({});
      expect(overdueNow([lateSplit, inProgress])).toBe(1);
    });

    it('a late lead reply is the lead department’s, in the rules’ lead tier; a case late twice is overdue once', () => {
      const lateBoth: CaseFacts = {
        ...inProgress,
        caseId: 'late-both',
        leadTierCode: 'ZHUBAN',
        openDueOn: '2026-03-04',
        openDeadlines: [
          { stage: 'departmentReply', dueOn: '2026-03-09' },
          { stage: 'tierReport', dueOn: '2026-03-04', departmentId: 'd2', tierCode: 'ASSISTING' },
          { stage: 'tierReport', dueOn: '2026-03-04', departmentId: 'd3', tierCode: 'ASSISTING' },
        ],
      };
      expect(overdue(lateBoth)).toEqual([
        { departmentId: 'd1', code: 'ZHUBAN', n: 1 },
        { departmentId: 'd2', code: 'ASSISTING', n: 1 },
        { departmentId: 'd3', code: 'ASSISTING', n: 1 },
      ]);
      expect(overdueNow([lateBoth])).toBe(1);
      expect(
        indicatorsFromRollups(rollUp([lateBoth], null), filter, DEFAULT_INDICATOR_SETTINGS, [
          'OVERDUE_NOW',
        ])[0].numerator,
      ).toBe(1);
      // Without a lead department yet, a reply clock is no department's.
      expect(
        overdue({ ...lateBoth, departmentId: null, openDeadlines: lateBoth.openDeadlines.slice(0, 1) }),
      ).toEqual([{ departmentId: null, code: '', n: 1 }]);
    });

    it('takes the lead tier’s code from the rules’ tiers, LEAD when they list none', () => {
      expect(leadTierCodeIn({})).toBe('LEAD');
      expect(
        leadTierCodeIn({
          assignmentTiers: [
            { code: 'COOP', role: 'COOPERATING' },
            { code: 'ZHUBAN', role: 'LEAD' },
          ],
        }),
      ).toBe('ZHUBAN');
    });
  });

  it('reports a date past the cut-off day in the next month', () => {
    expect(reportMonthOf('2026-03-25', 25)).toBe('2026-03');
    expect(reportMonthOf('2026-03-26', 25)).toBe('2026-04');
    expect(reportMonthOf('2026-12-31', 25)).toBe('2027-01');
    expect(reportMonthOf('2026-03-31', null)).toBe('2026-03');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('validates settings with the field at fault', () => {
    expect(indicatorSettingsProblems(DEFAULT_INDICATOR_SETTINGS)).toEqual([]);
    const paths = indicatorSettingsProblems({
      ...DEFAULT_INDICATOR_SETTINGS,
      resolvedGradeCodes: [],
      satisfiedCodes: ['BASICALLY_SATISFIED'],
      minCasesForRanking: -1,
      monthCutOffDay: 31,
    }).map((p) => p.path);
    expect(paths).toEqual(['resolvedGradeCodes', 'satisfiedCodes', 'minCasesForRanking', 'monthCutOffDay']);
  });

  it('masks contact names and phones', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李*');
    expect(maskPhone('13800001234')).toBe('138****1234');
    expect(maskPhone('023-1234')).toBe('******34');
  });
});
