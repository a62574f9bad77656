import { addWorkingDays, createWorkingDayCalendar } from '../../calendar/working-days.js';
import { stageDeadline } from '../../cases/deadlines.js';
import { parseParkConfigYaml } from '../park-config-file.js';
import { PARK_RULES_SCHEMA_VERSION } from '../park-rules.schema.js';
import { RULES_DEFAULTS, withRuleDefaults } from '../rules-defaults.js';
import { validateParkRules } from '../validate-park-rules.js';
import { parkConfig, parkRules, parkYaml } from './park-fixtures.js';

/** A rulebook that states only what has no default: who the park is, its departments and routes. */
const MINIMAL = {
  schemaVersion: 2,
  departments: [
    { code: 'OFFICE', name: '综合办公室', kind: 'PARK', active: true },
    { code: 'DISTRICT_TAXATION', name: '区税务局', kind: 'DISTRICT', active: true },
  ],
  approvalRoutes: [
    {
      code: 'DISTRICT',
      labelZh: '区级部门：发函',
      labelEn: 'District bureau: letter',
      condition: { jurisdiction: 'DISTRICT' },
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
      sendsReferralLetter: true,
    },
    {
      code: 'FALLBACK',
      labelZh: '园区部室：分管领导审批',
      labelEn: 'Park department: leader approves',
      condition: {},
      approverRole: 'LEADER_IN_CHARGE',
      sendsReferralLetter: false,
    },
  ],
  contacts: {
    serviceCenterName: '示范园区企业服务中心',
    serviceCenterHotline: '023-00000000',
    issuingBodyName: '示范园区管理委员会',
    issuingOfficeName: '示范园区管理委员会办公室',
    leadingGroupOfficeName: '园区服务企业领导小组办公室',
  },
  // One deadline stated; the others keep their defaults.
  deadlines: { departmentReply: { amount: 15, unit: 'WORKING_DAYS' } },
};

describe('rules schema version 2: defaults for what a rulebook does not state', () => {
  it('accepts a rulebook that states only its departments, routes and contacts', () => {
    const result = validateParkRules(MINIMAL);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { rules } = result;
    expect(rules.schemaVersion).toBe(2);
    expect(rules.categories.map((c) => c.labelZh)).toContain('招工用工');
    expect(rules.grades.map((g) => g.code)).toEqual(['A', 'B', 'C']);
    expect(rules.satisfactionScale).toEqual(RULES_DEFAULTS.satisfactionScale);
    expect(rules.numbering.REGISTRATION.format).toBe('企业困难问题〔{year}〕第{seq}号');
    expect(rules.deadlines.departmentReply).toEqual({ amount: 15, unit: 'WORKING_DAYS' });
    expect(rules.deadlines.referralReply).toEqual({ amount: 5, unit: 'WORKING_DAYS' });
    expect(rules.letters.referral.body).toContain('{replyPeriod}');
    expect(rules.templates.ASSIGNMENT_SHEET).toBeNull();
    expect(rules.calendar).toEqual({ closures: [], extraWorkdays: [] });
  });

  it('never shares a default between two parks', () => {
    const a = validateParkRules(MINIMAL);
    const b = validateParkRules(MINIMAL);
    if (!a.ok || !b.ok) throw new Error('invalid');
    a.rules.categories[0].labelZh = '改了';
    expect(b.rules.categories[0].labelZh).toBe('政策执行');
    expect(RULES_DEFAULTS.categories[0].labelZh).toBe('政策执行');
  });

  it('still names what has no default', () => {
    const result = validateParkRules({ schemaVersion: 2 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['departments', 'approvalRoutes', 'contacts']),
    );
    expect(result.problems.map((p) => p.path)).not.toContain('categories');
  });

  it('reads a version 1 file (Zhengyang and Wulingshan as first published) as version 2, unchanged', () => {
    for (const park of ['zhengyang', 'wulingshan'] as const) {
      const v1 = parkYaml(park).replace(/schemaVersion: \d+/, 'schemaVersion: 1');
      const result = parseParkConfigYaml(v1);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(result.config.rules).toEqual({
        ...parkConfig(park).rules,
        schemaVersion: PARK_RULES_SCHEMA_VERSION,
      });
    }
    // Stored version 1 rules as the API reads them back.
    const stored = { ...parkRules('zhengyang'), schemaVersion: 1 };
    expect(withRuleDefaults(stored)).toEqual(parkRules('zhengyang'));
  });

  it('takes 0 as the same day', () => {
    const result = validateParkRules({
      ...MINIMAL,
      deadlines: { verification: { amount: 0, unit: 'WORKING_DAYS' } },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(stageDeadline(result.rules, 'verification', '2026-12-08').due).toBe('2026-12-08');
    expect(addWorkingDays(createWorkingDayCalendar(), '2026-12-08', 0)).toEqual({
      due: '2026-12-08',
      trace: [],
    });
  });
});
