import { ccOfficesFor, ccOfficesOn } from '../route-matching.js';
import { withRuleDefaults } from '../rules-defaults.js';
import { validateParkRules } from '../validate-park-rules.js';
import type { ParkRules } from '../park-rules.schema.js';
import { parkConfig, parkRules } from './park-fixtures.js';

const problemsOf = (input: unknown) => {
  const result = validateParkRules(input);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};

/** Zhengyang with the city's supervision office copied on everything and receiving overdue cases. */
function withOutsideOffice(): ParkRules {
  const rules = parkRules('zhengyang');
  rules.ccOffices.push({
    code: 'CITY_SUPERVISION_OFFICE',
    name: '市委督查室',
    when: 'ALWAYS',
    copiedOn: ['ASSIGNMENT_SHEET', 'RESULT_REPORT', 'SUPERVISION_LETTER', 'OVERDUE_HANDOVER'],
  });
  rules.ccOffices[1].copiedOn = ['REFERRAL_LETTER', 'SUPERVISION_LETTER'];
  rules.overdueHandover = { officeCodes: ['CITY_SUPERVISION_OFFICE'], afterWorkingDays: 3 };
  return rules;
}

describe('cc offices: what each office is copied on', () => {
  it('Zhengyang and Wulingshan copy their offices on referral letters only, as before', () => {
    for (const park of ['zhengyang', 'wulingshan'] as const) {
      const { rules } = parkConfig(park);
      expect(rules.ccOffices.map((o) => o.copiedOn)).toEqual([['REFERRAL_LETTER'], ['REFERRAL_LETTER']]);
      expect(rules.overdueHandover).toBeNull();
      expect(rules.numbering.HANDOVER_LETTER).toEqual({ format: '移交〔{year}〕第{seq}号', reset: 'YEARLY' });
    }
    const rules = parkRules('zhengyang');
    expect(ccOfficesFor(rules, { major: false }).map((o) => o.name)).toEqual(['区民促办']);
    expect(ccOfficesFor(rules, { major: true }).map((o) => o.name)).toEqual(['区民促办', '区整顿办']);
    for (const occasion of ['ASSIGNMENT_SHEET', 'SUPERVISION_LETTER', 'OVERDUE_HANDOVER'] as const)
      expect(ccOfficesOn(rules, occasion, { major: true })).toEqual([]);
  });

  it('reads stored rules whose offices do not say what they are copied on (referral letters)', () => {
    const stored = parkRules('zhengyang') as unknown as { ccOffices: Record<string, unknown>[] };
    for (const office of stored.ccOffices) delete office.copiedOn;
    expect(withRuleDefaults(stored)).toEqual(parkRules('zhengyang'));
  });

  it('copies each office on the documents and events it names, by its `when`', () => {
    const rules = withOutsideOffice();
    expect(validateParkRules(rules)).toEqual({ ok: true, rules });
    const names = (occasion: Parameters<typeof ccOfficesOn>[1], major: boolean) =>
      ccOfficesOn(rules, occasion, { major }).map((o) => o.code);
    expect(names('ASSIGNMENT_SHEET', false)).toEqual(['CITY_SUPERVISION_OFFICE']);
    expect(names('SUPERVISION_LETTER', false)).toEqual(['CITY_SUPERVISION_OFFICE']);
    // 区整顿办 is MAJOR_ONLY on every occasion it names.
    expect(names('SUPERVISION_LETTER', true)).toEqual([
      'DISTRICT_RECTIFICATION_OFFICE',
      'CITY_SUPERVISION_OFFICE',
    ]);
    expect(names('REFERRAL_LETTER', true)).toEqual([
      'DISTRICT_PRIVATE_ECONOMY_OFFICE',
      'DISTRICT_RECTIFICATION_OFFICE',
    ]);
    // The offices a hand-over letter is addressed to are not also copied.
    expect(
      ccOfficesOn(rules, 'OVERDUE_HANDOVER', { major: true, addressedTo: ['CITY_SUPERVISION_OFFICE'] }),
    ).toEqual([]);
  });

  it('reports wrong occasions and hand-overs with their paths', () => {
    const rules = withOutsideOffice() as unknown as Record<string, unknown> & ParkRules;
    (rules.ccOffices[0] as { copiedOn: string[] }).copiedOn = ['REFERRAL_LETTER', 'MEETING_MINUTES'];
    rules.ccOffices[1].copiedOn = [];
    rules.ccOffices[2].copiedOn = ['RESULT_REPORT', 'RESULT_REPORT'];
    rules.overdueHandover = { officeCodes: ['CITY_SUPERVISION_OFFICE', 'NOBODY'], afterWorkingDays: -1 };
    expect(problemsOf(rules)).toEqual([
      {
        path: 'ccOffices[0].copiedOn[1]',
        message:
          'must be one of: REFERRAL_LETTER, ASSIGNMENT_SHEET, RESULT_REPORT, SUPERVISION_LETTER, OVERDUE_HANDOVER',
      },
      { path: 'ccOffices[1].copiedOn', message: 'must name at least one document or event' },
      {
        path: 'overdueHandover.afterWorkingDays',
        message: 'must be at least 0 (0: the day of the letter)',
      },
      { path: 'ccOffices[2].copiedOn[1]', message: 'listed twice' },
      { path: 'overdueHandover.officeCodes[1]', message: 'unknown cc office "NOBODY"' },
    ]);
  });

  it('hands over only where overdue cases are supervised, and a route narrows referral copies only', () => {
    const rules = withOutsideOffice();
    rules.supervisionTriggers = rules.supervisionTriggers.filter((t) => t.event !== 'OVERDUE');
    rules.approvalRoutes[0].ccOfficeCodes = ['CITY_SUPERVISION_OFFICE'];
    rules.overdueHandover!.officeCodes.push('CITY_SUPERVISION_OFFICE');
    expect(problemsOf(rules)).toEqual([
      { path: 'overdueHandover.officeCodes[1]', message: 'listed twice' },
      {
        path: 'overdueHandover',
        message: 'requires the supervision of overdue cases (supervisionTriggers: OVERDUE → SUPERVISION)',
      },
      {
        path: 'approvalRoutes[0].ccOfficeCodes[0]',
        message: 'cc office "CITY_SUPERVISION_OFFICE" is not copied on referral letters (copiedOn)',
      },
    ]);
  });

  it('numbers hand-over letters in a format of their own', () => {
    const rules = withOutsideOffice();
    rules.numbering.HANDOVER_LETTER = { format: rules.numbering.SUPERVISION_LETTER.format, reset: 'YEARLY' };
    expect(problemsOf(rules)).toEqual([
      { path: 'numbering.HANDOVER_LETTER.format', message: 'same format as numbering.SUPERVISION_LETTER' },
    ]);
  });
});
