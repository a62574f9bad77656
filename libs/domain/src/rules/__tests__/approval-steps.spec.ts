import { parseParkConfigYaml, toParkConfigYaml } from '../park-config-file.js';
import { matchApprovalRoute, type ApprovalFacts } from '../route-matching.js';
import { withRuleDefaults } from '../rules-defaults.js';
import { isFallbackCondition } from '../fallback-route.js';
import { validateParkRules } from '../validate-park-rules.js';
import { parkConfig, parkRules } from './park-fixtures.js';

const problemsOf = (rules: unknown) => {
  const result = validateParkRules(rules);
  return result.ok ? [] : result.problems;
};

/** Zhengyang's rules as a file would give them, with a route of its own at the front. */
const withFirstRoute = (route: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const rules = parkRules('zhengyang');
  return { ...rules, ...extra, approvalRoutes: [route, ...rules.approvalRoutes] };
};

const ROUTE = {
  code: 'KEY_PROJECT',
  labelZh: '重点项目：分管领导审核后常务副主任审签',
  labelEn: 'Key project: leader in charge, then executive deputy director',
  condition: { flagCodes: ['KEY_PROJECT'] },
  sendsReferralLetter: false,
};
const FLAGS = { caseFlags: [{ code: 'KEY_PROJECT', labelZh: '重点项目', labelEn: 'Key project' }] };

describe('approval chains in the rules', () => {
  it('read a route of one approverRole (the files so far) as a chain of that one sign-off', () => {
    const rules = parkRules('zhengyang');
    expect(rules.approvalRoutes.map((r) => r.approvalSteps)).toEqual([
      [{ role: 'EXECUTIVE_DEPUTY_DIRECTOR' }],
      [{ role: 'EXECUTIVE_DEPUTY_DIRECTOR' }],
      [{ role: 'EXECUTIVE_DEPUTY_DIRECTOR' }],
      [{ role: 'LEADER_IN_CHARGE' }],
      [{ role: 'EXECUTIVE_DEPUTY_DIRECTOR' }],
    ]);
    expect(rules.approvalRoutes.some((r) => 'approverRole' in r)).toBe(false);
    expect(rules.caseFlags).toEqual([]);
  });

  it('read stored rules of the old shape as the same rules (what the API reads back)', () => {
    const { caseFlags: _flags, ...rules } = parkRules('wulingshan');
    const stored = {
      ...rules,
      approvalRoutes: rules.approvalRoutes.map(({ approvalSteps, ...route }) => ({
        ...route,
        approverRole: approvalSteps[0].role,
      })),
    };
    expect(withRuleDefaults(stored)).toEqual(parkRules('wulingshan'));
  });

  it('accept an ordered chain with labels, and an empty one (the office assigns directly)', () => {
    const result = validateParkRules(
      withFirstRoute(
        {
          ...ROUTE,
          approvalSteps: [
            { role: 'LEADER_IN_CHARGE', labelZh: '分管领导审核', labelEn: 'Leader in charge reviews' },
            { role: 'EXECUTIVE_DEPUTY_DIRECTOR' },
          ],
        },
        FLAGS,
      ),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.rules.approvalRoutes[0].approvalSteps.map((s) => s.role)).toEqual([
      'LEADER_IN_CHARGE',
      'EXECUTIVE_DEPUTY_DIRECTOR',
    ]);
    expect(problemsOf(withFirstRoute({ ...ROUTE, approvalSteps: [] }, FLAGS))).toEqual([]);
  });

  it('refuse a route with both approverRole and approvalSteps, or with neither', () => {
    expect(
      problemsOf(
        withFirstRoute(
          { ...ROUTE, approverRole: 'LEADER_IN_CHARGE', approvalSteps: [{ role: 'LEADER_IN_CHARGE' }] },
          FLAGS,
        ),
      ),
    ).toEqual([
      {
        path: 'approvalRoutes[0].approverRole',
        message: 'give approvalSteps or approverRole (one sign-off), not both',
      },
    ]);
    expect(problemsOf(withFirstRoute(ROUTE, FLAGS))).toEqual([
      {
        path: 'approvalRoutes[0].approvalSteps',
        message: 'required (an empty list: the office assigns directly, with no sign-off)',
      },
    ]);
  });

  it('refuse a step whose role is not a park role, or with an empty label, at its path', () => {
    expect(
      problemsOf(
        withFirstRoute(
          { ...ROUTE, approvalSteps: [{ role: 'LEADER_IN_CHARGE' }, { role: 'MAYOR', labelZh: ' ' }] },
          FLAGS,
        ),
      ),
    ).toEqual([
      { path: 'approvalRoutes[0].approvalSteps[1].role', message: 'unknown role "MAYOR"' },
      { path: 'approvalRoutes[0].approvalSteps[1].labelZh', message: 'must not be empty' },
    ]);
    expect(
      problemsOf(withFirstRoute({ ...ROUTE, approvalSteps: [{ role: 'PLATFORM_ADMIN' }] }, FLAGS)),
    ).toEqual([
      { path: 'approvalRoutes[0].approvalSteps[0].role', message: 'unknown role "PLATFORM_ADMIN"' },
    ]);
  });

  it('write a chain to a file and read it back the same', () => {
    const result = validateParkRules(
      withFirstRoute({ ...ROUTE, approvalSteps: [{ role: 'LEADER_IN_CHARGE' }] }, FLAGS),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const config = { park: parkConfig('zhengyang').park, rules: result.rules };
    const again = parseParkConfigYaml(toParkConfigYaml(config));
    expect(again).toEqual({ ok: true, config });
  });
});

describe('case flags in the rules', () => {
  it('check that a route names flags the park defines, once each', () => {
    expect(
      problemsOf(
        withFirstRoute(
          { ...ROUTE, condition: { flagCodes: ['KEY_PROJECT', 'VIP'] }, approvalSteps: [] },
          {
            caseFlags: [
              ...FLAGS.caseFlags,
              { code: 'KEY_PROJECT', labelZh: '重点项目（重复）', labelEn: 'Key project again' },
            ],
          },
        ),
      ),
    ).toEqual([
      { path: 'caseFlags[1].code', message: 'duplicate code "KEY_PROJECT" (also at caseFlags[0])' },
      { path: 'approvalRoutes[0].condition.flagCodes[1]', message: 'unknown flag "VIP"' },
    ]);
    expect(
      problemsOf(withFirstRoute({ ...ROUTE, condition: { flagCodes: [] }, approvalSteps: [] }, FLAGS)),
    ).toEqual([{ path: 'approvalRoutes[0].condition.flagCodes', message: 'must list at least one flag' }]);
  });

  it('make a condition with flags no fallback', () => {
    expect(isFallbackCondition({ flagCodes: ['KEY_PROJECT'] })).toBe(false);
    const rules = parkRules('zhengyang');
    rules.approvalRoutes.splice(-1);
    rules.approvalRoutes.push({ ...ROUTE, approvalSteps: [] });
    expect(problemsOf({ ...rules, ...FLAGS })).toEqual([
      { path: 'approvalRoutes', message: 'a fallback route (empty condition) is required' },
    ]);
  });

  it('route a case by its flags: every listed flag must be set', () => {
    const rules = {
      approvalRoutes: [
        { ...ROUTE, condition: { flagCodes: ['KEY_PROJECT', 'REPEATED'] }, approvalSteps: [] },
        ...parkRules('zhengyang').approvalRoutes,
      ],
    };
    const facts = (flagCodes?: string[]): ApprovalFacts => ({
      jurisdiction: 'PARK',
      departmentCount: 1,
      major: false,
      policyHeavy: false,
      categoryCode: 'OTHER',
      ...(flagCodes ? { flagCodes } : {}),
    });
    expect(matchApprovalRoute(rules, facts(['REPEATED', 'KEY_PROJECT'])).route.code).toBe('KEY_PROJECT');
    const one = matchApprovalRoute(rules, facts(['KEY_PROJECT']));
    expect(one.route.code).toBe('PARK_SINGLE_DEPARTMENT');
    expect(one.skipped[0]).toEqual({ index: 0, code: 'KEY_PROJECT', failed: ['flagCodes'] });
    expect(matchApprovalRoute(rules, facts()).route.code).toBe('PARK_SINGLE_DEPARTMENT');
  });
});
