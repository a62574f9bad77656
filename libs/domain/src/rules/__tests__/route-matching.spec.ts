import { NoApprovalRouteError } from '../errors.js';
import { ccOfficesFor, matchApprovalRoute, type ApprovalFacts } from '../route-matching.js';
import { parkRules } from './park-fixtures.js';

const facts = (overrides: Partial<ApprovalFacts>): ApprovalFacts => ({
  jurisdiction: 'PARK',
  departmentCount: 1,
  major: false,
  policyHeavy: false,
  categoryCode: 'OTHER',
  ...overrides,
});

const routeOf = (rules: ReturnType<typeof parkRules>, f: Partial<ApprovalFacts>) => {
  const { route, index } = matchApprovalRoute(rules, facts(f));
  return {
    code: route.code,
    index,
    // Each route of these rulebooks has one sign-off.
    approverRole: route.approvalSteps.length === 1 ? route.approvalSteps[0].role : route.approvalSteps,
    sendsReferralLetter: route.sendsReferralLetter,
  };
};

describe('matchApprovalRoute: Zhengyang (Art. 7)', () => {
  const rules = parkRules('zhengyang');

  it('sends a single park department case to the leader in charge', () => {
    expect(routeOf(rules, { departmentCount: 1 })).toEqual({
      code: 'PARK_SINGLE_DEPARTMENT',
      index: 3,
      approverRole: 'LEADER_IN_CHARGE',
      sendsReferralLetter: false,
    });
  });

  it('sends a case of several departments to the executive deputy director', () => {
    expect(routeOf(rules, { departmentCount: 3 })).toMatchObject({
      code: 'PARK_SEVERAL_DEPARTMENTS',
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
      sendsReferralLetter: false,
    });
  });

  it('sends a complex (major) single-department case to the executive deputy director', () => {
    expect(routeOf(rules, { departmentCount: 1, major: true })).toMatchObject({
      code: 'PARK_COMPLEX',
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
    });
  });

  it('sends a district case to the executive deputy director with a referral letter', () => {
    expect(routeOf(rules, { jurisdiction: 'DISTRICT', departmentCount: 1 })).toEqual({
      code: 'DISTRICT_REFERRAL',
      index: 0,
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
      sendsReferralLetter: true,
    });
  });

  it('says why the earlier routes did not match', () => {
    const match = matchApprovalRoute(rules, facts({ departmentCount: 1 }));
    expect(match.isFallback).toBe(false);
    expect(match.skipped).toEqual([
      { index: 0, code: 'DISTRICT_REFERRAL', failed: ['jurisdiction'] },
      { index: 1, code: 'PARK_SEVERAL_DEPARTMENTS', failed: ['departmentCountMin'] },
      { index: 2, code: 'PARK_COMPLEX', failed: ['major'] },
    ]);
  });

  it('falls back to the route with an empty condition', () => {
    const withoutSingle = {
      approvalRoutes: rules.approvalRoutes.filter((r) => r.code !== 'PARK_SINGLE_DEPARTMENT'),
    };
    expect(matchApprovalRoute(withoutSingle, facts({ departmentCount: 1 }))).toMatchObject({
      index: 3,
      isFallback: true,
      route: { code: 'FALLBACK', approvalSteps: [{ role: 'EXECUTIVE_DEPUTY_DIRECTOR' }] },
    });
  });

  it('copies 区民促办 always and 区整顿办 for major cases (Art. 7.2)', () => {
    expect(ccOfficesFor(rules, { major: false }).map((o) => o.name)).toEqual(['区民促办']);
    expect(ccOfficesFor(rules, { major: true }).map((o) => o.name)).toEqual(['区民促办', '区整顿办']);
  });

  it('throws a typed error when rules without a fallback match nothing', () => {
    const broken = { approvalRoutes: rules.approvalRoutes.slice(0, 1) };
    expect(() => matchApprovalRoute(broken, facts({}))).toThrow(NoApprovalRouteError);
  });
});

describe('matchApprovalRoute: Wulingshan (three tiers)', () => {
  const rules = parkRules('wulingshan');

  it.each([
    [{ departmentCount: 1 }, 'ONE_DEPARTMENT', 'LEADER_IN_CHARGE', false],
    [{ departmentCount: 2 }, 'TWO_OR_THREE_DEPARTMENTS', 'EXECUTIVE_DEPUTY_DIRECTOR', false],
    [{ departmentCount: 3 }, 'TWO_OR_THREE_DEPARTMENTS', 'EXECUTIVE_DEPUTY_DIRECTOR', false],
    [{ departmentCount: 4 }, 'FOUR_OR_MORE_DEPARTMENTS', 'EXECUTIVE_DEPUTY_DIRECTOR', true],
    [{ departmentCount: 1, major: true }, 'MAJOR', 'EXECUTIVE_DEPUTY_DIRECTOR', true],
    [{ jurisdiction: 'DISTRICT', departmentCount: 1 }, 'DISTRICT_REFERRAL', 'LEADER_IN_CHARGE', true],
    [{ jurisdiction: 'DISTRICT', major: true }, 'MAJOR', 'EXECUTIVE_DEPUTY_DIRECTOR', true],
    [
      { policyHeavy: true, categoryCode: 'TAX_FEES' },
      'POLICY_HEAVY_INCENTIVES',
      'EXECUTIVE_DEPUTY_DIRECTOR',
      false,
    ],
    [{ policyHeavy: true, categoryCode: 'LOGISTICS' }, 'ONE_DEPARTMENT', 'LEADER_IN_CHARGE', false],
  ] as [Partial<ApprovalFacts>, string, string, boolean][])(
    '%o → %s',
    (f, code, approverRole, sendsReferralLetter) => {
      expect(routeOf(rules, f)).toMatchObject({ code, approverRole, sendsReferralLetter });
    },
  );

  it('lets a route narrow its cc offices', () => {
    const district = matchApprovalRoute(rules, facts({ jurisdiction: 'DISTRICT' })).route;
    const major = matchApprovalRoute(rules, facts({ major: true })).route;
    expect(ccOfficesFor(rules, { major: true, route: district }).map((o) => o.code)).toEqual([
      'DISTRICT_PRIVATE_ECONOMY_OFFICE',
    ]);
    expect(ccOfficesFor(rules, { major: true, route: major }).map((o) => o.code)).toEqual([
      'DISTRICT_PRIVATE_ECONOMY_OFFICE',
      'DISTRICT_RECTIFICATION_OFFICE',
    ]);
  });
});
