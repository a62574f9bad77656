import { ParkRulesInvalidError } from '../errors.js';
import {
  DEFAULT_REFERRAL_SUPERVISION_WORDING,
  supervisionWording,
  unknownLetterPlaceholders,
} from '../letter-wording.js';
import { assertValidParkRules, formatProblemPath, validateParkRules } from '../validate-park-rules.js';
import { parkRules } from './park-fixtures.js';

const problemsOf = (input: unknown) => {
  const result = validateParkRules(input);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};

describe('validateParkRules', () => {
  it('accepts valid rules and returns them parsed', () => {
    const rules = parkRules('zhengyang');
    expect(validateParkRules(rules)).toEqual({ ok: true, rules });
  });

  it('returns every problem at once, each with its exact path', () => {
    const rules = parkRules('zhengyang');
    rules.approvalRoutes[2].condition.departmentCountMin = 3;
    rules.approvalRoutes[2].condition.departmentCountMax = 2;
    rules.approvalRoutes[1].condition.categoryCodes = ['POWER_SUPPLY', 'TAXES'];
    (rules.approvalRoutes[0].approvalSteps[0] as { role: string }).role = 'MAYOR';
    rules.categories[4].code = 'LAND_APPROVAL';
    rules.numbering.ASSIGNMENT.format = '正阳园区管委交〔{year}〕第号';
    rules.deadlines.referralReply.amount = -1;
    rules.calendar.closures.push({ date: '2026-02-30', reason: '检修' });
    (rules.categories[0] as Record<string, unknown>).colour = 'red';
    delete (rules.contacts as Partial<typeof rules.contacts>).issuingBodyName;

    expect(problemsOf(rules)).toEqual([
      { path: 'categories[0].colour', message: 'unknown field' },
      { path: 'approvalRoutes[0].approvalSteps[0].role', message: 'unknown role "MAYOR"' },
      { path: 'deadlines.referralReply.amount', message: 'must be at least 0 (0: the same day)' },
      { path: 'calendar.closures[0].date', message: 'must be a date YYYY-MM-DD' },
      { path: 'contacts.issuingBodyName', message: 'required' },
      { path: 'categories[4].code', message: 'duplicate code "LAND_APPROVAL" (also at categories[2])' },
      { path: 'approvalRoutes[1].condition.categoryCodes[1]', message: 'unknown category "TAXES"' },
      {
        path: 'approvalRoutes[2].condition.departmentCountMin',
        message: 'must not exceed departmentCountMax',
      },
      { path: 'numbering.ASSIGNMENT.format', message: 'must contain {seq}' },
    ]);
  });

  it('requires a fallback route with an empty condition', () => {
    const rules = parkRules('zhengyang');
    rules.approvalRoutes.pop();
    expect(problemsOf(rules)).toEqual([
      { path: 'approvalRoutes', message: 'a fallback route (empty condition) is required' },
    ]);
  });

  it('reports routes after the fallback as unreachable', () => {
    const rules = parkRules('zhengyang');
    rules.approvalRoutes.unshift({ ...rules.approvalRoutes[4], code: 'EARLY_FALLBACK' });
    expect(problemsOf(rules)).toEqual([
      { path: 'approvalRoutes[1]', message: 'unreachable: after the fallback route approvalRoutes[0]' },
      { path: 'approvalRoutes[2]', message: 'unreachable: after the fallback route approvalRoutes[0]' },
      { path: 'approvalRoutes[3]', message: 'unreachable: after the fallback route approvalRoutes[0]' },
      { path: 'approvalRoutes[4]', message: 'unreachable: after the fallback route approvalRoutes[0]' },
      { path: 'approvalRoutes[5]', message: 'unreachable: after the fallback route approvalRoutes[0]' },
    ]);
  });

  it('checks references to cc offices and the letter rule for district routes', () => {
    const rules = parkRules('wulingshan');
    rules.approvalRoutes[2].ccOfficeCodes = ['DISTRICT_PRIVATE_ECONOMY_OFFICE', 'DISTRICT_AUDIT_OFFICE'];
    rules.approvalRoutes[2].sendsReferralLetter = false;
    rules.ccOffices.push({ ...rules.ccOffices[0] });
    expect(problemsOf(rules)).toEqual([
      {
        path: 'ccOffices[2].code',
        message: 'duplicate code "DISTRICT_PRIVATE_ECONOMY_OFFICE" (also at ccOffices[0])',
      },
      { path: 'approvalRoutes[2].ccOfficeCodes[1]', message: 'unknown cc office "DISTRICT_AUDIT_OFFICE"' },
      {
        path: 'approvalRoutes[2].ccOfficeCodes',
        message: 'only applies to a route that sends a referral letter',
      },
      { path: 'approvalRoutes[2].sendsReferralLetter', message: 'must be true for DISTRICT jurisdiction' },
    ]);
  });

  it('checks numbering formats, deadlines, calendar, grades, satisfaction and letters', () => {
    const rules = parkRules('zhengyang');
    rules.numbering.REGISTRATION.format = '企业困难问题第{seq}号';
    rules.numbering.REFERRAL_LETTER.format = '函〔{year}〕{seq}号{name}';
    rules.numbering.SUPERVISION_LETTER.format = rules.numbering.ASSIGNMENT.format;
    rules.deadlines.departmentReply.byUrgency = { URGENT: { amount: 20, unit: 'WORKING_DAYS' } };
    rules.calendar.closures.push({ date: '2026-10-10', reason: '停电' });
    rules.calendar.extraWorkdays.push(
      { date: '2026-10-10', reason: '加班' },
      { date: '2026-10-10', reason: '再次' },
    );
    rules.grades[1].reviewRequired = false;
    rules.satisfactionScale.forEach((level) => (level.countsAsSatisfied = true));
    rules.letters.referral.body += '{deadline}';
    expect(problemsOf(rules)).toEqual([
      { path: 'numbering.REGISTRATION.format', message: 'a yearly reset requires {year}' },
      { path: 'numbering.REFERRAL_LETTER.format', message: 'unknown placeholder {name}' },
      { path: 'numbering.SUPERVISION_LETTER.format', message: 'same format as numbering.ASSIGNMENT' },
      {
        path: 'deadlines.departmentReply.byUrgency.URGENT.amount',
        message: 'must not exceed the NORMAL amount',
      },
      {
        path: 'calendar.extraWorkdays[1].date',
        message: 'duplicate date "2026-10-10" (also at calendar.extraWorkdays[0])',
      },
      { path: 'calendar.extraWorkdays[0].date', message: 'also a closure at calendar.closures[0]' },
      { path: 'grades[1].reviewRequired', message: 'must be true for a grade that does not close the case' },
      { path: 'satisfactionScale', message: 'at least one level must count as unsatisfied' },
      { path: 'letters.referral.body', message: 'unknown placeholder {deadline}' },
    ]);
  });

  it('takes a park wording for supervising a bureau written to, or uses the built-in one', () => {
    const wulingshan = parkRules('wulingshan');
    expect(wulingshan.letters.referralSupervision).toBeUndefined();
    expect(validateParkRules(wulingshan).ok).toBe(true);
    expect(supervisionWording(wulingshan.letters, 'REFERRED_BUREAU')).toBe(
      DEFAULT_REFERRAL_SUPERVISION_WORDING,
    );
    expect(supervisionWording(wulingshan.letters, 'ASSIGNEE')).toBe(wulingshan.letters.supervision);
    // The built-in wording cites the referral letter, and only with placeholders a park may use.
    expect(DEFAULT_REFERRAL_SUPERVISION_WORDING.body).toContain('（{referralLetterNo}）函请贵单位');
    expect(Object.values(DEFAULT_REFERRAL_SUPERVISION_WORDING).flatMap(unknownLetterPlaceholders)).toEqual(
      [],
    );

    const zhengyang = parkRules('zhengyang');
    expect(supervisionWording(zhengyang.letters, 'REFERRED_BUREAU')).toBe(
      zhengyang.letters.referralSupervision,
    );
    zhengyang.letters.referralSupervision!.body += '{assignedOn}';
    expect(problemsOf(zhengyang)).toEqual([
      { path: 'letters.referralSupervision.body', message: 'unknown placeholder {assignedOn}' },
    ]);
  });

  it('reports wrong types and missing sections without stopping', () => {
    expect(
      problemsOf({ schemaVersion: 3, categories: 'all', approvalRoutes: [{ condition: { major: 'yes' } }] }),
    ).toEqual(
      expect.arrayContaining([
        { path: 'schemaVersion', message: 'must be 2' },
        { path: 'categories', message: 'expected array, got string' },
        { path: 'approvalRoutes[0].code', message: 'required' },
        { path: 'approvalRoutes[0].condition.major', message: 'expected boolean, got string' },
        { path: 'contacts', message: 'required' },
        // The cross-field check still runs on the broken input.
        { path: 'approvalRoutes', message: 'a fallback route (empty condition) is required' },
      ]),
    );
    expect(problemsOf(null)).toEqual([{ path: '', message: 'expected object, got null' }]);
  });

  it('throws a typed error from assertValidParkRules', () => {
    const rules = parkRules('zhengyang');
    rules.grades = [];
    expect(() => assertValidParkRules(rules)).toThrow(ParkRulesInvalidError);
    try {
      assertValidParkRules(rules);
    } catch (error) {
      expect(error).toMatchObject({
        code: 'PARK_RULES_INVALID',
        problems: [{ path: 'grades', message: 'must list at least one grade' }],
      });
    }
  });

  it('formats paths with dots and indices', () => {
    expect(formatProblemPath(['approvalRoutes', 2, 'condition', 'departmentCountMin'])).toBe(
      'approvalRoutes[2].condition.departmentCountMin',
    );
    expect(formatProblemPath(['numbering', 'odd key'])).toBe('numbering["odd key"]');
    expect(formatProblemPath([])).toBe('');
  });
});
